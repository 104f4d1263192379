/**
 * Protobuf bytes by hand, for tests: fields are written one by one by number and wire type, with
 * no schema, so a test says exactly which bytes a client sent (and can send wrong ones).
 */

/** A varint of a non-negative integer or a bigint (two's complement for negative bigints). */
export function varint(n: number | bigint): Buffer {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v ? b | 0x80 : b);
  } while (v);
  return Buffer.from(out);
}

export function tag(field: number, wire: number): Buffer {
  return varint((BigInt(field) << 3n) | BigInt(wire));
}

/** A varint field (int32, int64, bool). */
export function num(field: number, n: number | bigint | boolean): Buffer {
  return Buffer.concat([tag(field, 0), varint(typeof n === 'boolean' ? Number(n) : n)]);
}

/** A length-delimited field: a string, bytes, or an embedded message's bytes. */
export function bytes(field: number, value: string | Uint8Array): Buffer {
  const b = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
  return Buffer.concat([tag(field, 2), varint(b.length), b]);
}

/** An embedded message made of the given fields. */
export function msg(field: number, ...fields: Buffer[]): Buffer {
  return bytes(field, Buffer.concat(fields));
}

/** A map entry (key 1, value 2) of a map field. */
export function entry(field: number, key: string, value: Buffer): Buffer {
  return msg(field, bytes(1, key), value);
}

/** The whole body: magic, then runtime.Unknown{typeMeta{apiVersion, kind}, raw}. */
export function envelope(apiVersion: string, kind: string, ...fields: Buffer[]): Buffer {
  return Buffer.concat([
    Buffer.from([0x6b, 0x38, 0x73, 0x00]),
    msg(1, bytes(1, apiVersion), bytes(2, kind)),
    bytes(2, Buffer.concat(fields)),
  ]);
}
