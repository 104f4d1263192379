/**
 * The executor: a loop over an explicit stack of frames (state.ts), so that a shell paused in
 * `sleep` is plain data and continues exactly after a snapshot. One Machine lives for one
 * runShell/runCommand call; everything that must outlive it is in the ShellState.
 *
 * Time: `clockMs` starts at world.nowMs. A sleep moves it on; at the top level the shell then
 * pauses until `clockMs` (runShell returns `sleep`). Inside command substitutions, background
 * jobs and runCommand nothing can pause, so sleeps are summed into the clock instead.
 */
import { ArithFailure, arithMessage, evalArith } from './arith';
import type { Node, Redir, Script, SimpleNode } from './ast';
import { isBuiltin, runBuiltin, SPECIAL_BUILTINS } from './builtins';
import type { Io, ProgramResult, ShellWorld } from './command';
import { ExpandError, Expander, type ExpandHost } from './expand';
import { dirName, isDir, isFile, resolvePath } from './files';
import { programName, SHELL_COMMANDS, shellStyleOf, userlandOf } from './flavors';
import { SHELL_LIMITS } from './limits';
import {
  builtinError,
  notFound,
  shellError,
  syntaxError,
  syntaxExitCode,
  type Where,
} from './messages';
import { Output, type Write } from './output';
import { parseScript } from './parser';
import { matchPattern } from './pattern';
import { PROGRAMS } from './programs/index';
import { parseShellArgs, type ShellLaunch } from './shellArgs';
import type { Fds, Frame, ShellContext, ShellState, ShellStyle, Sink, Source } from './state';
import { ShellSyntaxError, type SyntaxInfo } from './syntax';

const parseCache = new Map<string, Script | SyntaxInfo>();

/** Parses once per script text and dialect (a derived cache: the state keeps only the text). */
export function parsed(text: string, bash: boolean): Script | SyntaxInfo {
  const key = `${bash ? 'b' : 'p'}\0${text}`;
  let hit = parseCache.get(key);
  if (!hit) {
    try {
      hit = parseScript(text, bash);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      hit = e.info;
    }
    if (parseCache.size > 256) parseCache.clear();
    parseCache.set(key, hit);
  }
  return hit;
}

/** The step limit was reached inside a run that cannot pause; `base` is where it started. */
class Busy extends Error {
  constructor(public base: number) {
    super('busy');
  }
}
/** A run that cannot pause reached `sleep infinity` (or waits on something that never ends). */
class Forever extends Error {
  constructor(public base: number) {
    super('forever');
  }
}

const SIGNALS: Record<string, number> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  KILL: 9,
  USR1: 10,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  CHLD: 17,
};
export function signalNumber(name: string): number | null {
  return SIGNALS[name] ?? null;
}
/** `TERM`, `SIGTERM`, `15` -> TERM; EXIT and 0 -> EXIT; null when unknown. */
export function signalName(spec: string): string | null {
  const up = spec.toUpperCase();
  if (up === 'EXIT' || up === '0') return 'EXIT';
  const bare = up.startsWith('SIG') ? up.slice(3) : up;
  if (SIGNALS[bare] !== undefined) return bare;
  if (/^[0-9]+$/.test(spec)) {
    for (const [name, n] of Object.entries(SIGNALS)) if (String(n) === spec) return name;
  }
  return null;
}

export function cloneContext(c: ShellContext): ShellContext {
  return {
    ...c,
    vars: { ...c.vars },
    exported: { ...c.exported },
    readonly: { ...c.readonly },
    funcs: { ...c.funcs },
    args: c.args.slice(),
    traps: { ...c.traps },
  };
}

export class Machine implements ExpandHost {
  steps: number = SHELL_LIMITS.stepsPerRun;
  private syncDepth = 0;
  clockMs: number;
  pausing = false;
  /** $? of the last command substitution (a command of assignments only returns it). */
  private lastSubst: number | null = null;
  readonly out: Output;
  private readonly exp: Expander;

  constructor(
    readonly st: ShellState,
    readonly world: ShellWorld,
    write: Write,
  ) {
    this.clockMs = world.nowMs;
    this.out = new Output(st, write);
    this.exp = new Expander(this);
  }

  // ---- ExpandHost ---------------------------------------------------------------------------

  get ctx(): ShellContext {
    return this.st.ctx;
  }
  get status(): number {
    return this.st.status;
  }
  get pid(): number {
    return this.st.pid;
  }
  get lastJob(): number | null {
    return this.st.lastJob;
  }
  get fs(): Record<string, string> {
    return this.world.fs;
  }
  get unsetErrorCode(): number {
    return this.ctx.style === 'bash' ? 127 : 2;
  }

  commandSubst(n: number): string {
    const s = this.currentScript();
    const frame: Frame = { k: 'sub', s, n, pc: 0, saved: cloneContext(this.ctx), buf: '' };
    const index = this.st.frames.length;
    frame.fds = { 1: { cap: index } };
    this.sync(() => this.st.frames.push(frame));
    this.lastSubst = this.st.status;
    return frame.buf ?? '';
  }

