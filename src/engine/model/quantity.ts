/**
 * Kubernetes resource quantities, parsed and printed the way apimachinery's `resource.Quantity`
 * does (k8s.io/apimachinery/pkg/api/resource/quantity.go, suffix.go, amount.go).
 *
 * Values are kept exact as `digits × 10^scale` (BigInt digits), so canonical strings and
 * request-vs-limit comparisons never suffer float rounding; `milli` is a plain number for the
 * simulation's arithmetic (precision loss beyond 2^53 is acceptable there).
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** An exact decimal: `digits × 10^scale`. */
export interface Decimal {
  digits: bigint;
  scale: number;
}

export type ParsedQuantity =
  | { ok: true; milli: number; value: Decimal; format: QuantityFormat; canonical: string }
  | { ok: false; error: string };

/** quantity.go: the regular expression is only quoted in the error, the parser is hand-written. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const DECIMAL_SUFFIXES: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_CHARS = 'eEinumkKMGTP';
const NANO_SCALE = -9;
const MILLI_SCALE = -3;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

interface QuantityParts {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString: sign, integer digits, optional `.fraction`, then the suffix. */
function splitQuantity(str: string): QuantityParts | undefined {
  let pos = 0;
  let positive = true;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  const numStart = pos;
  while (isDigit(str[pos])) pos++;
  const num = str.slice(numStart, pos).replace(/^0+/, '') || '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    const denomStart = pos;
    while (isDigit(str[pos])) pos++;
    denom = str.slice(denomStart, pos);
  }
  const suffixStart = pos;
  while (pos < str.length && SUFFIX_CHARS.includes(str[pos])) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  if (pos < str.length) return undefined;
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(
  suffix: string,
): { base: 10 | 2; exponent: number; format: QuantityFormat } | undefined {
  if (suffix in DECIMAL_SUFFIXES) {
    return { base: 10, exponent: DECIMAL_SUFFIXES[suffix], format: 'DecimalSI' };
  }
  if (suffix in BINARY_SUFFIXES) {
    return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: 'BinarySI' };
  }
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    if (!/^[-+]?[0-9]+$/.test(suffix.slice(1))) return undefined;
    return { base: 10, exponent: Number.parseInt(suffix.slice(1), 10), format: 'DecimalExponent' };
  }
  return undefined;
}

const pow10 = (n: number) => 10n ** BigInt(n);

/** Round `d` up (away from zero, like inf.RoundUp) to at most `scale` fractional precision. */
export function roundUpToScale(d: Decimal, scale: number): Decimal {
  if (d.scale >= scale) return d;
  const divisor = pow10(scale - d.scale);
  const negative = d.digits < 0n;
  const abs = negative ? -d.digits : d.digits;
  let q = abs / divisor;
  if (q * divisor !== abs) q += 1n;
  return { digits: negative ? -q : q, scale };
}

function decimalToNumber(d: Decimal, shift: number): number {
  const scale = d.scale + shift;
  if (scale >= 0) return Number(d.digits * pow10(scale));
  return Number(d.digits) / 10 ** -scale;
}

/**
 * ParseQuantity. Numbers (YAML `cpu: 1`) are read as their decimal text, as Quantity's
 * UnmarshalJSON does. Values are rounded up to nano precision like the parser, then to milli
 * precision like SetDefaults_ResourceList, which is what a stored object holds.
 */
