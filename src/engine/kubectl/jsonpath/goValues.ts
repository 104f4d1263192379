/**
 * The values a JSONPath template walks, as Go holds them after kubectl decodes an object into
 * unstructured content (apimachinery's JSON decoding: integral numbers become int64, others
 * float64), and the ways Go prints them: fmt's %v (fmt.Sprint) and %#v, encoding/json's compact
 * Marshal, reflect's type names. Sources: go src/fmt/print.go printValue, strconv ftoa.go
 * ('g' with the shortest precision), strconv/quote.go, encoding/json encode.go.
 */
import { goJsonString } from '../print/goJson';
import { compareStrings } from '../print/labels';

/** A Go float64 that JavaScript would take for an integer (a template literal such as 2.0). */
export class GoFloat {
  constructor(readonly value: number) {}
}

/** A Go uint8: the bytes `*` yields when it walks a string. */
export class GoByte {
  constructor(readonly value: number) {}
}

export type GoValue =
  | null
  | string
  | number
  | boolean
  | GoFloat
  | GoByte
  | GoValue[]
  | { [key: string]: GoValue };

export type GoKind = 'nil' | 'bool' | 'int' | 'uint' | 'float' | 'string' | 'map' | 'slice';

export function kindOf(v: GoValue): GoKind {
  if (v === null) return 'nil';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (v instanceof GoFloat) return 'float';
  if (v instanceof GoByte) return 'uint';
  if (Array.isArray(v)) return 'slice';
  return 'map';
}

export function isMap(v: GoValue): v is { [key: string]: GoValue } {
  return kindOf(v) === 'map';
}

export function numberOf(v: GoValue): number {
  if (v instanceof GoFloat || v instanceof GoByte) return v.value;
  return v as number;
}

/** reflect.Type.String() of the value unstructured content holds. */
export function typeName(v: GoValue): string {
  switch (kindOf(v)) {
    case 'nil':
      return 'interface {}';
    case 'bool':
      return 'bool';
    case 'string':
      return 'string';
    case 'int':
      return 'int64';
    case 'uint':
      return 'uint8';
    case 'float':
      return 'float64';
    case 'slice':
      return '[]interface {}';
    case 'map':
      return 'map[string]interface {}';
  }
}

/** A map's keys in the order fmt and encoding/json print them (sorted). */
export function sortedKeys(m: { [key: string]: GoValue }): string[] {
  return Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort(compareStrings);
}

/** strconv.FormatFloat(f, 'g', -1, 64), fmt's %v: shortest digits, exponent form below 1e-4 and from 1e6. */
export function formatFloatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Number.POSITIVE_INFINITY) return '+Inf';
  if (f === Number.NEGATIVE_INFINITY) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa, expText] = f.toExponential().split('e');
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  // %e is used when the exponent is below -4 or at least the precision (6 for shortest).
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const e = Math.abs(exp);
    return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** fmt.Sprint (%v). */
export function sprint(v: GoValue): string {
  switch (kindOf(v)) {
    case 'nil':
      return '<nil>';
    case 'bool':
    case 'string':
      return String(v);
    case 'int':
    case 'uint':
      return String(numberOf(v));
    case 'float':
      return formatFloatG(numberOf(v));
    case 'slice':
      return `[${(v as GoValue[]).map(sprint).join(' ')}]`;
    case 'map': {
      const m = v as { [key: string]: GoValue };
      return `map[${sortedKeys(m)
        .map((k) => `${k}:${sprint(m[k])}`)
        .join(' ')}]`;
    }
  }
}

/** fmt's %#v: Go syntax, with each value's dynamic type. */
export function sprintGoSyntax(v: GoValue): string {
  switch (kindOf(v)) {
    case 'nil':
      return 'interface {}(nil)';
    case 'bool':
      return String(v);
    case 'string':
      return quote(v as string);
    case 'int':
      return String(v);
    case 'uint':
      return `0x${numberOf(v).toString(16)}`;
    case 'float':
      return formatFloatG(numberOf(v));
    case 'slice':
      return `[]interface {}{${(v as GoValue[]).map(sprintGoSyntax).join(', ')}}`;
    case 'map': {
      const m = v as { [key: string]: GoValue };
      return `map[string]interface {}{${sortedKeys(m)
        .map((k) => `${quote(k)}:${sprintGoSyntax(m[k])}`)
        .join(', ')}}`;
    }
  }
}

const NAMED_ESCAPES: Record<number, string> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
};

/** strconv.Quote: printable runes as they are, the rest escaped. */
export function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (NAMED_ESCAPES[c]) out += NAMED_ESCAPES[c];
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (!isPrint(c)) {
      out +=
        c > 0xffff
          ? `\\U${c.toString(16).padStart(8, '0')}`
          : `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** strconv.IsPrint, near enough: letters, marks, numbers, punctuation, symbols and U+0020. */
export function isPrint(c: number): boolean {
  if (c === 0x20) return true;
  return /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(String.fromCodePoint(c));
}

/** encoding/json Marshal (compact): sorted keys, HTML-safe string escapes. */
export function jsonMarshal(v: GoValue): string {
  switch (kindOf(v)) {
    case 'nil':
      return 'null';
    case 'bool':
      return String(v);
    case 'string':
      return goJsonString(v as string);
    case 'int':
    case 'uint':
    case 'float':
      return Number.isFinite(numberOf(v)) ? String(numberOf(v)) : 'null';
    case 'slice':
      return `[${(v as GoValue[]).map(jsonMarshal).join(',')}]`;
    case 'map': {
      const m = v as { [key: string]: GoValue };
      return `{${sortedKeys(m)
        .map((k) => `${goJsonString(k)}:${jsonMarshal(m[k])}`)
        .join(',')}}`;
    }
  }
}

/**
 * An object as kubectl's printers see it: JSON data (a JSON round trip drops undefined fields,
 * as omitempty marshalling would).
 */
export function unstructured(obj: unknown): GoValue {
  return JSON.parse(JSON.stringify(obj ?? null)) as GoValue;
}
