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

for (const [mode, shown, hidden] of [
  ['kubernetes', ['kube-apiserver'], ['Front desk']],
  ['kitchen', ['Front desk'], ['kube-apiserver']],
  ['both', ['Front desk', 'kube-apiserver'], []],
] as const) {
  test(`labels: ${mode}, accessible; a station opens its real object`, async ({
    kitchen,
    page,
  }) => {
    await kitchen.open();
    await kitchen.run('kubectl create deployment web --image=nginx --replicas=2');
    await kitchen.run('kubectl expose deployment web --port=80');
    await kitchen.run('wait 20s');
    await expect(kitchen.pods('web-', 'Running')).toHaveCount(2);

    await page.getByRole('combobox', { name: 'Labels' }).selectOption(mode);
    for (const text of shown) {
      await expect(kitchen.scene.getByText(text, { exact: true })).toBeVisible();
    }
    for (const text of hidden) {
      await expect(kitchen.scene.getByText(text, { exact: true })).toHaveCount(0);
    }
    await kitchen.expectAccessible();

    // Clicking a station opens its real object in the inspector, whatever the labels.
    await kitchen.pods('web-', 'Running').first().click();
    await expect(page.getByRole('tab', { name: 'Inspector', selected: true })).toBeVisible();
  });
}

test('a screen reader hears what changes in the scene while the clock runs', async ({
  kitchen,
  page,
}) => {
  await kitchen.open('', { live: true });
  const changes = page.getByRole('status', { name: 'Cluster changes' });
  await kitchen.run('kubectl run nginx --image=nginx');
  await kitchen.run('wait 15s');
  await expect(changes).toContainText('Pod nginx: Running');
  await kitchen.run('break apiserver');
  await expect(changes).toContainText('API server is broken');
});
