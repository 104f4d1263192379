import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

// Debian's chromium (or CHROMIUM_PATH) when present; else Playwright's own browser
// (scripts/ensure-browser.mjs installs it on a laptop).
const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const launchOptions = existsSync(systemChromium)
  ? { executablePath: systemChromium, args: ['--disable-gpu'] }
  : {};

/**
 * The suite serves the build on a port of its own: a free one, asked of the OS once, in the
 * runner (synchronously: the config must be ready when it is read). The runner's workers read
 * this file again and inherit the environment, so they find the same port in KK_E2E_PORT. It
 * never tests a server it did not start (`reuseExistingServer: false`): a stale preview or
 * another worktree's on a fixed port would be tested silently instead.
 */
function e2ePort(): number {
  const given = Number(process.env.KK_E2E_PORT);
  if (Number.isInteger(given) && given > 0) return given;
  const found = execFileSync(
    process.execPath,
    [
      '-e',
      "const s = require('node:net').createServer();" +
        "s.listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); });",
    ],
    { encoding: 'utf8' },
  );
  const port = Number(found);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`no free port for e2e: ${found}`);
  process.env.KK_E2E_PORT = String(port);
  return port;
}

const PORT = e2ePort();
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The suite tests the built dist/ (it does not build). A dist/ older than the sources would be
 * tested silently instead of the code in front of you: refuse it and say how to build.
 */
function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}
const builtAt = join(repoRoot, 'dist', 'index.html');
if (!existsSync(builtAt) || statSync(builtAt).mtimeMs < newestMtimeMs(join(repoRoot, 'src')))
  throw new Error('dist/ is missing or older than src/: run `npm run build` before the e2e suite');

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // A test that needs a second try is a test to fix, not to retry.
  retries: 0,
  workers: process.env.CI ? 1 : undefined,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    reducedMotion: 'reduce',
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions } }],
  // Serves an already-built dist/ (`npm run build` first). Started directly, not via npx,
  // so stopping it does not leave an orphaned node child behind. Always its own server: a port
  // already in use fails the run instead of testing whatever answers there.
  webServer: {
    command: `node_modules/.bin/vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    cwd: repoRoot,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
