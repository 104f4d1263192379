/**
 * Shell builtins: the special ones that change the shell itself (exit, export, trap, …) and the
 * regular ones every shell carries (cd, echo, printf, test, read, wait, kill, …).
 * A builtin returns its exit status, or null when it moved the frames itself (exit, break,
 * return, eval, exec, a pause).
 */

import { ArithFailure, arithMessage, evalArith } from './arith';
import { isDir, isFile, resolvePath } from './files';
import { programName, SHELL_COMMANDS } from './flavors';
import type { Machine } from './machine';
import { cloneContext, parsed, signalName, signalNumber } from './machine';
import {
  appletBuiltinError,
  baseName,
  builtinError,
  shellError,
  syntaxError,
  type Where,
} from './messages';
import { echo } from './programs/echo';
import { printf } from './programs/printf';
import { testCommand } from './programs/test';
import type { Fds, Frame, ShellStyle } from './state';

export const SPECIAL_BUILTINS = new Set([
  ':',
  '.',
  'source',
  'break',
  'continue',
  'eval',
  'exec',
  'exit',
  'export',
  'readonly',
  'return',
  'set',
  'shift',
  'trap',
  'unset',
]);

const REGULAR = new Set([
  'cd',
  'pwd',
  'echo',
  'printf',
  'test',
  '[',
  'true',
  'false',
  'read',
  'wait',
  'kill',
  'local',
  'type',
  'command',
]);
const BASHISH = new Set(['[[', 'let']);

export function isBuiltin(name: string, style: ShellStyle): boolean {
  return REGULAR.has(name) || (style !== 'dash' && BASHISH.has(name));
}

const quote = (v: string) => `'${v.replace(/'/g, `'"'"'`)}'`;