export function parseQuantity(input: string | number): ParsedQuantity {
  // Go's JSON decoder hands the literal text to Quantity; `String(n)` is that text for YAML
  // numbers (`1e+21` parses as a DecimalExponent, as it does in Go).
  const str = typeof input === 'number' ? String(input) : input;
  if (str.length === 0) return { ok: false, error: QUANTITY_FORMAT_ERROR };
  const parts = splitQuantity(str);
  if (!parts) return { ok: false, error: QUANTITY_FORMAT_ERROR };
  const suffix = interpretSuffix(parts.suffix);
  if (!suffix) return { ok: false, error: QUANTITY_SUFFIX_ERROR };

  let digits = BigInt(parts.num + parts.denom);
  let scale = -parts.denom.length;
  if (suffix.base === 10) scale += suffix.exponent;
  else digits *= 2n ** BigInt(suffix.exponent);
  if (!parts.positive) digits = -digits;

  let value = roundUpToScale({ digits, scale }, NANO_SCALE);
  value = roundUpToScale(value, MILLI_SCALE);
  let format = suffix.format;
  // BinarySI below one unit cannot be written in binary suffixes (quantity.go).
  if (
    format === 'BinarySI' &&
    value.digits > 0n &&
    compareDecimal(value, { digits: 1n, scale: 0 }) < 0
  ) {
    format = 'DecimalSI';
  }
  return {
    ok: true,
    milli: decimalToNumber(value, 3),
    value,
    format,
    canonical: formatDecimal(value, format),
  };
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  const scale = Math.min(a.scale, b.scale);
  const av = a.digits * pow10(a.scale - scale);
  const bv = b.digits * pow10(b.scale - scale);
  return av < bv ? -1 : av > bv ? 1 : 0;
}

/** Quantity.String(): CanonicalizeBytes for the given format. */
export function formatDecimal(value: Decimal, format: QuantityFormat): string {
  if (value.digits === 0n) return '0';
  let effective = format;
  if (effective === 'BinarySI') {
    const inBounds =
      compareDecimal(value, { digits: -1024n, scale: 0 }) > 0 &&
      compareDecimal(value, { digits: 1024n, scale: 0 }) < 0;
    if (inBounds || !isInteger(value)) effective = 'DecimalSI';
  }
  if (effective === 'BinarySI') return formatBinary(value);
  return formatDecimalSI(value, effective);
}

function isInteger(d: Decimal): boolean {
  if (d.scale >= 0) return true;
  return d.digits % pow10(-d.scale) === 0n;
}

function formatBinary(value: Decimal): string {
  let n = value.scale >= 0 ? value.digits * pow10(value.scale) : value.digits / pow10(-value.scale);
  let exponent = 0;
  while (exponent < 6 && n % 1024n === 0n) {
    n /= 1024n;
    exponent++;
  }
  const suffix = Object.keys(BINARY_SUFFIXES).find((k) => BINARY_SUFFIXES[k] === exponent * 10);
  return `${n}${suffix ?? ''}`;
}

/** int64Amount.AsCanonicalBytes: strip trailing zeros, then lower the exponent to a multiple of 3. */
function formatDecimalSI(value: Decimal, format: QuantityFormat): string {
  let { digits, scale } = value;
  while (digits % 10n === 0n) {
    digits /= 10n;
    scale++;
  }
  const remainder = ((scale % 3) + 3) % 3;
  if (remainder === 1) {
    digits *= 10n;
    scale -= 1;
  } else if (remainder === 2) {
    digits *= 100n;
    scale -= 2;
  }
  if (format === 'DecimalExponent') return scale === 0 ? `${digits}` : `${digits}e${scale}`;
  const suffix = Object.keys(DECIMAL_SUFFIXES).find((k) => DECIMAL_SUFFIXES[k] === scale);
  return `${digits}${suffix ?? `e${scale}`}`;
}

/** The canonical form a stored object shows (`0.5` → `500m`, `1024Mi` → `1Gi`); input if invalid. */
export function canonicalQuantity(input: string | number): string {
  const q = parseQuantity(input);
  return q.ok ? q.canonical : String(input);
}

/** CPU in millicores as kubectl prints it: `250m`, `1`, `1500m`. */
export function formatCpuMilli(milli: number): string {
  return formatDecimal({ digits: BigInt(Math.round(milli)), scale: -3 }, 'DecimalSI');
}

/** A byte count in binary suffixes when exact (`128Mi`, `8010004Ki`), plain bytes otherwise. */
export function formatBytes(bytes: number): string {
  return formatDecimal({ digits: BigInt(Math.round(bytes)), scale: 0 }, 'BinarySI');
}
