import { expect, test } from './fixtures';

test('crash a cook from the keyboard and watch the head chef bring it back', async ({
  kitchen,
  page,
}) => {
  await kitchen.open();
  await kitchen.run('kubectl run nginx --image=nginx');
  await kitchen.run('wait 15s');
  await expect(kitchen.pods('nginx', 'Running')).toHaveCount(1);

  // Tab stops once per room: focus the kitchen that has the station, then arrow to the cook.
  const room = kitchen.scene
    .getByRole('group', { name: /^worker-\d, Ready$/ })
    .filter({ has: page.getByRole('group', { name: 'nginx, Running' }) });
  await room.getByRole('button', { name: /^Kitchen worker-\d/ }).focus();
  const crash = kitchen.scene.getByRole('button', { name: 'Crash container nginx' });
  for (let i = 0; i < 20 && !(await crash.evaluate((el) => el.matches(':focus'))); i++) {
    await page.keyboard.press('ArrowRight');
  }
  await expect(crash).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(kitchen.transcript).toContainText('$ crash default/nginx nginx');

  // The head chef restarts it (after the back-off): the cook is up again, one restart later.
  await kitchen.run('wait 15s');
  await expect(kitchen.pods('nginx', 'Running')).toHaveCount(1);
  await expect(
    kitchen.scene.getByRole('button', { name: /^Cook nginx .*1 restarts/ }),
  ).toBeVisible();
});

test('a lost kitchen goes dark, and the desk marks it NotReady after the grace period', async ({
  kitchen,
}) => {
  await kitchen.open();
  await kitchen.run('break node worker-2');
  await kitchen.run('wait 60s');
  await expect(kitchen.node('worker-2', 'NotReady')).toBeVisible();
  await expect(kitchen.node('worker-1', 'Ready')).toBeVisible();
});

test('labels: Kitchen, Kubernetes, Both; accessible in each', async ({ kitchen, page }) => {
  await kitchen.open();
  await kitchen.run('kubectl create deployment web --image=nginx --replicas=2');
  await kitchen.run('kubectl expose deployment web --port=80');
  await kitchen.run('wait 20s');
  const labels = page.getByRole('combobox', { name: 'Labels' });

  await labels.selectOption('kubernetes');
  await expect(kitchen.scene.getByText('kube-apiserver', { exact: true })).toBeVisible();
  await expect(kitchen.scene.getByText('Front desk', { exact: true })).toHaveCount(0);
  await kitchen.expectAccessible();

  await labels.selectOption('kitchen');
  await expect(kitchen.scene.getByText('Front desk', { exact: true })).toBeVisible();
  await expect(kitchen.scene.getByText('kube-apiserver', { exact: true })).toHaveCount(0);
  await kitchen.expectAccessible();

  await labels.selectOption('both');
  await expect(kitchen.scene.getByText('Front desk', { exact: true })).toBeVisible();
  await expect(kitchen.scene.getByText('kube-apiserver', { exact: true })).toBeVisible();
  await kitchen.expectAccessible();

  // Clicking a station opens its real object in the inspector.
  await kitchen.pods('web-', 'Running').first().click();
  await expect(page.getByRole('tab', { name: 'Inspector', selected: true })).toBeVisible();
});

test('a screen reader hears what changes in the scene while the clock runs', async ({
  kitchen,
  page,
}) => {
  await kitchen.open();
  const changes = page.getByRole('status', { name: 'Cluster changes' });
  await kitchen.run('kubectl run nginx --image=nginx');
  await kitchen.run('wait 15s');
  await expect(changes).toContainText('Pod nginx: Running');
  await kitchen.run('break apiserver');
  await expect(changes).toContainText('API server is broken');
});