export function runBuiltin(
  m: Machine,
  name: string,
  argv: string[],
  fds: Fds,
  w: Where,
  frame: Extract<Frame, { k: 'node' }> | null,
): number | null {
  const ctx = m.ctx;
  const style = ctx.style;
  const io = m.io(fds);
  const say = (line: string) => io.out(`${line}\n`);
  const fail = (msg: string) => m.errLine(builtinError(w, name, msg), fds);
  const args = argv.slice(1);
  switch (name) {
    case ':':
    case 'true':
      return 0;
    case 'false':
      return 1;
    case 'exit': {
      let code = m.status;
      if (args.length > 0) {
        if (!(style === 'bash' ? /^[+-]?[0-9]+$/ : /^\+?[0-9]+$/).test(args[0])) {
          fail(
            style === 'bash'
              ? `${args[0]}: numeric argument required`
              : `Illegal number: ${args[0]}`,
          );
          m.exitShell(2);
          return null;
        }
        code = Number(BigInt.asUintN(8, BigInt(args[0])));
      }
      m.exitShell(code);
      return null;
    }
    case 'break':
    case 'continue': {
      const n = args.length > 0 ? Number(args[0]) : 1;
      if (!Number.isInteger(n) || n < 1) {
        fail(
          style === 'bash' ? `${args[0]}: loop count out of range` : `Illegal number: ${args[0]}`,
        );
        return 1;
      }
      if (m.leaveLoops(n, name === 'continue')) {
        m.st.status = 0;
        return null;
      }
      if (style === 'bash') fail("only meaningful in a `for', `while', or `until' loop");
      return 0;
    }
    case 'return': {
      const code = args.length > 0 ? Number(args[0]) & 255 : m.status;
      if (m.returnFromFunction(code)) return null;
      if (style === 'bash') {
        fail("can only `return' from a function or sourced script");
        return 2;
      }
      m.exitShell(code);
      return null;
    }
    case 'eval': {
      const text = args.join(' ');
      if (!text.trim()) return 0;
      return runText(m, text, fds, w);
    }
    case '.':
    case 'source': {
      if (args.length === 0) return 0;
      const path = resolvePath(ctx.cwd, args[0]);
      if (!isFile(m.fs, path)) {
        if (style === 'bash') {
          m.errLine(shellError(w, `${args[0]}: No such file or directory`), fds);
          return 1;
        }
        fail(
          style === 'dash'
            ? `cannot open ${args[0]}: No such file`
            : `can't open '${args[0]}': No such file or directory`,
        );
        m.exitShell(2);
        return null;
      }
      return runText(m, m.fs[path], fds, w);
    }
    case 'exec': {
      if (args.length === 0) {
        keepDescriptors(m, fds);
        return 0;
      }
      m.dispatch(args, [], fds, w, frame, true);
      return null;
    }
    case 'export':
    case 'readonly': {
      const table = name === 'export' ? ctx.exported : ctx.readonly;
      const names = args.filter((a) => a !== '-p');
      if (names.length === 0) {
        for (const k of Object.keys(table).sort()) {
          const v = ctx.vars[k];
          if (style === 'bash') {
            const flag = name === 'export' ? '-x' : '-r';
            say(
              v === undefined
                ? `declare ${flag} ${k}`
                : `declare ${flag} ${k}="${v.replace(/(["\\$`])/g, '\\$1')}"`,
            );
          } else say(v === undefined ? `${name} ${k}` : `${name} ${k}=${quote(v)}`);
        }
        return 0;
      }
      for (const a of names) {
        const eq = a.indexOf('=');
        const key = eq < 0 ? a : a.slice(0, eq);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
          fail(style === 'bash' ? `\`${a}': not a valid identifier` : `${a}: bad variable name`);
          if (style !== 'bash') {
            m.exitShell(2);
            return null;
          }
          return 1;
        }
        if (eq >= 0) {
          try {
            m.assign(key, a.slice(eq + 1));
          } catch (e) {
            m.expansionFailed(e, w.line);
            return null;
          }
        }
        table[key] = true;
      }
      return 0;
    }
    case 'unset': {
      for (const a of args) {
        if (a === '-v' || a === '-f') continue;
        if (ctx.readonly[a]) {
          if (style === 'bash') {
            fail(`${a}: cannot unset: readonly variable`);
            return 1;
          }
          fail(`${a}: is read only`);
          m.exitShell(2);
          return null;
        }
        if (argv.includes('-f')) delete ctx.funcs[a];
        else {
          delete ctx.vars[a];
          delete ctx.exported[a];
          if (!argv.includes('-v')) delete ctx.funcs[a];
        }
      }
      return 0;
    }
    case 'set':
      return setBuiltin(m, args, say, fail);
    case 'shift': {
      const n = args.length > 0 ? Number(args[0]) : 1;
      if (!Number.isInteger(n) || n < 0 || n > ctx.args.length) {
        if (style === 'dash') {
          fail("can't shift that many");
          m.exitShell(2);
          return null;
        }
        return 1;
      }
      ctx.args = ctx.args.slice(n);
      return 0;
    }
    case 'trap':
      return trapBuiltin(m, args, w, fds, say);
    case 'cd': {
      let target = args[0] ?? ctx.vars.HOME ?? '/';
      if (target === '-') target = ctx.vars.OLDPWD ?? ctx.cwd;
      const path = resolvePath(ctx.cwd, target);
      if (!isDir(m.fs, path)) {
        const why = isFile(m.fs, path) ? 'Not a directory' : 'No such file or directory';
        if (style === 'bash') fail(`${target}: ${why}`);
        else if (style === 'dash') fail(`can't cd to ${target}`);
        else fail(`can't cd to ${target}: ${why}`);
        return style === 'bash' ? 1 : 2;
      }
      ctx.vars.OLDPWD = ctx.cwd;
      ctx.cwd = path;
      ctx.vars.PWD = path;
      if (args[0] === '-') say(path);
      return 0;
    }
    case 'pwd':
      say(ctx.cwd);
      return 0;
    case 'echo':
      return echo(args, style, io);
    case 'printf':
      return printf(
        args,
        io,
        (msg, dashMsg) => m.errLine(appletBuiltinError(w, 'printf', msg, dashMsg), fds),
        style,
      );
    case 'test':
    case '[':
    case '[[':
      return testCommand(name, args, m.fs, ctx.cwd, style, (msg, dashMsg) =>
        m.errLine(appletBuiltinError(w, name, msg, dashMsg), fds),
      );
    case 'read':
      return readBuiltin(m, args, io);
    case 'wait':
      return waitBuiltin(m, args);
    case 'kill':
      return killBuiltin(m, args, w, fds);
    case 'local': {
      if (!w.inFunction) {
        fail(style === 'bash' ? 'can only be used in a function' : 'not in a function');
        if (style === 'bash') return 1;
        m.exitShell(2);
        return null;
      }
      // Simplified: the variable is set, not scoped to the function.
      for (const a of args) {
        const eq = a.indexOf('=');
        if (eq > 0) m.assign(a.slice(0, eq), a.slice(eq + 1));
        else if (ctx.vars[a] === undefined) ctx.vars[a] = '';
      }
      return 0;
    }
    case 'let': {
      let last = 0n;
      for (const a of args) {
        try {
          last = evalArith(a, { get: (k) => ctx.vars[k], set: (k, v) => m.assign(k, v) });
        } catch (e) {
          if (!(e instanceof ArithFailure)) throw e;
          fail(arithMessage(style, e.error));
          return 1;
        }
      }
      return last === 0n ? 1 : 0;
    }
    case 'type':
    case 'command': {
      const verbose = name === 'type' || args[0] === '-V';
      const names = name === 'command' ? args.filter((a) => !a.startsWith('-')) : args;
      if (name === 'command' && !args.some((a) => a === '-v' || a === '-V')) {
        if (names.length === 0) return 0;
        m.dispatch(names, [], fds, w, null);
        return null;
      }
      let code = 0;
      for (const n of names) {
        const found = commandKind(m, n);
        if (!found) {
          code = style === 'bash' && name === 'command' ? 1 : 127;
          if (verbose) {
            if (style === 'bash') m.errLine(builtinError(w, 'type', `${n}: not found`), fds);
            else say(`${n}: not found`);
          }
          continue;
        }
        if (!verbose) say(found.path ?? n);
        else say(found.path ? `${n} is ${found.path}` : `${n} is a ${found.kind}`);
      }
      return code;
    }
  }
  return 127;
}

