/**
 * A small, pure, deterministic POSIX-ish shell for the simulated containers: `sh -c` scripts as
 * PID 1 (resumable across sleeps and snapshots), and single commands for `kubectl exec` and exec
 * probes. The contract is in README.md beside this file.
 */

import { deliver } from './builtins';
import type { ShellWorld } from './command';
import { isFile, resolvePath } from './files';
import { programName, SHELL_COMMANDS, shellStyleOf } from './flavors';
import { cloneContext, Machine, newContext, parsed, signalNumber } from './machine';
import { syntaxError, syntaxExitCode } from './messages';
import type { Write } from './output';
import { parseShellArgs, type ShellLaunch } from './shellArgs';
import type { ShellContext, ShellState } from './state';

export type { HttpAnswer, HttpFailure, ShellWorld } from './command';
export { hasCommand, SHELL_COMMANDS, type ShellFlavor } from './flavors';
export { SHELL_LIMITS } from './limits';
export type { Write } from './output';
export type { ShellState } from './state';

export type ShellResult =
  /** Paused in `sleep` (or `wait`); call runShell again after `ms`. Infinity: never wakes by itself. */
  | { kind: 'sleep'; ms: number }
  | { kind: 'exit'; code: number }
  /** The step limit was reached without a pause: a busy loop (the process keeps running). */
  | { kind: 'busy' };

export type ShellSignal = 'SIGTERM' | 'SIGINT' | 'SIGQUIT';

/** The PID `kubectl exec` processes get ($$ inside `kubectl exec pod -- sh -c …`). */
const EXEC_PID = 7;
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function placeholderContext(): ShellContext {
  return {
    vars: {},
    exported: {},
    readonly: {},
    funcs: {},
    args: [],
    name: 'sh',
    errName: 'sh',
    nameGiven: false,
    lineBase: 0,
    cwd: '/',
    traps: {},
    style: 'ash',
    errexit: false,
    nounset: false,
    xtrace: false,
  };
}

function newState(argv: string[], pid: number): ShellState {
  return {
    v: 1,
    argv: argv.slice(),
    pid,
    phase: 'running',
    exitCode: 0,
    ctx: placeholderContext(),
    frames: [],
    scripts: [],
    status: 0,
    afterWake: [],
    pending: [],
    jobs: [],
    lastJob: null,
    nextPid: pid + 1 + (pid === 1 ? 5 : 0),
    partial: { out: '', err: '' },
    stuck: false,
    started: false,
  };
}

/** A container's main process: argv as exec'd (`['sh','-c','script']`, `['/bin/sh']`, `['sleep','30']`). */
export function startShell(argv: string[]): ShellState {
  return newState(argv, 1);
}

/** The process environment: the world's, with what the runtime always provides. */
function processEnv(world: ShellWorld): Record<string, string> {
  const env: Record<string, string> = {};
  if (world.env.PATH === undefined) env.PATH = DEFAULT_PATH;
  if (world.env.HOSTNAME === undefined) env.HOSTNAME = world.hostname;
  Object.assign(env, world.env);
  if (env.HOME === undefined) env.HOME = '/root';
  return env;
}

const quoteArg = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;

function runcNotFound(argv0: string): string {
  return `exec: "${argv0}": executable file not found in $PATH`;
}

/** First run: read the environment, work out the script, push the root frame. */
function launch(st: ShellState, m: Machine, world: ShellWorld): void {
  st.started = true;
  const argv = st.argv.length > 0 ? st.argv : ['sh'];
  const env = processEnv(world);
  const cwd = '/';
  const flavor = world.flavor;
  const program = programName(argv[0]);
  let style = program ? shellStyleOf(program, flavor) : null;
  let shellArgv = argv;
  if (!style) {
    // Not a shell: the image's own program is PID 1. It runs as `exec 'prog' 'args'` in a shell
    // of this image, which only adds its PID-1 and sleep handling.
    const exists =
      (program !== null && SHELL_COMMANDS[flavor].includes(program)) ||
      (argv[0].includes('/') && isFile(world.fs, resolvePath(cwd, argv[0])));
    style = shellStyleOf('sh', flavor) ?? shellStyleOf('bash', flavor);
    if (!exists || !style) {
      m.errLine(
        `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${runcNotFound(argv[0])}: unknown`,
      );
      finish(st, 128);
      return;
    }
    shellArgv = ['sh', '-c', `exec ${argv.map(quoteArg).join(' ')}`, argv[0]];
  }
  const launched = parseShellArgs(shellArgv, style, world.fs, cwd, '');
  if ('error' in launched) {
    for (const line of launched.error) m.errLine(line);
    finish(st, launched.code);
    return;
  }
  const ctx = newContext(shellArgv === argv ? argv[0] : 'sh', style, launched, env, cwd);
  if (shellArgv !== argv) {
    ctx.errName = 'sh';
    ctx.nameGiven = false;
  }
  st.ctx = ctx;
  const hit = parsed(launched.script, style === 'bash');
  if (!('nodes' in hit)) {
    for (const line of syntaxError(style, ctx.errName, hit, launched.script)) m.errLine(line);
    finish(st, syntaxExitCode(style, hit));
    return;
  }
  const s = m.scriptIndex(launched.script);
  st.frames.push({ k: 'shell', s, n: hit.root, pc: 0, saved: cloneContext(ctx) });
}

