/**
 * Word expansion in POSIX order: tilde, parameters, command substitution, arithmetic, then
 * field splitting on IFS (unquoted expansions only), pathname expansion against the container's
 * files, and quote removal.
 */
import type { Part, Word } from './ast';
import { type Files, globPaths } from './files';
import { hasGlob, matchPattern, removeAffix, unescapePattern } from './pattern';
import type { ShellContext } from './state';

/** An expansion that stops the command (and, in a script, the shell). */
export class ExpandError extends Error {
  constructor(
    readonly text: string,
    readonly code: number,
  ) {
    super(text);
  }
}

export interface ExpandHost {
  readonly ctx: ShellContext;
  readonly status: number;
  readonly pid: number;
  readonly lastJob: number | null;
  readonly fs: Files;
  /** Runs `$(…)`, returning what it wrote to stdout. */
  commandSubst(n: number): string;
  /** Evaluates `$((…))`; throws ExpandError. */
  arith(expr: string): string;
  /** Assigns for `${x:=v}`; throws ExpandError for a readonly variable. */
  assign(name: string, value: string): void;
  /** The code a failed `${x?}` exits with (bash 127, others 2). */
  readonly unsetErrorCode: number;
}

interface Field {
  text: string;
  /** The text as a pattern: quoted characters backslash-escaped. */
  pattern: string;
  quoted: boolean;
}

const GLOB_CHARS = /[*?[\]\\]/g;
const escapeGlob = (s: string) =>
  /[*?[\]\\]/.test(s) ? s.replace(GLOB_CHARS, (c) => `\\${c}`) : s;

class FieldBuilder {
  readonly fields: Field[] = [];
  cur: Field = { text: '', pattern: '', quoted: false };

  constructor(private readonly ifs: string) {}

  quoted(text: string): void {
    this.cur.text += text;
    this.cur.pattern += escapeGlob(text);
  }

  literal(text: string): void {
    this.cur.text += text;
    this.cur.pattern += text;
  }

  /** An unquoted expansion: split on IFS. */
  split(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (!this.ifs.includes(ch)) continue;
      this.literal(text.slice(start, i));
      this.end(!(ch === ' ' || ch === '\t' || ch === '\n'));
      start = i + 1;
    }
    this.literal(start === 0 ? text : text.slice(start));
  }

  end(force: boolean): void {
    if (force || this.cur.text !== '' || this.cur.quoted) this.fields.push(this.cur);
    this.cur = { text: '', pattern: '', quoted: false };
  }
}

export class Expander {
  constructor(private readonly host: ExpandHost) {}

  private get ctx(): ShellContext {
    return this.host.ctx;
  }

  /** Words to fields (splitting, pathname expansion). */
  fields(words: Word[]): string[] {
    const out: string[] = [];
    const ifs = this.ctx.vars.IFS ?? ' \t\n';
    const all = this.ctx.style === 'bash' ? words.flatMap(braceExpand) : words;
    for (const word of all) {
      const b = new FieldBuilder(ifs);
      this.parts(word, b, false, true);
      b.end(false);
      for (const f of b.fields) {
        if (hasGlob(f.pattern)) {
          const matches = this.glob(f.pattern);
          if (matches.length > 0) {
            out.push(...matches);
            continue;
          }
        }
        out.push(f.text);
      }
    }
    return out;
  }

  /** One word to one string: no splitting, no pathname expansion (assignments, redirections). */
  string(word: Word): string {
    const b = new FieldBuilder('');
    this.parts(word, b, false, true);
    return b.fields.map((f) => f.text).join(' ') + b.cur.text;
  }

  /** One word as a pattern (case, ${x#pat}): quoted parts match literally. */
  pattern(word: Word): string {
    const b = new FieldBuilder('');
    this.parts(word, b, false, true);
    return b.fields.map((f) => f.pattern).join(' ') + b.cur.pattern;
  }

  private parts(word: Part[], b: FieldBuilder, inQuotes: boolean, first: boolean): void {
    word.forEach((part, i) => {
      switch (part.t) {
        case 'lit':
          if (inQuotes) b.quoted(part.v);
          else b.literal(part.v);
          break;
        case 'sq':
          b.cur.quoted = true;
          b.quoted(part.v);
          break;
        case 'tilde':
          if (first && i === 0) b.quoted(this.ctx.vars.HOME ?? '/root');
          else b.literal('~');
          break;
        case 'dq': {
          const onlyEmptyAt =
            part.parts.length > 0 &&
            part.parts.every((p) => p.t === 'param' && p.name === '@' && !p.op && !p.length) &&
            this.ctx.args.length === 0;
          if (!onlyEmptyAt) b.cur.quoted = true;
          this.parts(part.parts, b, true, false);
          break;
        }
        case 'param':
          this.param(part, b, inQuotes);
          break;
        case 'cmd': {
          const text = this.host.commandSubst(part.n).replace(/\n+$/, '');
          if (inQuotes) b.quoted(text);
          else b.split(text);
          break;
        }
        case 'arith': {
          const text = this.host.arith(this.string(part.expr));
          if (inQuotes) b.quoted(text);
          else b.split(text);
          break;
        }
      }
    });
  }