function commandKind(m: Machine, n: string): { path?: string; kind?: string } | null {
  if (SPECIAL_BUILTINS.has(n)) return { kind: 'special shell builtin' };
  if (m.ctx.funcs[n]) return { kind: 'function' };
  if (isBuiltin(n, m.ctx.style)) return { kind: 'shell builtin' };
  const program = programName(n);
  if (program && SHELL_COMMANDS[m.world.flavor].includes(program)) {
    return {
      path: n.includes('/')
        ? n
        : `${m.world.flavor === 'busybox' ? '/bin' : '/usr/bin'}/${program}`,
    };
  }
  return null;
}

/** eval and `.`: the text runs in this shell, as part of the current command. */
function runText(m: Machine, text: string, fds: Fds, w: Where): number | null {
  const hit = parsed(text, m.ctx.style === 'bash');
  if (!('nodes' in hit)) {
    for (const line of syntaxError(m.ctx.style, m.ctx.errName, hit, text)) m.errLine(line, fds);
    if (m.ctx.style === 'bash') return 2;
    m.exitShell(2);
    return null;
  }
  void w;
  const s = m.scriptIndex(text);
  m.pushNode(s, hit.root, Object.keys(fds).length > 0 ? fds : undefined);
  return null;
}

/** `exec >file`: the redirections stay for the rest of this shell. */
function keepDescriptors(m: Machine, fds: Fds): void {
  const frames = m.st.frames;
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i];
    if (f.k === 'shell' || f.k === 'sub') {
      f.fds = { ...f.fds, ...fds };
      return;
    }
  }
}