  arith(expr: string): string {
    try {
      return String(
        evalArith(expr, {
          get: (name) => this.ctx.vars[name],
          set: (name, value) => this.assign(name, value),
        }),
      );
    } catch (e) {
      if (!(e instanceof ArithFailure)) throw e;
      throw new ExpandError(
        arithMessage(this.ctx.style, e.error),
        this.ctx.style === 'bash' ? 1 : 2,
      );
    }
  }

  assign(name: string, value: string): void {
    if (this.ctx.readonly[name]) {
      throw new ExpandError(
        this.ctx.style === 'bash' ? `${name}: readonly variable` : `${name}: is read only`,
        this.ctx.style === 'bash' ? 1 : 2,
      );
    }
    if (value.length > SHELL_LIMITS.maxValueBytes) {
      throw new ExpandError(
        `${name}: value of ${value.length} bytes refused: the simulation keeps values up to ${SHELL_LIMITS.maxValueBytes} bytes`,
        2,
      );
    }
    this.ctx.vars[name] = value;
  }

  // ---- scripts and frames -------------------------------------------------------------------

  private currentScript(): number {
    const top = this.st.frames[this.st.frames.length - 1];
    return top ? top.s : 0;
  }

  scriptIndex(text: string): number {
    const i = this.st.scripts.indexOf(text);
    if (i >= 0) return i;
    this.st.scripts.push(text);
    return this.st.scripts.length - 1;
  }

  /** Parsed scripts by index, for this run (the state keeps only their text). */
  private readonly scriptCache: (Script | undefined)[] = [];
  private readonly scriptCacheBash: boolean[] = [];

  private script(s: number): Script {
    const bash = this.ctx.style === 'bash';
    const cached = this.scriptCache[s];
    if (cached && this.scriptCacheBash[s] === bash) return cached;
    const hit = parsed(this.st.scripts[s], bash);
    if (!('nodes' in hit)) throw new Error('frame points into a script that does not parse');
    this.scriptCache[s] = hit;
    this.scriptCacheBash[s] = bash;
    return hit;
  }

  private node(s: number, n: number): Node {
    return this.script(s).nodes[n];
  }

  /** Drops scripts no frame or function needs any more (nested `sh -c` texts). */
  private releaseScripts(): void {
    const scripts = this.st.scripts;
    while (scripts.length > 1) {
      const last = scripts.length - 1;
      const used =
        this.st.frames.some((f) => f.s === last) ||
        Object.values(this.ctx.funcs).some((f) => f.s === last) ||
        this.st.frames.some(
          (f) =>
            (f.k === 'sub' || f.k === 'shell') &&
            Object.values(f.saved.funcs).some((g) => g.s === last),
        );
      if (used) return;
      scripts.pop();
      this.scriptCache.length = Math.min(this.scriptCache.length, scripts.length);
    }
  }

  where(line: number): Where {
    let inFunction = false;
    for (let i = this.st.frames.length - 1; i >= 0; i--) {
      const k = this.st.frames[i].k;
      if (k === 'call') inFunction = true;
      if (k === 'shell') break;
    }
    return { ctx: this.ctx, line, inFunction };
  }

  /** Pushes a node to run; a compound command's redirections are opened now. */
  pushNode(s: number, n: number, fds?: Fds): void {
    const node = this.node(s, n);
    const frame: Frame = { k: 'node', s, n, pc: 0 };
    if (fds) frame.fds = fds;
    if (node.t !== 'simple' && node.t !== 'seq' && node.t !== 'andor' && node.t !== 'pipe') {
      if (node.t !== 'func' && node.redirs.length > 0) {
        const opened = this.openRedirs(node.redirs, this.where(node.line));
        if (!opened) return;
        frame.fds = { ...frame.fds, ...opened };
      }
    }
    this.st.frames.push(frame);
  }

  // ---- the loop -----------------------------------------------------------------------------

  /** Runs the frames above `base` until they are done, the shell pauses, or steps run out. */
  loop(base: number): 'done' | 'pause' | 'busy' {
    const frames = this.st.frames;
    while (frames.length > base) {
      if (this.steps <= 0) return 'busy';
      this.steps--;
      this.visit(frames[frames.length - 1]);
      if (this.pausing) return 'pause';
    }
    return 'done';
  }

  /** Runs what `push` puts on the stack to its end, without pausing (sleeps are summed). */
  sync(push: () => void): void {
    const base = this.st.frames.length;
    if (this.syncDepth >= SHELL_LIMITS.maxDepth) {
      throw new ExpandError(
        `command substitutions nested deeper than ${SHELL_LIMITS.maxDepth}: stopped by the simulation`,
        2,
      );
    }
    push();
    this.syncDepth++;
    try {
      if (this.loop(base) === 'busy') throw new Busy(base);
    } catch (e) {
      if (e instanceof Busy || e instanceof Forever) e.base = base;
      throw e;
    } finally {
      this.syncDepth--;
    }
  }

  /** Removes frames down to `base`, restoring the context of any subshell among them. */
  truncate(base: number): void {
    const frames = this.st.frames;
    for (let i = base; i < frames.length; i++) {
      const f = frames[i];
      if (f.k === 'sub' || f.k === 'shell') {
        this.st.ctx = f.saved;
        break;
      }
      if (f.k === 'call') this.ctx.args = f.args;
    }
    frames.length = base;
  }

