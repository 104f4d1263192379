// Writes src/server/protobuf/schema.generated.ts: the protobuf messages of the served kinds, from
// k8s.io/api's and k8s.io/apimachinery's generated.proto files and Go struct tags.
//
//   npx tsx scripts/gen-protobuf-schema.ts [--api GIT_DIR@REF] [--apimachinery GIT_DIR@REF]
//
// Each source is a git directory (bare or not) and a tag or commit, by default this machine's
// mirrors (../.mirror/kubernetes+api/repo, …+apimachinery/repo beside the checkout) at the release
// the simulation follows. The generated file is committed; running this twice gives the same bytes,
// and scripts/protobufSchema.test.ts checks the committed file against the sources when they are here.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, renderSchema } from './protobufSchema.ts';
import { defaultSources, gitReader } from './protobufSources.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const sources = defaultSources();
if (arg('api')) sources.api = arg('api') as string;
if (arg('apimachinery')) sources.apimachinery = arg('apimachinery') as string;
const reader = gitReader(sources);
const schema = buildSchema(reader, reader.describe());
const out = fileURLToPath(new URL('../src/server/protobuf/schema.generated.ts', import.meta.url));
writeFileSync(out, renderSchema(schema));
console.log(`${out}: ${schema.messages.length} messages, ${schema.kinds.length} kinds`);
if (schema.renamed.length)
  console.log(`fields whose JSON name is not their proto name:\n  ${schema.renamed.join('\n  ')}`);