function setBuiltin(
  m: Machine,
  args: string[],
  say: (line: string) => void,
  fail: (msg: string) => void,
): number {
  const ctx = m.ctx;
  if (args.length === 0) {
    for (const k of Object.keys(ctx.vars).sort()) say(`${k}=${quote(ctx.vars[k])}`);
    return 0;
  }
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      ctx.args = args.slice(i);
      return 0;
    }
    if (a === '-o' || a === '+o') {
      const opt = args[++i];
      const on = a === '-o';
      if (opt === 'errexit') ctx.errexit = on;
      else if (opt === 'nounset') ctx.nounset = on;
      else if (opt === 'xtrace') ctx.xtrace = on;
      continue;
    }
    if (!/^[-+][a-zA-Z]+$/.test(a)) break;
    const on = a[0] === '-';
    for (const flag of a.slice(1)) {
      if (flag === 'e') ctx.errexit = on;
      else if (flag === 'u') ctx.nounset = on;
      else if (flag === 'x') ctx.xtrace = on;
      else if (!'fvnabhmC'.includes(flag)) {
        fail(ctx.style === 'bash' ? `-${flag}: invalid option` : `Illegal option -${flag}`);
        return 2;
      }
    }
  }
  if (i < args.length) ctx.args = args.slice(i);
  return 0;
}

function trapBuiltin(
  m: Machine,
  args: string[],
  w: Where,
  fds: Fds,
  say: (line: string) => void,
): number {
  const ctx = m.ctx;
  if (args.length === 0 || (args.length === 1 && args[0] === '-p')) {
    for (const [sig, action] of Object.entries(ctx.traps)) {
      const shown = ctx.style === 'bash' && sig !== 'EXIT' ? `SIG${sig}` : sig;
      say(`trap -- ${quote(action)} ${shown}`);
    }
    return 0;
  }
  let action: string | null = args[0];
  let sigs = args.slice(1);
  if (args.length === 1 || /^[0-9]+$/.test(action)) {
    // `trap N …` (all numbers) and `trap - SIG` reset; `trap SIG` alone resets it too.
    if (args.length === 1 || signalName(action) !== null) {
      sigs = args;
      action = null;
    }
  }
  if (action === '-') action = null;
  let code = 0;
  for (const spec of sigs) {
    const sig = signalName(spec);
    if (!sig) {
      if (ctx.style === 'dash') m.errLine(`trap: ${spec}: bad trap`, fds);
      else m.errLine(builtinError(w, 'trap', `${spec}: invalid signal specification`), fds);
      code = 1;
      continue;
    }
    if (action === null) delete ctx.traps[sig];
    else ctx.traps[sig] = action;
  }
  return code;
}

function readBuiltin(m: Machine, args: string[], io: ReturnType<Machine['io']>): number {
  const names = args.filter((a) => !a.startsWith('-'));
  const raw = args.includes('-r');
  let line = io.readLine();
  const eof = line === null;
  line = line ?? '';
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  const vars = names.length > 0 ? names : ['REPLY'];
  const ifs = m.ctx.vars.IFS ?? ' \t\n';
  const isIfs = (c: string) => ifs.includes(c);
  let rest = names.length > 0 ? line.replace(/^[ \t\n]+/, '') : line;
  vars.forEach((v, i) => {
    if (i === vars.length - 1) {
      m.assign(v, names.length > 0 ? rest.replace(/[ \t\n]+$/, '') : rest);
      return;
    }
    let j = 0;
    while (j < rest.length && !isIfs(rest[j])) j++;
    m.assign(v, rest.slice(0, j));
    rest = rest.slice(j).replace(/^[ \t\n]+/, '');
    if (rest && isIfs(rest[0])) rest = rest.slice(1).replace(/^[ \t\n]+/, '');
  });
  return eof ? 1 : 0;
}

