/**
 * YAML exactly as `kubectl get -o yaml` writes it. cli-runtime's YAMLPrinter goes through
 * sigs.k8s.io/yaml: object → JSON → go-yaml v2 values → go-yaml v2 Marshal. This is a port of
 * the parts of go-yaml v2 that JSON-shaped data reaches: encode.go (stringv's quoting decision,
 * resolve.go's implicit types, sorter.go's key order) and emitterc.go (scalar analysis and style
 * selection, block collections with sequences not indented under their key, empty collections as
 * {} / [], plain/quoted scalars folded at spaces once past column 80, literal blocks for
 * multi-line strings). The `yaml` package cannot reproduce go-yaml's choice between double
 * quotes (a string that would read as another type) and single quotes (a string that is not
 * plain-safe), nor libyaml's folding, so this emitter is hand-written.
 */

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

const BEST_WIDTH = 80;
const BEST_INDENT = 2;
const MAX_SIMPLE_KEY_BYTES = 128;

type Style = 'plain' | 'single' | 'double' | 'literal';

interface NodeContext {
  mapping: boolean;
  simpleKey: boolean;
}

export function goYamlMarshal(value: JsonValue): string {
  const emitter = new Emitter();
  emitter.node(value, { mapping: false, simpleKey: false });
  emitter.writeIndent();
  return emitter.out;
}

