/**
 * The protobuf wire format as gogo/protobuf's generated Unmarshal code reads it (k8s.io/api's
 * generated.pb.go): varints of up to ten bytes, length-delimited fields bounded by their parent,
 * unknown fields skipped (skipGenerated, groups included), and the same error words, since the API
 * server puts them in its 400 answer. Nothing here trusts a length: every read is checked against
 * the end of the enclosing message, so a hostile body ends in an error, never a hang or a crash.
 */

/** A decode failure; `message` is gogo/protobuf's (or Go's io package's) wording. */
export class ProtoError extends Error {}

export const UNEXPECTED_EOF = 'unexpected EOF';
export const INT_OVERFLOW = 'proto: integer overflow';
export const NEGATIVE_LENGTH = 'proto: negative length found during unmarshaling';
const END_OF_GROUP = 'proto: unexpected end of group';

const TWO_32 = 4294967296;

/** Wire types. */
export const VARINT = 0;
const FIXED64 = 1;
export const BYTES = 2;
const START_GROUP = 3;
export const END_GROUP = 4;
const FIXED32 = 5;

/** A varint's 64 bits as two unsigned 32-bit halves. */
export interface Varint {
  lo: number;
  hi: number;
}

export class WireReader {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    start = 0,
  ) {
    this.pos = start;
  }

  /** Reads a varint ending before `end`; its bits beyond 64 are dropped, as Go's shifts drop them. */
  varint(end: number, out: Varint): Varint {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    for (let shift = 0; ; shift += 7) {
      if (shift >= 64) throw new ProtoError(INT_OVERFLOW);
      if (pos >= end) throw new ProtoError(UNEXPECTED_EOF);
      const b = buf[pos++];
      const v = b & 0x7f;
      if (shift < 28) lo |= v << shift;
      else if (shift === 28) {
        lo |= v << 28;
        hi |= v >>> 4;
      } else hi |= v << (shift - 32);
      if (b < 0x80) break;
    }
    this.pos = pos;
    out.lo = lo >>> 0;
    out.hi = hi >>> 0;
    return out;
  }

  /** A length prefix and the end it gives, checked as gogo checks it (against `limit`). */
  lengthEnd(end: number, limit: number, v: Varint): number {
    this.varint(end, v);
    // Go converts the uint64 to int: the top bit set makes it negative.
    if (v.hi >= 0x80000000) throw new ProtoError(NEGATIVE_LENGTH);
    const length = v.hi * TWO_32 + v.lo;
    const after = this.pos + length;
    if (after > limit) throw new ProtoError(UNEXPECTED_EOF);
    return after;
  }

  /**
   * Skips the field whose tag starts at `this.pos` (gogo's skipGenerated, which reads the tag
   * again): a varint, 8 or 4 bytes, a length-delimited run, or a group to its matching end.
   */
  skip(end: number, v: Varint): void {
    let depth = 0;
    let pos = this.pos;
    while (pos < end) {
      this.pos = pos;
      this.varint(end, v);
      pos = this.pos;
      switch (v.lo & 7) {
        case VARINT:
          for (let n = 0; ; n++) {
            if (n >= 10) throw new ProtoError(INT_OVERFLOW);
            if (pos >= end) throw new ProtoError(UNEXPECTED_EOF);
            if (this.buf[pos++] < 0x80) break;
          }
          break;
        case FIXED64:
          pos += 8;
          break;
        case BYTES: {
          this.varint(end, v);
          if (v.hi >= 0x80000000) throw new ProtoError(NEGATIVE_LENGTH);
          pos = this.pos + v.hi * TWO_32 + v.lo;
          break;
        }
        case START_GROUP:
          depth++;
          break;
        case END_GROUP:
          if (depth === 0) throw new ProtoError(END_OF_GROUP);
          depth--;
          break;
        case FIXED32:
          pos += 4;
          break;
        default:
          throw new ProtoError(`proto: illegal wireType ${v.lo & 7}`);
      }
      if (depth === 0) {
        if (pos > end) throw new ProtoError(UNEXPECTED_EOF);
        this.pos = pos;
        return;
      }
    }
    throw new ProtoError(UNEXPECTED_EOF);
  }
}

/** The varint as Go's int32 (its low 32 bits, signed). */
export function int32Of(v: Varint): number {
  return v.lo | 0;
}

/** The varint as Go's int64, exact up to 2^53 (JSON numbers are doubles anyway). */
export function int64Of(v: Varint): number {
  return (v.hi | 0) * TWO_32 + v.lo;
}

/** The varint as Go's int64, exactly. */
export function bigInt64Of(v: Varint): bigint {
  return BigInt.asIntN(64, (BigInt(v.hi) << 32n) | BigInt(v.lo));
}

/** The whole 64-bit tag value, for gogo's "illegal tag" message (which prints it, not the wire type). */
export function uint64Text(v: Varint): string {
  return ((BigInt(v.hi) << 32n) | BigInt(v.lo)).toString();
}

/**
 * Reads a field's tag into `v` and returns its field number (the wire type is `v.lo & 7`), with
 * gogo's errors for an end-group tag and a field number of 0 or less; `message` is the Go type.
 */
export function readTag(r: WireReader, end: number, v: Varint, message: string): number {
  r.varint(end, v);
  // Go: int32(wire >> 3).
  const num = (v.hi << 29) | (v.lo >>> 3) | 0;
  if ((v.lo & 7) === END_GROUP)
    throw new ProtoError(`proto: ${message}: wiretype end group for non-group`);
  if (num <= 0)
    throw new ProtoError(`proto: ${message}: illegal tag ${num} (wire type ${uint64Text(v)})`);
  return num;
}

/** Field number → how it is read and its Go name (for the error words). */
export type FlatLayout = Record<
  number,
  { kind: 'int64' | 'int32' | 'string' | 'bytes'; go: string }
>;

/**
 * Reads a small flat message by its layout (the envelope, the leaves): unknown fields skipped,
 * the last value of each field winning.
 */
export function readFlat(r: WireReader, end: number, message: string, layout: FlatLayout) {
  const out: Record<number, bigint | number | string | Buffer> = {};
  const v: Varint = { lo: 0, hi: 0 };
  while (r.pos < end) {
    const pre = r.pos;
    const num = readTag(r, end, v, message);
    const wire = v.lo & 7;
    const f = layout[num];
    if (!f) {
      r.pos = pre;
      r.skip(end, v);
      continue;
    }
    const want = f.kind === 'int64' || f.kind === 'int32' ? VARINT : BYTES;
    if (wire !== want) throw new ProtoError(`proto: wrong wireType = ${wire} for field ${f.go}`);
    if (want === VARINT) {
      r.varint(end, v);
      out[num] = f.kind === 'int64' ? bigInt64Of(v) : int32Of(v);
    } else {
      const after = r.lengthEnd(end, end, v);
      const buf = r.buf as Buffer;
      out[num] =
        f.kind === 'string'
          ? buf.toString('utf8', r.pos, after)
          : Buffer.from(buf.subarray(r.pos, after));
      r.pos = after;
    }
  }
  return out;
}
