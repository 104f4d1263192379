/**
 * A port of client-go util/jsonpath/parser.go: text outside `{…}` is literal; inside, fields
 * (`.a.b`, `['a']`, escaped dots `a\.b`), arrays and slices, `*`, `..`, filters `[?(…)]`,
 * unions `[a,b]`, quoted strings, numbers, `range`/`end` and booleans. The error texts are
 * client-go's. Go's mutually recursive descent (parseText → parseInsideAction → …) is a loop
 * here, so a long template cannot exhaust the stack.
 */
import { isPrint } from './goValues';
import { type ListNode, newList, type ParamsEntry } from './nodes';

const EOF = -1;
const DICT_KEY = /^'([^']*)'$/;
const SLICE_OPERATOR = /^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/;

export class JsonPathSyntaxError extends Error {}

function fail(message: string): never {
  throw new JsonPathSyntaxError(message);
}

/** Parse: the template's root list, or a JsonPathSyntaxError with client-go's message. */
export function parseTemplate(text: string): ListNode {
  return new Parser(text).parse();
}

/** parseAction: the nodes of `{text}`. */
function parseAction(text: string): ListNode {
  const root = parseTemplate(`{${text}}`);
  return root.nodes[0] as ListNode;
}

class Parser {
  private pos = 0;
  private start = 0;
  private width = 0;
  private readonly root = newList();

  constructor(private readonly input: string) {}

  parse(): ListNode {
    let cur: ListNode | undefined;
    for (;;) {
      if (cur === undefined) {
        // parseText
        const at = this.input.indexOf('{', this.pos);
        if (at < 0) {
          this.pos = this.input.length;
          if (this.pos > this.start) this.root.nodes.push({ type: 'Text', text: this.consume() });
          return this.root;
        }
        this.pos = at;
        if (this.pos > this.start) this.root.nodes.push({ type: 'Text', text: this.consume() });
        // parseLeftDelim
        this.pos += 1;
        this.consume();
        cur = newList();
        this.root.nodes.push(cur);
        continue;
      }
      // parseInsideAction
      const rest = this.input.slice(this.pos, this.pos + 3);
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consume();
        cur = undefined;
        continue;
      }
      if (rest === '[?(') {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) fail('unclosed action');
      else if (r === 0x20 || r === 0x40 || r === 0x24) this.consume();
      else if (r === 0x5b) this.parseArray(cur);
      else if (r === 0x22 || r === 0x27) this.parseQuote(cur, r);
      else if (r === 0x2e) this.parseField(cur);
      else if (r === 0x2b || r === 0x2d || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else fail(`unrecognized character in action: ${formatRune(r)}`);
    }
  }