class Emitter {
  out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];

  node(value: JsonValue, ctx: NodeContext): void {
    if (Array.isArray(value)) {
      if (value.length === 0) this.emptyCollection('[', ']');
      else this.sequence(value, ctx);
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value).filter((k) => value[k] !== undefined);
      if (keys.length === 0) this.emptyCollection('{', '}');
      else
        this.mapping(
          value,
          keys.sort((a, b) => (keyLess(a, b) ? -1 : keyLess(b, a) ? 1 : 0)),
        );
    } else {
      this.scalar(value, ctx.simpleKey);
    }
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.putBreak();
    }
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private sequence(items: JsonValue[], ctx: NodeContext): void {
    // A sequence that is a mapping value is "indentless": its dashes sit under the key.
    this.increaseIndent(false, ctx.mapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, { mapping: false, simpleKey: false });
    }
    this.popIndent();
  }

  private mapping(map: { [key: string]: JsonValue }, keys: string[]): void {
    this.increaseIndent(false, false);
    for (const key of keys) {
      this.writeIndent();
      const analysis = analyzeScalar(key);
      if (!analysis.multiline && utf8Length(key) <= MAX_SIMPLE_KEY_BYTES) {
        this.node(key, { mapping: true, simpleKey: true });
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.node(key, { mapping: true, simpleKey: false });
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(map[key], { mapping: true, simpleKey: false });
    }
    this.popIndent();
  }

  private emptyCollection(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.writeIndicator(close, false, false, false);
  }

  private scalar(value: string | number | boolean | null, simpleKey: boolean): void {
    const [text, requested] = encodeScalar(value);
    const analysis = analyzeScalar(text);
    let style = requested;
    if (simpleKey && analysis.multiline) style = 'double';
    if (style === 'plain') {
      if (!analysis.blockPlainAllowed) style = 'single';
      if (text.length === 0 && simpleKey) style = 'single';
    }
    if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!analysis.blockAllowed || simpleKey)) style = 'double';

    this.increaseIndent(true, false);
    const allowBreaks = !simpleKey;
    if (style === 'plain') this.writePlain(text, allowBreaks);
    else if (style === 'single') this.writeSingleQuoted(text, allowBreaks);
    else if (style === 'double') this.writeDoubleQuoted(text, allowBreaks);
    else this.writeLiteral(text);
    this.popIndent();
  }

  private writePlain(text: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    const chars = [...text];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') {
          this.writeIndent();
        } else {
          this.put(ch);
        }
        spaces = true;
      } else {
        this.put(ch);
        this.indention = false;
        spaces = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(text: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    const chars = [...text];
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === ' ') {
        const fold =
          allowBreaks &&
          !spaces &&
          this.column > BEST_WIDTH &&
          i > 0 &&
          i < chars.length - 1 &&
          chars[i + 1] !== ' ';
        if (fold) this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else if (isBreak(ch)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (ch === "'") this.put("'");
        this.put(ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(text: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    const chars = [...text];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      const code = ch.codePointAt(0) ?? 0;
      if (!isPrintable(code) || code === 0xfeff || isBreak(ch) || ch === '"' || ch === '\\') {
        for (const c of doubleQuotedEscape(code)) this.put(c);
        spaces = false;
      } else if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.put('\\');
        } else {
          this.put(ch);
        }
        spaces = true;
      } else {
        this.put(ch);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(text: string): void {
    this.writeIndicator('|', true, false, false);
    const chars = [...text];
    if (chars.length > 0 && (chars[0] === ' ' || isBreak(chars[0]))) {
      this.writeIndicator(String(BEST_INDENT), false, false, false);
    }
    const chomp = literalChomp(chars);
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const ch of chars) {
      if (isBreak(ch)) {
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(ch);
        this.indention = false;
        breaks = false;
      }
    }
  }

  private writeIndicator(
    indicator: string,
    needWhitespace: boolean,
    isWhitespace: boolean,
    isIndention: boolean,
  ): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    for (const ch of indicator) this.put(ch);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop() ?? -1;
  }

  private put(ch: string): void {
    this.out += ch;
    this.column++;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  private writeBreak(ch: string): void {
    if (ch === '\n') {
      this.putBreak();
    } else {
      this.out += ch;
      this.column = 0;
    }
  }
}

/** The chomping indicator of emitterc.go yaml_emitter_write_block_scalar_hints. */
function literalChomp(chars: string[]): string {
  if (chars.length === 0) return '-';
  const last = chars.length - 1;
  if (!isBreak(chars[last])) return '-';
  if (last === 0 || isBreak(chars[last - 1])) return '+';
  return '';
}

/** encode.go: the text of a scalar and the style the encoder asks for. */
function encodeScalar(value: string | number | boolean | null): [string, Style] {
  if (value === null) return ['null', 'plain'];
  if (typeof value === 'boolean') return [String(value), 'plain'];
  if (typeof value === 'number') return [formatNumber(value), 'plain'];
  if (value.includes('\n')) return [value, 'literal'];
  return [value, resolvesToString(value) && !isBase60Float(value) ? 'plain' : 'double'];
}

/** JSON integers stay ints through yaml.Unmarshal; other numbers are float64, printed %g-style. */
function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  if (Number.isInteger(n)) return String(n === 0 ? 0 : n);
  // strconv.FormatFloat(f, 'g', -1, 64): shortest digits, exponent form outside [1e-4, 1e6).
  const [mantissa, expText] = Math.abs(n).toExponential().split('e');
  const exp = Number(expText);
  const digits = mantissa.replace('.', '');
  const sign = n < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return frac ? `${sign}${whole}.${frac}` : `${sign}${whole}`;
}

const RESOLVE_MAP = new Set([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'],
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'],
  ...['', '~', 'null', 'Null', 'NULL'],
  ...['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'],
  ...['-.inf', '-.Inf', '-.INF'],
]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** resolve.go resolve("", s) === !!str: would the string read back as a string if unquoted? */
function resolvesToString(s: string): boolean {
  const first = s[0] ?? '';
  let hint = '';
  if (s === '') hint = 'N';
  else if ('+-'.includes(first)) hint = 'S';
  else if (/[0-9]/.test(first)) hint = 'D';
  else if ('yYnNtTfFoO~'.includes(first)) hint = 'M';
  else if (first === '.') hint = '.';
  if (hint === '') return true;
  if (RESOLVE_MAP.has(s)) return false;
  if (hint === '.') return !/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s);
  if (hint === 'D' || hint === 'S') {
    if (isTimestamp(s)) return false;
    const plain = s.replaceAll('_', '');
    if (isGoInt(plain)) return false;
    if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))) return false;
  }
  return true;
}

