import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** The bottom of `part` is above the top of `cover` (both on screen). */
async function above(part: Locator, cover: Locator): Promise<boolean> {
  const [p, c] = [await part.boundingBox(), await cover.boundingBox()];
  return p !== null && c !== null && p.y + p.height <= c.y + 1;
}

/** The page does not scroll: everything is laid out inside the window. */
function pageHeight(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollHeight);
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the narration and the step buttons stay on screen over the scene, which shows what the step talks about', async ({
    kitchen,
    page,
  }) => {
    await kitchen.open('?walkthrough=pod-creation&step=8');
    const sheet = page.getByRole('region', { name: 'Walkthrough: Pod creation' });
    const narration = sheet.getByRole('region', { name: 'Narration' });
    const next = sheet.getByRole('button', { name: 'Next step' });
    await expect(narration).toBeInViewport({ ratio: 1 });
    await expect(next).toBeInViewport({ ratio: 1 });
    await expect(sheet.getByRole('button', { name: 'Previous step' })).toBeInViewport({
      ratio: 1,
    });
    // One narration and one pair of step buttons on the page: the side panel has given them up.
    await expect(page.getByRole('region', { name: 'Narration' })).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Next step' })).toHaveCount(1);

    // The sandbox step talks about worker-1's head chef and stoves, down the scene: after Next
    // they are on screen above the sheet, from wherever the page was.
    await page.evaluate(() => window.scrollTo(0, 0));
    await next.click();
    await expect(narration).toContainText('RunPodSandbox');
    for (const id of ['kubelet/worker-1', 'containerd/worker-1']) {
      const part = kitchen.scene.locator(`[data-select="${id}"]`).first();
      await expect(part).toBeInViewport({ ratio: 1 });
      await expect.poll(() => above(part, sheet)).toBe(true);
    }
    await expect(next).toBeInViewport({ ratio: 1 });
    await kitchen.expectAccessible();
  });

  test('a question and its choices are in the sheet; it folds down to its title and the step buttons', async ({
    kitchen,
    page,
  }) => {
    await kitchen.open('?walkthrough=pod-creation&step=6');
    const sheet = page.getByRole('region', { name: 'Walkthrough: Pod creation' });
    await sheet.getByRole('button', { name: 'Next step' }).click();
    await expect(sheet.getByRole('region', { name: 'Narration' })).toContainText(
      'Where will the expediter send nginx?',
    );
    await sheet.getByRole('button', { name: 'To a worker kitchen: worker-1 or worker-2.' }).click();
    await expect(sheet.getByRole('region', { name: 'Narration' })).toContainText(
      'That is what happened.',
    );

    const hide = page.getByRole('button', { name: 'Hide the narration' });
    await expect(hide).toHaveAttribute('aria-expanded', 'true');
    await hide.click();
    const show = page.getByRole('button', { name: 'Show the narration' });
    await expect(show).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('region', { name: 'Narration' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Next step' })).toBeInViewport({ ratio: 1 });
    await show.press('Enter');
    await expect(page.getByRole('region', { name: 'Narration' })).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Hide the narration' })).toBeFocused();
  });

  test('the sheet in 繁體中文, and gone when the walkthrough is left', async ({
    kitchen,
    page,
  }) => {
    await page.addInitScript(() =>
      localStorage.setItem('kube-kitchen:prefs', '{"locale":"zh-TW"}'),
    );
    await page.goto('/?walkthrough=apiserver-down&step=2');
    const sheet = page.getByRole('region', { name: '導覽：API server 掛了' });
    await expect(sheet.getByRole('region', { name: '旁白' })).toContainText(
      '前台（kube-apiserver）掛了',
      { timeout: 20_000 },
    );
    await expect(sheet.getByRole('region', { name: '旁白' })).toBeInViewport();
    await expect(sheet.getByRole('button', { name: '下一步' })).toBeInViewport({ ratio: 1 });
    await expect(sheet.getByRole('button', { name: '收起旁白' })).toBeVisible();
    await kitchen.expectAccessibleIn('暫停');

    await page.getByRole('combobox', { name: '導覽' }).selectOption('');
    await expect(page.getByRole('button', { name: '下一步' })).toHaveCount(0);
    await expect(sheet).toHaveCount(0);
  });
});

test('on a wide screen the scene and the playback bar fill the window under the header', async ({
  kitchen,
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await kitchen.open('?walkthrough=pod-creation&step=3');
  const box = await kitchen.scene.boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(900);
  expect(box?.height).toBeGreaterThanOrEqual(560);
  await expect(page.getByRole('region', { name: 'Playback' })).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('button', { name: 'Next step' })).toBeInViewport({ ratio: 1 });
  await expect(kitchen.console).toBeInViewport({ ratio: 1 });
  // No sheet beside the scene: the side panel keeps the narration.
  await expect(page.getByRole('button', { name: 'Hide the narration' })).toHaveCount(0);
  expect(await pageHeight(page)).toBeLessThanOrEqual(900);
  await kitchen.expectAccessible();
});

test('smaller desktops keep everything in the window too, the scene the largest part', async ({
  kitchen,
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await kitchen.open('?walkthrough=pod-creation&step=3');
  for (const [width, height] of [
    [1366, 768],
    [1280, 720],
  ]) {
    await page.setViewportSize({ width, height });
    await expect(kitchen.console).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('region', { name: 'Playback' })).toBeInViewport({ ratio: 1 });
    expect(await pageHeight(page)).toBeLessThanOrEqual(height);
    const small = await kitchen.scene.boundingBox();
    expect(small?.height).toBeGreaterThanOrEqual(height * 0.7);
    expect(small?.width).toBeGreaterThanOrEqual(width * 0.6);
  }
});
