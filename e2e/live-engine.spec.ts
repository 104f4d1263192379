import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('the page runs the engine live: nodes, kubectl run, pod Running, accessible', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'kube-kitchen', level: 1 })).toBeVisible();

  const nodes = page.getByRole('table', { name: 'Nodes' });
  for (const name of ['control-plane', 'worker-1', 'worker-2']) {
    await expect(nodes.getByRole('row').filter({ hasText: name })).toHaveCount(1);
  }

  // Playing by default.
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();

  const consoleInput = page.getByRole('textbox', { name: 'Console' });
  await consoleInput.fill('kubectl run nginx --image=nginx');
  await consoleInput.press('Enter');
  await expect(page.getByRole('log')).toContainText('pod/nginx created');

  const pods = page.getByRole('table', { name: 'Pods' });
  await expect(
    pods.getByRole('row').filter({ hasText: 'nginx' }).filter({ hasText: 'Running' }),
  ).toHaveCount(1, { timeout: 30_000 });

  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations).toEqual([]);
});
