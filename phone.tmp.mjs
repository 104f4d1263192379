import { chromium } from '@playwright/test';

const [url, out] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
await p.goto(url);
await p.getByRole('textbox', { name: 'Console' }).waitFor({ timeout: 30000 });
const box = p.getByRole('textbox', { name: 'Console' });
for (const c of [
  'kubectl create deployment web --image=nginx --replicas=4',
  'kubectl expose deployment web --port=80',
  'wait 20s',
]) {
  await box.fill(c);
  await box.press('Enter');
}
await p.waitForTimeout(800);
await p.locator('.kitchen-svg').screenshot({ path: out });
await b.close();
