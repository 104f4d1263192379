/**
 * The POSIX shell grammar (plus the few bash additions learners type) as a recursive-descent
 * parser working straight on the characters: words are read with their quoting kept as parts,
 * and `$(…)` / backticks are parsed in place into nodes of the same script.
 */
import type {
  CaseNode,
  Node,
  ParamOp,
  Part,
  Redir,
  RedirOp,
  Script,
  SimpleNode,
  Word,
} from './ast';
import { ShellSyntaxError, type SyntaxInfo, type TokenName } from './syntax';

type NoId<T> = T extends Node ? Omit<T, 'id'> : never;

type Token =
  | { k: 'word'; word: Word; raw: string; line: number }
  | { k: 'op'; op: string; line: number; fd?: number }
  | { k: 'eof'; line: number };

const RESERVED = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'case',
  'esac',
  'while',
  'until',
  'for',
  'in',
  '{',
  '}',
  '!',
]);
const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ASSIGN_RE = /^([A-Za-z_][A-Za-z0-9_]*)=/;
const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '$', '!', '0', '-']);
const PARAM_OPS: ParamOp[] = [':-', ':=', ':?', ':+', '##', '%%', '-', '=', '?', '+', '#', '%'];

/** Parses a whole script; throws ShellSyntaxError. `bash` turns on `&>`, `<<<` and `function`. */
export function parseScript(src: string, bash: boolean): Script {
  const p = new Parser(src, bash, [], 1);
  const root = p.program();
  return { nodes: p.nodes, root, lineCount: src.split('\n').length };
}

class Parser {
  private pos = 0;
  private line: number;
  private peeked: Token | null = null;

  constructor(
    private readonly src: string,
    private readonly bash: boolean,
    readonly nodes: Node[],
    firstLine: number,
  ) {
    this.line = firstLine;
  }

  private add(node: NoId<Node>): number {
    const id = this.nodes.length;
    this.nodes.push({ ...node, id } as Node);
    return id;
  }

  // ---- errors -------------------------------------------------------------------------------

  private fail(info: SyntaxInfo): never {
    throw new ShellSyntaxError(info);
  }

  private newlinesInSource(): number {
    let n = 0;
    for (let i = 0; i < this.src.length; i++) if (this.src[i] === '\n') n++;
    return n;
  }

  private unexpected(tok: Token, expecting?: string): never {
    if (tok.k === 'eof') {
      this.fail({
        kind: 'eof',
        line: tok.line,
        expecting,
        bashLine: this.newlinesInSource() + 2,
      });
    }
    this.fail({ kind: 'unexpected', token: tokenName(tok), line: tok.line, expecting });
  }

  // ---- grammar ------------------------------------------------------------------------------

  program(): number {
    const body = this.list([], false);
    const tok = this.peek();
    if (tok.k !== 'eof') this.unexpected(tok);
    return body;
  }

  private isStop(tok: Token, stops: readonly string[]): boolean {
    if (tok.k === 'eof') return true;
    if (tok.k === 'op') return tok.op === ')' || tok.op === ';;';
    const k = kw(tok);
    return k !== null && stops.includes(k);
  }

  /** A compound list up to one of `stops` (a reserved word), `)`, `;;` or the end. */
  private list(stops: readonly string[], required: boolean): number {
    const line = this.peekSkippingNewlines().line;
    const items: { n: number; async: boolean }[] = [];
    for (;;) {
      const tok = this.peekSkippingNewlines();
      if (this.isStop(tok, stops)) {
        if (items.length === 0 && required && tok.k !== 'eof') this.unexpected(tok);
        break;
      }
      const n = this.andOr();
      const sep = this.peek();
      if (sep.k === 'op' && (sep.op === ';' || sep.op === '&')) {
        this.next();
        items.push({ n, async: sep.op === '&' });
      } else if (sep.k === 'op' && sep.op === '\n') {
        this.next();
        items.push({ n, async: false });
      } else {
        items.push({ n, async: false });
        if (!this.isStop(sep, stops)) this.unexpected(sep);
        break;
      }
    }
    if (items.length === 1 && !items[0].async) return items[0].n;
    return this.add({ t: 'seq', line, items });
  }

