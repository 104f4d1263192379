/**
 * The interpreter's resumable state: plain JSON only, so a snapshot taken mid-sleep continues
 * exactly. Execution position is an explicit stack of frames pointing at node ids of the
 * scripts in `scripts` (parsed again, from a cache, when needed).
 */

/** Which shell is talking: decides error wording and a few behaviours. */
export type ShellStyle = 'ash' | 'dash' | 'bash';

/** Where a file descriptor writes. `cap` appends to the capture buffer of frame number `cap`. */
export type Sink = 'out' | 'err' | 'null' | { file: string } | { cap: number };

/** Where fd 0 reads from: null is empty input (what a container's stdin is). */
export type Source = { text: string; pos: number } | null;

export interface Fds {
  0?: Source;
  1?: Sink;
  2?: Sink;
}

/** One shell's variables and settings; subshells save and restore a copy. */
export interface ShellContext {
  vars: Record<string, string>;
  exported: Record<string, true>;
  readonly: Record<string, true>;
  funcs: Record<string, { s: number; n: number }>;
  /** $1 … */
  args: string[];
  /** $0 */
  name: string;
  /** The name this shell prints before its error messages. */
  errName: string;
  /** busybox prints `line N:` in more places when $0 was given after `-c script`. */
  nameGiven: boolean;
  /** Added to a line number in busybox's `line N:` (-1 for `-c` scripts, which count from 0). */
  lineBase: number;
  cwd: string;
  /** Signal name (TERM, INT, QUIT, HUP, EXIT) -> action; '' means ignore. */
  traps: Record<string, string>;
  style: ShellStyle;
  /** `set -e` */
  errexit: boolean;
  /** `set -u` */
  nounset: boolean;
  /** `set -x` */
  xtrace: boolean;
}

interface FrameBase {
  /** Script index (into ShellState.scripts) and node id. */
  s: number;
  n: number;
  /** Descriptors this frame sets for everything below it. */
  fds?: Fds;
  /** Capture buffer for pipelines and command substitution. */
  buf?: string;
}

export type Frame =
  /** A node to run (simple command, sequence, and-or, if, loop, …); `pc` is its own progress. */
  | (FrameBase & { k: 'node'; pc: number; items?: string[]; last?: number })
  /** Runs its child as a subshell: restores `saved` when it ends. */
  | (FrameBase & { k: 'sub'; pc: number; saved: ShellContext })
  /** A new shell (`sh -c`, a script file): like a subshell, but a fresh context. */
  | (FrameBase & { k: 'shell'; pc: number; saved: ShellContext })
  /** A function call: restores the caller's positional parameters. */
  | (FrameBase & { k: 'call'; pc: number; args: string[] })
  /** A trap action: restores $? afterwards unless it exits. */
  | (FrameBase & { k: 'trap'; pc: number; status: number; exiting?: number });

export interface Job {
  pid: number;
  /** When it finishes (ms since epoch), or null: never. */
  doneAtMs: number | null;
  status: number;
}

export interface ShellState {
  v: 1;
  argv: string[];
  /** $$: 1 for a container's main process. */
  pid: number;
  phase: 'running' | 'done';
  exitCode: number;
  ctx: ShellContext;
  frames: Frame[];
  scripts: string[];
  /** $? */
  status: number;
  /** Paused until this time (null with `sleeping` set: forever). */
  sleeping?: { untilMs: number | null; interruptible: boolean };
  /** Output an applet prints after its pause (nslookup times out, then says so). */
  afterWake: { sink: Sink; text: string }[];
  /** Signals received and trapped, waiting for their handlers to run. */
  pending: string[];
  jobs: Job[];
  /** $! */
  lastJob: number | null;
  nextPid: number;
  /** An unfinished line on each stream (text without a newline yet). */
  partial: { out: string; err: string };
  /** A command substitution that never ends: every run is busy. */
  stuck: boolean;
  /** The environment has been read from the world (at the first run). */
  started: boolean;
}
