import { expect, test } from '@playwright/test';

test('breaking the API server: kubectl is refused, pods keep running, repair brings it back', async ({
  page,
}) => {
  await page.goto('/');
  const consoleInput = page.getByRole('textbox', { name: 'Console' });
  const log = page.getByRole('log');
  const pods = page.getByRole('table', { name: 'Pods' });

  await consoleInput.fill('kubectl create deployment web --image=nginx:1.14.2 --replicas=2');
  await consoleInput.press('Enter');
  await expect(log).toContainText('deployment.apps/web created');
  // `wait` fast-forwards the simulation at once.
  await consoleInput.fill('wait 30s');
  await consoleInput.press('Enter');
  await expect(
    pods.getByRole('row').filter({ hasText: 'web-' }).filter({ hasText: 'Running' }),
  ).toHaveCount(2);

  await consoleInput.fill('break apiserver');
  await consoleInput.press('Enter');
  await consoleInput.fill('kubectl get pods');
  await consoleInput.press('Enter');
  await expect(log).toContainText('was refused - did you specify the right host or port?');
  await consoleInput.fill('wait 2m');
  await consoleInput.press('Enter');
  await expect(
    pods.getByRole('row').filter({ hasText: 'web-' }).filter({ hasText: 'Running' }),
  ).toHaveCount(2);

  await consoleInput.fill('repair apiserver');
  await consoleInput.press('Enter');
  await consoleInput.fill('kubectl get nodes');
  await consoleInput.press('Enter');
  await expect(log).toContainText('worker-2        Ready');
});
