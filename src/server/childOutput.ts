/**
 * What a background child process (kubectl port-forward, attach) printed so far, and waits for
 * what it prints: tests wait for a state, not for a time.
 */
import type { ChildProcess } from 'node:child_process';

export interface ChildOutput {
  stdout: () => string;
  stderr: () => string;
  /** The first match of `pattern` in the stream, once it is there; rejects when the child ends first. */
  waitFor: (stream: 'stdout' | 'stderr', pattern: RegExp) => Promise<RegExpMatchArray>;
  /** The exit code, once it exits. */
  exited: Promise<number | null>;
}

export function childOutput(child: ChildProcess): ChildOutput {
  const text = { stdout: '', stderr: '' };
  let ended = false;
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  child.stdout?.on('data', (b: Buffer) => {
    text.stdout += b.toString('utf8');
    wake();
  });
  child.stderr?.on('data', (b: Buffer) => {
    text.stderr += b.toString('utf8');
    wake();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      ended = true;
      wake();
      resolve(code);
    }),
  );
  const waitFor = (stream: 'stdout' | 'stderr', pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const m = text[stream].match(pattern);
        if (m) {
          waiters.delete(check);
          resolve(m);
        } else if (ended) {
          waiters.delete(check);
          reject(new Error(`kubectl ended without ${pattern}:\n${text.stdout}${text.stderr}`));
        }
      };
      waiters.add(check);
      check();
    });
  return { stdout: () => text.stdout, stderr: () => text.stderr, waitFor, exited };
}
