/**
 * Which programs an image of each flavor has, and which shell `sh` is there.
 * busybox: the busybox and alpine images (ash + busybox applets).
 * dash: Debian and Ubuntu images (sh is dash, bash is installed, GNU coreutils; no wget, curl or
 * nslookup in the base images). bash: images whose sh is bash or that ship a fuller userland
 * (GNU coreutils plus curl). none: distroless images without a shell.
 */
import type { ShellStyle } from './state';

export type ShellFlavor = 'busybox' | 'dash' | 'bash' | 'none';

/** busybox applets print busybox's wording, coreutils GNU's. */
export type Userland = 'busybox' | 'coreutils';

const COMMON = [
  'cat',
  'date',
  'echo',
  'env',
  'expr',
  'false',
  'grep',
  'head',
  'hostname',
  'id',
  'kill',
  'ls',
  'mkdir',
  'printenv',
  'printf',
  'pwd',
  'rm',
  'seq',
  'sleep',
  'sort',
  'tail',
  'test',
  '[',
  'touch',
  'true',
  'uname',
  'wc',
  'whoami',
  'sh',
];

export const SHELL_COMMANDS: Record<ShellFlavor, readonly string[]> = {
  busybox: [...COMMON, 'ash', 'wget', 'nslookup'],
  dash: [...COMMON, 'dash', 'bash'],
  bash: [...COMMON, 'bash', 'curl'],
  none: [],
};

const BIN_DIRS = ['/bin/', '/usr/bin/', '/sbin/', '/usr/sbin/', '/usr/local/bin/'];

/** The program name for a path in one of the usual bin directories (`/bin/sh` -> `sh`). */
export function programName(path: string): string | null {
  if (!path.includes('/')) return path;
  for (const dir of BIN_DIRS) {
    if (path.startsWith(dir) && !path.slice(dir.length).includes('/'))
      return path.slice(dir.length);
  }
  return null;
}

/** Whether the image of this flavor has this program (by name or path in a bin directory). */
export function hasCommand(name: string, flavor: ShellFlavor): boolean {
  const program = programName(name);
  return program !== null && SHELL_COMMANDS[flavor].includes(program);
}

export function userlandOf(flavor: ShellFlavor): Userland {
  return flavor === 'busybox' ? 'busybox' : 'coreutils';
}

/** The shell a program name starts in this flavor, or null if it is not a shell here. */
export function shellStyleOf(program: string, flavor: ShellFlavor): ShellStyle | null {
  if (!SHELL_COMMANDS[flavor].includes(program)) return null;
  if (program === 'bash') return 'bash';
  if (program === 'dash') return 'dash';
  if (program === 'ash') return 'ash';
  if (program !== 'sh') return null;
  return flavor === 'busybox' ? 'ash' : flavor === 'dash' ? 'dash' : 'bash';
}