  isBusy(e: unknown): e is Busy {
    return e instanceof Busy;
  }
  isForever(e: unknown): e is Forever {
    return e instanceof Forever;
  }

  /** Moves the clock on; at the top level the shell pauses until then. */
  sleep(ms: number, interruptible = false): void {
    this.clockMs += ms;
    if (this.syncDepth > 0) {
      if (this.clockMs === Number.POSITIVE_INFINITY) throw new Forever(this.st.frames.length);
      return;
    }
    this.pauseIfLate(interruptible);
  }

  private pauseIfLate(interruptible: boolean): void {
    if (this.syncDepth > 0 || this.clockMs <= this.world.nowMs) return;
    const untilMs = this.clockMs === Number.POSITIVE_INFINITY ? null : this.clockMs;
    this.st.sleeping = { untilMs, interruptible };
    this.pausing = true;
  }

  private visit(f: Frame): void {
    switch (f.k) {
      case 'node':
        this.visitNode(f);
        return;
      case 'sub':
      case 'shell':
        this.visitBoundary(f);
        return;
      case 'call':
        if (f.pc === 0) {
          f.pc = 1;
          this.pushNode(f.s, f.n);
        } else {
          this.ctx.args = f.args;
          this.st.frames.pop();
        }
        return;
      case 'trap':
        if (f.pc === 0) {
          f.pc = 1;
          this.pushNode(f.s, f.n);
        } else {
          this.st.frames.pop();
          this.st.status = f.exiting ?? f.status;
          this.releaseScripts();
        }
        return;
    }
  }

  private visitBoundary(f: Extract<Frame, { k: 'sub' | 'shell' }>): void {
    if (f.pc === 0) {
      f.pc = 1;
      this.pushNode(f.s, f.n);
      return;
    }
    if (f.pc === 1) {
      f.pc = 2;
      const action = this.ctx.traps.EXIT;
      if (action) {
        delete this.ctx.traps.EXIT;
        this.pushTrap(action, this.st.status);
        return;
      }
    }
    const status = this.st.status;
    this.st.frames.pop();
    this.st.ctx = f.saved;
    this.st.status = status;
    if (f.k === 'shell') this.releaseScripts();
  }

  pushTrap(action: string, status: number, exiting = true): void {
    const hit = parsed(action, this.ctx.style === 'bash');
    if (!('nodes' in hit)) {
      this.errLine(syntaxError(this.ctx.style, this.ctx.errName, hit, action).join('\n'));
      return;
    }
    const s = this.scriptIndex(action);
    const frame: Frame = { k: 'trap', s, n: hit.root, pc: 0, status };
    if (exiting) frame.exiting = status;
    this.st.frames.push(frame);
  }

  private visitNode(f: Extract<Frame, { k: 'node' }>): void {
    const node = this.node(f.s, f.n);
    const frames = this.st.frames;
    switch (node.t) {
      case 'simple':
        this.simple(f, node);
        return;
      case 'seq': {
        if (f.pc >= node.items.length) {
          frames.pop();
          return;
        }
        const item = node.items[f.pc++];
        if (item.async) this.background(f.s, item.n);
        else this.pushNode(f.s, item.n);
        return;
      }
      case 'andor': {
        if (f.pc === 0) {
          f.pc = 1;
          this.pushNode(f.s, node.first);
          return;
        }
        const next = node.rest[f.pc - 1];
        if (!next) {
          frames.pop();
          return;
        }
        f.pc++;
        if ((next.op === '&&') === (this.st.status === 0)) this.pushNode(f.s, next.n);
        return;
      }
      case 'pipe': {
        if (node.cmds.length === 1) {
          if (f.pc === 0) {
            f.pc = 1;
            this.pushNode(f.s, node.cmds[0]);
          } else {
            frames.pop();
            if (node.bang) this.st.status = this.st.status === 0 ? 1 : 0;
          }
          return;
        }
        const input = f.pc > 0 ? (f.buf ?? '') : undefined;
        f.buf = '';
        if (f.pc < node.cmds.length) {
          const fds: Fds = {};
          if (input !== undefined) fds[0] = { text: input, pos: 0 };
          if (f.pc < node.cmds.length - 1) fds[1] = { cap: frames.length - 1 };
          frames.push({
            k: 'sub',
            s: f.s,
            n: node.cmds[f.pc],
            pc: 0,
            saved: cloneContext(this.ctx),
            fds,
          });
          f.pc++;
          return;
        }
        frames.pop();
        if (node.bang) this.st.status = this.st.status === 0 ? 1 : 0;
        return;
      }
      case 'group':
        if (f.pc === 0) {
          f.pc = 1;
          this.pushNode(f.s, node.body);
        } else frames.pop();
        return;
      case 'subshell':
        if (f.pc === 0) {
          f.pc = 1;
          frames.push({ k: 'sub', s: f.s, n: node.body, pc: 0, saved: cloneContext(this.ctx) });
        } else frames.pop();
        return;
      case 'if': {
        if (f.pc === -1) {
          frames.pop();
          return;
        }
        if (f.pc % 2 === 0) {
          const k = f.pc / 2;
          if (k < node.clauses.length) {
            f.pc++;
            this.pushNode(f.s, node.clauses[k].cond);
            return;
          }
          if (node.otherwise !== null) {
            f.pc = -1;
            this.pushNode(f.s, node.otherwise);
            return;
          }
          this.st.status = 0;
          frames.pop();
          return;
        }
        if (this.st.status === 0) {
          const k = (f.pc - 1) / 2;
          f.pc = -1;
          this.pushNode(f.s, node.clauses[k].body);
        } else f.pc++;
        return;
      }
      case 'loop': {
        if (f.pc === 0) {
          f.pc = 1;
          this.pushNode(f.s, node.cond);
          return;
        }
        if (f.pc === 1) {
          const go = node.until ? this.st.status !== 0 : this.st.status === 0;
          if (!go) {
            this.st.status = f.last ?? 0;
            frames.pop();
            return;
          }
          f.pc = 2;
          this.pushNode(f.s, node.body);
          return;
        }
        f.last = this.st.status;
        f.pc = 0;
        return;
      }
      case 'for': {
        if (!f.items) {
          const items = this.expandOrFail(
            () => (node.words === null ? this.ctx.args.slice() : this.exp.fields(node.words)),
            node.line,
          );
          if (!items) return;
          f.items = items;
          this.st.status = 0;
        }
        if (f.pc >= f.items.length) {
          frames.pop();
          return;
        }
        const value = f.items[f.pc++];
        try {
          this.assign(node.name, value);
        } catch (e) {
          this.expansionFailed(e, node.line);
          return;
        }
        this.pushNode(f.s, node.body);
        return;
      }
      case 'case': {
        if (f.pc === 1) {
          frames.pop();
          return;
        }
        const word = this.expandOrFail(() => this.exp.string(node.word), node.line);
        if (word === null) return;
        for (const arm of node.arms) {
          for (const p of arm.patterns) {
            const pattern = this.expandOrFail(() => this.exp.pattern(p), node.line);
            if (pattern === null) return;
            if (matchPattern(pattern, word)) {
              if (arm.body === null) {
                this.st.status = 0;
                frames.pop();
              } else {
                f.pc = 1;
                this.pushNode(f.s, arm.body);
              }
              return;
            }
          }
        }
        this.st.status = 0;
        frames.pop();
        return;
      }
      case 'func':
        this.ctx.funcs[node.name] = { s: f.s, n: node.body };
        this.st.status = 0;
        frames.pop();
        return;
    }
  }

