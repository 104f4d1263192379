import { chromium } from '@playwright/test';

const [url, out, w = '1440', h = '900', ...cmds] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu'] });
const p = await b.newPage({ viewport: { width: +w, height: +h } });
p.on('pageerror', (e) => console.error('PAGEERROR', e.message));
await p.goto(url);
await p
  .getByRole('textbox', { name: 'Console' })
  .waitFor({ timeout: 30000 })
  .catch(() => {});
for (const c of cmds) {
  if (c.startsWith('sleep:')) {
    await p.waitForTimeout(+c.slice(6));
    continue;
  }
  if (c.startsWith('click:')) {
    await p
      .getByRole('button', { name: c.slice(6) })
      .first()
      .click();
    continue;
  }
  const box = p.getByRole('textbox', { name: 'Console' });
  await box.fill(c);
  await box.press('Enter');
  await p.waitForTimeout(300);
}
await p.waitForTimeout(1500);
await p.screenshot({ path: out, fullPage: process.env.FULL === '1' });
await b.close();
