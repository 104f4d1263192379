import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Hold the engine (its worker's script) until the returned function is called. */
async function holdEngine(page: Page): Promise<() => void> {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/assets\/sim\.worker-[^/]*\.js$/, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

test('before the engine: the title, the tagline and a status; nothing moves when the kitchen arrives', async ({
  kitchen,
  page,
}) => {
  const release = await holdEngine(page);
  await page.goto('/');
  const title = page.getByRole('heading', { name: 'kube-kitchen', level: 1 });
  const tagline = page.getByText(
    'How a Kubernetes worker node really works, as a restaurant kitchen',
  );
  await expect(title).toBeVisible();
  await expect(tagline).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Starting the cluster…');
  // No cluster is drawn or controlled before there is one.
  await expect(kitchen.scene).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Pause' })).toHaveCount(0);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations).toEqual([]);
  const before = [await title.boundingBox(), await tagline.boundingBox()];

  release();
  await expect(kitchen.node('worker-1')).toBeVisible({ timeout: 20_000 });
  expect([await title.boundingBox(), await tagline.boundingBox()]).toEqual(before);
});

test('before the engine, the page already has the saved language and theme', async ({ page }) => {
  await page.addInitScript(() =>
    localStorage.setItem('kube-kitchen:prefs', '{"locale":"zh-TW","theme":"dark"}'),
  );
  await holdEngine(page);
  await page.goto('/');
  await expect(page.getByText('用餐廳廚房看懂 Kubernetes 工作節點如何運作')).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('叢集啟動中…');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('an engine that fails to load says so instead of a blank page', async ({ page }) => {
  await page.route(/\/assets\/sim\.worker-[^/]*\.js$/, (route) => route.abort());
  await page.goto('/');
  await expect(page.getByRole('status')).toHaveText(
    'The simulation could not be loaded. Reload the page to try again.',
  );
  await expect(page.getByRole('heading', { name: 'kube-kitchen', level: 1 })).toBeVisible();
});

test('the shell (scene and panels, a chunk of its own) failing to load says so too', async ({
  page,
}) => {
  await page.route(/\/assets\/Shell-[^/]*\.js$/, (route) => route.abort());
  await page.goto('/');
  await expect(page.getByRole('status')).toHaveText(
    'The simulation could not be loaded. Reload the page to try again.',
    { timeout: 20_000 },
  );
});

test('on a phone, nothing below the kitchen jumps when the scene is drawn (no layout shift)', async ({
  kitchen,
  page,
}) => {
  await page.setViewportSize({ width: 412, height: 823 });
  await page.addInitScript(() => {
    const w = window as unknown as { kkShifts: number[] };
    w.kkShifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.kkShifts.push((e as unknown as { value: number }).value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto('/');
  await expect(kitchen.node('worker-1')).toBeVisible({ timeout: 20_000 });
  // The scene's first drawing comes in slices after the panels (its place kept at its size):
  // a frame painted without that place moved the legend, playback bar and panels (CLS 0.58).
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  const shifts = await page.evaluate(() => (window as unknown as { kkShifts: number[] }).kkShifts);
  expect(shifts.reduce((a, b) => a + b, 0)).toBeLessThan(0.01);
});

test('the first drawing puts the kitchens there as they are: none fades in as if it had just joined', async ({
  kitchen,
  page,
}) => {
  await page.addInitScript(() => {
    const w = window as unknown as { kkKitchenOpacity: string[] };
    w.kkKitchenOpacity = [];
    new MutationObserver((records) => {
      for (const r of records)
        for (const n of Array.from(r.addedNodes)) {
          if (!(n instanceof Element)) continue;
          const found = n.matches('g.kitchen') ? [n] : Array.from(n.querySelectorAll('g.kitchen'));
          for (const g of found) w.kkKitchenOpacity.push(getComputedStyle(g).opacity);
        }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto('/?workers=3');
  await expect(kitchen.node('worker-3')).toBeVisible({ timeout: 20_000 });
  const opacity = await page.evaluate(
    () => (window as unknown as { kkKitchenOpacity: string[] }).kkKitchenOpacity,
  );
  expect(opacity).toEqual(['1', '1', '1']);
});