/** strconv.ParseInt/ParseUint(s, 0, 64) succeeding: Go literal syntax with base prefixes. */
function isGoInt(s: string): boolean {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return false;
  let body = m[2].toLowerCase();
  if (/^0[0-7]+$/.test(body)) body = `0o${body.slice(1)}`;
  const n = BigInt(body);
  // ParseInt takes a sign and int64's range; ParseUint takes no sign and uint64's range.
  if (m[1] === '-') return n <= 2n ** 63n;
  if (m[1] === '+') return n < 2n ** 63n;
  return n < 2n ** 64n;
}

/** resolve.go parseTimestamp with go-yaml's four allowed layouts. */
function isTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(
      s,
    );
  if (!m) return false;
  const [year, month, day] = [+m[1], +m[2], +m[3]];
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  if (m[4] === undefined) return true;
  if (+m[5] > 23 || +m[6] > 59 || +m[7] > 59) return false;
  // "2006-1-2 15:4:5" has no zone; the T layouts require one.
  return m[4] === ' ' ? m[8] === undefined : m[8] !== undefined;
}

function isBase60Float(s: string): boolean {
  return s.includes(':') && BASE60_FLOAT.test(s);
}

interface ScalarAnalysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** emitterc.go yaml_emitter_analyze_scalar, block context only (kubectl never emits flow). */
function analyzeScalar(text: string): ScalarAnalysis {
  const chars = [...text];
  if (chars.length === 0) {
    return {
      multiline: false,
      blockPlainAllowed: true,
      singleQuotedAllowed: true,
      blockAllowed: false,
    };
  }
  let blockIndicators = text.startsWith('---') || text.startsWith('...');
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;

  chars.forEach((ch, i) => {
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      if ((ch === '?' || ch === ':' || ch === '-') && followedByWhitespace) blockIndicators = true;
    } else if (ch === ':' && followedByWhitespace) {
      blockIndicators = true;
    } else if (ch === '#' && precededByWhitespace) {
      blockIndicators = true;
    }
    if (!isPrintable(ch.codePointAt(0) ?? 0)) specialCharacters = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(ch)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = ch === ' ' || ch === '\t' || isBreak(ch) || ch === '\0';
  });

  const analysis: ScalarAnalysis = {
    multiline: lineBreaks,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    analysis.blockPlainAllowed = false;
  }
  if (trailingSpace) analysis.blockAllowed = false;
  if (breakSpace) {
    analysis.blockPlainAllowed = false;
    analysis.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    analysis.blockPlainAllowed = false;
    analysis.singleQuotedAllowed = false;
    analysis.blockAllowed = false;
  }
  if (lineBreaks || blockIndicators) analysis.blockPlainAllowed = false;
  return analysis;
}

function isBreak(ch: string): boolean {
  return ch === '\r' || ch === '\n' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029';
}

/** emitterc.go is_printable on UTF-8: LF, printable ASCII, and BMP text outside surrogates. */
function isPrintable(code: number): boolean {
  return (
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff)
  );
}

const SHORT_ESCAPES: Record<number, string> = {
  0: '0',
  7: 'a',
  8: 'b',
  9: 't',
  10: 'n',
  11: 'v',
  12: 'f',
  13: 'r',
  27: 'e',
  34: '"',
  92: '\\',
  133: 'N',
  160: '_',
  8232: 'L',
  8233: 'P',
};

function doubleQuotedEscape(code: number): string {
  const short = SHORT_ESCAPES[code];
  if (short !== undefined) return `\\${short}`;
  const hex = code.toString(16).toUpperCase();
  if (code <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** sorter.go keyList.Less: letters after non-letters, digit runs compared as numbers. */
export function keyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return codeOf(ar[i]) < codeOf(br[i]);
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (codeOf(ar[ai]) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (codeOf(br[bi]) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return codeOf(ar[i]) < codeOf(br[i]);
  }
  return ar.length < br.length;
}

function isLetter(ch: string): boolean {
  return /\p{L}/u.test(ch);
}

function isDigit(ch: string): boolean {
  return /\p{Nd}/u.test(ch);
}

function codeOf(ch: string): number {
  return ch.codePointAt(0) ?? 0;
}
