/**
 * The messages whose Go types read their own protobuf and write their own JSON (MarshalJSON):
 * metav1.Time and MicroTime (time_proto.go, micro_time_proto.go, RFC 3339 in UTC), metav1.Duration
 * (Go's duration string), intstr.IntOrString (a number or a string), resource.Quantity (its
 * string), runtime.RawExtension and metav1.FieldsV1 (the JSON they carry). Each is read here into
 * the JSON value encoding/json would print for it. Their field layouts are checked against the
 * .proto files by scripts/protobufSchema.ts.
 */
import { type FlatLayout, ProtoError, readFlat, type WireReader } from './wire';

/** The JSON of a leaf the body did not set (the Go zero value's). */
export function leafZero(code: string): unknown {
  switch (code) {
    case 'd':
      return '0s';
    case 'x':
      return 0;
    case 'q':
      return '0';
    default:
      // Time, MicroTime: a zero time marshals as null; RawExtension and FieldsV1 without Raw too.
      return null;
  }
}

/** Whether a leaf's JSON is its zero value (for `omitzero`). */
export function leafIsZero(code: string, json: unknown): boolean {
  return json === leafZero(code);
}

/** Reads the leaf message `code` from `r.pos` to `end` into its JSON value. */
export function readLeaf(r: WireReader, end: number, code: string): unknown {
  switch (code) {
    case 't':
    case 'm': {
      // An empty message is the zero time (time_proto.go's Unmarshal).
      if (r.pos === end) return null;
      const f = readFlat(r, end, 'Timestamp', TIMESTAMP);
      const seconds = (f[1] as bigint | undefined) ?? 0n;
      const nanos = (f[2] as number | undefined) ?? 0;
      // Time keeps whole seconds only; MicroTime truncates to microseconds.
      return code === 't' ? rfc3339(seconds, 0) : rfc3339(seconds, nanos - (nanos % 1000), 6);
    }
    case 'd': {
      const f = readFlat(r, end, 'Duration', DURATION);
      return goDuration((f[1] as bigint | undefined) ?? 0n);
    }
    case 'x': {
      const f = readFlat(r, end, 'IntOrString', INT_OR_STRING);
      const type = (f[1] as bigint | undefined) ?? 0n;
      if (type === 0n) return (f[2] as number | undefined) ?? 0;
      if (type === 1n) return (f[3] as string | undefined) ?? '';
      throw new ProtoError('impossible IntOrString.Type');
    }
    case 'q': {
      const f = readFlat(r, end, 'Quantity', QUANTITY);
      const s = (f[1] as string | undefined) ?? '';
      return s === '' ? '0' : s;
    }
    case 'r':
    case 'f': {
      const f = readFlat(r, end, code === 'r' ? 'RawExtension' : 'FieldsV1', RAW);
      const raw = f[1] as Buffer | undefined;
      if (!raw || raw.length === 0) return null;
      try {
        return JSON.parse(raw.toString('utf8'));
      } catch {
        throw new ProtoError(
          `${code === 'r' ? 'RawExtension' : 'FieldsV1'}: the embedded object is not JSON (this server reads JSON embedded objects only)`,
        );
      }
    }
    default:
      throw new ProtoError(`no leaf type ${code}`);
  }
}

const TIMESTAMP: FlatLayout = {
  1: { kind: 'int64', go: 'Seconds' },
  2: { kind: 'int32', go: 'Nanos' },
};
const DURATION: FlatLayout = { 1: { kind: 'int64', go: 'Duration' } };
const INT_OR_STRING: FlatLayout = {
  1: { kind: 'int64', go: 'Type' },
  2: { kind: 'int32', go: 'IntVal' },
  3: { kind: 'string', go: 'StrVal' },
};
const QUANTITY: FlatLayout = { 1: { kind: 'string', go: 'String_' } };
const RAW: FlatLayout = { 1: { kind: 'bytes', go: 'Raw' } };

// time.Unix's range that a JS Date can hold (±8.64e15 ms).
const MAX_SECONDS = 8_640_000_000_000n;

/** Go's `t.UTC().Format(RFC3339)` (digits = 0) or RFC3339Micro (digits = 6). */
export function rfc3339(seconds: bigint, nanos: number, digits = 0): string {
  // time.Unix normalizes nanos outside [0, 1e9).
  const carry = Math.floor(nanos / 1e9);
  const n = nanos - carry * 1e9;
  const s = seconds + BigInt(carry);
  if (s > MAX_SECONDS || s < -MAX_SECONDS)
    throw new ProtoError(`time ${seconds}s is outside the range this server keeps`);
  const d = new Date(Number(s) * 1000);
  const y = d.getUTCFullYear();
  const pad = (v: number, w = 2) => String(v).padStart(w, '0');
  const year = y < 0 ? `-${pad(-y, 4)}` : pad(y, 4);
  const frac = digits ? `.${pad(Math.floor(n / 10 ** (9 - digits)), digits)}` : '';
  return `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac}Z`;
}

/** Go's time.Duration.String: "1h2m3.5s", "1.5ms", "0s". */
export function goDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    // Under a second: the largest of ns, µs, ms that keeps a whole part.
    const [unit, scale] =
      u < 1_000n ? ['ns', 1n] : u < 1_000_000n ? ['µs', 1_000n] : ['ms', 1_000_000n];
    out = fraction(u, scale) + unit;
  } else {
    const sec = fraction(u % 60_000_000_000n, 1_000_000_000n);
    u /= 60_000_000_000n;
    if (u === 0n) out = `${sec}s`;
    else {
      const m = u % 60n;
      const h = u / 60n;
      out = h > 0n ? `${h}h${m}m${sec}s` : `${m}m${sec}s`;
    }
  }
  return neg ? `-${out}` : out;
}

/** `v / scale` with its fraction's trailing zeros dropped. */
function fraction(v: bigint, scale: bigint): string {
  const whole = v / scale;
  const rest = v % scale;
  if (rest === 0n) return String(whole);
  const digits = String(scale).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}
