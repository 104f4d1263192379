/** grep, wc, head, tail, sort, seq, expr: the text tools learners pipe into. */
import type { Program, ProgramEnv } from '../command';
import { readFile } from './files';

/** Lines of text, without the final empty piece after a trailing newline. */
function lines(text: string): string[] {
  if (text === '') return [];
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/** Inputs (files or stdin) as [name, text]; missing files are reported and skipped. */
function inputs(
  env: ProgramEnv,
  program: string,
  operands: string[],
): { items: [string, string][]; failed: boolean } {
  if (operands.length === 0) return { items: [['-', env.io.readAll()]], failed: false };
  const items: [string, string][] = [];
  let failed = false;
  for (const name of operands) {
    if (name === '-') {
      items.push(['-', env.io.readAll()]);
      continue;
    }
    const text = readFile(env, program, name);
    if (text === null) failed = true;
    else items.push([name, text]);
  }
  return { items, failed };
}

/** A basic regular expression (grep's default) as a JavaScript one. */
export function breToJs(bre: string): string {
  let out = '';
  for (let i = 0; i < bre.length; i++) {
    const c = bre[i];
    if (c === '\\' && i + 1 < bre.length) {
      const n = bre[++i];
      if ('(){}|+?'.includes(n)) out += n;
      else out += `\\${n}`;
    } else if ('(){}|+?'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

export const grep: Program = (env) => {
  const flags = new Set<string>();
  const patterns: string[] = [];
  const operands: string[] = [];
  const args = env.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-e') patterns.push(args[++i] ?? '');
    else if (a.startsWith('-') && a.length > 1 && a !== '-')
      for (const f of a.slice(1)) flags.add(f);
    else operands.push(a);
  }
  if (patterns.length === 0) {
    if (operands.length === 0) {
      env.io.err(
        env.userland === 'busybox'
          ? 'Usage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n'
          : "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
      );
      return 2;
    }
    patterns.push(operands.shift() as string);
  }
  const extended = flags.has('E') || env.argv[0].endsWith('egrep');
  const fixed = flags.has('F');
  let res: RegExp[];
  try {
    res = patterns.map((p) => {
      let src = fixed ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : extended ? p : breToJs(p);
      if (flags.has('w')) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
      if (flags.has('x')) src = `^(?:${src})$`;
      return new RegExp(src, flags.has('i') ? 'i' : '');
    });
  } catch {
    env.io.err(`grep: bad regex '${patterns[0]}'\n`);
    return 2;
  }
  const { items, failed } = inputs(
    env,
    'grep',
    flags.has('s') ? operands.filter((o) => o === '-' || env.world.fs[o] !== undefined) : operands,
  );
  const many = operands.length > 1;
  let matched = false;
  for (const [name, text] of items) {
    let count = 0;
    for (const [i, line] of lines(text).entries()) {
      const hit = res.some((r) => r.test(line)) !== flags.has('v');
      if (!hit) continue;
      matched = true;
      count++;
      if (flags.has('q')) return 0;
      if (flags.has('l') || flags.has('c')) continue;
      const prefix =
        (many ? `${name === '-' ? '(standard input)' : name}:` : '') +
        (flags.has('n') ? `${i + 1}:` : '');
      if (flags.has('o') && !flags.has('v')) {
        for (const r of res) {
          const g = new RegExp(r.source, `${r.flags}g`);
          for (const m of line.matchAll(g)) if (m[0]) env.io.out(`${prefix}${m[0]}\n`);
        }
      } else env.io.out(`${prefix}${line}\n`);
    }
    if (flags.has('c')) env.io.out(`${many ? `${name}:` : ''}${count}\n`);
    if (flags.has('l') && count > 0) env.io.out(`${name === '-' ? '(standard input)' : name}\n`);
  }
  if (failed && !flags.has('q')) return 2;
  return matched ? 0 : failed ? 2 : 1;
};

export const wc: Program = (env) => {
  const flags = new Set<string>();
  const operands: string[] = [];
  for (const a of env.argv.slice(1)) {
    if (a.startsWith('-') && a.length > 1) for (const f of a.slice(1)) flags.add(f);
    else operands.push(a);
  }
  const which =
    flags.size === 0
      ? ['l', 'w', 'c']
      : ['l', 'w', 'c'].filter((f) => flags.has(f) || (f === 'c' && flags.has('m')));
  const { items, failed } = inputs(env, 'wc', operands);
  const rows: { counts: number[]; name: string }[] = items.map(([name, text]) => ({
    name,
    counts: which.map((f) =>
      f === 'l'
        ? (text.match(/\n/g) ?? []).length
        : f === 'w'
          ? text.split(/\s+/).filter(Boolean).length
          : text.length,
    ),
  }));
  if (rows.length > 1)
    rows.push({
      name: 'total',
      counts: which.map((_, i) => rows.reduce((s, r) => s + r.counts[i], 0)),
    });
  const busybox = env.userland === 'busybox';
  const stdinOnly = operands.length === 0;
  let width = 1;
  if (which.length > 1 || rows.length > 1) {
    width = busybox
      ? 9
      : stdinOnly
        ? 7
        : Math.max(...rows.flatMap((r) => r.counts.map((n) => String(n).length)));
  }
  for (const r of rows) {
    const nums = r.counts.map((n) => String(n).padStart(width)).join(' ');
    env.io.out(`${nums}${r.name === '-' ? '' : ` ${r.name}`}\n`);
  }
  return failed ? 1 : 0;
};

function countOption(
  env: ProgramEnv,
  program: string,
): { n: number; fromStart: boolean; operands: string[]; follow: boolean; bytes: boolean } | null {
  const args = env.argv.slice(1);
  let n = 10;
  let bytes = false;
  let fromStart = false;
  let follow = false;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let value: string | undefined;
    if (a === '-n' || a === '-c') {
      bytes = a === '-c';
      value = args[++i];
    } else if (a.startsWith('-n') || a.startsWith('-c')) {
      bytes = a.startsWith('-c');
      value = a.slice(2);
    } else if (/^-[0-9]+$/.test(a)) value = a.slice(1);
    else if (a === '-f' || a === '-F') {
      follow = true;
      continue;
    } else if (a.startsWith('-') && a.length > 1) continue;
    else {
      operands.push(a);
      continue;
    }
    const v = value ?? '';
    if (!/^[+-]?[0-9]+$/.test(v)) {
      env.io.err(
        env.userland === 'busybox'
          ? `${program}: invalid number '${v}'\n`
          : `${program}: invalid number of lines: '${v}'\n`,
      );
      return null;
    }
    fromStart = v.startsWith('+');
    n = Math.abs(Number(v));
  }
  return { n, fromStart, operands, follow, bytes };
}

export const head: Program = (env) => {
  const opt = countOption(env, 'head');
  if (!opt) return 1;
  const { items, failed } = inputs(env, 'head', opt.operands);
  for (const [name, text] of items) {
    if (items.length > 1) env.io.out(`==> ${name === '-' ? 'standard input' : name} <==\n`);
    if (opt.bytes) env.io.out(text.slice(0, opt.n));
    else for (const l of lines(text).slice(0, opt.n)) env.io.out(`${l}\n`);
  }
  return failed ? 1 : 0;
};

export const tail: Program = (env) => {
  const opt = countOption(env, 'tail');
  if (!opt) return 1;
  const { items, failed } = inputs(env, 'tail', opt.operands);
  for (const [name, text] of items) {
    if (items.length > 1) env.io.out(`==> ${name === '-' ? 'standard input' : name} <==\n`);
    const all = lines(text);
    const picked = opt.fromStart
      ? all.slice(Math.max(0, opt.n - 1))
      : opt.n === 0
        ? []
        : all.slice(-opt.n);
    for (const l of picked) env.io.out(`${l}\n`);
  }
  // tail -f follows forever (`tail -f /dev/null` keeps a container running).
  if (opt.follow) return { code: 0, sleepMs: Number.POSITIVE_INFINITY };
  return failed ? 1 : 0;
};

export const sort: Program = (env) => {
  const flags = new Set<string>();
  const operands: string[] = [];
  for (const a of env.argv.slice(1)) {
    if (a.startsWith('-') && a.length > 1) for (const f of a.slice(1)) flags.add(f);
    else operands.push(a);
  }
  const { items, failed } = inputs(env, 'sort', operands);
  let all = items.flatMap(([, text]) => lines(text));
  const num = (s: string) => {
    const m = /^\s*(-?[0-9]*\.?[0-9]+)/.exec(s);
    return m ? Number(m[1]) : 0;
  };
  all.sort((a, b) => {
    if (flags.has('n')) {
      const d = num(a) - num(b);
      if (d !== 0) return d;
    }
    const x = flags.has('f') ? a.toUpperCase() : a;
    const y = flags.has('f') ? b.toUpperCase() : b;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  if (flags.has('r')) all.reverse();
  if (flags.has('u')) all = all.filter((l, i) => i === 0 || l !== all[i - 1]);
  for (const l of all) env.io.out(`${l}\n`);
  return failed ? 2 : 0;
};

/** Most numbers seq prints in one call (the simulation's bound). */
const SEQ_MAX = 100_000;

export const seq: Program = (env) => {
  const args = env.argv.slice(1);
  let sep = '\n';
  const nums: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-s') sep = args[++i] ?? '';
    else nums.push(args[i]);
  }
  const bad = nums.find((n) => !/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(n));
  if (nums.length === 0 || nums.length > 3 || bad !== undefined) {
    env.io.err(
      bad !== undefined
        ? env.userland === 'busybox'
          ? `seq: invalid number '${bad}'\n`
          : `seq: invalid floating point argument: '${bad}'\nTry 'seq --help' for more information.\n`
        : env.userland === 'busybox'
          ? 'Usage: seq [-w] [-s SEP] [FIRST [INC]] LAST\n'
          : "seq: missing operand\nTry 'seq --help' for more information.\n",
    );
    return 1;
  }
  const [first, inc, last] =
    nums.length === 1 ? ['1', '1', nums[0]] : nums.length === 2 ? [nums[0], '1', nums[1]] : nums;
  const decimals = Math.max(
    ...[first, inc].map((n) => (n.includes('.') ? n.split('.')[1].length : 0)),
  );
  const a = Number(first);
  const d = Number(inc);
  const z = Number(last);
  const out: string[] = [];
  if (d !== 0) {
    for (let k = 0; out.length < SEQ_MAX; k++) {
      const v = a + k * d;
      if ((d > 0 && v > z + 1e-9) || (d < 0 && v < z - 1e-9)) break;
      out.push(v.toFixed(decimals));
    }
  }
  if (out.length > 0) env.io.out(`${out.join(sep)}\n`);
  return 0;
};

export const expr: Program = (env) => {
  const args = env.argv.slice(1);
  const busybox = env.userland === 'busybox';
  if (args.length === 0) {
    env.io.err(
      busybox
        ? 'expr: too few arguments\n'
        : "expr: missing operand\nTry 'expr --help' for more information.\n",
    );
    return 2;
  }
  class ExprError extends Error {}
  let i = 0;
  const fail = (msg: string): never => {
    env.io.err(`expr: ${msg}\n`);
    throw new ExprError(msg);
  };
  const isInt = (s: string) => /^[+-]?[0-9]+$/.test(s);
  const int = (s: string) =>
    isInt(s) ? BigInt(s) : fail(busybox ? 'non-numeric argument' : 'non-integer argument');
  const truthy = (s: string) => s !== '' && !(isInt(s) && BigInt(s) === 0n);
  const primary = (): string => {
    const t = args[i++];
    if (t === undefined) return fail('syntax error');
    if (t === '(') {
      const v = or();
      if (args[i++] !== ')') fail('syntax error');
      return v;
    }
    if (t === 'length') return String(primary().length);
    return t;
  };
  const match = (): string => {
    let v = primary();
    while (args[i] === ':') {
      i++;
      const re = new RegExp(`^(?:${breToJs(primary())})`);
      const m = re.exec(v);
      v = m
        ? m.length > 1
          ? (m[1] ?? '')
          : String(m[0].length)
        : re.source.includes('(')
          ? ''
          : '0';
    }
    return v;
  };
  const mul = (): string => {
    let v = match();
    while (['*', '/', '%'].includes(args[i])) {
      const op = args[i++];
      const r = int(match());
      const l = int(v);
      if (op !== '*' && r === 0n) fail('division by zero');
      v = String(op === '*' ? l * r : op === '/' ? l / r : l % r);
    }
    return v;
  };
  const add = (): string => {
    let v = mul();
    while (args[i] === '+' || args[i] === '-') {
      const op = args[i++];
      const r = int(mul());
      v = String(op === '+' ? int(v) + r : int(v) - r);
    }
    return v;
  };
  const cmp = (): string => {
    let v = add();
    while (['=', '!=', '<', '<=', '>', '>=', '=='].includes(args[i])) {
      const op = args[i++];
      const r = add();
      const both = isInt(v) && isInt(r);
      const c = both
        ? BigInt(v) < BigInt(r)
          ? -1
          : BigInt(v) > BigInt(r)
            ? 1
            : 0
        : v < r
          ? -1
          : v > r
            ? 1
            : 0;
      const ok =
        op === '=' || op === '=='
          ? c === 0
          : op === '!='
            ? c !== 0
            : op === '<'
              ? c < 0
              : op === '<='
                ? c <= 0
                : op === '>'
                  ? c > 0
                  : c >= 0;
      v = ok ? '1' : '0';
    }
    return v;
  };
  const and = (): string => {
    let v = cmp();
    while (args[i] === '&') {
      i++;
      const r = cmp();
      v = truthy(v) && truthy(r) ? v : '0';
    }
    return v;
  };
  const or = (): string => {
    let v = and();
    while (args[i] === '|') {
      i++;
      const r = and();
      v = truthy(v) ? v : truthy(r) ? r : '0';
    }
    return v;
  };
  try {
    const v = or();
    if (i < args.length) fail('syntax error');
    env.io.out(`${v}\n`);
    return truthy(v) ? 0 : 1;
  } catch (e) {
    if (e instanceof ExprError) return 2;
    throw e;
  }
};
