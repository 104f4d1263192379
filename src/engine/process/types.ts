/**
 * What every simulated program shares: the resumable state a container's main process keeps in
 * the simulation state (plain JSON), what a program is told when it runs, and what it answers.
 */
import type { ImageConfig } from '../model/registry';

export type Stream = 'stdout' | 'stderr';

/** The signals a container's main process can be sent (StopContainer, the runtime's SIGKILL). */
export type Signal = 'SIGTERM' | 'SIGINT' | 'SIGQUIT' | 'SIGWINCH' | 'SIGHUP' | 'SIGUSR1';

/** Linux signal numbers (signal(7), x86-64). */
export const SIGNAL_NUMBER: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGTERM: 15,
  SIGCHLD: 17,
  SIGWINCH: 28,
};

/**
 * What a program does next.
 * - `run`: keeps running and wants nothing (a server between requests: no timer at all);
 * - `sleep`: wake it again in `ms`;
 * - `exit`: it ends with `code` after `afterMs` (its own shutdown or run time);
 * - `oom`: it allocates past its memory limit: the kernel's OOM killer ends it after `afterMs`.
 */
export type Step =
  | { kind: 'run' }
  | { kind: 'sleep'; ms: number }
  | { kind: 'exit'; code: number; afterMs?: number }
  | { kind: 'oom'; afterMs?: number };

export const RUN: Step = Object.freeze({ kind: 'run' }) as Step;

/** A container's main process, as plain data (RuntimeContainer.proc). */
export interface ProcState {
  /** The program table's key (programs.ts). */
  program: string;
  argv: string[];
  /** Bumped whenever a wake is scheduled; a wake carrying an older number is stale. */
  wake: number;
  /** Memory it holds now, bytes (for the OOM killer). */
  memBytes: number;
  /** The signal it was last sent and when (a stop in progress). */
  signalled?: { signal: string; atMs: number };
  /** Whatever the program keeps between steps (each program's own shape, plain JSON). */
  data?: Record<string, unknown>;
}

/** One HTTP exchange as a server sees it. */
export interface HttpRequest {
  method: 'GET';
  path: string;
  /** The client address the server sees (after kube-proxy's masquerade, if any). */
  clientIp: string;
  userAgent: string;
  /** The Host header. */
  host: string;
  /**
   * A client that reads the whole answer (a forwarded connection): the program adds its header
   * fields. Probes and in-cluster clients read only the status and body, so none are made.
   */
  wantHead?: { keepAlive: boolean };
}

export interface HttpResponse {
  status: number;
  body: string;
  /** With `wantHead`: the header fields after the status line, in the server's order. */
  headers?: [string, string][];
}

/** Everything a program may read or change while it runs. */
export interface ProcessContext {
  nowMs: number;
  env: Record<string, string>;
  /**
   * The container's files: absolute path → content; directories end in '/'. Read-only: a program
   * that writes works on a copy and hands it to setFiles.
   */
  fs: Readonly<Record<string, string>>;
  setFiles(files: Record<string, string>): void;
  hostname: string;
  image: ImageConfig;
  /** The image reference as the runtime names it (`docker.io/library/nginx:1.27.3`). */
  imageRef: string;
  /** The node's CPUs (nginx's `worker_processes auto`). */
  cpus: number;
  /** The node's kernel release (`uname -r`). */
  kernel: string;
  /** The pod's IP (what httpd's ServerName fallback prints). */
  podIp: string;
  /** The container's memory limit in bytes, or 0 when it has none. */
  memoryLimitBytes: number;
  /** An HTTP GET from inside the container (wget, curl): the cluster's Services and pods. */
  http?: (url: string) => { status: number; body: string } | { error: string };
  /** One line of output on the container's stdout or stderr, stamped now. */
  write(stream: Stream, line: string): void;
  /**
   * The spec's `stdin: true`: the runtime keeps the process's stdin open (an attach may write
   * to it) instead of giving it /dev/null.
   */
  readonly stdinOpen: boolean;
}

/** A family of programs (nginx, the shells, sleep, stress…). */
export interface Program {
  /** Resident memory right after start, bytes (a limit below it kills the process at once). */
  baseMemBytes: number;
  /** Starts: prints its start-up lines and says what happens next. */
  start(ctx: ProcessContext, p: ProcState): Step;
  /** A wake it asked for (`sleep`). */
  wake?(ctx: ProcessContext, p: ProcState): Step;
  /**
   * A signal. As PID 1 a process without a handler ignores it (the kernel does not apply the
   * default action to a namespace's init): return `ignored`. Otherwise what happens next.
   */
  signal(ctx: ProcessContext, p: ProcState, sig: Signal): Step | 'ignored';
  /**
   * A line that reached its open stdin (`kubectl attach -i`); none: stdin closed. What happens
   * next, and with a terminal, the prompt it prints before reading again. Only programs that
   * read stdin have this; the runtime drops stdin for the others.
   */
  stdin?(ctx: ProcessContext, p: ProcState, line?: string): { step: Step; prompt?: string };
  /** Whether it is reading stdin now (an interactive shell waiting for its next line). */
  readsStdin?(p: ProcState): boolean;
  /** Whether it accepts connections on this port now. */
  listens?(p: ProcState, port: number, protocol: 'TCP' | 'UDP'): boolean;
  /** An HTTP request on a port it listens on (with the access-log line it writes). */
  http?(
    ctx: ProcessContext,
    p: ProcState,
    port: number,
    req: HttpRequest,
  ): HttpResponse | undefined;
}