  // ---- errors that stop the shell -----------------------------------------------------------

  private expandOrFail<T>(fn: () => T, line: number): T | null {
    try {
      return fn();
    } catch (e) {
      this.expansionFailed(e, line);
      return null;
    }
  }

  /**
   * An expansion error: dash and busybox exit the script; bash abandons the rest of the line
   * (bash runs a `-c` string line by line) except for `${x?}`, which exits.
   */
  expansionFailed(e: unknown, line: number): void {
    if (!(e instanceof ExpandError)) throw e;
    this.errLine(shellError(this.where(line), e.text));
    if (this.ctx.style === 'bash' && e.code !== 127) {
      this.abandonLine(line, e.code);
      return;
    }
    this.exitShell(e.code);
  }

  /** bash: drop what is left of the current top-level line and go on with the next one. */
  abandonLine(line: number, status: number): void {
    const frames = this.st.frames;
    let shellAt = -1;
    for (let i = frames.length - 1; i >= 0; i--) {
      const k = frames[i].k;
      if (k === 'shell' || k === 'sub' || k === 'trap') {
        shellAt = i;
        break;
      }
    }
    const bodyAt = shellAt + 1;
    const body = frames[bodyAt];
    this.truncate(bodyAt + 1);
    this.st.status = status;
    if (body?.k !== 'node') return;
    const node = this.node(body.s, body.n);
    if (node.t !== 'seq' || frames[shellAt]?.k !== 'shell') {
      frames.length = bodyAt;
      return;
    }
    while (body.pc < node.items.length && this.node(body.s, node.items[body.pc].n).line <= line) {
      body.pc++;
    }
  }

  /** `exit N` (or a fatal error): unwinds to the enclosing (sub)shell, which runs its EXIT trap. */
  exitShell(code: number): void {
    this.st.status = code;
    const frames = this.st.frames;
    while (frames.length > 0) {
      const top = frames[frames.length - 1];
      if (top.k === 'sub' || top.k === 'shell') return;
      if (top.k === 'call') this.ctx.args = top.args;
      frames.pop();
    }
    // No boundary: an interactive session's shell itself exits (runSessionLine).
    this.exitedAll = true;
  }

  /** Set when `exit` (or an error that exits) left no frame at all. */
  exitedAll = false;

  /** break/continue N: false when there is no loop to leave (outside a function or subshell). */
  leaveLoops(count: number, again: boolean): boolean {
    const frames = this.st.frames;
    const loops: number[] = [];
    for (let i = frames.length - 1; i >= 0; i--) {
      const f = frames[i];
      if (f.k !== 'node') break;
      const t = this.node(f.s, f.n).t;
      if (t === 'loop' || t === 'for') loops.push(i);
    }
    if (loops.length === 0) return false;
    const target = loops[Math.min(count, loops.length) - 1];
    this.truncate(target + 1);
    const f = frames[target] as Extract<Frame, { k: 'node' }>;
    if (!again) {
      frames.pop();
      this.st.status = 0;
    } else if (this.node(f.s, f.n).t === 'loop') {
      f.pc = 0;
    }
    return true;
  }