  private lookup(name: string): string | undefined {
    const ctx = this.ctx;
    switch (name) {
      case '?':
        return String(this.host.status);
      case '$':
        return String(this.host.pid);
      case '!':
        return this.host.lastJob === null ? '' : String(this.host.lastJob);
      case '#':
        return String(ctx.args.length);
      case '0':
        return ctx.name;
      case '-':
        return (ctx.errexit ? 'e' : '') + (ctx.nounset ? 'u' : '') + (ctx.xtrace ? 'x' : '');
      case '*':
      case '@':
        return ctx.args.join(' ');
    }
    if (/^[0-9]+$/.test(name)) return ctx.args[Number(name) - 1];
    return ctx.vars[name];
  }

  private param(part: Extract<Part, { t: 'param' }>, b: FieldBuilder, inQuotes: boolean): void {
    const { name, op } = part;
    if ((name === '@' || name === '*') && !op && !part.length) {
      const args = this.ctx.args;
      if (inQuotes && name === '@') {
        args.forEach((a, i) => {
          if (i > 0) b.end(true);
          b.quoted(a);
        });
        return;
      }
      if (inQuotes) {
        b.quoted(args.join((this.ctx.vars.IFS ?? ' ').slice(0, 1)));
        return;
      }
      args.forEach((a, i) => {
        if (i > 0) b.end(false);
        b.split(a);
      });
      return;
    }
    let value = this.lookup(name);
    if (part.length) {
      value = String((value ?? '').length);
    } else if (op) {
      value = this.operator(part, value);
    } else if (value === undefined && this.ctx.nounset && name !== '@' && name !== '*') {
      throw new ExpandError(
        this.ctx.style === 'bash' ? `${name}: unbound variable` : `${name}: parameter not set`,
        this.ctx.style === 'bash' ? 127 : 2,
      );
    }
    const text = value ?? '';
    if (inQuotes) b.quoted(text);
    else b.split(text);
  }

  private operator(part: Extract<Part, { t: 'param' }>, value: string | undefined): string {
    const op = part.op as NonNullable<typeof part.op>;
    const arg = part.arg ?? [];
    const colon = op.startsWith(':');
    const missing = value === undefined || (colon && value === '');
    switch (op) {
      case '-':
      case ':-':
        return missing ? this.string(arg) : (value as string);
      case '=':
      case ':=': {
        if (!missing) return value as string;
        const v = this.string(arg);
        this.host.assign(part.name, v);
        return v;
      }
      case '?':
      case ':?': {
        if (!missing) return value as string;
        const msg = this.string(arg);
        const fallback =
          this.ctx.style === 'bash'
            ? 'parameter null or not set'
            : colon
              ? 'parameter not set or null'
              : 'parameter not set';
        throw new ExpandError(`${part.name}: ${msg || fallback}`, this.host.unsetErrorCode);
      }
      case '+':
      case ':+':
        return missing ? '' : this.string(arg);
      default:
        return removeAffix(value ?? '', this.pattern(arg), op);
    }
  }

  private glob(pattern: string): string[] {
    const absolute = pattern.startsWith('/');
    const segments = pattern.split('/');
    return globPaths(
      this.host.fs,
      this.ctx.cwd,
      segments,
      absolute,
      hasGlob,
      (seg, name) => matchPattern(seg, name),
      unescapePattern,
    );
  }
}

/** bash brace expansion inside one unquoted part: `{a,b}` and `{1..5}` (`{a..e}`). */
export function braceExpand(word: Word): Word[] {
  for (let i = 0; i < word.length; i++) {
    const part = word[i];
    if (part.t !== 'lit') continue;
    const m = /\{([^{}]*)\}/.exec(part.v);
    if (!m) continue;
    const inner = m[1];
    let items: string[] | null = null;
    const range = /^(-?[0-9]+|[A-Za-z])\.\.(-?[0-9]+|[A-Za-z])$/.exec(inner);
    if (range) {
      const numeric = /^-?[0-9]+$/.test(range[1]) && /^-?[0-9]+$/.test(range[2]);
      const a = numeric ? Number(range[1]) : range[1].charCodeAt(0);
      const z = numeric ? Number(range[2]) : range[2].charCodeAt(0);
      if (Math.abs(z - a) <= 10_000) {
        items = [];
        for (let v = a; a <= z ? v <= z : v >= z; v += a <= z ? 1 : -1) {
          items.push(numeric ? String(v) : String.fromCharCode(v));
        }
      }
    } else if (inner.includes(',')) items = inner.split(',');
    if (!items) continue;
    const before = part.v.slice(0, m.index);
    const after = part.v.slice(m.index + m[0].length);
    return items.flatMap((item) =>
      braceExpand([
        ...word.slice(0, i),
        { t: 'lit', v: before + item + after },
        ...word.slice(i + 1),
      ]),
    );
  }
  return [word];
}
