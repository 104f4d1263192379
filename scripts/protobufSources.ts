/**
 * Where the protobuf schema's sources are read from: k8s.io/api and k8s.io/apimachinery as git
 * directories at a tag, by default the mirrors beside this checkout (../.mirror) at the release
 * the simulation follows (KUBERNETES_VERSION v1.34.2 → the v0.34.2 staging tags).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SourceReader, SourceRepo } from './protobufSchema.ts';

export const SOURCE_TAG = 'v0.34.2';

/** `GIT_DIR@REF` for each repository. */
export function defaultSources(): Record<SourceRepo, string> {
  const mirror = fileURLToPath(new URL('../../.mirror/', import.meta.url));
  return {
    api: `${mirror}kubernetes+api/repo@${SOURCE_TAG}`,
    apimachinery: `${mirror}kubernetes+apimachinery/repo@${SOURCE_TAG}`,
  };
}

/** Whether every source's git directory exists. */
export function sourcesPresent(sources: Record<SourceRepo, string>): boolean {
  return Object.values(sources).every((s) => existsSync(s.slice(0, s.lastIndexOf('@'))));
}

export function gitReader(
  sources: Record<SourceRepo, string>,
): SourceReader & { describe(): string } {
  const split = (repo: SourceRepo) => {
    const s = sources[repo];
    const at = s.lastIndexOf('@');
    return { dir: s.slice(0, at), ref: s.slice(at + 1) };
  };
  const git = (repo: SourceRepo, ...args: string[]) =>
    execFileSync('git', ['-C', split(repo).dir, ...args], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  return {
    read: (repo, path) => git(repo, 'show', `${split(repo).ref}:${path}`),
    list: (repo, dir) =>
      git(repo, 'ls-tree', '--name-only', `${split(repo).ref}:${dir}`)
        .split('\n')
        .filter(Boolean),
    describe: () =>
      (['api', 'apimachinery'] as const)
        .map((repo) => {
          const { ref } = split(repo);
          const commit = git(repo, 'rev-parse', `${ref}^{commit}`).trim().slice(0, 12);
          return `k8s.io/${repo} ${ref} (${commit})`;
        })
        .join(', '),
  };
}
