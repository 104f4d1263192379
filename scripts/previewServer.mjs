// The benches' shared start: the built app served by `vite preview` on a port of their own, and
// Chromium (Debian's, where it is installed; Playwright cannot download one here).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = fileURLToPath(new URL('..', import.meta.url));
const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** @param {string} url */
async function waitForServer(url, ms = 20_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} did not start`);
}

/**
 * Serve the app on 127.0.0.1:`port` (`dev`: the dev server instead of dist/; `extraArgs` for
 * vite, such as `--outDir`) until `stop()` or the process exits; resolves once it answers.
 * @param {{ port: number; dev?: boolean; extraArgs?: string[] }} options
 * @returns {Promise<{ url: string; stop: () => void }>}
 */
export async function servePreview({ port, dev = false, extraArgs = [] }) {
  const server = spawn(
    `${root}node_modules/.bin/vite`,
    [
      ...(dev ? [] : ['preview']),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
      ...extraArgs,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // Drained, not ignored: vite preview stops when its stdout is closed.
  server.stdout.resume();
  const stop = () => {
    if (server.exitCode === null) server.kill('SIGTERM');
  };
  process.on('exit', stop);
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitForServer(url);
  } catch (err) {
    stop();
    throw err;
  }
  return { url, stop };
}

/** Chromium for a bench: the system's where there is one, else Playwright's own. */
export function launchChromium() {
  return chromium.launch(
    existsSync(systemChromium) ? { executablePath: systemChromium, args: ['--disable-gpu'] } : {},
  );
}
