/** cat, touch, rm, mkdir and ls over the container's files, in busybox's or GNU's words. */
import type { Program, ProgramEnv } from '../command';
import { dirName, isDir, isFile, listDir, removePath, resolvePath } from '../files';
import { formatDate } from './date';

const splitFlags = (args: string[]) => {
  const flags = new Set<string>();
  const operands: string[] = [];
  let done = false;
  for (const a of args) {
    if (!done && a === '--') done = true;
    else if (!done && a.startsWith('-') && a.length > 1) for (const f of a.slice(1)) flags.add(f);
    else operands.push(a);
  }
  return { flags, operands };
};

export const cat: Program = (env) => {
  const { operands } = splitFlags(env.argv.slice(1));
  const files = operands.length === 0 ? ['-'] : operands;
  let code = 0;
  for (const f of files) {
    if (f === '-') {
      env.io.out(env.io.readAll());
      continue;
    }
    const text = readFile(env, 'cat', f);
    if (text === null) code = 1;
    else env.io.out(text);
  }
  return code;
};

/** A file's content, or null after printing the program's error for it. */
export function readFile(env: ProgramEnv, program: string, name: string): string | null {
  const path = resolvePath(env.cwd, name);
  if (path === '/dev/null') return '';
  if (isFile(env.world.fs, path)) return env.world.fs[path];
  const busybox = env.userland === 'busybox';
  if (isDir(env.world.fs, path)) {
    env.io.err(
      busybox
        ? `${program}: read error: Is a directory\n`
        : `${program}: ${name}: Is a directory\n`,
    );
    return null;
  }
  env.io.err(
    busybox && program === 'cat'
      ? `cat: can't open '${name}': No such file or directory\n`
      : `${program}: ${name}: No such file or directory\n`,
  );
  return null;
}

export const touch: Program = (env) => {
  const { operands } = splitFlags(env.argv.slice(1));
  const fs = env.world.fs;
  let code = 0;
  for (const name of operands) {
    const path = resolvePath(env.cwd, name);
    if (isFile(fs, path) || isDir(fs, path)) continue;
    if (!isDir(fs, dirName(path))) {
      env.io.err(
        env.userland === 'busybox'
          ? `touch: ${name}: No such file or directory\n`
          : `touch: cannot touch '${name}': No such file or directory\n`,
      );
      code = 1;
      continue;
    }
    fs[path] = '';
  }
  return code;
};

export const rm: Program = (env) => {
  const { flags, operands } = splitFlags(env.argv.slice(1));
  const fs = env.world.fs;
  const force = flags.has('f');
  const recursive = flags.has('r') || flags.has('R');
  const busybox = env.userland === 'busybox';
  let code = 0;
  for (const name of operands) {
    const path = resolvePath(env.cwd, name);
    if (isFile(fs, path)) {
      delete fs[path];
      continue;
    }
    if (isDir(fs, path)) {
      if (!recursive) {
        env.io.err(
          busybox
            ? `rm: '${name}' is a directory\n`
            : `rm: cannot remove '${name}': Is a directory\n`,
        );
        code = 1;
        continue;
      }
      if (path === '/') {
        env.io.err(
          busybox
            ? "rm: can't remove '/'\n"
            : "rm: it is dangerous to operate recursively on '/'\n",
        );
        code = 1;
        continue;
      }
      removePath(fs, path);
      continue;
    }
    if (force) continue;
    env.io.err(
      busybox
        ? `rm: can't remove '${name}': No such file or directory\n`
        : `rm: cannot remove '${name}': No such file or directory\n`,
    );
    code = 1;
  }
  return code;
};

export const mkdir: Program = (env) => {
  const { flags, operands } = splitFlags(env.argv.slice(1));
  const fs = env.world.fs;
  const parents = flags.has('p');
  const cannot = env.userland === 'busybox' ? "can't" : 'cannot';
  let code = 0;
  for (const name of operands) {
    const path = resolvePath(env.cwd, name);
    if (isDir(fs, path) || isFile(fs, path)) {
      if (parents && isDir(fs, path)) continue;
      env.io.err(`mkdir: ${cannot} create directory '${name}': File exists\n`);
      code = 1;
      continue;
    }
    if (!parents && !isDir(fs, dirName(path))) {
      env.io.err(`mkdir: ${cannot} create directory '${name}': No such file or directory\n`);
      code = 1;
      continue;
    }
    const segs = path.split('/').filter(Boolean);
    for (let i = 1; i <= segs.length; i++) {
      const p = `/${segs.slice(0, i).join('/')}`;
      if (isFile(fs, p)) {
        env.io.err(`mkdir: ${cannot} create directory '${name}': Not a directory\n`);
        code = 1;
        break;
      }
      if (!isDir(fs, p)) fs[`${p}/`] = '';
    }
  }
  return code;
};

export const ls: Program = (env) => {
  const { flags, operands } = splitFlags(env.argv.slice(1));
  const fs = env.world.fs;
  const busybox = env.userland === 'busybox';
  const long = flags.has('l');
  const all = flags.has('a');
  let code = 0;
  const stamp = formatDate(env.nowMs, '%b %e %H:%M');
  const entry = (name: string, path: string, dir: boolean) => {
    if (!long) return name;
    const size = dir ? 4096 : (fs[path] ?? '').length;
    const mode = dir ? 'drwxr-xr-x' : '-rw-r--r--';
    return busybox
      ? `${mode}    ${dir ? 2 : 1} root     root     ${String(size).padStart(9)} ${stamp} ${name}`
      : `${mode} ${dir ? 2 : 1} root root ${String(size).padStart(4)} ${stamp} ${name}`;
  };
  const targets = operands.length === 0 ? ['.'] : operands;
  const files: string[] = [];
  const dirs: string[] = [];
  for (const name of targets) {
    const path = resolvePath(env.cwd, name);
    if (isFile(fs, path)) files.push(name);
    else if (isDir(fs, path)) dirs.push(name);
    else {
      env.io.err(
        busybox
          ? `ls: ${name}: No such file or directory\n`
          : `ls: cannot access '${name}': No such file or directory\n`,
      );
      code = busybox ? 1 : 2;
    }
  }
  for (const name of files) env.io.out(`${entry(name, resolvePath(env.cwd, name), false)}\n`);
  dirs.forEach((name, i) => {
    const path = resolvePath(env.cwd, name);
    if (targets.length > 1) env.io.out(`${files.length > 0 || i > 0 ? '\n' : ''}${name}:\n`);
    const entries = listDir(fs, path).filter((e) => all || !e.name.startsWith('.'));
    if (long) env.io.out(`total ${entries.length * 4}\n`);
    if (all) {
      env.io.out(`${entry('.', path, true)}\n`);
      env.io.out(`${entry('..', dirName(path), true)}\n`);
    }
    for (const e of entries) {
      const p = path === '/' ? `/${e.name}` : `${path}/${e.name}`;
      env.io.out(`${entry(e.name, p, e.dir || isDir(fs, p))}\n`);
    }
  });
  return code;
};
