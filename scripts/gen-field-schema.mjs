// Generates src/engine/apiserver/schema/fieldTypes.generated.ts: the field names and types of
// every kind the simulated API server serves, from the Kubernetes OpenAPI document; and beside it
// patchMeta.generated.ts: how each field merges (the x-kubernetes-patch-strategy /
// x-kubernetes-patch-merge-key / x-kubernetes-list-type / x-kubernetes-list-map-keys /
// x-kubernetes-map-type extensions, which the OpenAPI generator copies from the Go struct tags
// strategic merge patch reads).
//
//   node scripts/gen-field-schema.mjs SPEC [--source TEXT]
//
// SPEC is kubernetes/kubernetes' api/openapi-spec/swagger.json (OpenAPI v2) of the release the
// simulation follows, or its api/openapi-spec/v3 directory (one OpenAPI v3 file per group
// version); --source says where it came from (it is written into the generated file).
//
// Only what the API server's decoder needs is kept: field names, each field's type (a struct by
// name, an array, a map, or a scalar), nothing else. Descriptions, enums and required lists are
// dropped; `kubectl explain` would want them: add them in describeField/describeType below and
// write them to a second file, so the decoder's table stays small.
//
// Not run by `npm test`: the generated file is committed. Running it twice gives the same bytes.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {{ group: string, version: string, kind: string }} GVK
 * @typedef {{
 *   $ref?: string, allOf?: { $ref?: string }[], type?: string, format?: string,
 *   items?: Schema, additionalProperties?: Schema, properties?: Record<string, Schema>,
 *   'x-kubernetes-group-version-kind'?: GVK[],
 *   'x-kubernetes-patch-strategy'?: string, 'x-kubernetes-patch-merge-key'?: string,
 *   'x-kubernetes-list-type'?: string, 'x-kubernetes-list-map-keys'?: string[],
 *   'x-kubernetes-map-type'?: string
 * }} Schema
 * @typedef {Record<string, Schema>} Definitions
 * @typedef {(full: string) => string} Visit
 */

/**
 * The kinds the simulated API server serves (src/engine/api/resources.ts) and kubectl reads.
 * @type {[string, string, string][]}
 */
const KINDS = [
  ['', 'v1', 'Pod'],
  ['', 'v1', 'Node'],
  ['', 'v1', 'Namespace'],
  ['', 'v1', 'Service'],
  ['', 'v1', 'Event'],
  ['', 'v1', 'ServiceAccount'],
  ['', 'v1', 'ConfigMap'],
  ['', 'v1', 'Secret'],
  ['apps', 'v1', 'Deployment'],
  ['apps', 'v1', 'ReplicaSet'],
  ['apps', 'v1', 'DaemonSet'],
  ['apps', 'v1', 'StatefulSet'],
  ['batch', 'v1', 'Job'],
  ['batch', 'v1', 'CronJob'],
  ['discovery.k8s.io', 'v1', 'EndpointSlice'],
  ['coordination.k8s.io', 'v1', 'Lease'],
];

/**
 * Types with their own JSON decoding (UnmarshalJSON in Go): the decoder takes any value there and
 * looks no deeper. One letter each, so a field's type string stays short.
 */
/** @type {Record<string, string>} */
const LEAF_TYPES = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'x',
  'io.k8s.apimachinery.pkg.api.resource.Quantity': 'q',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': 't',
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': 'm',
  'io.k8s.apimachinery.pkg.runtime.RawExtension': 'a',
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': 'a',
};

/**
 * A scalar's letter from its OpenAPI type and format.
 * @param {Schema} schema @param {string} where
 */
function scalarCode(schema, where) {
  switch (schema.type) {
    case 'string':
      if (schema.format === 'byte') return 'y';
      if (schema.format === 'int-or-string') return 'x';
      if (schema.format === 'date-time') return 't';
      return 's';
    case 'integer':
      return schema.format === 'int64' ? 'l' : 'i';
    case 'number':
      return 'n';
    case 'boolean':
      return 'b';
    case 'object':
      // An object with neither properties nor additionalProperties: free-form JSON.
      return 'a';
    default:
      throw new Error(`${where}: no scalar code for ${JSON.stringify(schema)}`);
  }
}

/** @param {Schema} schema */
function refName(schema) {
  const ref = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
  return ref?.replace(/^#\/(definitions|components\/schemas)\//, '');
}

/**
 * Every definition in the document(s), by full name (io.k8s.api.core.v1.Pod).
 * @param {string} spec @returns {Definitions}
 */
function loadDefinitions(spec) {
  const files = statSync(spec).isDirectory()
    ? readdirSync(spec)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => join(spec, f))
    : [spec];
  /** @type {Definitions} */
  const defs = {};
  for (const file of files) {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    Object.assign(defs, doc.definitions ?? doc.components?.schemas ?? {});
  }
  return defs;
}

