// Makes sure `npm run e2e` has a Chromium to drive.
// CI / Debian: CHROMIUM_PATH or /usr/bin/chromium is used as is (see e2e/playwright.config.ts).
// Elsewhere (a laptop): install Playwright's own Chromium once if it is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(systemChromium)) {
  let bundled = '';
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = '';
  }
  if (!bundled || !existsSync(bundled)) {
    console.log('[ensure-browser] no system Chromium; installing Playwright Chromium…');
    const result = spawnSync('npx', ['playwright', 'install', 'chromium'], {
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}