/** `wait`: until the background jobs are over; a trapped signal cuts it short. */
function waitBuiltin(m: Machine, args: string[]): number | null {
  const st = m.st;
  const wanted = args.length > 0 ? st.jobs.filter((j) => args.includes(String(j.pid))) : st.jobs;
  if (args.length > 0 && wanted.length === 0) return 127;
  if (wanted.length === 0) return 0;
  let until = 0;
  for (const j of wanted)
    until = j.doneAtMs === null ? Number.POSITIVE_INFINITY : Math.max(until, j.doneAtMs);
  const status = args.length > 0 ? wanted[wanted.length - 1].status : 0;
  st.jobs = st.jobs.filter((j) => !wanted.includes(j));
  st.status = status;
  if (until > m.clockMs) {
    m.sleep(until - m.clockMs, true);
    if (m.pausing) return null;
  }
  return status;
}

function killBuiltin(m: Machine, args: string[], w: Where, fds: Fds): number | null {
  const style = m.ctx.style;
  let sig = 'TERM';
  let i = 0;
  if (args[0] === '-l') {
    m.io(fds).out('HUP INT QUIT KILL USR1 USR2 PIPE ALRM TERM CHLD\n');
    return 0;
  }
  if (args[0] === '-s' || args[0] === '-n') {
    sig = args[1] ?? '';
    i = 2;
  } else if (args[0]?.startsWith('-') && args[0].length > 1 && args[0] !== '--') {
    sig = args[0].slice(1);
    i = 1;
  } else if (args[0] === '--') {
    i = 1;
  }
  const name = signalName(sig);
  if (!name || name === 'EXIT') {
    if (style === 'bash')
      m.errLine(builtinError(w, 'kill', `${sig}: invalid signal specification`), fds);
    else if (style === 'dash')
      m.errLine(builtinError(w, 'kill', `Illegal option -${sig.slice(0, 1)}`), fds);
    else m.errLine(`${baseName(m.ctx.errName)}: bad signal name '${sig}'`, fds);
    return style === 'dash' ? 2 : 1;
  }
  const targets = args.slice(i);
  if (targets.length === 0) {
    if (style === 'bash') {
      m.errLine(
        builtinError(
          w,
          'kill',
          'usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]',
        ),
        fds,
      );
    }
    return style === 'bash' ? 2 : 1;
  }
  let code = 0;
  for (const t of targets) {
    const pid = Number(t);
    if (pid === m.st.pid || pid === 0 || pid === -1) {
      const r = deliver(m, name);
      if (r === 'died') return null;
      continue;
    }
    const job = m.st.jobs.find((j) => j.pid === pid);
    if (job && (job.doneAtMs === null || job.doneAtMs > m.clockMs)) {
      job.doneAtMs = m.clockMs;
      job.status = 128 + (signalNumber(name) ?? 15);
      continue;
    }
    code = 1;
    if (style === 'bash') m.errLine(builtinError(w, 'kill', `(${t}) - No such process`), fds);
    else if (style === 'dash') m.errLine(`${builtinError(w, 'kill', 'No such process')}\n`, fds);
    else m.errLine(`${baseName(m.ctx.errName)}: can't kill pid ${t}: No such process`, fds);
  }
  return code;
}

/**
 * A signal to this shell itself. PID 1 has no default action for signals it does not handle
 * (the kernel drops them), so without a trap nothing happens; any other shell dies of it.
 */
export function deliver(m: Machine, sig: string): 'ignored' | 'trapped' | 'died' {
  const action = m.ctx.traps[sig];
  if (action === '') return 'ignored';
  if (action !== undefined) {
    m.pushTrap(action, 0, false);
    return 'trapped';
  }
  if (m.st.pid === 1 || sig === 'CHLD') return 'ignored';
  m.exitShell(128 + (signalNumber(sig) ?? 15));
  return 'died';
}

export { cloneContext };
