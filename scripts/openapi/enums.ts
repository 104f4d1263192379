// Puts back what the published swagger.json prunes: a live kube-apiserver (OpenAPIEnums is beta,
// on by default) serves every field of a `+enum` type with its values and a "Possible enum
// values" paragraph, as kube-openapi's generator writes them (pkg/generators/enum.go,
// openapi.go generateProperty) and k8s.io/apiserver pkg/util/openapi/enablement.go pruneEnums
// removes them again when the gate is off.
import type { EnumValue, GoType, GoUniverse } from './goSource.ts';
import type { Schema } from './types.ts';

const HEADER = 'Possible enum values:';

/** `io.k8s.api.core.v1.Pod` → the Go package and type it was generated from. */
export function goTypeOf(definition: string): { pkg: string; name: string } {
  const dot = definition.lastIndexOf('.');
  const name = definition.slice(dot + 1);
  const prefix = definition.slice(0, dot);
  if (prefix.startsWith('io.k8s.api.'))
    return { pkg: `k8s.io/api/${prefix.slice('io.k8s.api.'.length).replace(/\./g, '/')}`, name };
  if (prefix.startsWith('io.k8s.apimachinery.'))
    return {
      pkg: `k8s.io/apimachinery/${prefix.slice('io.k8s.apimachinery.'.length).replace(/\./g, '/')}`,
      name,
    };
  throw new Error(`no Go package known for ${definition}`);
}

/** Go's %q of a plain string. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** enumValue.Description: the constant's comment without its name, whitespace collapsed. */
function valueLine(v: EnumValue): string {
  let comment = v.comment.trim();
  if (comment.startsWith(v.name)) comment = comment.slice(v.name.length);
  comment = comment.trim().replace(/\s+/g, ' ');
  // generateDescription trims each line on the right.
  return ` - \`${goQuote(v.value)}\` ${comment}`.replace(/ +$/, '');
}

/** enumType.ValueStrings: the values sorted as Go literals. */
function sortedValues(values: EnumValue[]): string[] {
  return values
    .map((v) => goQuote(v.value))
    .sort()
    .map((q) => JSON.parse(q) as string);
}

/**
 * The description generateDescription makes of the field's comment followed by the enum lines:
 * the pruned description, a blank line, the header and one line per value.
 */
export function enumDescription(pruned: string | undefined, values: EnumValue[]): string {
  const lines = values.map(valueLine).sort();
  return `${pruned ? `${pruned}\n\n` : ''}${HEADER}\n${lines.join('\n')}`;
}

function withEnum(schema: Schema, values: EnumValue[]): Schema {
  return { ...schema, enum: sortedValues(values) };
}

/**
 * The definition with its enum fields as the live server has them, or the same object when it has
 * none. Throws when a property has no Go field: the two sources must describe the same types.
 */
export function addEnums(go: GoUniverse, name: string, def: Schema): Schema {
  if (!def.properties) return def;
  const { pkg, name: type } = goTypeOf(name);
  const fields = go.fields(pkg, type);
  let properties: Record<string, Schema> | undefined;
  for (const [prop, schema] of Object.entries(def.properties)) {
    const field = fields.get(prop);
    if (!field) throw new Error(`${name}.${prop}: no Go field ${pkg}.${type}`);
    const updated = enumProperty(go, schema, field);
    if (updated !== schema) {
      properties ??= { ...def.properties };
      properties[prop] = updated;
    }
  }
  return properties ? { ...def, properties } : def;
}

function enumProperty(go: GoUniverse, schema: Schema, field: GoType): Schema {
  const direct = go.enumValues(field);
  if (direct) {
    if (schema.type !== 'string') throw new Error(`enum field of type ${schema.type}`);
    return withEnum(
      { ...schema, description: enumDescription(schema.description, direct) },
      direct,
    );
  }
  // A slice's or map's elements of an enum type get the values, without the paragraph.
  const elemType = field.kind === 'pointer' ? field.elem : field;
  if (elemType.kind === 'slice' && schema.items && !Array.isArray(schema.items)) {
    const values = go.enumValues(elemType.elem);
    if (values) return { ...schema, items: withEnum(schema.items, values) };
  }
  if (elemType.kind === 'map' && schema.additionalProperties) {
    const values = go.enumValues(elemType.elem);
    if (values && typeof schema.additionalProperties === 'object')
      return { ...schema, additionalProperties: withEnum(schema.additionalProperties, values) };
  }
  return schema;
}