  private consume(): string {
    const value = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return value;
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos) ?? EOF;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  /** Built-in keywords (`range`, `end`) and booleans. */
  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    if (value === 'true' || value === 'false')
      cur.nodes.push({ type: 'Bool', value: value === 'true' });
    else cur.nodes.push({ type: 'Identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    if (cur.nodes.at(-1)?.type === 'Recursive') fail('invalid multiple recursive descent');
    this.pos += 2;
    this.consume();
    cur.nodes.push({ type: 'Recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    let r = this.peek();
    if (r === 0x2b || r === 0x2d) this.next();
    for (;;) {
      r = this.next();
      if (r !== 0x2e && !isDigit(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    const int = atoi(value);
    if (int !== undefined) {
      cur.nodes.push({ type: 'Int', value: int });
      return;
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) {
      cur.nodes.push({ type: 'Float', value: Number(value) });
      return;
    }
    fail(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) fail('unterminated array');
      if (r === 0x5d) break;
    }
    let text = this.consume();
    text = text.slice(1, -1);
    if (text === '*') text = ':';

    const parts = text.split(',');
    if (parts.length > 1) {
      const union = parts.map((part) => parseAction(`[${trimSpaces(part)}]`));
      cur.nodes.push({ type: 'Union', nodes: union });
      return;
    }

    const dict = DICT_KEY.exec(text);
    if (dict) {
      for (const node of parseAction(`.${dict[1]}`).nodes) cur.nodes.push(node);
      return;
    }

    const slice = SLICE_OPERATOR.exec(text);
    if (!slice) fail(`invalid array index ${text}`);
    const values = [slice[1] ?? '', slice[2] ?? '', slice[3] ?? ''];
    const params: ParamsEntry[] = [];
    for (let i = 0; i < 3; i++) {
      let value = values[i];
      if (value !== '') {
        if (i > 0) value = value.slice(1);
        if (i > 0 && value === '') params.push({ value: 0, known: false, derived: false });
        else {
          const n = atoi(value);
          if (n === undefined) fail(`array index ${value} is not a number`);
          params.push({ value: n, known: true, derived: false });
        }
      } else if (i === 1) {
        params.push({ value: params[0].value + 1, known: true, derived: true });
      } else {
        params.push({ value: 0, known: false, derived: false });
      }
    }
    cur.nodes.push({ type: 'Array', params: params as [ParamsEntry, ParamsEntry, ParamsEntry] });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = 0;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) fail('unterminated filter');
      if (r === 0x22 || r === 0x27) {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === 0x29) {
        if (begin === end) break;
      }
    }
    if (this.next() !== 0x5d) fail('unclosed array expect ]');
    let text = this.consume();
    text = text.slice(0, -2);
    const match = FILTER.exec(text);
    if (!match) {
      cur.nodes.push({
        type: 'Filter',
        left: parseAction(text),
        right: newList(),
        operator: 'exists',
      });
    } else {
      cur.nodes.push({
        type: 'Filter',
        left: parseAction(match[1]),
        right: parseAction(match[3]),
        operator: match[2],
      });
    }
  }

  private parseQuote(cur: ListNode, end: number): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) fail('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consume();
    const text = unquoteExtend(value);
    if (text === undefined) fail(`unquote string ${value} error invalid syntax`);
    cur.nodes.push({ type: 'Text', text });
  }

  private parseField(cur: ListNode): void {
    this.consume();
    while (this.advance()) {
      // scanning to the next unescaped terminator
    }
    const value = this.consume();
    if (value === '*') cur.nodes.push({ type: 'Wildcard' });
    else cur.nodes.push({ type: 'Field', value: value.replaceAll('\\', '') });
  }

  private advance(): boolean {
    const r = this.next();
    if (r === 0x5c) this.next();
    else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }
}

function isTerminator(r: number): boolean {
  if (r === 0x20 || r === 0x09 || isEndOfLine(r)) return true;
  return (
    r === EOF ||
    r === 0x2e ||
    r === 0x2c ||
    r === 0x5b ||
    r === 0x5d ||
    r === 0x24 ||
    r === 0x40 ||
    r === 0x7b ||
    r === 0x7d
  );
}

function isEndOfLine(r: number): boolean {
  return r === 0x0d || r === 0x0a;
}

function isDigit(r: number): boolean {
  return r >= 0 && /\p{Nd}/u.test(String.fromCodePoint(r));
}

function isAlphaNumeric(r: number): boolean {
  return r === 0x5f || (r >= 0 && /[\p{L}\p{Nd}]/u.test(String.fromCodePoint(r)));
}

/** strings.Trim(s, " "). */
function trimSpaces(s: string): string {
  return s.replace(/^ +| +$/g, '');
}

/** strconv.Atoi for a 64-bit int. */
function atoi(s: string): number | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return undefined;
  return Number(n);
}

/** fmt's %#U: `U+0023 '#'` (without the quoted rune when it is not printable). */
function formatRune(r: number): string {
  const hex = `U+${r.toString(16).toUpperCase().padStart(4, '0')}`;
  return isPrint(r) ? `${hex} '${String.fromCodePoint(r)}'` : hex;
}

/** UnquoteExtend: strconv.Unquote, for single quotes too; undefined for invalid syntax. */
export function unquoteExtend(s: string): string | undefined {
  if (s.length < 2) return undefined;
  const q = s[0];
  if (q !== s[s.length - 1] || (q !== '"' && q !== "'")) return undefined;
  let body = s.slice(1, -1);
  if (!body.includes('\\') && !body.includes(q)) return body;
  let out = '';
  while (body.length > 0) {
    const c = unquoteChar(body, q);
    if (!c) return undefined;
    out += c.value;
    body = c.tail;
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** strconv.UnquoteChar. */
function unquoteChar(s: string, q: string): { value: string; tail: string } | undefined {
  const c = s[0];
  if (c === q) return undefined;
  if (c !== '\\') {
    const ch = String.fromCodePoint(s.codePointAt(0) ?? 0);
    return { value: ch, tail: s.slice(ch.length) };
  }
  if (s.length <= 1) return undefined;
  const e = s[1];
  const rest = s.slice(2);
  if (SIMPLE_ESCAPES[e] !== undefined) return { value: SIMPLE_ESCAPES[e], tail: rest };
  if (e === 'x' || e === 'u' || e === 'U') {
    const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
    const hex = rest.slice(0, n);
    if (hex.length < n || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
    const v = Number.parseInt(hex, 16);
    if (e !== 'x' && (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))) return undefined;
    return { value: String.fromCodePoint(v), tail: rest.slice(n) };
  }
  if (e >= '0' && e <= '7') {
    const oct = `${e}${rest.slice(0, 2)}`;
    if (!/^[0-7]{3}$/.test(oct)) return undefined;
    const v = Number.parseInt(oct, 8);
    if (v > 255) return undefined;
    return { value: String.fromCodePoint(v), tail: rest.slice(2) };
  }
  if (e === "'" || e === '"') return e === q ? { value: e, tail: rest } : undefined;
  return undefined;
}
