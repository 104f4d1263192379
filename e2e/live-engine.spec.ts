import { expect, test } from './fixtures';

test('run a pod from the console and watch it become Running', async ({ kitchen, page }) => {
  await kitchen.open('', { live: true });
  await expect(page.getByRole('heading', { name: 'kube-kitchen', level: 1 })).toBeVisible();
  // 1. Every node of the default cluster is drawn with its status.
  for (const name of ['control-plane', 'worker-1', 'worker-2']) {
    await expect(kitchen.node(name)).toBeVisible();
  }
  // 2. The scene plays by default; a learner in a hurry plays it at 16×.
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('16');

  // 3. kubectl run: the pod appears, then runs, while the clock plays (no `wait`).
  await kitchen.run('kubectl run nginx --image=nginx');
  await expect(kitchen.transcript).toContainText('pod/nginx created');
  await expect(kitchen.pods('nginx', 'Running')).toHaveCount(1);

  await kitchen.expectAccessible();
});