  /** `return N`: false outside a function. */
  returnFromFunction(code: number): boolean {
    const frames = this.st.frames;
    for (let i = frames.length - 1; i >= 0; i--) {
      const f = frames[i];
      if (f.k === 'shell' || f.k === 'sub' || f.k === 'trap') return false;
      if (f.k === 'call') {
        this.truncate(i + 1);
        this.ctx.args = f.args;
        frames.pop();
        this.st.status = code;
        return true;
      }
    }
    return false;
  }

  /** `set -e`: whether a failing command here is tested (if/while conditions, && ||, !). */
  private tested(): boolean {
    const frames = this.st.frames;
    for (let i = frames.length - 1; i >= 0; i--) {
      const f = frames[i];
      if (f.k !== 'node') return false;
      const node = this.node(f.s, f.n);
      if (node.t === 'if' && f.pc > 0 && f.pc % 2 === 1) return true;
      if (node.t === 'loop' && f.pc === 1) return true;
      if (node.t === 'andor' && f.pc <= node.rest.length) return true;
      if (node.t === 'pipe' && node.bang) return true;
    }
    return false;
  }

  // ---- descriptors and output ---------------------------------------------------------------

  private effective(fd: 0 | 1 | 2, extra?: Fds): Sink | Source {
    if (extra && extra[fd] !== undefined) return extra[fd] as Sink | Source;
    const frames = this.st.frames;
    for (let i = frames.length - 1; i >= 0; i--) {
      const fds = frames[i].fds;
      if (fds && fds[fd] !== undefined) return fds[fd] as Sink | Source;
    }
    return fd === 0 ? null : fd === 1 ? 'out' : 'err';
  }

  sinkOf(fd: 1 | 2, extra?: Fds): Sink {
    return this.effective(fd, extra) as Sink;
  }

  writeTo(sink: Sink, text: string): void {
    if (!text) return;
    if (sink === 'out') this.out.emit('stdout', text);
    else if (sink === 'err') this.out.emit('stderr', text);
    else if (sink === 'null') return;
    else if ('file' in sink) {
      const cur = this.fs[sink.file] ?? '';
      if (cur.length + text.length <= SHELL_LIMITS.maxValueBytes) this.fs[sink.file] = cur + text;
    } else {
      const f = this.st.frames[sink.cap];
      if (!f) return;
      const cur = f.buf ?? '';
      if (cur.length + text.length <= SHELL_LIMITS.maxValueBytes) f.buf = cur + text;
    }
  }

  /** One line of the shell's own error output (through fd 2 as it stands). */
  errLine(text: string, extra?: Fds): void {
    this.writeTo(this.sinkOf(2, extra), `${text}\n`);
  }

  io(extra?: Fds): Io {
    const source = () => this.effective(0, extra) as Source;
    return {
      out: (text) => this.writeTo(this.sinkOf(1, extra), text),
      err: (text) => this.writeTo(this.sinkOf(2, extra), text),
      readAll: () => {
        const src = source();
        if (!src) return '';
        const text = src.text.slice(src.pos);
        src.pos = src.text.length;
        return text;
      },
      readLine: () => {
        const src = source();
        if (!src || src.pos >= src.text.length) return null;
        const nl = src.text.indexOf('\n', src.pos);
        const end = nl < 0 ? src.text.length : nl;
        const line = src.text.slice(src.pos, end);
        src.pos = nl < 0 ? src.text.length : nl + 1;
        return line;
      },
    };
  }

  /** Opens redirections; null (after saying why) when one fails. */
  openRedirs(redirs: Redir[], w: Where): Fds | null {
    const fds: Fds = {};
    for (const r of redirs) {
      let target: string;
      try {
        target = this.exp.string(r.target);
      } catch (e) {
        this.expansionFailed(e, w.line);
        return null;
      }
      if (r.fd > 2) continue;
      const fd = r.fd as 0 | 1 | 2;
      if (r.op === '>&' || r.op === '<&') {
        if (target === '-') {
          if (fd === 0) fds[0] = null;
          else fds[fd] = 'null';
          continue;
        }
        if (/^[0-2]$/.test(target)) {
          const from = this.effective(Number(target) as 0 | 1 | 2, fds);
          if (fd === 0) fds[0] = from as Source;
          else fds[fd] = from as Sink;
          continue;
        }
        if (r.op === '<&' || !this.ctx.style.startsWith('bash')) {
          this.errLine(shellError(w, `${target}: bad file descriptor`), fds);
          return null;
        }
      }
      if (r.op === '<<<') {
        fds[0] = { text: `${target}\n`, pos: 0 };
        continue;
      }
      const both = r.op === '&>' || r.op === '&>>' || (r.op === '>&' && fd === 1);
      if (r.op === '<') {
        const src = this.openInput(target, w, fds);
        if (src === undefined) return null;
        fds[0] = src;
        continue;
      }
      const append = r.op === '>>' || r.op === '&>>';
      const sink = this.openOutput(target, append, w, fds);
      if (!sink) return null;
      if (both) {
        fds[1] = sink;
        fds[2] = sink;
      } else fds[fd as 1 | 2] = sink;
    }
    return fds;
  }

