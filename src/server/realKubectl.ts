/**
 * For tests that drive the real kubectl binary against a served cluster: where the binary is
 * (KUBECTL, else the PATH; undefined on a machine without one, so the tests skip), a kubeconfig
 * for the server, and kubectl run with its own discovery cache (a cache from another run, for
 * another server, would be read back).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { kubeconfig } from './kubeconfig';
import type { RunningServer } from './server';

export const KUBECTL =
  process.env.KUBECTL ??
  (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'kubectl'))
    .find((p) => existsSync(p));

export interface RealKubectl {
  configPath: string;
  /** Runs to its end: stdout, or `exit CODE`, stdout and stderr when it failed. */
  run(args: string[], input?: string): Promise<string>;
  /** Runs in the background (port-forward, attach): the caller reads and ends it. */
  start(args: string[], extraEnv?: Record<string, string>): ChildProcess;
}

export function realKubectl(server: RunningServer): RealKubectl {
  const dir = mkdtempSync(join(tmpdir(), 'kk-'));
  const configPath = join(dir, 'kubeconfig');
  writeFileSync(
    configPath,
    kubeconfig({ server: server.url, caCertPem: server.certificates.caCert, token: server.token }),
  );
  const cacheDir = join(dir, 'cache');
  const env = { ...process.env, KUBECONFIG: configPath };
  return {
    configPath,
    run: (args, input) =>
      new Promise((resolve) => {
        const child = execFile(
          KUBECTL as string,
          ['--cache-dir', cacheDir, ...args],
          { env, timeout: 30_000 },
          (err, stdout, stderr) =>
            resolve(err ? `exit ${err.code}\n${stdout}${stderr}` : `${stdout}`),
        );
        child.stdin?.end(input ?? '');
      }),
    start: (args, extraEnv) =>
      spawn(KUBECTL as string, ['--cache-dir', cacheDir, ...args], {
        env: { ...env, ...extraEnv },
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
  };
}
