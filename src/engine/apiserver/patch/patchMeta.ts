/**
 * Where strategic merge patch learns how a field merges: strategicpatch.PatchMetaFromStruct
 * (k8s.io/apimachinery pkg/util/strategicpatch/meta.go) over the Go struct tags `patchStrategy`
 * and `patchMergeKey`, read here from the tables generated out of the OpenAPI document (the
 * generator copies the tags into x-kubernetes-patch-strategy / -merge-key): FIELD_TYPES for the
 * field's type, FIELD_MERGE for its strategy and merge key.
 *
 * A schema is a field type string as FIELD_TYPES writes it: a struct's name, `[T` a slice of T,
 * `{T` a map of string to T, or a scalar letter.
 */
import { FIELD_TYPES } from '../schema/fieldTypes.generated';
import { FIELD_MERGE } from '../schema/patchMeta.generated';
import { PatchFailure } from './errors';

export type Schema = string;

export interface PatchMeta {
  /** The patchStrategy tag split at `,` (`['']` for a field without one, as strings.Split gives). */
  strategies: string[];
  /** The patchMergeKey tag, `` when none. */
  mergeKey: string;
}

export interface Lookup {
  schema: Schema;
  meta: PatchMeta;
}

/**
 * Scalar letters that are Go structs with their own JSON form (the lookup goes into them and
 * finds no field), by their Go type name.
 */
const STRUCT_SCALARS: Record<string, string> = {
  x: 'IntOrString',
  q: 'Quantity',
  t: 'Time',
  m: 'MicroTime',
  a: 'RawExtension',
};

/** reflect.Kind's name of a non-struct schema. */
function goKind(schema: Schema): string {
  if (schema[0] === '[' || schema === 'y') return 'slice';
  if (schema[0] === '{') return 'map';
  switch (schema) {
    case 's':
      return 'string';
    case 'i':
      return 'int32';
    case 'l':
      return 'int64';
    case 'n':
      return 'float64';
    case 'b':
      return 'bool';
    case 'u':
      return 'uint8';
    default:
      return 'struct';
  }
}

function isStruct(schema: Schema): boolean {
  return goKind(schema) === 'struct';
}

/** The Go type name of a struct schema (`discovery.v1.EndpointPort` → EndpointPort). */
function structName(schema: Schema): string {
  return STRUCT_SCALARS[schema] ?? schema.slice(schema.lastIndexOf('.') + 1);
}

/** parseMerge('merge,retainKeys|name|map|name') → the strategy and merge key parts. */
function metaOf(struct: string, field: string): PatchMeta {
  const text = FIELD_MERGE[struct]?.[field];
  if (!text) return { strategies: [''], mergeKey: '' };
  const [strategy = '', mergeKey = ''] = text.split('|');
  return { strategies: strategy.split(','), mergeKey };
}

/**
 * forkedjson.LookupPatchMetadataForStruct: the field's type and its tags, the field found as
 * encoding/json finds it (an exact name first, else the first that matches ignoring case).
 */
export function lookupStruct(schema: Schema, key: string): Lookup {
  if (!isStruct(schema)) {
    throw new PatchFailure(
      'unknown',
      `merging an object in json but data type is not struct, instead is: ${goKind(schema)}`,
    );
  }
  const fields = FIELD_TYPES[schema];
  let field: string | undefined;
  if (fields) {
    if (Object.hasOwn(fields, key)) field = key;
    else {
      const lower = key.toLowerCase();
      field = Object.keys(fields).find((f) => f.toLowerCase() === lower);
    }
  }
  if (field === undefined || !fields) {
    throw new PatchFailure(
      'unknown',
      `unable to find api field in struct ${structName(schema)} for the json field ${JSON.stringify(key)}`,
    );
  }
  return { schema: fields[field], meta: metaOf(schema, field) };
}

/** PatchMetaFromStruct.LookupPatchMetadataForSlice: the field's tags and its element type. */
export function lookupSlice(schema: Schema, key: string): Lookup {
  const found = lookupStruct(schema, key);
  const t = found.schema;
  if (t === 'y') return { schema: 'u', meta: found.meta };
  if (t[0] !== '[') {
    throw new PatchFailure('unknown', 'expected slice or array type, but got: struct');
  }
  const elem = t.slice(1);
  if (elem[0] === '[' || elem === 'y')
    throw new PatchFailure('unknown', 'unexpected slice of slice');
  return { schema: elem, meta: found.meta };
}

/** PatchMetaFromStruct.Name: the type's reflect.Kind. */
export function schemaName(schema: Schema): string {
  return goKind(schema);
}
