/**
 * Just enough of apimachinery's resource.Quantity for describe node's resource sums: parse,
 * add (keeping the first operand's format, as Quantity.Add does), compare, MilliValue/Value
 * (rounded up) and String() in canonical form (pkg/api/resource/quantity.go CanonicalizeBytes).
 * Values are held exactly as BigInt nano-units.
 */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  nano: bigint;
  format: QuantityFormat;
}

const NANO = 1_000_000_000n;
const DECIMAL_SUFFIX: Record<string, number> = {
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
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

export const ZERO: Quantity = { nano: 0n, format: 'DecimalSI' };

export function parseQuantity(text: string | number | undefined): Quantity {
  if (text === undefined) return ZERO;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|[numkMGTPE])?$/.exec(
    String(text).trim(),
  );
  if (!m) return ZERO;
  const digits = `${m[2]}${m[3] ?? ''}` || '0';
  const fractionDigits = (m[3] ?? '').length;
  const suffix = m[4] ?? '';
  let format: QuantityFormat = 'DecimalSI';
  // value = digits × 10^(exp10 - fractionDigits) × 1024^exp1024, scaled to nano units.
  let exp10 = 0;
  let exp1024 = 0;
  if (BINARY_SUFFIX.includes(suffix) && suffix !== '') {
    format = 'BinarySI';
    exp1024 = BINARY_SUFFIX.indexOf(suffix);
  } else if (/^[eE]/.test(suffix)) {
    format = 'DecimalExponent';
    exp10 = Number(suffix.slice(1));
  } else {
    exp10 = DECIMAL_SUFFIX[suffix] ?? 0;
  }
  let numerator = BigInt(digits) * 1024n ** BigInt(exp1024);
  const scale = exp10 - fractionDigits + 9;
  if (scale >= 0) numerator *= 10n ** BigInt(scale);
  else numerator = ceilDiv(numerator, 10n ** BigInt(-scale));
  return { nano: m[1] === '-' ? -numerator : numerator, format };
}

/** Quantity.Add: the sum keeps the receiver's format unless the receiver was zero. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nano: a.nano + b.nano, format: a.nano === 0n ? b.format : a.format };
}

export function compareQuantity(a: Quantity, b: Quantity): number {
  return a.nano === b.nano ? 0 : a.nano < b.nano ? -1 : 1;
}

export function milliValue(q: Quantity): bigint {
  return ceilDiv(q.nano, 1_000_000n);
}

export function value(q: Quantity): bigint {
  return ceilDiv(q.nano, NANO);
}

export function quantityString(q: Quantity): string {
  if (q.nano === 0n) return '0';
  const negative = q.nano < 0n;
  const abs = negative ? -q.nano : q.nano;
  const sign = negative ? '-' : '';
  if (q.format === 'BinarySI' && abs >= 1024n * NANO && abs % NANO === 0n) {
    let n = abs / NANO;
    let exponent = 0;
    while (exponent < 6 && n % 1024n === 0n) {
      n /= 1024n;
      exponent++;
    }
    return `${sign}${n}${BINARY_SUFFIX[exponent]}`;
  }
  // Decimal: the largest power-of-1000 exponent that leaves an integer mantissa.
  let exponent = -9;
  let mantissa = abs;
  while (exponent < 18 && mantissa % 1000n === 0n) {
    mantissa /= 1000n;
    exponent += 3;
  }
  if (q.format === 'DecimalExponent') {
    return `${sign}${mantissa}${exponent === 0 ? '' : `e${exponent}`}`;
  }
  const suffix = Object.entries(DECIMAL_SUFFIX).find(([, e]) => e === exponent)?.[0] ?? '';
  return `${sign}${mantissa}${suffix}`;
}

function ceilDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n > 0n ? q + 1n : q;
}

/**
 * resource.ParseQuantity's acceptance, for kubectl's sorter (two strings that both parse sort as
 * quantities): sign, digits with an optional fraction, then a suffix. undefined when invalid.
 */
export function parseQuantityStrict(text: string): Quantity | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|[numkMGTPE])?$/.test(text)) {
    return undefined;
  }
  return parseQuantity(text);
}
