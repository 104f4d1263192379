import { expect, test } from './fixtures';

test('break the API server: pods stay Running, requests are served, kubectl is refused', async ({
  kitchen,
  page,
}) => {
  await kitchen.open();
  await kitchen.run('kubectl create deployment web --image=nginx:1.14.2 --replicas=2');
  await expect(kitchen.transcript).toContainText('deployment.apps/web created');
  await kitchen.run('kubectl expose deployment web --port=80');
  // `wait` fast-forwards the simulation at once.
  await kitchen.run('wait 30s');
  await expect(kitchen.pods('web-', 'Running')).toHaveCount(2);

  // The fault button runs the lab command.
  await page.getByRole('tab', { name: 'Faults' }).click();
  await page.getByRole('button', { name: 'Break API server' }).click();
  await expect(kitchen.transcript).toContainText('$ break apiserver');
  await expect(page.getByRole('button', { name: 'Repair API server' })).toBeVisible();

  await kitchen.run('kubectl get pods');
  await expect(kitchen.transcript).toContainText(
    'was refused - did you specify the right host or port?',
  );
  await kitchen.run('request web 2');
  await expect(kitchen.transcript).toContainText(/served by web-[a-z0-9-]+ on worker-\d/);
  await kitchen.run('wait 2m');
  await expect(kitchen.pods('web-', 'Running')).toHaveCount(2);

  await page.getByRole('button', { name: 'Repair API server' }).click();
  await kitchen.run('kubectl get nodes');
  await expect(kitchen.transcript).toContainText('worker-2        Ready');
  await kitchen.expectAccessible();
});