function finish(st: ShellState, code: number): void {
  st.phase = 'done';
  st.exitCode = code & 255;
  st.status = st.exitCode;
  st.frames = [];
}

/** The context of PID 1 itself (a nested shell or subshell may be running on top of it). */
function mainContext(st: ShellState): ShellContext {
  for (let i = 1; i < st.frames.length; i++) {
    const f = st.frames[i];
    if (f.k === 'sub' || f.k === 'shell') return f.saved;
  }
  return st.ctx;
}

/**
 * Runs the shell until it pauses, exits or is busy. Mutates `state` and `world.fs`; the same
 * state, world and time give the same writes and result.
 */
export function runShell(state: ShellState, world: ShellWorld, write: Write): ShellResult {
  if (state.phase === 'done') return { kind: 'exit', code: state.exitCode };
  const m = new Machine(state, world, write);
  if (!state.started) {
    launch(state, m, world);
    if ((state.phase as string) === 'done') {
      m.out.flush();
      return { kind: 'exit', code: state.exitCode };
    }
  }
  if (state.sleeping) {
    const s = state.sleeping;
    const due = s.untilMs !== null && world.nowMs >= s.untilMs;
    const interrupted = s.interruptible && state.pending.length > 0;
    if (!due && !interrupted) {
      return {
        kind: 'sleep',
        ms: s.untilMs === null ? Number.POSITIVE_INFINITY : s.untilMs - world.nowMs,
      };
    }
    state.sleeping = undefined;
    if (!due) state.status = 128 + (signalNumber(state.pending[0]) ?? 15);
    for (const a of state.afterWake) m.writeTo(a.sink, a.text);
    state.afterWake = [];
  }
  if (state.stuck) return { kind: 'busy' };
  if (state.pending.length > 0 && mainContext(state) === state.ctx) {
    const pending = state.pending;
    state.pending = [];
    for (const sig of pending.reverse()) {
      const status = state.status;
      if (deliver(m, sig) === 'trapped') {
        const top = state.frames[state.frames.length - 1];
        if (top.k === 'trap') top.status = status;
      }
    }
  }
  try {
    const r = m.loop(0);
    m.out.flush();
    if (r === 'pause') {
      const sleeping = state.sleeping as ShellState['sleeping'];
      const until = sleeping?.untilMs ?? null;
      return { kind: 'sleep', ms: until === null ? Number.POSITIVE_INFINITY : until - world.nowMs };
    }
    if (r === 'busy') return { kind: 'busy' };
    finish(state, state.status);
    return { kind: 'exit', code: state.exitCode };
  } catch (e) {
    if (m.isBusy(e)) {
      m.truncate(e.base);
      state.stuck = true;
      m.out.flush();
      return { kind: 'busy' };
    }
    if (m.isForever(e)) {
      m.truncate(e.base);
      state.sleeping = { untilMs: null, interruptible: false };
      m.out.flush();
      return { kind: 'sleep', ms: Number.POSITIVE_INFINITY };
    }
    throw e;
  }
}

/**
 * A signal to the shell as PID 1: without a trap it is ignored (PID 1 has no default action);
 * with one, the handler runs at the next runShell — after the foreground command (a `sleep`)
 * ends, as in a real shell, or at once when the shell is in `wait`. 'exit': the shell had ended.
 */
export function signalShell(
  state: ShellState,
  signal: ShellSignal,
): 'ignored' | 'trapped' | 'exit' {
  if (state.phase === 'done') return 'exit';
  const sig = signal.slice(3);
  const action = mainContext(state).traps[sig];
  if (!state.started || action === undefined || action === '') return 'ignored';
  state.pending.push(sig);
  return 'trapped';
}

/**
 * One command as `kubectl exec` or an exec probe runs it: no shell parsing; `sh -c` inside works
 * through the same interpreter. Sleeps are summed, not waited; sleptMs is Infinity for a command
 * that never ends (`sleep infinity`, a busy loop), whose code is then meaningless.
 * A program the image lacks fails as runc does, with code 126.
 */
