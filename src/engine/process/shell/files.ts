/**
 * The container's files as `world.fs`: absolute path -> content, directories as `path/` -> ''.
 * A directory also exists when some path lies under it (an image's files imply their folders).
 */

export type Files = Record<string, string>;

/** `path` made absolute against `cwd`, with `.`, `..` and repeated slashes resolved. */
export function resolvePath(cwd: string, path: string): string {
  const full = path.startsWith('/') ? path : `${cwd}/${path}`;
  const out: string[] = [];
  for (const seg of full.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `/${out.join('/')}`;
}

export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function isFile(fs: Files, path: string): boolean {
  return path !== '/' && !path.endsWith('/') && fs[path] !== undefined;
}

export function isDir(fs: Files, path: string): boolean {
  if (path === '/') return true;
  if (fs[`${path}/`] !== undefined) return true;
  const prefix = `${path}/`;
  for (const key in fs) if (key.startsWith(prefix)) return true;
  return false;
}

export function exists(fs: Files, path: string): boolean {
  return isFile(fs, path) || isDir(fs, path);
}

/** Names directly inside a directory, sorted as `ls` sorts them (C locale). */
export function listDir(fs: Files, dir: string): { name: string; dir: boolean }[] {
  const prefix = dir === '/' ? '/' : `${dir}/`;
  const seen = new Map<string, boolean>();
  for (const key in fs) {
    if (!key.startsWith(prefix) || key === prefix) continue;
    const rest = key.slice(prefix.length);
    const slash = rest.indexOf('/');
    const name = slash < 0 ? rest : rest.slice(0, slash);
    if (name) seen.set(name, (seen.get(name) ?? false) || slash >= 0);
  }
  return [...seen.entries()]
    .map(([name, d]) => ({ name, dir: d }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Removes a file or a whole directory tree. */
export function removePath(fs: Files, path: string): void {
  delete fs[path];
  const prefix = `${path}/`;
  for (const key of Object.keys(fs)) if (key.startsWith(prefix)) delete fs[key];
}

/** The paths matching a pathname pattern (split on `/`), via `match` per segment. */
export function globPaths(
  fs: Files,
  cwd: string,
  segments: string[],
  absolute: boolean,
  isGlob: (seg: string) => boolean,
  match: (seg: string, name: string) => boolean,
  literal: (seg: string) => string,
): string[] {
  let found: string[] = [absolute ? '/' : ''];
  for (const seg of segments) {
    if (seg === '') continue;
    const next: string[] = [];
    for (const base of found) {
      const dirPath = resolvePath(cwd, base === '' ? '.' : base);
      const join = (name: string) =>
        base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`;
      if (!isGlob(seg)) {
        const name = literal(seg);
        const full = resolvePath(dirPath, name);
        if (exists(fs, full)) next.push(join(name));
        continue;
      }
      for (const entry of listDir(fs, dirPath)) {
        if (entry.name.startsWith('.') && !literal(seg).startsWith('.')) continue;
        if (match(seg, entry.name)) next.push(join(entry.name));
      }
    }
    found = next;
    if (found.length === 0) break;
  }
  return found.filter((p) => p !== '' && p !== '/').sort();
}
