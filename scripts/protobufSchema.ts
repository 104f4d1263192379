/**
 * The protobuf schema of the served kinds, built from Kubernetes' own sources: each message's
 * fields (number, wire type, repeated or map, message type) from the `generated.proto` files, and
 * what the JSON serializer does with each field (its JSON name, `omitempty`/`omitzero`, `,inline`,
 * whether the Go field is a pointer) from the Go struct tags in the same packages, matched by
 * field number. The .proto files alone cannot say what JSON the same Go object has: `Volume`
 * inlines its `volumeSource` (field 2), `creationTimestamp` is `omitzero`, a pointer's zero is
 * printed and a plain field's is not.
 *
 * Pure: it reads through a `SourceReader`, so the test and the CLI (gen-protobuf-schema.ts) share it.
 */

export interface SourceReader {
  /** The text of `path` in repository `repo` ('api' = k8s.io/api, 'apimachinery'). */
  read(repo: SourceRepo, path: string): string;
  /** The file names (not paths) in directory `dir` of `repo`. */
  list(repo: SourceRepo, dir: string): string[];
}
export type SourceRepo = 'api' | 'apimachinery';

/** The packages the served kinds reach, with where each lives. */
const PACKAGES: Package[] = [
  { proto: 'k8s.io.api.core.v1', repo: 'api', dir: 'core/v1' },
  { proto: 'k8s.io.api.apps.v1', repo: 'api', dir: 'apps/v1' },
  { proto: 'k8s.io.api.batch.v1', repo: 'api', dir: 'batch/v1' },
  { proto: 'k8s.io.api.discovery.v1', repo: 'api', dir: 'discovery/v1' },
  { proto: 'k8s.io.api.coordination.v1', repo: 'api', dir: 'coordination/v1' },
  { proto: 'k8s.io.api.policy.v1', repo: 'api', dir: 'policy/v1' },
  { proto: 'k8s.io.api.autoscaling.v1', repo: 'api', dir: 'autoscaling/v1' },
  { proto: 'k8s.io.apimachinery.pkg.apis.meta.v1', repo: 'apimachinery', dir: 'pkg/apis/meta/v1' },
  { proto: 'k8s.io.apimachinery.pkg.api.resource', repo: 'apimachinery', dir: 'pkg/api/resource' },
  { proto: 'k8s.io.apimachinery.pkg.util.intstr', repo: 'apimachinery', dir: 'pkg/util/intstr' },
  { proto: 'k8s.io.apimachinery.pkg.runtime', repo: 'apimachinery', dir: 'pkg/runtime' },
  {
    proto: 'k8s.io.apimachinery.pkg.runtime.schema',
    repo: 'apimachinery',
    dir: 'pkg/runtime/schema',
  },
];

