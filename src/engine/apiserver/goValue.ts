/**
 * Go's `fmt.Sprintf("%+v", v)` of a value decoded from JSON into interface{} with integers
 * preserved (sigs.k8s.io/json UnmarshalStrict): how the PATCH handler shows a patch in its
 * errors (k8s.io/apiserver pkg/endpoints/handlers/patch.go applyPatchToObject). Maps print as
 * `map[k:v k2:v2]` with their keys sorted, slices as `[a b]`, strings bare, null as `<nil>`.
 */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (typeof v === 'object') {
    const keys = Object.keys(v).sort(byBytes);
    return `map[${keys.map((k) => `${k}:${goFormat((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** fmt sorts string keys by their bytes; UTF-16 order differs only past the BMP. */
function byBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * An integer in int64's range prints as an int64; any other number as %v prints a float64: the
 * shortest digits, in exponent form (`1e-05`, `1.5e+06`) below 1e-4 or from 1e6 (strconv 'g'
 * with precision -1).
 */
function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const [mantissa, exp] = n.toExponential().split('e');
  const e = Number(exp);
  if (e < -4 || e >= 6) {
    const digits = String(Math.abs(e)).padStart(2, '0');
    return `${mantissa}e${e < 0 ? '-' : '+'}${digits}`;
  }
  return String(n);
}
