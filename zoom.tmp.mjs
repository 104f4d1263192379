import { chromium } from '@playwright/test';

const [url, out, w = '1440', h = '900', ...cmds] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu'] });
const p = await b.newPage({
  viewport: { width: +w, height: +h },
  deviceScaleFactor: +(process.env.SCALE ?? 2),
  reducedMotion: process.env.RM ?? 'no-preference',
  colorScheme: process.env.DARK ? 'dark' : 'light',
});
p.on('pageerror', (e) => console.error('PAGEERROR', e.message));
p.on('console', (m) => {
  if (m.type() === 'error') console.error('CONSOLE', m.text());
});
await p.goto(url);
await p.getByRole('textbox', { name: 'Console' }).waitFor({ timeout: 30000 });
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
  if (c.startsWith('select:')) {
    const [n, v] = c.slice(7).split('=');
    await p.getByRole('combobox', { name: n }).selectOption(v);
    continue;
  }
  const box = p.getByRole('textbox', { name: 'Console' });
  await box.fill(c);
  await box.press('Enter');
  await p.waitForTimeout(200);
}
await p.waitForTimeout(+(process.env.WAIT ?? 800));
if (process.env.PAUSE) {
  const pa = p.getByRole('button', { name: 'Pause', exact: true });
  if (await pa.isVisible()) await pa.click();
}
const el = process.env.FULLPAGE ? null : p.locator('.kitchen-svg');
if (el) await el.screenshot({ path: out });
else await p.screenshot({ path: out, fullPage: true });
await b.close();