  private openInput(target: string, w: Where, fds: Fds): Source | undefined {
    if (target === '/dev/null' || target === '/dev/stdin' || target === '/dev/zero') return null;
    const path = resolvePath(this.ctx.cwd, target);
    if (isFile(this.fs, path)) return { text: this.fs[path], pos: 0 };
    const dir = isDir(this.fs, path);
    const style = this.ctx.style;
    const msg =
      style === 'bash'
        ? `${target}: ${dir ? 'Is a directory' : 'No such file or directory'}`
        : style === 'dash'
          ? `cannot open ${target}: ${dir ? 'Is a directory' : 'No such file'}`
          : `can't open ${target}: ${dir ? 'Is a directory' : 'no such file'}`;
    if (dir && style !== 'bash') return { text: '', pos: 0 };
    this.errLine(shellError(w, msg), fds);
    return undefined;
  }

  private openOutput(target: string, append: boolean, w: Where, fds: Fds): Sink | null {
    switch (target) {
      case '/dev/null':
        return 'null';
      case '/dev/stdout':
      case '/dev/fd/1':
      case '/proc/self/fd/1':
        return this.sinkOf(1, fds);
      case '/dev/stderr':
      case '/dev/fd/2':
      case '/proc/self/fd/2':
        return this.sinkOf(2, fds);
    }
    if (this.st.pid === 1 && (target === '/proc/1/fd/1' || target === '/proc/1/fd/2')) {
      return target.endsWith('1') ? this.sinkOf(1, fds) : this.sinkOf(2, fds);
    }
    const path = resolvePath(this.ctx.cwd, target);
    const style = this.ctx.style;
    let problem: string | null = null;
    if (isDir(this.fs, path)) problem = 'Is a directory';
    else if (!isDir(this.fs, dirName(path))) {
      problem =
        style === 'bash'
          ? 'No such file or directory'
          : style === 'dash'
            ? 'Directory nonexistent'
            : 'nonexistent directory';
    }
    if (problem) {
      const msg =
        style === 'bash'
          ? `${target}: ${problem}`
          : style === 'dash'
            ? `cannot create ${target}: ${problem}`
            : `can't create ${target}: ${problem}`;
      this.errLine(shellError(w, msg), fds);
      return null;
    }
    if (!append || this.fs[path] === undefined) this.fs[path] = '';
    return { file: path };
  }

  /** Exit status of a failed redirection: dash 2, busybox and bash 1. */
  redirFailStatus(): number {
    return this.ctx.style === 'dash' ? 2 : 1;
  }

  // ---- simple commands ----------------------------------------------------------------------

  private simple(f: Extract<Frame, { k: 'node' }>, node: SimpleNode): void {
    const frames = this.st.frames;
    if (f.pc === 1) {
      // `exec cmd` replaced the shell: it ends with the command's status.
      frames.pop();
      this.exitShell(this.st.status);
      return;
    }
    const w = this.where(node.line);
    this.lastSubst = null;
    let argv: string[];
    let assigns: { name: string; value: string }[];
    try {
      argv = this.exp.fields(node.words);
      assigns = node.assigns.map((a) => ({ name: a.name, value: this.exp.string(a.value) }));
    } catch (e) {
      this.expansionFailed(e, node.line);
      return;
    }
    if (argv.length === 0) {
      frames.pop();
      for (const a of assigns) {
        try {
          this.assign(a.name, a.value);
        } catch (e) {
          frames.push(f);
          this.expansionFailed(e, node.line);
          return;
        }
      }
      const opened = this.openRedirs(node.redirs, w);
      this.st.status = opened ? (this.lastSubst ?? 0) : this.redirFailStatus();
      this.afterCommand();
      return;
    }
    if (this.ctx.xtrace) this.errLine(`+ ${argv.join(' ')}`);
    const redirFds = this.openRedirs(node.redirs, w);
    if (!redirFds) {
      frames.pop();
      this.st.status = this.redirFailStatus();
      this.afterCommand();
      return;
    }
    frames.pop();
    this.dispatch(argv, assigns, redirFds, w, f);
  }