/** @param {Definitions} defs @param {[string, string, string]} gvk */
function definitionFor(defs, [group, version, kind]) {
  const found = Object.keys(defs)
    .sort()
    .filter((name) =>
      (defs[name]['x-kubernetes-group-version-kind'] ?? []).some(
        (g) => g.group === group && g.version === version && g.kind === kind,
      ),
    );
  // meta.v1 Status and friends list many kinds; a kind's own definition lists only itself.
  const own = found.filter((n) => defs[n]['x-kubernetes-group-version-kind']?.length === 1);
  if (own.length !== 1) throw new Error(`${group}/${version} ${kind}: found ${found.join(', ')}`);
  return own[0];
}

/**
 * The field type string: a struct's short name, `[T` an array of T, `{T` a map of string to T,
 * or a one-letter scalar (see LEAF_TYPES and scalarCode).
 * @param {Schema} schema @param {string} where @param {Visit} visit @returns {string}
 */
function describeField(schema, where, visit) {
  const ref = refName(schema);
  if (ref) return LEAF_TYPES[ref] ?? visit(ref);
  if (schema.type === 'array' && schema.items)
    return `[${describeField(schema.items, `${where}[]`, visit)}`;
  if (schema.type === 'object' && schema.additionalProperties)
    return `{${describeField(schema.additionalProperties, `${where}{}`, visit)}`;
  return scalarCode(schema, where);
}

/**
 * A struct's fields, in the document's (alphabetical) order.
 * @param {Schema} def @param {string} name @param {Visit} visit
 */
function describeType(def, name, visit) {
  if (!def.properties) return undefined;
  /** @type {Record<string, string>} */
  const fields = {};
  for (const [field, schema] of Object.entries(def.properties)) {
    fields[field] = describeField(schema, `${name}.${field}`, visit);
  }
  return fields;
}

/**
 * A field's merge metadata as one string, `strategy|mergeKey|listType|listMapKeys|mapType`
 * (list map keys joined with `,`; empty parts at the end left off), or undefined when it has none.
 * @param {Schema} schema
 */
function describeMerge(schema) {
  const parts = [
    schema['x-kubernetes-patch-strategy'] ?? '',
    schema['x-kubernetes-patch-merge-key'] ?? '',
    schema['x-kubernetes-list-type'] ?? '',
    (schema['x-kubernetes-list-map-keys'] ?? []).join(','),
    schema['x-kubernetes-map-type'] ?? '',
  ];
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts.length > 0 ? parts.join('|') : undefined;
}

/** @param {string} full */
function shortName(full) {
  return full.slice(full.lastIndexOf('.') + 1);
}

/**
 * Short names, qualified by their group version (`discovery.v1.EndpointPort`) when two clash.
 * @param {string[]} fullNames
 */
function nameTypes(fullNames) {
  /** @type {Map<string, string[]>} */
  const byShort = new Map();
  for (const full of fullNames) {
    const s = shortName(full);
    byShort.set(s, [...(byShort.get(s) ?? []), full]);
  }
  /** @type {Map<string, string>} */
  const names = new Map();
  for (const [s, fulls] of byShort) {
    for (const full of fulls) {
      names.set(full, fulls.length === 1 ? s : full.split('.').slice(-3).join('.'));
    }
  }
  return names;
}

/** @param {Definitions} defs */
function generate(defs) {
  /** @type {[[string, string, string], string][]} */
  const roots = KINDS.map((k) => [k, definitionFor(defs, k)]);
  /** @type {Map<string, Record<string, string> | null>} */
  const reached = new Map();
  /** @type {Visit} */
  const visit = (full) => {
    if (LEAF_TYPES[full]) return LEAF_TYPES[full];
    if (!reached.has(full)) {
      const def = defs[full];
      if (!def) throw new Error(`no definition ${full}`);
      reached.set(full, null);
      const fields = describeType(def, full, visit);
      if (!fields) throw new Error(`${full} has no properties and is not a known leaf type`);
      reached.set(full, fields);
    }
    return `@${full}`;
  };
  for (const [, full] of roots) visit(full);
  const names = nameTypes([...reached.keys()]);
  /** @param {string} full */
  const nameOf = (full) => /** @type {string} */ (names.get(full));
  /** @param {string} t */
  const rename = (t) => t.replace(/@([\w.]+)/, (_, full) => nameOf(full));
  /** @type {Record<string, Record<string, string>>} */
  const types = {};
  for (const [full, fields] of [...reached].sort((a, b) =>
    nameOf(a[0]) < nameOf(b[0]) ? -1 : 1,
  )) {
    types[nameOf(full)] = Object.fromEntries(
      Object.entries(fields ?? {}).map(([f, t]) => [f, rename(t)]),
    );
  }
  // kubectl's v1 List (meta.v1.List in Go, not an API type): its items are any objects.
  types.List = { apiVersion: 's', items: '[a', kind: 's', metadata: 'ListMeta' };
  const listMeta = 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta';
  types.ListMeta ??= describeType(defs[listMeta], listMeta, visit) ?? {};
  /** @type {Record<string, string>} */
  const kinds = {};
  for (const [[group, version, kind], full] of roots) {
    kinds[`${group ? `${group}/` : ''}${version}/${kind}`] = nameOf(full);
  }
  kinds['v1/List'] = 'List';
  /** @type {Record<string, Record<string, string>>} */
  const merge = {};
  /** @type {string[]} */
  const atomic = [];
  for (const full of reached.keys()) {
    const def = defs[full];
    if (def['x-kubernetes-map-type'] === 'atomic') atomic.push(nameOf(full));
    /** @type {Record<string, string>} */
    const fields = {};
    for (const [field, schema] of Object.entries(def.properties ?? {})) {
      const m = describeMerge(schema);
      if (m) fields[field] = m;
    }
    if (Object.keys(fields).length > 0) merge[nameOf(full)] = fields;
  }
  return {
    kinds,
    types: Object.fromEntries(Object.entries(types).sort()),
    merge: Object.fromEntries(Object.entries(merge).sort()),
    atomic: atomic.sort(),
  };
}

