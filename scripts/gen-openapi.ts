// Generates src/server/openapi/generated/: the OpenAPI v2 document and the v3 documents per
// group version that the API server serves for the resources it serves (src/engine/api/
// resources.ts), from the Kubernetes release's own OpenAPI and Go types.
//
//   npx tsx scripts/gen-openapi.ts [--swagger GITDIR@REF:PATH] [--api GITDIR@REF]
//                                  [--apimachinery GITDIR@REF]
//
// Defaults read the mirrors on this machine: the v1.34.0 swagger.json that
// kubernetes-client/javascript 8452b86e recorded unprocessed, and k8s.io/api and
// k8s.io/apimachinery at v0.34.0 (the Go types of the same release, for the enum values the
// published document leaves out). Not run by `npm test`: the output is committed, and
// scripts/gen-openapi.test.ts checks it matches. Running it twice gives the same bytes.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { RESOURCES } from '../src/engine/api/resources.ts';
import { KUBERNETES_VERSION } from '../src/engine/sim/defaults.ts';
import { type Generated, generateOpenAPI, v3FileName } from './openapi/generate.ts';
import { GoUniverse, gitTree } from './openapi/goSource.ts';
import { swaggerProtobuf } from './openapi/protobuf.ts';
import type { SwaggerDocument } from './openapi/types.ts';

export const DEFAULT_INPUTS = {
  swagger:
    '/work/.mirror/kubernetes-client+javascript/repo@8452b86e:src/gen/swagger.json.unprocessed',
  api: '/work/.mirror/kubernetes+api/repo@v0.34.0',
  apimachinery: '/work/.mirror/kubernetes+apimachinery/repo@v0.34.0',
};

export const SOURCE =
  'kubernetes v1.34.0 api/openapi-spec/swagger.json (kubernetes-client/javascript 8452b86e ' +
  'src/gen/swagger.json.unprocessed), enum values from k8s.io/api and k8s.io/apimachinery v0.34.0';

export const OUT_DIR = fileURLToPath(new URL('../src/server/openapi/generated/', import.meta.url));

function splitRef(spec: string): [string, string] {
  const at = spec.lastIndexOf('@');
  if (at < 0) throw new Error(`${spec}: expected GITDIR@REF`);
  return [spec.slice(0, at), spec.slice(at + 1)];
}

/** Runs the generator on INPUTS (git mirrors); throws if one is missing. */
export function generateFromMirrors(inputs = DEFAULT_INPUTS): Generated {
  const [swaggerRepo, swaggerRefPath] = splitRef(inputs.swagger);
  const swagger = JSON.parse(
    execFileSync('git', ['-C', swaggerRepo, 'show', swaggerRefPath], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    }),
  ) as SwaggerDocument;
  const api = gitTree(...splitRef(inputs.api));
  const apimachinery = gitTree(...splitRef(inputs.apimachinery));
  const go = new GoUniverse((pkg) => {
    if (pkg.startsWith('k8s.io/api/')) return { tree: api, dir: pkg.slice('k8s.io/api/'.length) };
    if (pkg.startsWith('k8s.io/apimachinery/'))
      return { tree: apimachinery, dir: pkg.slice('k8s.io/apimachinery/'.length) };
    throw new Error(`no source for Go package ${pkg}`);
  });
  return generateOpenAPI(swagger, go, RESOURCES, KUBERNETES_VERSION);
}

/** SHA-512 of the bytes served, upper-case hex: the hash /openapi/v3 puts in each URL. */
export function documentHash(body: string | Buffer): string {
  return createHash('sha512').update(body).digest('hex').toUpperCase();
}

/**
 * The files to write: the bytes the server sends (and hashes) — compact JSON, and the v2
 * document in protobuf too — and a manifest.
 */
export function renderFiles(generated: Generated): Map<string, string | Buffer> {
  const files = new Map<string, string | Buffer>();
  const entry = (file: string, body: string | Buffer) => {
    files.set(file, body);
    return { file, hash: documentHash(body) };
  };
  const manifest = {
    source: SOURCE,
    version: KUBERNETES_VERSION,
    v2: entry('v2.json', JSON.stringify(generated.v2)),
    v2Protobuf: entry('v2.pb', swaggerProtobuf(generated.v2)),
    v3: Object.fromEntries(
      [...generated.v3].map(([gv, doc]) => [
        gv,
        entry(`v3/${v3FileName(gv)}`, JSON.stringify(doc)),
      ]),
    ),
  };
  files.set('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  return files;
}

/** manifest.json stays readable; the documents are stored gzip-compressed. */
export function storedName(file: string): string {
  return file === 'manifest.json' ? file : `${file}.gz`;
}

function main() {
  const args = process.argv.slice(2);
  const inputs = { ...DEFAULT_INPUTS };
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i].replace(/^--/, '') as keyof typeof inputs;
    if (!(key in inputs) || args[i + 1] === undefined) {
      console.error(
        'usage: npx tsx scripts/gen-openapi.ts [--swagger GITDIR@REF:PATH] [--api GITDIR@REF] [--apimachinery GITDIR@REF]',
      );
      process.exit(2);
    }
    inputs[key] = args[i + 1];
  }
  const files = renderFiles(generateFromMirrors(inputs));
  rmSync(OUT_DIR, { recursive: true, force: true });
  for (const [file, text] of files) {
    const path = join(OUT_DIR, storedName(file));
    mkdirSync(join(path, '..'), { recursive: true });
    // level 9 and no name or time in the header: the same input gives the same bytes.
    writeFileSync(path, file === 'manifest.json' ? text : gzipSync(text, { level: 9 }));
    console.log(`${path}: ${Buffer.byteLength(text)} bytes before compression`);
  }
  console.log(readdirSync(OUT_DIR));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
