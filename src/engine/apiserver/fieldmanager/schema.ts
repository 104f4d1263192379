/**
 * The shape server-side apply sees a field as (structured-merge-diff schema.Atom), read from the
 * tables generated out of the OpenAPI document as kube-openapi pkg/schemaconv converts it:
 * a list's x-kubernetes-list-type (`atomic`, `set`, `map` with x-kubernetes-list-map-keys), else
 * its patch strategy (`merge` with a merge key: a map list by that key; `merge` alone: a set),
 * else atomic; a map (`{T`) is granular unless x-kubernetes-map-type atomic; a struct is granular
 * unless marked atomic. RawExtension-like fields (`a`) and unknown types are untyped: deduced
 * from the value (maps granular, lists atomic), as schema's "__untyped_deduced_" is.
 */
import { FIELD_TYPES } from '../schema/fieldTypes.generated';
import { ATOMIC_STRUCTS, FIELD_MERGE } from '../schema/patchMeta.generated';

/** A field's type as fieldTypes.generated.ts writes it, with the merge text of the field. */
export interface TypeRef {
  t: string;
  merge?: string;
}

export type Atom =
  | { kind: 'scalar' }
  | { kind: 'untyped' }
  | { kind: 'struct'; name: string; atomic: boolean }
  | { kind: 'map'; elem: TypeRef; atomic: boolean }
  | { kind: 'list'; elem: TypeRef; associative: boolean; keys: string[] };

const atomicStructs = new Set(ATOMIC_STRUCTS);
const atoms = new Map<string, Atom>();

/** merge text parts: strategy|mergeKey|listType|listMapKeys|mapType. */
function mergeParts(merge: string | undefined): string[] {
  return merge ? merge.split('|') : [];
}

export function resolve(ref: TypeRef): Atom {
  const cacheKey = `${ref.t}\u0000${ref.merge ?? ''}`;
  let atom = atoms.get(cacheKey);
  if (!atom) {
    atom = resolveUncached(ref);
    atoms.set(cacheKey, atom);
  }
  return atom;
}

function resolveUncached(ref: TypeRef): Atom {
  const { t } = ref;
  const [strategy = '', mergeKey = '', listType = '', listMapKeys = '', mapType = ''] = mergeParts(
    ref.merge,
  );
  if (t[0] === '[') {
    const elem: TypeRef = { t: t.slice(1) };
    if (listType === 'atomic') return { kind: 'list', elem, associative: false, keys: [] };
    if (listType === 'set') return { kind: 'list', elem, associative: true, keys: [] };
    if (listType === 'map')
      return { kind: 'list', elem, associative: true, keys: listMapKeys.split(',') };
    if (strategy === 'merge' || strategy === 'merge,retainKeys')
      return { kind: 'list', elem, associative: true, keys: mergeKey ? [mergeKey] : [] };
    return { kind: 'list', elem, associative: false, keys: [] };
  }
  if (t[0] === '{') return { kind: 'map', elem: { t: t.slice(1) }, atomic: mapType === 'atomic' };
  if (t === 'a') return { kind: 'untyped' };
  if (t.length === 1) return { kind: 'scalar' };
  if (!FIELD_TYPES[t]) return { kind: 'untyped' };
  return { kind: 'struct', name: t, atomic: mapType === 'atomic' || atomicStructs.has(t) };
}

/** A struct's field, or undefined when the struct has no such field. */
export function structField(name: string, field: string): TypeRef | undefined {
  const fields = FIELD_TYPES[name];
  if (!fields || !Object.hasOwn(fields, field)) return undefined;
  return { t: fields[field], merge: FIELD_MERGE[name]?.[field] };
}

/** The type of a kind's object (`Deployment`). */
export function kindRef(typeName: string): TypeRef {
  return { t: typeName };
}

/**
 * List-map keys with a default in the OpenAPI document (schemaconv copies it into the key's
 * StructField.Default): a port's protocol, which a port item may leave out.
 */
export const KEY_DEFAULTS: Readonly<Record<string, unknown>> = { protocol: 'TCP' };