/** @param {string} k */
function quoteKey(k) {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`;
}

/**
 * @param {{ merge: Record<string, Record<string, string>>, atomic: string[] }} schema
 * @param {string} source
 */
function renderMerge({ merge, atomic }, source) {
  const lines = [
    '// Generated by scripts/gen-field-schema.mjs: do not edit. Regenerate with',
    '//   node scripts/gen-field-schema.mjs SPEC --source TEXT',
    `// from ${source}.`,
    '',
    '/**',
    " * How each struct's fields merge (types named as in fieldTypes.generated.ts), from the OpenAPI",
    ' * extensions: `strategy|mergeKey|listType|listMapKeys|mapType`, empty parts at the end left off.',
    ' * strategy is x-kubernetes-patch-strategy (`merge`, `replace`, `retainKeys`, `merge,retainKeys`),',
    ' * mergeKey x-kubernetes-patch-merge-key, listType x-kubernetes-list-type (`atomic`, `set`,',
    ' * `map`), listMapKeys x-kubernetes-list-map-keys joined with `,`, mapType x-kubernetes-map-type.',
    ' * Fields without any are left out.',
    ' */',
    'export const FIELD_MERGE: Readonly<Record<string, Readonly<Record<string, string>>>> = {',
  ];
  for (const [name, fields] of Object.entries(merge)) {
    lines.push(`  ${quoteKey(name)}: {`);
    for (const [f, m] of Object.entries(fields)) lines.push(`    ${quoteKey(f)}: '${m}',`);
    lines.push('  },');
  }
  lines.push(
    '};',
    '',
    '/** Structs marked x-kubernetes-map-type: atomic (server-side apply owns them whole). */',
    'export const ATOMIC_STRUCTS: readonly string[] = [',
    ...atomic.map((n) => `  '${n}',`),
    '];',
    '',
  );
  return lines.join('\n');
}

/**
 * @param {{ kinds: Record<string, string>, types: Record<string, Record<string, string>> }} schema
 * @param {string} source
 */
function render({ kinds, types }, source) {
  const lines = [
    '// Generated by scripts/gen-field-schema.mjs: do not edit. Regenerate with',
    '//   node scripts/gen-field-schema.mjs SPEC --source TEXT',
    `// from ${source}.`,
    '',
    '/** Where these types were read from. */',
    `export const SCHEMA_SOURCE = '${source.replace(/[\\']/g, '\\$&')}';`,
    '',
    '/** `apiVersion/kind` → the type of that kind. */',
    'export const KIND_TYPES: Readonly<Record<string, string>> = {',
    ...Object.entries(kinds).map(([k, t]) => `  '${k}': '${t}',`),
    '};',
    '',
    '/**',
    " * Each struct's JSON fields and their types: another struct's name, `[T` an array of T, `{T` a",
    ' * map of string to T, or a scalar letter: s string, y base64 bytes, i int32, l int64, n number,',
    ' * b boolean, x int-or-string, q quantity, t time, m micro-time, a any JSON.',
    ' */',
    'export const FIELD_TYPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {',
  ];
  // One field a line: the layout Biome keeps, so formatting never changes the generated bytes.
  for (const [name, fields] of Object.entries(types)) {
    lines.push(`  ${quoteKey(name)}: {`);
    for (const [f, t] of Object.entries(fields)) lines.push(`    ${quoteKey(f)}: '${t}',`);
    lines.push('  },');
  }
  lines.push('};', '');
  return lines.join('\n');
}

const args = process.argv.slice(2);
const spec = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--source');
const sourceAt = args.indexOf('--source');
if (!spec) {
  console.error('usage: node scripts/gen-field-schema.mjs SPEC [--source TEXT]');
  process.exit(2);
}
const source = sourceAt >= 0 ? args[sourceAt + 1] : spec;
const out = fileURLToPath(
  new URL('../src/engine/apiserver/schema/fieldTypes.generated.ts', import.meta.url),
);
const mergeOut = fileURLToPath(
  new URL('../src/engine/apiserver/schema/patchMeta.generated.ts', import.meta.url),
);
const result = generate(loadDefinitions(spec));
writeFileSync(out, render(result, source));
writeFileSync(mergeOut, renderMerge(result, source));
console.log(
  `${out}: ${Object.keys(result.types).length} types, ${Object.keys(result.kinds).length} kinds`,
);
console.log(`${mergeOut}: ${Object.keys(result.merge).length} types with merge metadata`);
