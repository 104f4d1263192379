/**
 * π to n significant digits, rounded at the last one (what Math::BigFloat's bpi(n) prints):
 * Machin's formula in integer arithmetic. A pure function of n, so its results are remembered.
 */
const known = new Map<number, string>();

export function piDigits(n: number): string {
  const digits = Math.max(1, Math.min(10_000, Math.floor(n)));
  let text = known.get(digits);
  if (text === undefined) {
    text = compute(digits);
    if (known.size < 16) known.set(digits, text);
  }
  return text;
}

function compute(digits: number): string {
  const guard = 10;
  const scale = 10n ** BigInt(digits + guard);
  const pi = 4n * (4n * arctanInverse(5n, scale) - arctanInverse(239n, scale));
  // pi = 3.14159… × 10^(digits + guard): keep `digits` significant digits, rounding half up.
  const rounded = (pi + 5n * 10n ** BigInt(guard)) / 10n ** BigInt(guard + 1);
  const s = rounded.toString();
  return s.length > 1 ? `${s[0]}.${s.slice(1)}` : s;
}

/** arctan(1/x) × scale, by its Taylor series. */
function arctanInverse(x: bigint, scale: bigint): bigint {
  const x2 = x * x;
  let term = scale / x;
  let sum = term;
  let n = 1n;
  let sign = -1n;
  while (term !== 0n) {
    term /= x2;
    n += 2n;
    sum += (sign * term) / n;
    sign = -sign;
  }
  return sum;
}