  private andOr(): number {
    const first = this.pipeline();
    const rest: { op: '&&' | '||'; n: number }[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.k !== 'op' || (tok.op !== '&&' && tok.op !== '||')) break;
      this.next();
      this.skipNewlines();
      rest.push({ op: tok.op, n: this.pipeline() });
    }
    if (rest.length === 0) return first;
    return this.add({ t: 'andor', line: this.nodes[first].line, first, rest });
  }

  private pipeline(): number {
    let bang = false;
    const start = this.peek();
    if (kw(start) === '!') {
      this.next();
      bang = true;
    }
    const cmds = [this.command()];
    for (;;) {
      const tok = this.peek();
      if (tok.k !== 'op' || tok.op !== '|') break;
      this.next();
      this.skipNewlines();
      cmds.push(this.command());
    }
    if (cmds.length === 1 && !bang) return cmds[0];
    return this.add({ t: 'pipe', line: start.line, bang, cmds });
  }

  private command(): number {
    const tok = this.peek();
    if (tok.k === 'op') {
      if (tok.op === '(') {
        this.next();
        const body = this.list([], true);
        this.expectOp(')');
        return this.add({ t: 'subshell', line: tok.line, body, redirs: this.redirects() });
      }
      if (!isRedirOp(tok.op)) this.unexpected(tok);
      return this.simple();
    }
    if (tok.k === 'eof') this.unexpected(tok);
    const keyword = kw(tok);
    if (keyword) {
      switch (keyword) {
        case 'if':
          return this.ifClause();
        case 'while':
        case 'until':
          return this.loop(tok.raw === 'until');
        case 'for':
          return this.forClause();
        case 'case':
          return this.caseClause();
        case '{': {
          this.next();
          const body = this.list(['}'], true);
          this.expectWord('}');
          return this.add({ t: 'group', line: tok.line, body, redirs: this.redirects() });
        }
        default:
          this.unexpected(tok);
      }
    }
    if (this.bash && tok.raw === 'function' && tok.word.length === 1) {
      this.next();
      const name = this.next();
      if (name.k !== 'word' || !NAME_RE.test(name.raw)) this.unexpected(name);
      const open = this.peek();
      if (open.k === 'op' && open.op === '(') {
        this.next();
        this.expectOp(')');
      }
      return this.funcBody(name.raw, tok.line);
    }
    return this.simple();
  }

  private funcBody(name: string, line: number): number {
    this.skipNewlines();
    const body = this.command();
    return this.add({ t: 'func', line, name, body });
  }

  private ifClause(): number {
    const line = this.next().line;
    const clauses: { cond: number; body: number }[] = [];
    let otherwise: number | null = null;
    for (;;) {
      const cond = this.list(['then'], true);
      this.expectWord('then');
      const body = this.list(['elif', 'else', 'fi'], true);
      clauses.push({ cond, body });
      const tok = this.peek();
      if (kw(tok) === 'elif') {
        this.next();
        continue;
      }
      if (kw(tok) === 'else') {
        this.next();
        otherwise = this.list(['fi'], true);
      }
      break;
    }
    this.expectWord('fi');
    return this.add({ t: 'if', line, clauses, otherwise, redirs: this.redirects() });
  }

  private loop(until: boolean): number {
    const line = this.next().line;
    const cond = this.list(['do'], true);
    this.expectWord('do');
    const body = this.list(['done'], true);
    this.expectWord('done');
    return this.add({ t: 'loop', line, until, cond, body, redirs: this.redirects() });
  }

  private forClause(): number {
    const line = this.next().line;
    const nameTok = this.next();
    if (nameTok.k !== 'word' || !NAME_RE.test(nameTok.raw)) this.unexpected(nameTok);
    let words: Word[] | null = null;
    this.skipNewlines();
    let tok = this.peek();
    if (kw(tok) === 'in') {
      this.next();
      words = [];
      for (;;) {
        tok = this.peek();
        if (tok.k !== 'word') break;
        words.push(tok.word);
        this.next();
      }
      if (tok.k === 'op' && (tok.op === ';' || tok.op === '\n')) this.next();
      else this.unexpected(tok, 'do');
    } else if (tok.k === 'op' && tok.op === ';') {
      this.next();
    }
    this.skipNewlines();
    this.expectWord('do');
    const body = this.list(['done'], true);
    this.expectWord('done');
    return this.add({
      t: 'for',
      line,
      name: nameTok.raw,
      words,
      body,
      redirs: this.redirects(),
    });
  }

  private caseClause(): number {
    const line = this.next().line;
    const wordTok = this.next();
    if (wordTok.k !== 'word') this.unexpected(wordTok);
    this.skipNewlines();
    this.expectWord('in');
    const arms: CaseNode['arms'] = [];
    for (;;) {
      let tok = this.peekSkippingNewlines();
      if (kw(tok) === 'esac') break;
      if (tok.k === 'op' && tok.op === '(') {
        this.next();
        tok = this.peek();
      }
      const patterns: Word[] = [];
      for (;;) {
        tok = this.next();
        if (tok.k !== 'word') this.unexpected(tok, ')');
        patterns.push(tok.word);
        const sep = this.peek();
        if (sep.k === 'op' && sep.op === '|') {
          this.next();
          continue;
        }
        break;
      }
      this.expectOp(')');
      const next = this.peekSkippingNewlines();
      const empty = (next.k === 'op' && next.op === ';;') || kw(next) === 'esac';
      const body = empty ? null : this.list(['esac'], false);
      arms.push({ patterns, body });
      const end = this.peekSkippingNewlines();
      if (end.k === 'op' && end.op === ';;') {
        this.next();
        continue;
      }
      break;
    }
    this.expectWord('esac');
    return this.add({
      t: 'case',
      line,
      word: wordTok.word,
      arms,
      redirs: this.redirects(),
    });
  }

  private simple(): number {
    const line = this.peek().line;
    const assigns: SimpleNode['assigns'] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.k === 'op' && isRedirOp(tok.op)) {
        redirs.push(this.redirect());
        continue;
      }
      if (tok.k !== 'word') break;
      if (words.length === 0) {
        const m = ASSIGN_RE.exec(tok.raw);
        if (m && tok.word[0]?.t === 'lit' && tok.word[0].v.startsWith(`${m[1]}=`)) {
          this.next();
          const first = tok.word[0].v.slice(m[1].length + 1);
          const value: Word = first
            ? [{ t: 'lit', v: first }, ...tok.word.slice(1)]
            : tok.word.slice(1);
          assigns.push({ name: m[1], value });
          continue;
        }
      }
      this.next();
      words.push(tok.word);
      if (words.length === 1 && assigns.length === 0 && redirs.length === 0) {
        const open = this.peek();
        if (open.k === 'op' && open.op === '(' && NAME_RE.test(tok.raw)) {
          this.next();
          this.expectOp(')');
          return this.funcBody(tok.raw, line);
        }
      }
    }
    if (words.length === 0 && assigns.length === 0 && redirs.length === 0) {
      this.unexpected(this.peek());
    }
    return this.add({ t: 'simple', line, assigns, words, redirs });
  }

  private redirects(): Redir[] {
    const out: Redir[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.k !== 'op' || !isRedirOp(tok.op)) return out;
      out.push(this.redirect());
    }
  }

  private redirect(): Redir {
    const tok = this.next() as Extract<Token, { k: 'op' }>;
    const op = tok.op as RedirOp;
    const target = this.next();
    if (target.k !== 'word') {
      if (this.bash && target.k === 'eof') {
        this.fail({
          kind: 'unexpected',
          token: { posix: 'newline', bash: 'newline' },
          line: target.line,
        });
      }
      this.unexpected(target);
    }
    const fd = tok.fd ?? (op.startsWith('<') ? 0 : 1);
    return { fd, op, target: target.word };
  }

  private expectWord(word: string): void {
    const tok = this.peekSkippingNewlines();
    if (kw(tok) === word) {
      this.next();
      return;
    }
    this.unexpected(tok, word);
  }

  private expectOp(op: string): void {
    const tok = this.peek();
    if (tok.k === 'op' && tok.op === op) {
      this.next();
      return;
    }
    this.unexpected(tok, op);
  }

  private skipNewlines(): void {
    for (;;) {
      const tok = this.peek();
      if (tok.k !== 'op' || tok.op !== '\n') return;
      this.next();
    }
  }

  private peekSkippingNewlines(): Token {
    this.skipNewlines();
    return this.peek();
  }

  private peek(): Token {
    if (!this.peeked) this.peeked = this.lex();
    return this.peeked;
  }

  private next(): Token {
    const tok = this.peek();
    this.peeked = null;
    return tok;
  }

  // ---- tokens -------------------------------------------------------------------------------

  private lex(): Token {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && s[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else if (c === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else break;
    }
    const line = this.line;
    if (this.pos >= s.length) return { k: 'eof', line };
    const c = s[this.pos];
    if (c === '\n') {
      this.pos++;
      this.line++;
      return { k: 'op', op: '\n', line };
    }
    const op = this.operatorAt(this.pos);
    if (op) {
      this.pos += op.length;
      if (op === '<<') this.fail({ kind: 'unsupported', what: 'here-document (<<)', line });
      return { k: 'op', op, line };
    }
    const start = this.pos;
    const word = this.readWord();
    const raw = s.slice(start, this.pos);
    if (/^[0-9]+$/.test(raw) && (s[this.pos] === '<' || s[this.pos] === '>')) {
      const redir = this.operatorAt(this.pos);
      if (redir && isRedirOp(redir) && !redir.startsWith('&')) {
        this.pos += redir.length;
        if (redir === '<<') this.fail({ kind: 'unsupported', what: 'here-document (<<)', line });
        return { k: 'op', op: redir, line, fd: Number(raw) };
      }
    }
    return { k: 'word', word, raw, line };
  }

  private operatorAt(at: number): string | null {
    const s = this.src;
    const c = s[at];
    const two = s.slice(at, at + 2);
    const three = s.slice(at, at + 3);
    if (this.bash && (three === '&>>' || three === '<<<')) return three;
    if (this.bash && two === '&>') return two;
    if (['&&', '||', ';;', '>>', '>&', '<&', '>|', '<<'].includes(two)) return two;
    if (c === ';' || c === '&' || c === '|' || c === '<' || c === '>' || c === '(' || c === ')') {
      return c;
    }
    return null;
  }

  /** An unquoted word up to the next metacharacter. */
  private readWord(): Word {
    const s = this.src;
    const parts: Part[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ t: 'lit', v: lit });
      lit = '';
    };
    if (s[this.pos] === '~') {
      const after = s[this.pos + 1];
      if (after === undefined || after === '/' || META.has(after)) {
        parts.push({ t: 'tilde' });
        this.pos++;
      }
    }
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (META.has(c)) break;
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          this.line++;
          continue;
        }
        flush();
        if (n === undefined) {
          parts.push({ t: 'sq', v: '\\' });
          this.pos++;
        } else {
          parts.push({ t: 'sq', v: n });
          this.pos += 2;
        }
        continue;
      }
      if (c === "'") {
        flush();
        const end = s.indexOf("'", this.pos + 1);
        if (end < 0) this.fail({ kind: 'unterminated', quote: "'", line: this.line });
        const v = s.slice(this.pos + 1, end);
        this.countLines(v);
        parts.push({ t: 'sq', v });
        this.pos = end + 1;
        continue;
      }
      if (c === '"') {
        flush();
        this.pos++;
        parts.push({ t: 'dq', parts: this.readDouble() });
        continue;
      }
      if (c === '$' || c === '`') {
        const part = this.readExpansion();
        if (part) {
          flush();
          parts.push(part);
          continue;
        }
      }
      lit += c;
      this.pos++;
    }
    flush();
    return parts;
  }

  private countLines(text: string): void {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.line++;
  }

  /** Inside double quotes, after the opening `"`; consumes the closing one. */
  private readDouble(): Part[] {
    const s = this.src;
    const parts: Part[] = [];
    let lit = '';
    const startLine = this.line;
    for (;;) {
      if (this.pos >= s.length) this.fail({ kind: 'unterminated', quote: '"', line: startLine });
      const c = s[this.pos];
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          this.line++;
          continue;
        }
        if (n === '$' || n === '`' || n === '"' || n === '\\') {
          lit += n;
          this.pos += 2;
          continue;
        }
        lit += c;
        this.pos++;
        continue;
      }
      if (c === '$' || c === '`') {
        const part = this.readExpansion();
        if (part) {
          if (lit) parts.push({ t: 'sq', v: lit });
          lit = '';
          parts.push(part);
          continue;
        }
      }
      if (c === '\n') this.line++;
      lit += c;
      this.pos++;
    }
    if (lit) parts.push({ t: 'sq', v: lit });
    return parts;
  }

  /** At `$` or a backtick: an expansion part, or null when the `$` is literal. */
  private readExpansion(): Part | null {
    const s = this.src;
    const line = this.line;
    if (s[this.pos] === '`') return this.readBackticks();
    const n = s[this.pos + 1];
    if (n === '(' && s[this.pos + 2] === '(') {
      this.pos += 3;
      return { t: 'arith', expr: this.readArith() };
    }
    if (n === '(') {
      this.pos += 2;
      const saved = this.peeked;
      this.peeked = null;
      const body = this.list([], false);
      const close = this.peek();
      if (!(close.k === 'op' && close.op === ')')) {
        if (close.k === 'eof' && this.bash) this.fail({ kind: 'unclosedSubst', line });
        this.unexpected(close, ')');
      }
      // The `)` was lexed as a token; the word continues right after it.
      this.peeked = saved;
      return { t: 'cmd', n: body };
    }
    if (n === '{') return this.readBraced(line);
    if (n !== undefined && (SPECIAL_PARAMS.has(n) || /[0-9]/.test(n))) {
      this.pos += 2;
      return { t: 'param', name: n };
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.pos + 1, this.pos + 257));
    if (m) {
      this.pos += 1 + m[0].length;
      return { t: 'param', name: m[0] };
    }
    return null;
  }

  private readBraced(line: number): Part {
    const s = this.src;
    const start = this.pos;
    this.pos += 2;
    let length = false;
    if (s[this.pos] === '#' && s[this.pos + 1] !== '}') {
      length = true;
      this.pos++;
    }
    let name = '';
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!0-])/.exec(s.slice(this.pos, this.pos + 256));
    if (m) {
      name = m[0];
      this.pos += name.length;
    }
    if (s[this.pos] === '}' && name) {
      this.pos++;
      return { t: 'param', name, length };
    }
    const op = length ? undefined : PARAM_OPS.find((o) => s.startsWith(o, this.pos));
    if (!name || !op) {
      const close = s.indexOf('}', this.pos);
      if (close < 0) this.fail({ kind: 'missingBrace', line });
      this.fail({ kind: 'badSubst', text: s.slice(start, close + 1), line });
    }
    this.pos += op.length;
    const arg = this.readBraceArg(line);
    return { t: 'param', name, op, arg };
  }

  /** The word after a `${name op`: expansions and quotes allowed, up to the matching `}`. */
  private readBraceArg(line: number): Part[] {
    const s = this.src;
    const parts: Part[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ t: 'lit', v: lit });
      lit = '';
    };
    for (;;) {
      if (this.pos >= s.length) this.fail({ kind: 'missingBrace', line });
      const c = s[this.pos];
      if (c === '}') {
        this.pos++;
        break;
      }
      if (c === '\\' && this.pos + 1 < s.length) {
        flush();
        parts.push({ t: 'sq', v: s[this.pos + 1] });
        this.pos += 2;
        continue;
      }
      if (c === "'") {
        flush();
        const end = s.indexOf("'", this.pos + 1);
        if (end < 0) this.fail({ kind: 'unterminated', quote: "'", line });
        parts.push({ t: 'sq', v: s.slice(this.pos + 1, end) });
        this.pos = end + 1;
        continue;
      }
      if (c === '"') {
        flush();
        this.pos++;
        parts.push({ t: 'dq', parts: this.readDouble() });
        continue;
      }
      if (c === '$' || c === '`') {
        const part = this.readExpansion();
        if (part) {
          flush();
          parts.push(part);
          continue;
        }
      }
      if (c === '\n') this.line++;
      lit += c;
      this.pos++;
    }
    flush();
    return parts;
  }

  /** After `$((`: up to the matching `))`, as double-quote-like parts. */
  private readArith(): Part[] {
    const s = this.src;
    const line = this.line;
    const parts: Part[] = [];
    let lit = '';
    let depth = 0;
    for (;;) {
      if (this.pos >= s.length) this.unexpected({ k: 'eof', line }, ')');
      const c = s[this.pos];
      if (c === ')' && depth === 0) {
        if (s[this.pos + 1] !== ')') this.unexpected({ k: 'op', op: ')', line }, ')');
        this.pos += 2;
        break;
      }
      if (c === '(') depth++;
      if (c === ')') depth--;
      if (c === '$' || c === '`') {
        const part = this.readExpansion();
        if (part) {
          if (lit) parts.push({ t: 'sq', v: lit });
          lit = '';
          parts.push(part);
          continue;
        }
      }
      if (c === '\n') this.line++;
      lit += c;
      this.pos++;
    }
    if (lit) parts.push({ t: 'sq', v: lit });
    return parts;
  }

  private readBackticks(): Part {
    const s = this.src;
    const line = this.line;
    let inner = '';
    this.pos++;
    for (;;) {
      if (this.pos >= s.length) this.fail({ kind: 'unterminated', quote: '`', line });
      const c = s[this.pos];
      if (c === '`') {
        this.pos++;
        break;
      }
      if (c === '\\' && ['$', '`', '\\'].includes(s[this.pos + 1])) {
        inner += s[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (c === '\n') this.line++;
      inner += c;
      this.pos++;
    }
    const sub = new Parser(inner, this.bash, this.nodes, line);
    return { t: 'cmd', n: sub.program() };
  }
}

function isKeyword(tok: Token): boolean {
  return tok.k === 'word' && RESERVED.has(tok.raw) && tok.word.length === 1;
}

/** The reserved word a token is, or null. */
function kw(tok: Token): string | null {
  return tok.k === 'word' && isKeyword(tok) ? tok.raw : null;
}

function isRedirOp(op: string): boolean {
  return ['>', '>>', '<', '>&', '<&', '&>', '&>>', '>|', '<<<'].includes(op);
}

function tokenName(tok: Token): TokenName {
  if (tok.k === 'eof') return { posix: 'end of file', bash: 'EOF' };
  if (tok.k === 'op') {
    if (tok.op === '\n') return { posix: 'newline', bash: 'newline' };
    return { posix: `"${tok.op}"`, bash: tok.op };
  }
  if (isKeyword(tok)) return { posix: `"${tok.raw}"`, bash: tok.raw };
  return { posix: 'word', bash: tok.raw };
}