  /** Finds and runs a command; `frame` is the popped simple-command frame (for `exec`). */
  dispatch(
    argv: string[],
    assigns: { name: string; value: string }[],
    fds: Fds,
    w: Where,
    frame: Extract<Frame, { k: 'node' }> | null,
    execMode = false,
  ): void {
    const name = argv[0];
    const ctx = this.ctx;
    if (SPECIAL_BUILTINS.has(name) && !(name === 'source' && ctx.style === 'dash')) {
      for (const a of assigns) {
        try {
          this.assign(a.name, a.value);
        } catch (e) {
          this.expansionFailed(e, w.line);
          return;
        }
      }
      const code = runBuiltin(this, name, argv, fds, w, frame);
      if (code !== null) this.finishCommand(code, execMode);
      return;
    }
    const fn = ctx.funcs[name];
    if (fn) {
      for (const a of assigns) ctx.vars[a.name] = a.value;
      if (this.depth('call') >= SHELL_LIMITS.maxDepth) {
        this.errLine(
          ctx.style === 'dash'
            ? shellError(w, `Maximum function recursion depth (${SHELL_LIMITS.maxDepth}) reached`)
            : shellError(
                w,
                `${name}: function calls nested deeper than ${SHELL_LIMITS.maxDepth}: stopped by the simulation`,
              ),
        );
        this.exitShell(2);
        return;
      }
      this.markExec(frame, execMode);
      this.st.frames.push({ k: 'call', s: fn.s, n: fn.n, pc: 0, args: ctx.args, fds });
      ctx.args = argv.slice(1);
      return;
    }
    const blocked = assigns.find((a) => ctx.readonly[a.name]);
    if (blocked) {
      // `RO=2 cmd`: dash and busybox stop the script; bash skips the command.
      this.errLine(
        shellError(
          w,
          ctx.style === 'bash'
            ? `${blocked.name}: readonly variable`
            : `${blocked.name}: is read only`,
        ),
        fds,
      );
      if (ctx.style === 'bash') this.finishCommand(1);
      else this.exitShell(2);
      return;
    }
    if (isBuiltin(name, ctx.style)) {
      const code = runBuiltin(this, name, argv, fds, w, frame);
      if (code !== null) this.finishCommand(code, execMode);
      return;
    }
    const env = this.environment(assigns);
    this.external(argv, env, fds, w, frame, execMode);
  }

  private markExec(frame: Extract<Frame, { k: 'node' }> | null, execMode: boolean): void {
    if (execMode && frame) {
      frame.pc = 1;
      this.st.frames.push(frame);
    }
  }

  /** The exported variables plus `X=1 cmd` assignments: what a program's environment holds. */
  environment(assigns: { name: string; value: string }[]): Record<string, string> {
    const env: Record<string, string> = {};
    for (const name of Object.keys(this.ctx.exported).sort()) {
      const v = this.ctx.vars[name];
      if (v !== undefined) env[name] = v;
    }
    for (const a of assigns) env[a.name] = a.value;
    return env;
  }

  depth(kind: 'call' | 'shell'): number {
    let n = 0;
    for (const f of this.st.frames) if (f.k === kind) n++;
    return n;
  }

  /** A program: an applet of this image, a shell, a script file, or nothing (127). */
  external(
    argv: string[],
    env: Record<string, string>,
    fds: Fds,
    w: Where,
    frame: Extract<Frame, { k: 'node' }> | null,
    execMode: boolean,
  ): void {
    const name = argv[0];
    const flavor = this.world.flavor;
    const program = programName(name);
    const style = program ? shellStyleOf(program, flavor) : null;
    if (style) {
      this.markExec(frame, execMode);
      this.startNestedShell(argv, style, env, fds, w);
      return;
    }
    const impl = program ? PROGRAMS[program] : undefined;
    if (impl && program && hasProgram(program, flavor)) {
      const result = this.runProgram(impl, argv, env, fds);
      this.finishProgram(result, fds, execMode, frame);
      return;
    }
    const file = this.findScriptFile(name, env);
    if (file) {
      const content = this.fs[file];
      const shebang = /^#!\s*(\S+)/.exec(content);
      const interp = shebang ? programName(shebang[1]) : null;
      const fileStyle = shebang ? (interp ? shellStyleOf(interp, flavor) : null) : this.ctx.style;
      if (fileStyle) {
        this.markExec(frame, execMode);
        this.startNestedShell(
          [shebang?.[1] ?? name, file, ...argv.slice(1)],
          fileStyle,
          env,
          fds,
          w,
        );
        return;
      }
      this.errLine(notFound(w, name), fds);
      this.finishCommand(127, execMode);
      return;
    }
    if (name.includes('/') && isDir(this.fs, resolvePath(this.ctx.cwd, name))) {
      this.errLine(
        this.ctx.style === 'bash'
          ? shellError(w, `${name}: Is a directory`)
          : shellError(w, `${name}: Permission denied`),
        fds,
      );
      this.finishCommand(126, execMode);
      return;
    }
    if (name.includes('/') && this.ctx.style === 'bash') {
      this.errLine(shellError(w, `${name}: No such file or directory`), fds);
    } else {
      this.errLine(notFound(w, name), fds);
    }
    this.finishCommand(127, execMode);
  }

  private findScriptFile(name: string, env: Record<string, string>): string | null {
    if (name.includes('/')) {
      const path = resolvePath(this.ctx.cwd, name);
      return isFile(this.fs, path) ? path : null;
    }
    for (const dir of (env.PATH ?? this.ctx.vars.PATH ?? '').split(':')) {
      if (!dir) continue;
      const path = resolvePath('/', `${dir}/${name}`);
      if (isFile(this.fs, path)) return path;
    }
    return null;
  }

  runProgram(
    impl: (typeof PROGRAMS)[string],
    argv: string[],
    env: Record<string, string>,
    fds: Fds,
  ): ProgramResult {
    const ctx = this.ctx;
    const result = impl({
      argv,
      io: this.io(fds),
      world: this.world,
      userland: userlandOf(this.world.flavor),
      style: ctx.style,
      nowMs: this.clockMs,
      cwd: ctx.cwd,
      env,
      shellName: baseNameOf(ctx.errName),
      builtinError: (builtin, msg) => this.errLine(builtinError(this.where(0), builtin, msg), fds),
    });
    return typeof result === 'number' ? { code: result } : result;
  }

