import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The scene's look, state by state (issue 9). Each state comes from a lab script run in the app
 * (a fresh cluster, every line through the console: the same cluster every run) or from a
 * walkthrough step (exact checkpoints), so the pictures are the same bytes on every machine with
 * Debian's Chromium and fonts-noto-cjk. The moving layer and the caption follow the wall clock
 * after the script ends, so they are hidden from the comparison (stable.css); the caption and
 * the tokens are covered by their own tests.
 */
const stylePath = fileURLToPath(new URL('./stable.css', import.meta.url));

async function runLab(page: Page, text: string) {
  await page
    .getByLabel('Run a lab script…')
    .setInputFiles([{ name: 'scene.lab', mimeType: 'text/plain', buffer: Buffer.from(text) }]);
  const lines = text.trim().split('\n');
  await expect(page.getByRole('log', { name: 'Console transcript' })).toContainText(
    `$ ${lines[lines.length - 1]}`,
  );
  await pause(page);
}

async function pause(page: Page) {
  const pauseButton = page.getByRole('button', { name: 'Pause', exact: true });
  if (await pauseButton.isVisible()) await pauseButton.click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
}

/** The scene as the learner sees it: its region, scrolled to the top. */
async function expectScene(page: Page, name: string) {
  const scene = page.getByRole('region', { name: 'The restaurant (cluster)' });
  await scene.evaluate((el) => el.scrollTo(0, 0));
  await expect(scene).toHaveScreenshot(name, {
    stylePath,
    // 1 %: a new Chromium build may antialias a few edges differently; a wrong state (a room
    // dark or lit, a station more or fewer) changes far more; each test also checks its state.
    maxDiffPixelRatio: 0.01,
  });
}

test.describe('the scene, state by state', () => {
  test.use({ viewport: { width: 1440, height: 900 } });
  test('an empty cluster', async ({ kitchen, page }) => {
    await kitchen.open();
    await runLab(page, 'cluster workers=2 seed=1\nwait 5s\n');
    await expectScene(page, 'empty-cluster.png');
  });

  test('pod creation: the cook starts at the stove', async ({ page }) => {
    await page.goto('/?walkthrough=pod-creation&step=11');
    const narration = page.getByRole('region', { name: 'Narration' });
    await expect(narration).toBeVisible({ timeout: 20_000 });
    // The runtime runs the cook; the API server hears of it at the next step (the status still
    // says ContainerCreating), so the cook cooks with no plate yet.
    await expect(page.getByRole('group', { name: 'nginx, ContainerCreating' })).toBeVisible();
    await expect(
      page.getByRole('button', { name: /^Cook nginx .*cooking, not ready yet/ }),
    ).toBeVisible();
    await pause(page);
    await expectScene(page, 'pod-creation-start.png');
  });

  test('the API server is down, the kitchens keep cooking', async ({ kitchen, page }) => {
    await kitchen.open();
    await runLab(
      page,
      'cluster workers=2 seed=1\nkubectl create deployment web --image=nginx --replicas=4\nkubectl expose deployment web --port=80\nwait 25s\nbreak apiserver\nwait 5s\n',
    );
    await expect(page.getByRole('button', { name: /^Front desk .*Closed/ })).toBeVisible();
    await expectScene(page, 'apiserver-down.png');
  });

  test('a kitchen goes dark', async ({ kitchen, page }) => {
    await kitchen.open();
    await runLab(
      page,
      'cluster workers=2 seed=1\nkubectl create deployment web --image=nginx --replicas=4\nwait 25s\nbreak node worker-1\nwait 60s\n',
    );
    await expect(kitchen.node('worker-1', 'NotReady')).toBeVisible();
    await expectScene(page, 'kitchen-dark.png');
  });

  test('a cook in CrashLoopBackOff', async ({ kitchen, page }) => {
    await kitchen.open();
    await runLab(
      page,
      'cluster workers=2 seed=1\nkubectl run nginx --image=nginx\nwait 15s\ncrash default/nginx\nwait 12s\ncrash default/nginx\nwait 2s\n',
    );
    await expect(kitchen.pods('nginx', 'CrashLoopBackOff')).toHaveCount(1);
    await expectScene(page, 'crash-loop.png');
  });

  test('ten kitchens', async ({ kitchen, page }) => {
    await page.setViewportSize({ width: 1440, height: 2400 });
    await kitchen.open();
    await runLab(
      page,
      'cluster workers=10 seed=1\nkubectl create deployment web --image=nginx --replicas=30\nwait 40s\n',
    );
    await expect(kitchen.pods('web', 'Running')).toHaveCount(30);
    await expectScene(page, 'ten-kitchens.png');
  });

  test('the dark theme', async ({ kitchen, page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await kitchen.open();
    await runLab(
      page,
      'cluster workers=2 seed=1\nkubectl create deployment web --image=nginx --replicas=3\nkubectl expose deployment web --port=80\nwait 25s\nbreak runtime worker-2\nbreak kubelet worker-1\n',
    );
    await expectScene(page, 'dark-theme.png');
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the restaurant on a phone', async ({ kitchen, page }) => {
    await kitchen.open();
    await runLab(
      page,
      'cluster workers=2 seed=1\nkubectl create deployment web --image=nginx --replicas=3\nkubectl expose deployment web --port=80\nwait 25s\n',
    );
    await expectScene(page, 'phone.png');
  });
});
