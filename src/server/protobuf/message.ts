/**
 * One message of the generated schema read from the wire and written as the JSON encoding/json
 * prints for the same Go object. Two steps: `readMessage` collects each field's values by its
 * place in the schema (a repeated message field merges into what it had, as gogo's Unmarshal
 * does), then `messageJson` prints them in Go struct order: a pointer field only when it was
 * sent, a plain field's zero unless `omitempty` (or `omitzero`) drops it, inline structs flattened
 * into their parent, maps with sorted keys, bytes in base64.
 */
import { leafIsZero, leafZero, readLeaf } from './leaves';
import { INLINE, MAP, OMITEMPTY, OMITZERO, POINTER, type ProtoField, REPEATED } from './schema';
import { PROTO_MESSAGES } from './schema.generated';
import {
  BYTES,
  int32Of,
  int64Of,
  ProtoError,
  readTag,
  VARINT,
  type Varint,
  type WireReader,
} from './wire';

/** A message's values by field index; a nested message's are Slots too. */
export type Slots = unknown[];

interface Compiled {
  /** The Go type's name, for gogo's error words. */
  goName: string;
  fields: readonly ProtoField[];
  byNumber: Map<number, number>;
}
const compiled = new Map<string, Compiled>();

function compile(type: string): Compiled {
  let c = compiled.get(type);
  if (!c) {
    const fields = PROTO_MESSAGES[type];
    if (!fields) throw new ProtoError(`no protobuf message ${type}`);
    c = {
      goName: type.slice(type.lastIndexOf('.') + 1),
      fields,
      byNumber: new Map(fields.map((f, i) => [f[0], i])),
    };
    compiled.set(type, c);
  }
  return c;
}

/** Whether a field type is a message of the schema (the one-letter types are not). */
function isMessage(type: string): boolean {
  return type.length > 1;
}

function goFieldName(f: ProtoField): string {
  return f[4] ?? f[1].charAt(0).toUpperCase() + f[1].slice(1);
}

/** Reads the fields of message `type` from `r.pos` to `end` into `slots`. */
export function readMessage(r: WireReader, end: number, type: string, slots: Slots = []): Slots {
  const c = compile(type);
  const v: Varint = { lo: 0, hi: 0 };
  while (r.pos < end) {
    const pre = r.pos;
    const num = readTag(r, end, v, c.goName);
    const wire = v.lo & 7;
    const i = c.byNumber.get(num);
    if (i === undefined) {
      // proto2 skips what it does not know (k8s.io/api keeps no unknown fields).
      r.pos = pre;
      r.skip(end, v);
      continue;
    }
    const f = c.fields[i];
    const [, , ftype, flags] = f;
    if (flags & MAP) {
      if (wire !== BYTES) throw wrongWire(wire, f);
      const entryEnd = r.lengthEnd(end, end, v);
      if (!slots[i]) slots[i] = new Map();
      readMapEntry(r, entryEnd, ftype, slots[i] as Map<string, unknown>);
    } else if (flags & REPEATED) {
      if (!slots[i]) slots[i] = [];
      const list = slots[i] as unknown[];
      if (wire === BYTES && isVarintType(ftype)) {
        // Packed: a run of varints (gogo reads both forms for repeated numbers).
        const runEnd = r.lengthEnd(end, end, v);
        while (r.pos < runEnd) list.push(varintValue(r.varint(runEnd, v), ftype));
      } else {
        list.push(readValue(r, end, ftype, wire, f, v));
      }
    } else if (isMessage(ftype)) {
      if (wire !== BYTES) throw wrongWire(wire, f);
      const after = r.lengthEnd(end, end, v);
      slots[i] = readMessage(r, after, ftype, (slots[i] as Slots | undefined) ?? []);
      r.pos = after;
    } else {
      slots[i] = readValue(r, end, ftype, wire, f, v);
    }
  }
  return slots;
}

function isVarintType(type: string): boolean {
  return type === 'i' || type === 'l' || type === 'b';
}

function varintValue(v: Varint, type: string): number | boolean {
  if (type === 'i') return int32Of(v);
  if (type === 'l') return int64Of(v);
  return v.lo !== 0 || v.hi !== 0;
}

function wrongWire(wire: number, f: ProtoField): ProtoError {
  return new ProtoError(`proto: wrong wireType = ${wire} for field ${goFieldName(f)}`);
}

