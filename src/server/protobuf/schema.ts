/**
 * The shape of the generated protobuf schema (schema.generated.ts, from scripts/protobufSchema.ts).
 */

/** [number, JSON name ('' when inline), type, flags, Go name when not the JSON name capitalized]. */
export type ProtoField = readonly [
  number: number,
  json: string,
  type: string,
  flags: number,
  goName?: string,
];

/** A field's flag bits (scripts/protobufSchema.ts's FLAG). */
export const REPEATED = 1;
export const MAP = 2;
export const POINTER = 4;
export const OMITEMPTY = 8;
export const INLINE = 16;
export const OMITZERO = 32;