export function runCommand(
  argv: string[],
  world: ShellWorld,
  write: Write,
): { code: number; sleptMs: number } {
  const st = newState(argv, EXEC_PID);
  const m = new Machine(st, world, write);
  const program = argv.length > 0 ? programName(argv[0]) : null;
  const exists =
    argv.length > 0 &&
    ((program !== null && SHELL_COMMANDS[world.flavor].includes(program)) ||
      (argv[0].includes('/') && isFile(world.fs, resolvePath('/', argv[0]))));
  if (!exists) {
    m.errLine(
      `OCI runtime exec failed: exec failed: unable to start container process: ${runcNotFound(argv[0] ?? '')}: unknown`,
    );
    m.out.flush();
    return { code: 126, sleptMs: 0 };
  }
  const style = shellStyleOf('sh', world.flavor) ?? 'bash';
  const env = processEnv(world);
  st.ctx = newContext('sh', style, noScript('sh'), env, '/');
  st.started = true;
  try {
    m.sync(() => m.external(argv.slice(), env, {}, m.where(1), null, false));
  } catch (e) {
    if (!m.isBusy(e) && !m.isForever(e)) throw e;
    m.out.flush();
    return { code: 137, sleptMs: Number.POSITIVE_INFINITY };
  }
  m.out.flush();
  return { code: st.status & 255, sleptMs: m.clockMs - world.nowMs };
}

/** How an exec'd shell is launched with no script of its own (its commands come otherwise). */
function noScript(name: string): ShellLaunch {
  return {
    script: '',
    name,
    args: [],
    nameGiven: false,
    lineBase: 0,
    errexit: false,
    xtrace: false,
    nounset: false,
  };
}

/**
 * A shell reading its commands from stdin, as `kubectl exec -i POD -- sh` starts one: sh, ash,
 * dash or bash with no script (`-i`, `-l`, `-s` allowed). Null for any other command. Its state
 * between lines is this plain JSON.
 */
export function startSession(argv: string[], world: ShellWorld, pid = EXEC_PID): ShellState | null {
  const program = argv.length > 0 ? programName(argv[0]) : null;
  const style = program ? shellStyleOf(program, world.flavor) : null;
  if (!style || !argv.slice(1).every((a) => /^-[ils]+$/.test(a))) return null;
  const st = newState(argv, pid);
  st.ctx = newContext(argv[0], style, noScript(argv[0]), processEnv(world), '/');
  st.started = true;
  return st;
}

/**
 * One line of a session's stdin, run to its end (sleeps summed, as runCommand does): its
 * status, the time its sleeps took (Infinity: it never ends), whether the shell exited.
 */
export function runSessionLine(
  st: ShellState,
  line: string,
  world: ShellWorld,
  write: Write,
): { code: number; sleptMs: number; exited: boolean } {
  const m = new Machine(st, world, write);
  const hit = parsed(line, st.ctx.style === 'bash');
  if (!('nodes' in hit)) {
    for (const l of syntaxError(st.ctx.style, st.ctx.errName, hit, line)) m.errLine(l);
    m.out.flush();
    st.status = syntaxExitCode(st.ctx.style, hit);
    return { code: st.status, sleptMs: 0, exited: false };
  }
  const s = m.scriptIndex(line);
  try {
    m.sync(() => m.pushNode(s, hit.root));
  } catch (e) {
    if (!m.isBusy(e) && !m.isForever(e)) throw e;
    m.truncate(0);
    m.out.flush();
    return { code: 137, sleptMs: Number.POSITIVE_INFINITY, exited: false };
  }
  m.out.flush();
  if (m.exitedAll) finish(st, st.status);
  return { code: st.status & 255, sleptMs: m.clockMs - world.nowMs, exited: m.exitedAll };
}

/**
 * What an interactive shell prints before reading a line, as root: busybox ash's fancy prompt
 * `\w \$ ` (ash.c), dash's `# `, and Debian's /etc/bash.bashrc `\u@\h:\w\$ `.
 */
export function sessionPrompt(st: ShellState, hostname: string): string {
  const ctx = st.ctx;
  const home = ctx.vars.HOME ?? '/root';
  const cwd = ctx.cwd;
  const w = cwd === home ? '~' : cwd.startsWith(`${home}/`) ? `~${cwd.slice(home.length)}` : cwd;
  if (ctx.style === 'bash') return `root@${hostname}:${w}# `;
  if (ctx.style === 'dash') return '# ';
  return `${w} # `;
}