/** One value of a scalar, leaf or message field, after its tag. */
function readValue(
  r: WireReader,
  end: number,
  type: string,
  wire: number,
  f: ProtoField,
  v: Varint,
): unknown {
  if (isVarintType(type)) {
    if (wire !== VARINT) throw wrongWire(wire, f);
    return varintValue(r.varint(end, v), type);
  }
  if (wire !== BYTES) throw wrongWire(wire, f);
  const after = r.lengthEnd(end, end, v);
  const value = readDelimited(r, after, type);
  r.pos = after;
  return value;
}

/** A length-delimited value from `r.pos` to `after`: a string, bytes, a leaf or a message. */
function readDelimited(r: WireReader, after: number, type: string): unknown {
  const buf = r.buf as Buffer;
  switch (type) {
    case 's':
      return buf.toString('utf8', r.pos, after);
    case 'y':
      return Buffer.from(buf.subarray(r.pos, after));
    default:
      return isMessage(type) ? readMessage(r, after, type) : readLeaf(r, after, type);
  }
}

/** A map entry (key = 1, value = 2, as gogo reads it: other fields skipped, last wins). */
function readMapEntry(r: WireReader, end: number, type: string, map: Map<string, unknown>): void {
  const v: Varint = { lo: 0, hi: 0 };
  let key = '';
  let value: unknown;
  while (r.pos < end) {
    const pre = r.pos;
    r.varint(end, v);
    const num = (v.hi << 29) | (v.lo >>> 3) | 0;
    const wire = v.lo & 7;
    if (num === 1 && wire === BYTES) {
      const after = r.lengthEnd(end, end, v);
      key = (r.buf as Buffer).toString('utf8', r.pos, after);
      r.pos = after;
    } else if (num === 2 && wire === (isVarintType(type) ? VARINT : BYTES)) {
      if (isVarintType(type)) value = varintValue(r.varint(end, v), type);
      else {
        const after = r.lengthEnd(end, end, v);
        value = readDelimited(r, after, type);
        r.pos = after;
      }
    } else {
      r.pos = pre;
      r.skip(end, v);
    }
  }
  map.set(key, value ?? zeroOf(type));
}

/** The JSON of a value the body did not carry: the Go zero value's. */
function zeroOf(type: string): unknown {
  switch (type) {
    case 's':
      return '';
    case 'i':
    case 'l':
      return 0;
    case 'b':
      return false;
    case 'y':
      return Buffer.alloc(0);
    default:
      return isMessage(type) ? [] : leafZero(type);
  }
}

/** The message's JSON object, fields in Go struct order. */
export function messageJson(type: string, slots: Slots, out: Record<string, unknown> = {}) {
  const { fields } = compile(type);
  for (let i = 0; i < fields.length; i++) {
    const [, json, ftype, flags] = fields[i];
    const v = slots[i];
    if (flags & INLINE) {
      messageJson(ftype, (v as Slots | undefined) ?? [], out);
      continue;
    }
    if (flags & MAP) {
      // encoding/json sorts map keys; an empty (nil) map is omitted or null, and null decodes
      // to the same nil map, so it is left out either way.
      const map = v as Map<string, unknown> | undefined;
      if (!map?.size) continue;
      const obj: Record<string, unknown> = {};
      for (const k of [...map.keys()].sort()) obj[k] = valueJson(ftype, map.get(k));
      out[json] = obj;
      continue;
    }
    if (flags & REPEATED) {
      const list = v as unknown[] | undefined;
      if (list?.length) out[json] = list.map((e) => valueJson(ftype, e));
      continue;
    }
    if (v === undefined && flags & POINTER) continue;
    const value = valueJson(ftype, v === undefined ? zeroOf(ftype) : v);
    if (!(flags & POINTER) && omitted(flags, ftype, value, v)) continue;
    out[json] = value;
  }
  return out;
}

function valueJson(type: string, v: unknown): unknown {
  if (type === 'y') return (v as Buffer).toString('base64');
  if (isMessage(type)) return messageJson(type, v as Slots);
  return v;
}

const SCALARS = new Set(['s', 'i', 'l', 'b', 'y']);

/** Whether `omitempty`/`omitzero` drops a plain (non-pointer) field with this JSON value. */
function omitted(flags: number, type: string, json: unknown, raw: unknown): boolean {
  if (SCALARS.has(type))
    return (flags & (OMITEMPTY | OMITZERO)) !== 0 && (json === '' || json === 0 || json === false);
  // omitempty never drops a struct (Time, IntOrString, a message): only omitzero does.
  if (!(flags & OMITZERO)) return false;
  if (isMessage(type)) return raw === undefined || (raw as Slots).every((s) => s === undefined);
  return leafIsZero(type, json);
}
