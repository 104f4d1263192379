/**
 * The one seam between `kubectl exec` and the shell interpreter (src/engine/process/shell, on
 * its way from another branch). Until it lands, the small stand-in below answers: replacing it
 * is a change to this file only.
 *
 * The stand-in knows a handful of programs (echo, cat, env, printenv, hostname, date, true,
 * false, touch, ls, sleep) and `sh -c` with one simple command or `exit N`; anything more is the
 * interpreter's job.
 */
import { normalizeImage } from '../model/images';
import { imageConfig, type ShellFlavor } from '../model/registry';

export type { ShellFlavor };
export type StreamName = 'stdout' | 'stderr';

/** What a command sees of its container (the interpreter's ShellWorld). */
export interface ShellWorld {
  env: Record<string, string>;
  /** Files by absolute path; a command that writes one changes this record. */
  fs: Record<string, string>;
  hostname: string;
  /** Milliseconds since the Unix epoch (EPOCH_MS + simulated now). */
  nowMs: number;
  flavor: ShellFlavor;
}

export interface CommandResult {
  code: number;
  /** Simulated time the command's sleeps take. */
  sleptMs: number;
}

/**
 * What /bin/sh is in the image (`none`: no shell, no coreutils, as pause or coredns), from the
 * registry's image config; an image the registry does not know (it never runs) by its name.
 */
export function shellFlavorOf(image: string): ShellFlavor {
  const known = imageConfig(image)?.shell;
  if (known) return known;
  const repo = normalizeImage(image).split(':')[0].split('/').pop() ?? '';
  return repo === 'busybox' || repo === 'alpine' ? 'busybox' : 'none';
}

const PROGRAMS = new Set([
  'sh',
  'echo',
  'cat',
  'env',
  'printenv',
  'hostname',
  'date',
  'true',
  'false',
  'touch',
  'ls',
  'sleep',
]);

/** Whether the runtime finds `argv0` in the image (a path or a name looked up in $PATH). */
export function hasExecutable(argv0: string, world: ShellWorld): boolean {
  if (world.flavor === 'none' || argv0 === '') return false;
  const name = argv0.includes('/') ? argv0.slice(argv0.lastIndexOf('/') + 1) : argv0;
  // Debian-based images (/bin/sh is dash) ship bash too; busybox ones do not.
  if (name === 'bash') return world.flavor === 'bash' || world.flavor === 'dash';
  return PROGRAMS.has(name);
}

/** Run `argv` in the container's world; `write` gets each line the program prints. */
export function runCommand(
  argv: string[],
  world: ShellWorld,
  write: (stream: StreamName, line: string) => void,
): CommandResult {
  const [cmd, ...args] = argv;
  const name = cmd.includes('/') ? cmd.slice(cmd.lastIndexOf('/') + 1) : cmd;
  const done = (code: number, sleptMs = 0): CommandResult => ({ code, sleptMs });
  switch (name) {
    case 'sh':
    case 'bash': {
      if (args[0] !== '-c') return done(0);
      const words = (args[1] ?? '').trim().split(/\s+/).filter(Boolean);
      if (words.length === 0) return done(0);
      if (words[0] === 'exit') return done(Number(words[1] ?? 0) & 0xff);
      if (!PROGRAMS.has(words[0]) || words[0] === 'sh') {
        write('stderr', `${name}: ${words[0]}: not found`);
        return done(127);
      }
      return runCommand(words, world, write);
    }
    case 'echo':
      write('stdout', args.join(' '));
      return done(0);
    case 'cat': {
      let code = 0;
      for (const path of args) {
        const text = world.fs[path];
        if (text === undefined) {
          write('stderr', `cat: ${path}: No such file or directory`);
          code = 1;
        } else for (const line of text.replace(/\n$/, '').split('\n')) write('stdout', line);
      }
      return done(code);
    }
    case 'env':
    case 'printenv':
      if (args.length > 0) {
        const v = world.env[args[0]];
        if (v !== undefined) write('stdout', v);
        return done(v === undefined ? 1 : 0);
      }
      for (const [k, v] of Object.entries(world.env)) write('stdout', `${k}=${v}`);
      return done(0);
    case 'hostname':
      write('stdout', world.hostname);
      return done(0);
    case 'date':
      write('stdout', dateText(world.nowMs));
      return done(0);
    case 'true':
      return done(0);
    case 'false':
      return done(1);
    case 'touch':
      for (const path of args) if (world.fs[path] === undefined) world.fs[path] = '';
      return done(0);
    case 'ls': {
      const dir = (args[0] ?? '/').replace(/\/?$/, '/');
      const names = new Set<string>();
      for (const path of Object.keys(world.fs))
        if (path.startsWith(dir)) names.add(path.slice(dir.length).split('/')[0]);
      for (const n of [...names].sort()) write('stdout', n);
      return done(0);
    }
    case 'sleep':
      return done(0, Math.max(0, Math.round(Number(args[0] ?? 0) * 1000)) || 0);
    default:
      write('stderr', `${name}: not found`);
      return done(127);
  }
}

/** `date` in the C locale, UTC: `Thu Jan  1 09:00:30 UTC 2026`. */
function dateText(epochMs: number): string {
  const d = new Date(epochMs);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const month = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ][d.getUTCMonth()];
  const time = d.toISOString().slice(11, 19);
  return `${day} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} UTC ${d.getUTCFullYear()}`;
}
