/**
 * A shell's own command line: `sh -c 'script' [$0 [args…]]`, `sh script.sh args`, `sh` alone
 * (reads its stdin: a container's is empty), with `-e`, `-x`, `-u` and the ignored `-l`/`-i`.
 */
import { type Files, isDir, isFile, resolvePath } from './files';
import { SHELL_LIMITS } from './limits';
import type { ShellStyle } from './state';

export interface ShellLaunch {
  script: string;
  /** $0 */
  name: string;
  args: string[];
  /** $0 was given after the -c script (busybox then prints `line N:` more often). */
  nameGiven: boolean;
  /** busybox counts -c lines from 0. */
  lineBase: number;
  errexit: boolean;
  xtrace: boolean;
  nounset: boolean;
}

export type LaunchResult = ShellLaunch | { error: string[]; code: number };

export function parseShellArgs(
  argv: string[],
  style: ShellStyle,
  fs: Files,
  cwd: string,
  stdin: string,
): LaunchResult {
  const me = argv[0] ?? 'sh';
  let command = false;
  let errexit = false;
  let xtrace = false;
  let nounset = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--' || a === '-') {
      i++;
      break;
    }
    if (a === '-o' || a === '+o') {
      i++;
      continue;
    }
    if (!/^[-+][a-zA-Z]+$/.test(a)) break;
    for (const flag of a.slice(1)) {
      if (flag === 'c') command = true;
      else if (flag === 'e') errexit = a[0] === '-';
      else if (flag === 'x') xtrace = a[0] === '-';
      else if (flag === 'u') nounset = a[0] === '-';
      else if (!'ilsvnfaCmbhp'.includes(flag)) {
        return { error: [illegalOption(style, me, flag)], code: 2 };
      }
    }
  }
  const rest = argv.slice(i);
  const flags = { errexit, xtrace, nounset };
  if (command) {
    if (rest.length === 0) {
      const msg =
        style === 'bash'
          ? `${me}: -c: option requires an argument`
          : style === 'dash'
            ? `${me}: 0: -c requires an argument`
            : `${me}: -c requires an argument`;
      return { error: [msg], code: 2 };
    }
    const script = rest[0];
    if (script.length > SHELL_LIMITS.maxScriptBytes) return tooLong(me, script.length);
    return {
      script,
      name: rest.length > 1 ? rest[1] : me,
      args: rest.slice(2),
      nameGiven: rest.length > 1,
      lineBase: style === 'ash' ? -1 : 0,
      ...flags,
    };
  }
  if (rest.length === 0) {
    if (stdin.length > SHELL_LIMITS.maxScriptBytes) return tooLong(me, stdin.length);
    return { script: stdin, name: me, args: [], nameGiven: false, lineBase: 0, ...flags };
  }
  const path = rest[0];
  const full = resolvePath(cwd, path);
  if (!isFile(fs, full)) {
    const dir = isDir(fs, full);
    if (style === 'bash') {
      return {
        error: [`${me}: ${path}: ${dir ? 'Is a directory' : 'No such file or directory'}`],
        code: dir ? 126 : 127,
      };
    }
    if (style === 'dash')
      return { error: [`${me}: 0: cannot open ${path}: No such file`], code: 2 };
    return {
      error: [
        `${me}: can't open '${path}': ${dir ? 'Is a directory' : 'No such file or directory'}`,
      ],
      code: 2,
    };
  }
  const script = fs[full];
  if (script.length > SHELL_LIMITS.maxScriptBytes) return tooLong(me, script.length);
  return { script, name: path, args: rest.slice(1), nameGiven: false, lineBase: 0, ...flags };
}

function illegalOption(style: ShellStyle, me: string, flag: string): string {
  if (style === 'bash') return `${me}: -${flag}: invalid option`;
  if (style === 'dash') return `${me}: 0: Illegal option -${flag}`;
  return `${me}: illegal option -${flag}`;
}

function tooLong(me: string, bytes: number): LaunchResult {
  return {
    error: [
      `${me}: script of ${bytes} bytes refused: the simulated shell runs scripts up to ${SHELL_LIMITS.maxScriptBytes} bytes`,
    ],
    code: 2,
  };
}
