/**
 * `$((…))`: shell arithmetic on 64-bit signed integers (BigInt, wrapped like the C `long` the
 * shells use), with variables, assignment operators and C precedence.
 */
import type { ShellStyle } from './state';

export type ArithError =
  | { kind: 'div0'; expr: string; token: string }
  | { kind: 'syntax'; expr: string; token: string };

export class ArithFailure extends Error {
  constructor(readonly error: ArithError) {
    super(error.kind);
  }
}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

const wrap = (v: bigint) => BigInt.asIntN(64, v);

/** Evaluates an already-expanded expression; throws ArithFailure. */
export function evalArith(expr: string, vars: ArithVars, depth = 0): bigint {
  const p = new ArithParser(expr, vars, depth);
  if (p.atEnd()) return 0n;
  const v = p.comma();
  if (!p.atEnd()) p.fail();
  return v;
}

const BINARY: { ops: string[] }[] = [
  { ops: ['||'] },
  { ops: ['&&'] },
  { ops: ['|'] },
  { ops: ['^'] },
  { ops: ['&'] },
  { ops: ['==', '!='] },
  { ops: ['<=', '>=', '<', '>'] },
  { ops: ['<<', '>>'] },
  { ops: ['+', '-'] },
  { ops: ['*', '/', '%'] },
];
const ASSIGN_OPS = ['<<=', '>>=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '='];

class ArithParser {
  private pos = 0;
  private lastOp = 0;

  constructor(
    private readonly s: string,
    private readonly vars: ArithVars,
    private readonly depth: number,
  ) {}

  fail(at = this.lastOp): never {
    throw new ArithFailure({ kind: 'syntax', expr: this.s, token: this.s.slice(at).trim() });
  }

  private ws(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos])) this.pos++;
  }

  atEnd(): boolean {
    this.ws();
    return this.pos >= this.s.length;
  }

  private peekOp(ops: string[]): string | null {
    this.ws();
    for (const op of ops) {
      if (!this.s.startsWith(op, this.pos)) continue;
      // `<` must not take the first half of `<<`, nor `&` of `&&`, nor `=` of `==`.
      const next = this.s[this.pos + op.length];
      if ((op === '<' || op === '>') && (next === op || next === '=')) continue;
      if ((op === '&' || op === '|') && (next === op || next === '=')) continue;
      if (['+', '-', '*', '/', '%', '^', '<<', '>>'].includes(op) && next === '=') continue;
      if ((op === '+' || op === '-') && next === op) continue;
      return op;
    }
    return null;
  }

  comma(): bigint {
    let v = this.assign();
    while (this.peekOp([','])) {
      this.pos++;
      v = this.assign();
    }
    return v;
  }

  private assign(): bigint {
    this.ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.pos));
    if (m) {
      const save = this.pos;
      this.pos += m[0].length;
      this.ws();
      const op = ASSIGN_OPS.find(
        (o) => this.s.startsWith(o, this.pos) && !(o === '=' && this.s[this.pos + 1] === '='),
      );
      if (op) {
        this.lastOp = this.pos;
        this.pos += op.length;
        const rhs = this.assign();
        const value = op === '=' ? rhs : this.apply(op.slice(0, -1), this.variable(m[0]), rhs);
        this.vars.set(m[0], String(value));
        return value;
      }
      this.pos = save;
    }
    return this.ternary();
  }

  private ternary(): bigint {
    const cond = this.binary(0);
    if (!this.peekOp(['?'])) return cond;
    this.pos++;
    const a = this.assign();
    if (!this.peekOp([':'])) this.fail(this.pos);
    this.pos++;
    const b = this.assign();
    return cond !== 0n ? a : b;
  }

  private binary(level: number): bigint {
    if (level >= BINARY.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const op = this.peekOp(BINARY[level].ops);
      if (!op) return left;
      this.lastOp = this.pos;
      this.pos += op.length;
      this.ws();
      const operandAt = this.pos;
      const right = this.binary(level + 1);
      left = this.apply(op, left, right, operandAt);
    }
  }

  private apply(op: string, a: bigint, b: bigint, operandAt = this.pos): bigint {
    switch (op) {
      case '||':
        return a !== 0n || b !== 0n ? 1n : 0n;
      case '&&':
        return a !== 0n && b !== 0n ? 1n : 0n;
      case '|':
        return wrap(a | b);
      case '^':
        return wrap(a ^ b);
      case '&':
        return wrap(a & b);
      case '==':
        return a === b ? 1n : 0n;
      case '!=':
        return a !== b ? 1n : 0n;
      case '<':
        return a < b ? 1n : 0n;
      case '<=':
        return a <= b ? 1n : 0n;
      case '>':
        return a > b ? 1n : 0n;
      case '>=':
        return a >= b ? 1n : 0n;
      case '<<':
        return wrap(a << (b & 63n));
      case '>>':
        return wrap(a >> (b & 63n));
      case '+':
        return wrap(a + b);
      case '-':
        return wrap(a - b);
      case '*':
        return wrap(a * b);
      case '/':
      case '%':
        if (b === 0n) {
          throw new ArithFailure({
            kind: 'div0',
            expr: this.s,
            token: this.s.slice(operandAt),
          });
        }
        return wrap(op === '/' ? a / b : a % b);
    }
    this.fail();
  }

  private unary(): bigint {
    this.ws();
    const c = this.s[this.pos];
    const two = this.s.slice(this.pos, this.pos + 2);
    if (two === '++' || two === '--') {
      this.lastOp = this.pos;
      this.pos += 2;
      this.ws();
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.pos));
      if (!m) this.fail();
      this.pos += m[0].length;
      const v = wrap(this.variable(m[0]) + (two === '++' ? 1n : -1n));
      this.vars.set(m[0], String(v));
      return v;
    }
    if (c === '-' || c === '+' || c === '!' || c === '~') {
      this.lastOp = this.pos;
      this.pos++;
      const v = this.unary();
      if (c === '-') return wrap(-v);
      if (c === '+') return v;
      if (c === '!') return v === 0n ? 1n : 0n;
      return wrap(~v);
    }
    return this.primary();
  }

  private primary(): bigint {
    this.ws();
    const rest = this.s.slice(this.pos);
    if (rest[0] === '(') {
      this.lastOp = this.pos;
      this.pos++;
      const v = this.comma();
      if (!this.peekOp([')'])) this.fail(this.pos);
      this.pos++;
      return v;
    }
    const num = /^(0[xX][0-9a-fA-F]+|[0-9]+)/.exec(rest);
    if (num) {
      this.pos += num[0].length;
      if (/^[A-Za-z_]/.test(this.s.slice(this.pos))) this.fail(this.pos - num[0].length);
      return parseNumber(num[0]) ?? this.fail(this.pos - num[0].length);
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (name) {
      this.pos += name[0].length;
      const two = this.s.slice(this.pos, this.pos + 2);
      if (two === '++' || two === '--') {
        this.pos += 2;
        const old = this.variable(name[0]);
        this.vars.set(name[0], String(wrap(old + (two === '++' ? 1n : -1n))));
        return old;
      }
      return this.variable(name[0]);
    }
    this.fail(this.pos >= this.s.length ? this.lastOp : this.pos);
  }

  /** A variable's value, itself evaluated as an expression (as the shells do). */
  private variable(name: string): bigint {
    const text = (this.vars.get(name) ?? '').trim();
    if (text === '') return 0n;
    const n = /^-?[0-9]+$/.test(text) ? BigInt(text) : null;
    if (n !== null) return wrap(n);
    if (this.depth > 16) this.fail();
    return evalArith(text, this.vars, this.depth + 1);
  }
}

function parseNumber(text: string): bigint | null {
  if (/^0[xX]/.test(text)) return wrap(BigInt(text));
  if (text.length > 1 && text.startsWith('0')) {
    if (!/^[0-7]+$/.test(text)) return null;
    return wrap(BigInt(`0o${text.slice(1)}`));
  }
  return wrap(BigInt(text));
}

/** The error line each shell prints for a failed `$((…))` (without the shell's prefix). */
export function arithMessage(style: ShellStyle, e: ArithError): string {
  if (style === 'ash') return e.kind === 'div0' ? 'divide by zero' : 'arithmetic syntax error';
  if (style === 'dash') {
    return e.kind === 'div0'
      ? `arithmetic expression: division by zero: "${e.expr}"`
      : `arithmetic expression: expecting primary: "${e.expr}"`;
  }
  return e.kind === 'div0'
    ? `${e.expr}: division by 0 (error token is "${e.token}")`
    : `${e.expr}: syntax error: operand expected (error token is "${e.token}")`;
}