/** The kinds a body may carry: the served kinds (src/engine/api/resources.ts) and the options. */
export const PROTO_ROOTS: [apiVersion: string, kind: string, message: string][] = [
  ['v1', 'Pod', 'k8s.io.api.core.v1.Pod'],
  ['v1', 'Node', 'k8s.io.api.core.v1.Node'],
  ['v1', 'Namespace', 'k8s.io.api.core.v1.Namespace'],
  ['v1', 'Service', 'k8s.io.api.core.v1.Service'],
  ['v1', 'Event', 'k8s.io.api.core.v1.Event'],
  ['v1', 'ServiceAccount', 'k8s.io.api.core.v1.ServiceAccount'],
  ['v1', 'ConfigMap', 'k8s.io.api.core.v1.ConfigMap'],
  ['v1', 'Secret', 'k8s.io.api.core.v1.Secret'],
  ['v1', 'Binding', 'k8s.io.api.core.v1.Binding'],
  ['apps/v1', 'Deployment', 'k8s.io.api.apps.v1.Deployment'],
  ['apps/v1', 'ReplicaSet', 'k8s.io.api.apps.v1.ReplicaSet'],
  ['apps/v1', 'DaemonSet', 'k8s.io.api.apps.v1.DaemonSet'],
  ['apps/v1', 'StatefulSet', 'k8s.io.api.apps.v1.StatefulSet'],
  ['apps/v1', 'ControllerRevision', 'k8s.io.api.apps.v1.ControllerRevision'],
  ['batch/v1', 'Job', 'k8s.io.api.batch.v1.Job'],
  ['batch/v1', 'CronJob', 'k8s.io.api.batch.v1.CronJob'],
  ['discovery.k8s.io/v1', 'EndpointSlice', 'k8s.io.api.discovery.v1.EndpointSlice'],
  ['coordination.k8s.io/v1', 'Lease', 'k8s.io.api.coordination.v1.Lease'],
  ['policy/v1', 'Eviction', 'k8s.io.api.policy.v1.Eviction'],
  ['autoscaling/v1', 'Scale', 'k8s.io.api.autoscaling.v1.Scale'],
  // Options: DeleteOptions is registered in every group version (metav1.AddToGroupVersion).
  ['v1', 'DeleteOptions', 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions'],
  ['meta.k8s.io/v1', 'DeleteOptions', 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions'],
  ['apps/v1', 'DeleteOptions', 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions'],
  ['batch/v1', 'DeleteOptions', 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions'],
  ['discovery.k8s.io/v1', 'DeleteOptions', 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions'],
  ['coordination.k8s.io/v1', 'DeleteOptions', 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions'],
  ['policy/v1', 'DeleteOptions', 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions'],
  ['autoscaling/v1', 'DeleteOptions', 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions'],
];

/**
 * Messages whose Go types marshal JSON themselves (MarshalJSON) and read their own protobuf
 * (time_proto.go, micro_time_proto.go, duration.go, intstr.go, quantity_proto.go, RawExtension's
 * and FieldsV1's Raw): one letter each, and the exact field layout the reader assumes.
 */
const LEAVES: Record<string, { code: string; layout: string }> = {
  'k8s.io.apimachinery.pkg.apis.meta.v1.Time': {
    code: 't',
    layout: 'int64 seconds = 1; int32 nanos = 2',
  },
  'k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime': {
    code: 'm',
    layout: 'int64 seconds = 1; int32 nanos = 2',
  },
  'k8s.io.apimachinery.pkg.apis.meta.v1.Duration': { code: 'd', layout: 'int64 duration = 1' },
  'k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1': { code: 'f', layout: 'bytes Raw = 1' },
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': {
    code: 'x',
    layout: 'int64 type = 1; int32 intVal = 2; string strVal = 3',
  },
  'k8s.io.apimachinery.pkg.api.resource.Quantity': { code: 'q', layout: 'string string = 1' },
  'k8s.io.apimachinery.pkg.runtime.RawExtension': { code: 'r', layout: 'bytes raw = 1' },
};
/** The envelope (runtime.Unknown, runtime.TypeMeta): read by hand, checked here. */
const ENVELOPE: Record<string, string> = {
  'k8s.io.apimachinery.pkg.runtime.Unknown':
    'runtime.TypeMeta typeMeta = 1; bytes raw = 2; string contentEncoding = 3; string contentType = 4',
  'k8s.io.apimachinery.pkg.runtime.TypeMeta': 'string apiVersion = 1; string kind = 2',
};

const SCALARS: Record<string, string> = {
  string: 's',
  int32: 'i',
  int64: 'l',
  bool: 'b',
  bytes: 'y',
};

/** Flag bits of a field (kept in step with src/server/protobuf/schema.ts). */
export const FLAG = {
  repeated: 1,
  map: 2,
  pointer: 4,
  omitempty: 8,
  inline: 16,
  omitzero: 32,
} as const;

interface ProtoFieldDecl {
  number: number;
  name: string;
  label: 'optional' | 'repeated' | 'required' | 'map';
  /** Fully qualified message name, or a scalar type name. */
  type: string;
}
interface GoFieldDecl {
  goName: string;
  goType: string;
  number: number;
  json: { name: string; omitempty: boolean; omitzero: boolean; inline: boolean };
}

export interface Schema {
  source: string;
  kinds: [string, string][];
  /** Short message name → its fields in Go struct order. */
  messages: [string, GeneratedField[]][];
  /** Fields whose JSON name is not their proto name (FYI; the schema uses the JSON name). */
  renamed: string[];
}
export type GeneratedField = [
  number: number,
  json: string,
  type: string,
  flags: number,
  goName?: string,
];

/** `generated.proto`: its package and messages (field declarations, comments dropped). */
export function parseProto(text: string): {
  pkg: string;
  messages: Map<string, ProtoFieldDecl[]>;
} {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\/\/.*$/, '').trim())
    .filter(Boolean);
  let pkg = '';
  const messages = new Map<string, ProtoFieldDecl[]>();
  let current: ProtoFieldDecl[] | undefined;
  for (const line of lines) {
    const p = /^package ([\w.]+);$/.exec(line);
    if (p) pkg = p[1];
    const m = /^message (\w+) \{$/.exec(line);
    if (m) {
      if (current) throw new Error(`nested message ${m[1]}: not expected in generated.proto`);
      current = [];
      messages.set(`${pkg}.${m[1]}`, current);
      continue;
    }
    if (line === '}') {
      current = undefined;
      continue;
    }
    if (!current) continue;
    const f = /^(optional|repeated|required) ([\w.]+) (\w+) = (\d+);$/.exec(line);
    const map = /^map<string, ([\w.]+)> (\w+) = (\d+);$/.exec(line);
    if (f) {
      current.push({
        label: f[1] as ProtoFieldDecl['label'],
        type: qualify(f[2], pkg),
        name: f[3],
        number: Number(f[4]),
      });
    } else if (map) {
      current.push({ label: 'map', type: qualify(map[1], pkg), name: map[2], number: +map[3] });
    } else {
      throw new Error(`${pkg}: cannot read "${line}"`);
    }
  }
  return { pkg, messages };
}

function qualify(type: string, pkg: string): string {
  if (SCALARS[type]) return type;
  return type.startsWith('.') ? type.slice(1) : `${pkg}.${type}`;
}

/** The Go structs of a package's source files, each field with a protobuf tag by number. */
export function parseGoStructs(text: string): Map<string, GoFieldDecl[]> {
  const structs = new Map<string, GoFieldDecl[]>();
  let current: GoFieldDecl[] | undefined;
  for (const line of text.split('\n')) {
    const s = /^type (\w+) struct \{$/.exec(line);
    if (s) {
      current = [];
      structs.set(s[1], current);
      continue;
    }
    if (line === '}') {
      current = undefined;
      continue;
    }
    if (!current) continue;
    // `\tName Type \`tags\`` or an embedded `\tType \`tags\``.
    const f = /^\t(?:(\w+)\s+)?(\S+)\s+`([^`]*)`/.exec(line);
    if (!f) continue;
    const tags = Object.fromEntries(
      [...f[3].matchAll(/(\w+):"([^"]*)"/g)].map((t) => [t[1], t[2]]),
    );
    const proto = tags.protobuf;
    if (!proto || proto === '-') continue;
    const number = Number(proto.split(',')[1]);
    const [jsonName = '', ...opts] = (tags.json ?? '').split(',');
    const goType = f[2];
    current.push({
      goName: f[1] ?? goType.replace(/^\*/, '').replace(/^.*\./, ''),
      goType,
      number,
      json: {
        name: jsonName,
        omitempty: opts.includes('omitempty'),
        omitzero: opts.includes('omitzero'),
        inline: opts.includes('inline'),
      },
    });
  }
  return structs;
}

/** Shortens `k8s.io.api.core.v1.Pod` to `core.v1.Pod`, `k8s.io.apimachinery.pkg.apis.meta.v1.X` to `meta.v1.X`. */
export function shortName(full: string): string {
  return full.replace(/^k8s\.io\.api\./, '').replace(/^k8s\.io\.apimachinery\.pkg\.(apis\.)?/, '');
}

function layoutOf(fields: ProtoFieldDecl[]): string {
  return fields
    .map((f) => `${f.type.replace(/^k8s\.io\.apimachinery\.pkg\./, '')} ${f.name} = ${f.number}`)
    .join('; ');
}

export interface Package {
  /** The proto package (k8s.io.api.core.v1). */
  proto: string;
  repo: SourceRepo;
  dir: string;
}

export function buildSchema(
  src: SourceReader,
  source: string,
  packages: Package[] = PACKAGES,
  roots: [string, string, string][] = PROTO_ROOTS,
): Schema {
  const protos = new Map<string, ProtoFieldDecl[]>();
  const goStructs = new Map<string, Map<string, GoFieldDecl[]>>();
  for (const p of packages) {
    const parsed = parseProto(src.read(p.repo, `${p.dir}/generated.proto`));
    if (parsed.pkg !== p.proto) throw new Error(`${p.dir}: package ${parsed.pkg}, not ${p.proto}`);
    for (const [name, fields] of parsed.messages) protos.set(name, fields);
    const structs = new Map<string, GoFieldDecl[]>();
    for (const file of src.list(p.repo, p.dir).sort()) {
      if (
        !file.endsWith('.go') ||
        /(_test|\.pb|^zz_generated.*|_swagger_doc_generated)\.go$/.test(file)
      )
        continue;
      for (const [name, fields] of parseGoStructs(src.read(p.repo, `${p.dir}/${file}`)))
        structs.set(name, fields);
    }
    goStructs.set(p.proto, structs);
  }
  for (const [name, layout] of Object.entries({
    ...ENVELOPE,
    ...Object.fromEntries(Object.entries(LEAVES).map(([n, l]) => [n, l.layout])),
  })) {
    const fields = protos.get(name);
    // (A test may read only some packages.)
    if (!fields && !packages.some((p) => name.startsWith(`${p.proto}.`))) continue;
    if (!fields) throw new Error(`no message ${name}`);
    if (layoutOf(fields) !== layout)
      throw new Error(`${name} is now "${layoutOf(fields)}"; the reader expects "${layout}"`);
  }

  const messages = new Map<string, GeneratedField[]>();
  const renamed: string[] = [];
  const visit = (full: string): string => {
    const leaf = LEAVES[full];
    if (leaf) return leaf.code;
    const short = shortName(full);
    if (messages.has(short)) return short;
    const decls = protos.get(full);
    if (!decls) throw new Error(`no message ${full}`);
    const pkg = full.slice(0, full.lastIndexOf('.'));
    const goName = full.slice(full.lastIndexOf('.') + 1);
    const goFields = goStructs.get(pkg)?.get(goName);
    if (!goFields) throw new Error(`${full}: no Go struct ${goName} in ${pkg}`);
    const out: GeneratedField[] = [];
    messages.set(short, out);
    const byNumber = new Map(decls.map((d) => [d.number, d]));
    for (const g of goFields) {
      const d = byNumber.get(g.number);
      if (!d) throw new Error(`${full}.${g.goName}: Go says field ${g.number}; the proto has none`);
      byNumber.delete(g.number);
      const type = SCALARS[d.type] ?? visit(d.type);
      let flags = 0;
      if (d.label === 'repeated') flags |= FLAG.repeated;
      if (d.label === 'map') flags |= FLAG.map;
      if (g.goType.startsWith('*')) flags |= FLAG.pointer;
      if (g.json.omitempty) flags |= FLAG.omitempty;
      if (g.json.omitzero) flags |= FLAG.omitzero;
      if (g.json.inline) {
        if (SCALARS[d.type] || LEAVES[d.type] || (d.label !== 'optional' && d.label !== 'required'))
          throw new Error(`${full}.${g.goName}: inline, but not a message`);
        flags |= FLAG.inline;
      } else if (!g.json.name || g.json.name === '-') {
        throw new Error(`${full}.${g.goName}: no JSON name`);
      }
      const json = g.json.inline ? '' : g.json.name;
      if (!g.json.inline && json !== d.name) renamed.push(`${short}.${d.name} → ${json}`);
      const field: GeneratedField = [g.number, json, type, flags];
      if (g.goName !== upperFirst(json)) field.push(g.goName);
      out.push(field);
    }
    if (byNumber.size)
      throw new Error(`${full}: proto fields ${[...byNumber.keys()]} have no Go field`);
    return short;
  };
  const kinds: [string, string][] = roots.map(([v, k, m]) => [`${v}/${k}`, visit(m)]);
  return {
    source,
    kinds,
    messages: [...messages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    renamed: renamed.sort(),
  };
}

/** One line when it fits, else the two. */
function oneOrTwoLines(one: string, ...two: string[]): string[] {
  return one.length <= LINE_WIDTH ? [one] : two;
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const LINE_WIDTH = 100;

/** The generated TypeScript, laid out as Biome formats it (so formatting never changes it). */
export function renderSchema(schema: Schema): string {
  const q = (s: string) => `'${s}'`;
  const lines = [
    '// Generated by scripts/gen-protobuf-schema.ts: do not edit. Regenerate with',
    '//   npx tsx scripts/gen-protobuf-schema.ts',
    `// from ${schema.source}.`,
    "import type { ProtoField } from './schema';",
    '',
    '/** Where these messages were read from. */',
    ...oneOrTwoLines(
      `export const PROTO_SOURCE = ${q(schema.source)};`,
      'export const PROTO_SOURCE =',
      `  ${q(schema.source)};`,
    ),
    '',
    '/** `apiVersion/kind` → the message of that kind. */',
    'export const PROTO_KINDS: Readonly<Record<string, string>> = {',
    ...schema.kinds.map(([k, m]) => `  ${q(k)}: ${q(m)},`),
    '};',
    '',
    '/**',
    " * Each message's fields in Go struct order (the order encoding/json prints them): [number, JSON",
    ' * name, type, flags, Go name when it is not the JSON name capitalized]. A type is a message',
    ' * name or one letter: s string, i int32, l int64, b bool, y bytes, t Time, m MicroTime,',
    ' * d Duration, f FieldsV1, x IntOrString, q Quantity, r RawExtension. Flags: 1 repeated,',
    ' * 2 map (of string to the type), 4 a Go pointer, 8 omitempty, 16 inline, 32 omitzero.',
    ' */',
    'export const PROTO_MESSAGES: Readonly<Record<string, readonly ProtoField[]>> = {',
  ];
  const literal = (v: string | number | undefined) => (typeof v === 'number' ? `${v}` : q(`${v}`));
  for (const [name, fields] of schema.messages) {
    const tuples = fields.map((f) => `[${f.map(literal).join(', ')}]`);
    const one = `  ${q(name)}: [${tuples.join(', ')}],`;
    // Biome breaks an array of two or more arrays; a lone one stays inline when it fits.
    if (tuples.length === 0) lines.push(`  ${q(name)}: [],`);
    else if (tuples.length === 1 && one.length <= LINE_WIDTH) lines.push(one);
    else {
      lines.push(`  ${q(name)}: [`);
      fields.forEach((f, i) => {
        lines.push(
          ...oneOrTwoLines(
            `    ${tuples[i]},`,
            '    [',
            ...f.map((v) => `      ${literal(v)},`),
            '    ],',
          ),
        );
      });
      lines.push('  ],');
    }
  }
  lines.push('};', '');
  return lines.join('\n');
}
