/** What a program (an applet or a builtin that needs no shell internals) gets and gives back. */
import type { ShellFlavor, Userland } from './flavors';
import type { ShellStyle } from './state';

export interface HttpAnswer {
  status: number;
  body: string;
}
/**
 * `error` is one of: 'unresolved' (no such host), 'refused' (nothing listens), 'timeout', or any
 * other text, printed after the program's name.
 */
export interface HttpFailure {
  error: string;
}

export interface ShellWorld {
  env: Record<string, string>;
  fs: Record<string, string>;
  hostname: string;
  nowMs: number;
  flavor: ShellFlavor;
  http?: (url: string) => HttpAnswer | HttpFailure;
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** The rest of stdin. */
  readAll(): string;
  /** One line of stdin without its newline, or null at the end. */
  readLine(): string | null;
}

export interface ProgramEnv {
  argv: string[];
  io: Io;
  world: ShellWorld;
  userland: Userland;
  style: ShellStyle;
  /** The simulated time now (later than world.nowMs after summed sleeps). */
  nowMs: number;
  cwd: string;
  /** The environment this program was started with. */
  env: Record<string, string>;
  /** The shell's name as busybox prints it before a builtin's error (`sh`). */
  shellName: string;
  /** Prints an error the way this shell prefixes its builtins' errors. */
  builtinError(builtin: string, msg: string): void;
}

export interface ProgramResult {
  code: number;
  /** Time the program takes (sleep, a DNS timeout). Infinity: it never ends. */
  sleepMs?: number;
  /** Output that appears only after the pause. */
  after?: { fd: 1 | 2; text: string }[];
}

export type Program = (env: ProgramEnv) => ProgramResult | number;
