import { expect, test } from './fixtures';

test('run a pod from the console and watch it become Running', async ({ kitchen, page }) => {
  await kitchen.open();
  await expect(page.getByRole('heading', { name: 'kube-kitchen', level: 1 })).toBeVisible();
  // 1. Every node of the default cluster is drawn with its status.
  for (const name of ['control-plane', 'worker-1', 'worker-2']) {
    await expect(kitchen.node(name)).toBeVisible();
  }
  // 2. The scene plays by default.
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();

  // 3. kubectl run: the pod appears, then runs.
  await kitchen.run('kubectl run nginx --image=nginx');
  await expect(kitchen.transcript).toContainText('pod/nginx created');
  await expect(kitchen.pods('nginx', 'Running')).toHaveCount(1, { timeout: 30_000 });

  await kitchen.expectAccessible();
});