  private finishProgram(
    result: ProgramResult,
    fds: Fds,
    execMode: boolean,
    frame: Extract<Frame, { k: 'node' }> | null,
  ): void {
    this.st.status = result.code;
    if (execMode && frame) {
      frame.pc = 1;
      this.st.frames.push(frame);
    }
    if (result.sleepMs) {
      const after = result.after ?? [];
      this.sleep(result.sleepMs);
      for (const a of after) {
        const sink = this.sinkOf(a.fd, fds);
        if (this.pausing) this.st.afterWake.push({ sink, text: a.text });
        else this.writeTo(sink, a.text);
      }
    } else {
      for (const a of result.after ?? []) this.writeTo(this.sinkOf(a.fd, fds), a.text);
    }
    if (!(execMode && frame)) this.afterCommand();
  }

  /** A builtin or inline program finished with `code`. */
  finishCommand(code: number, execMode = false): void {
    this.st.status = code;
    if (execMode) {
      this.exitShell(code);
      return;
    }
    this.afterCommand();
  }

  /** After every simple command: `set -e`, and the pause for sleeps summed in substitutions. */
  private afterCommand(): void {
    if (this.st.status !== 0 && this.ctx.errexit && !this.tested()) {
      this.exitShell(this.st.status);
      return;
    }
    this.pauseIfLate(false);
  }

  startNestedShell(
    argv: string[],
    style: ShellStyle,
    env: Record<string, string>,
    fds: Fds,
    w: Where,
  ): void {
    if (this.depth('shell') >= SHELL_LIMITS.maxDepth) {
      this.errLine(
        `${argv[0]}: shells nested deeper than ${SHELL_LIMITS.maxDepth}: stopped by the simulation`,
        fds,
      );
      this.finishCommand(2);
      return;
    }
    const stdin = this.io(fds);
    const launch = parseShellArgs(
      argv,
      style,
      this.fs,
      this.ctx.cwd,
      argv.length > 1 ? '' : stdin.readAll(),
    );
    if ('error' in launch) {
      for (const line of launch.error) this.errLine(line, fds);
      this.finishCommand(launch.code);
      return;
    }
    const saved = this.ctx;
    const ctx = newContext(argv[0], style, launch, env, saved.cwd);
    const hit = parsed(launch.script, style === 'bash');
    if (!('nodes' in hit)) {
      for (const line of syntaxError(style, ctx.errName, hit, launch.script))
        this.errLine(line, fds);
      this.finishCommand(syntaxExitCode(style, hit));
      return;
    }
    void w;
    const s = this.scriptIndex(launch.script);
    this.st.ctx = ctx;
    this.st.frames.push({ k: 'shell', s, n: hit.root, pc: 0, saved, fds });
  }

  /** `cmd &`: runs now, to its end, as a background job that finishes when its sleeps are over. */
  private background(s: number, n: number): void {
    const startMs = this.clockMs;
    const pid = this.st.nextPid++;
    let doneAtMs: number | null;
    const base = this.st.frames.length;
    try {
      this.sync(() =>
        this.st.frames.push({
          k: 'sub',
          s,
          n,
          pc: 0,
          saved: cloneContext(this.ctx),
          fds: { 0: null },
        }),
      );
      doneAtMs = this.clockMs;
    } catch (e) {
      if (!(e instanceof Busy) && !(e instanceof Forever)) throw e;
      this.truncate(base);
      doneAtMs = null;
      this.st.status = 0;
    }
    this.clockMs = startMs;
    this.st.jobs.push({ pid, doneAtMs, status: this.st.status });
    this.st.lastJob = pid;
    this.st.status = 0;
  }
}

function hasProgram(program: string, flavor: ShellWorld['flavor']): boolean {
  return programName(program) !== null && (FLAVOR_HAS[flavor]?.has(program) ?? false);
}

const FLAVOR_HAS: Record<string, Set<string>> = Object.fromEntries(
  Object.entries(SHELL_COMMANDS).map(([k, v]) => [k, new Set(v)]),
);

function baseNameOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(i + 1) : path;
}

/** A new shell's context: exported environment, $0, arguments, flags. */
export function newContext(
  argv0: string,
  style: ShellStyle,
  launch: ShellLaunch,
  env: Record<string, string>,
  cwd: string,
): ShellContext {
  const exported: Record<string, true> = {};
  for (const k of Object.keys(env)) exported[k] = true;
  const vars = { ...env };
  if (vars.IFS !== undefined) delete vars.IFS;
  return {
    vars,
    exported,
    readonly: {},
    funcs: {},
    args: launch.args,
    name: launch.name,
    errName: launch.nameGiven ? launch.name : argv0,
    nameGiven: launch.nameGiven,
    lineBase: launch.lineBase,
    cwd,
    traps: {},
    style,
    errexit: launch.errexit,
    nounset: launch.nounset,
    xtrace: launch.xtrace,
  };
}
