/** test, [ and bash's [[ (string, integer and file tests over the container's files). */
import { type Files, isDir, isFile, resolvePath } from '../files';
import { matchPattern } from '../pattern';
import type { ShellStyle } from '../state';

class TestError extends Error {}

const UNARY = new Set([
  '-f',
  '-d',
  '-e',
  '-s',
  '-r',
  '-w',
  '-x',
  '-z',
  '-n',
  '-L',
  '-h',
  '-p',
  '-S',
  '-b',
  '-c',
  '-t',
  '-g',
  '-u',
  '-k',
  '-O',
  '-G',
  '-N',
]);
const BINARY = new Set([
  '=',
  '!=',
  '==',
  '-eq',
  '-ne',
  '-lt',
  '-le',
  '-gt',
  '-ge',
  '-nt',
  '-ot',
  '-ef',
  '<',
  '>',
  '=~',
]);

/** `fail(msg, dashMsg)` prints an error in the caller's wording; returns the exit status. */
export function testCommand(
  name: string,
  argv: string[],
  fs: Files,
  cwd: string,
  style: ShellStyle,
  fail: (msg: string, dashMsg: string) => void,
): number {
  let args = argv;
  if (name === '[' || name === '[[') {
    const close = name === '[' ? ']' : ']]';
    if (args[args.length - 1] !== close) {
      fail(style === 'bash' ? `missing \`${close}'` : `missing ${close}`, `missing ${close}`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  const extended = name === '[[';
  const t = new Tester(args, fs, cwd, style, extended, fail);
  try {
    return t.run() ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) return 2;
    throw e;
  }
}

class Tester {
  private i = 0;
  constructor(
    private readonly a: string[],
    private readonly fs: Files,
    private readonly cwd: string,
    private readonly style: ShellStyle,
    private readonly extended: boolean,
    private readonly fail: (msg: string, dashMsg: string) => void,
  ) {}

  run(): boolean {
    const a = this.a;
    switch (a.length) {
      case 0:
        return false;
      case 1:
        return a[0] !== '';
      case 2:
        if (a[0] === '!') return a[1] === '';
        if (UNARY.has(a[0])) return this.unary(a[0], a[1]);
        return this.error(
          this.style === 'bash' ? `${a[0]}: unary operator expected` : `${a[1]}: argument expected`,
        );
      case 3:
        if (BINARY.has(a[1])) return this.binary(a[0], a[1], a[2]);
        if (a[0] === '!') return !this.sub(1, 3);
        if (a[0] === '(' && a[2] === ')') return a[1] !== '';
        break;
      case 4:
        if (a[0] === '!') return !this.sub(1, 4);
        break;
    }
    const v = this.or();
    if (this.i < a.length)
      this.error(`${a[this.i]}: unexpected operator`, `${a[this.i]}: unexpected operator`);
    return v;
  }

  private sub(from: number, to: number): boolean {
    return new Tester(
      this.a.slice(from, to),
      this.fs,
      this.cwd,
      this.style,
      this.extended,
      this.fail,
    ).run();
  }

  private error(msg: string, dashMsg = msg): never {
    this.fail(msg, dashMsg);
    throw new TestError();
  }

  private or(): boolean {
    let v = this.and();
    while (this.a[this.i] === '-o' || (this.extended && this.a[this.i] === '||')) {
      this.i++;
      const r = this.and();
      v = v || r;
    }
    return v;
  }

  private and(): boolean {
    let v = this.not();
    while (this.a[this.i] === '-a' || (this.extended && this.a[this.i] === '&&')) {
      this.i++;
      const r = this.not();
      v = v && r;
    }
    return v;
  }

  private not(): boolean {
    if (this.a[this.i] === '!') {
      this.i++;
      return !this.not();
    }
    return this.primary();
  }

  private primary(): boolean {
    const a = this.a;
    if (this.i >= a.length) this.error('argument expected', 'argument expected');
    const x = a[this.i];
    if (x === '(') {
      this.i++;
      const v = this.or();
      if (a[this.i] !== ')') this.error(`${a[this.i] ?? ')'}: unexpected operator`);
      this.i++;
      return v;
    }
    if (UNARY.has(x) && this.i + 1 < a.length && !BINARY.has(a[this.i + 1])) {
      this.i += 2;
      return this.unary(x, a[this.i - 1]);
    }
    if (this.i + 2 < a.length + 0 && BINARY.has(a[this.i + 1])) {
      this.i += 3;
      return this.binary(x, a[this.i - 2], a[this.i - 1]);
    }
    if (this.i + 1 < a.length && BINARY.has(a[this.i + 1])) {
      this.error('argument expected', 'argument expected');
    }
    this.i++;
    return x !== '';
  }

  private unary(op: string, arg: string): boolean {
    const path = resolvePath(this.cwd, arg);
    switch (op) {
      case '-z':
        return arg === '';
      case '-n':
        return arg !== '';
      case '-f':
        return isFile(this.fs, path);
      case '-d':
        return isDir(this.fs, path);
      case '-e':
      case '-r':
      case '-w':
        return arg !== '' && (isFile(this.fs, path) || isDir(this.fs, path));
      case '-x':
        return (
          arg !== '' &&
          (isDir(this.fs, path) || (isFile(this.fs, path) && this.fs[path].startsWith('#!')))
        );
      case '-s':
        return isFile(this.fs, path) ? this.fs[path].length > 0 : isDir(this.fs, path);
      default:
        return false;
    }
  }

  private int(v: string): bigint {
    const t = v.trim();
    if (/^[+-]?[0-9]+$/.test(t)) return BigInt(t);
    if (this.style === 'bash') this.error(`${v}: integer expression expected`);
    this.error(`${v}: bad number`, `Illegal number: ${v}`);
  }

  private binary(l: string, op: string, r: string): boolean {
    switch (op) {
      case '=':
      case '==':
        if (op === '==' && this.style === 'dash') this.error(`${l}: unexpected operator`);
        return this.extended ? matchPattern(r, l) : l === r;
      case '!=':
        return this.extended ? !matchPattern(r, l) : l !== r;
      case '<':
        return l < r;
      case '>':
        return l > r;
      case '=~':
        try {
          return new RegExp(r).test(l);
        } catch {
          return false;
        }
      case '-eq':
        return this.int(l) === this.int(r);
      case '-ne':
        return this.int(l) !== this.int(r);
      case '-lt':
        return this.int(l) < this.int(r);
      case '-le':
        return this.int(l) <= this.int(r);
      case '-gt':
        return this.int(l) > this.int(r);
      case '-ge':
        return this.int(l) >= this.int(r);
      default:
        return false;
    }
  }
}
