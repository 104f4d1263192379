import { expect, type KitchenPage, test } from './fixtures';

/** Press Next step until the last step, answering any prediction with its first choice. */
async function walkToEnd(kitchen: KitchenPage, total: number) {
  const page = kitchen.page;
  const narration = page.getByRole('region', { name: 'Narration' });
  const predict = page.getByRole('group', { name: /Predict first/ });
  const seen: string[] = [];
  for (let n = 1; n <= total; n++) {
    if (n > 1) await page.getByRole('button', { name: 'Next step' }).click();
    await expect(page.getByText(`Step ${n} of ${total}`)).toBeVisible();
    if (await predict.isVisible()) await predict.getByRole('button').first().click();
    await expect(predict).toBeHidden();
    const text = (await narration.textContent()) ?? '';
    // Every step says something new.
    expect(seen).not.toContain(text);
    seen.push(text);
  }
  await expect(narration).toContainText('End of the walkthrough.');
  return seen;
}

test('walkthrough 1, pod creation, end to end', async ({ kitchen, page }) => {
  await kitchen.open('?walkthrough=pod-creation&step=1');
  const seen = await walkToEnd(kitchen, 15);
  expect(seen[0]).toContain('pod/nginx created');
  // The end state is on screen: the cook runs and customers were served.
  await expect(kitchen.pods('nginx', 'Running')).toHaveCount(1);
  await expect(kitchen.transcript).toContainText(/served by nginx on worker-\d/);
  await expect(page).toHaveURL(/step=15/);
});

test('walkthrough 1, pod creation: back from the end goes back exactly', async ({
  kitchen,
  page,
}) => {
  const narration = page.getByRole('region', { name: 'Narration' });
  // Step 10 as a shared link shows it; the same step reached by going back must show the same.
  await kitchen.open('?walkthrough=pod-creation&step=10');
  await expect(page.getByText('Step 10 of 15')).toBeVisible();
  const stepTen = (await narration.textContent()) ?? '';
  expect(stepTen).not.toBe('');
  // To the last step from the list of steps.
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button').nth(14).click();
  await expect(page.getByText('Step 15 of 15')).toBeVisible();
  await expect(narration).toContainText('End of the walkthrough.');

  // Back goes back exactly: the earlier narration and an earlier scene.
  for (let n = 14; n >= 10; n--) {
    await page.getByRole('button', { name: 'Previous step' }).click();
    await expect(page.getByText(`Step ${n} of 15`)).toBeVisible();
  }
  await expect(narration).toHaveText(stepTen);
  // Step 10 is before the cook starts: the station is still being set up.
  await expect(kitchen.pods('nginx', '(Pending|ContainerCreating)')).toHaveCount(1);
  await expect(kitchen.pods('nginx', 'Running')).toHaveCount(0);
  await kitchen.expectAccessible();
});

test('walkthrough 2, the API server goes down, through the break and the repair', async ({
  kitchen,
  page,
}) => {
  await kitchen.open('?walkthrough=apiserver-down&step=1');
  await expect(kitchen.pods('web-', 'Running')).toHaveCount(2);
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(page.getByText('Step 2 of 10')).toBeVisible();
  const predict = page.getByRole('group', { name: /Predict first/ });
  await predict.getByRole('button', { name: 'They keep cooking.' }).click();
  await expect(kitchen.transcript).toContainText('$ break apiserver');
  await expect(kitchen.transcript).toContainText('was refused');
  // The desk is down and the cooks keep cooking.
  await expect(kitchen.pods('web-', 'Running')).toHaveCount(2);

  // On through the crash, the back-off and the failing reports to the repair.
  for (let n = 3; n <= 8; n++) {
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect(page.getByText(`Step ${n} of 10`)).toBeVisible();
    if (await predict.isVisible()) await predict.getByRole('button').first().click();
  }
  await expect(kitchen.transcript).toContainText('$ repair apiserver');
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(page.getByText('Step 9 of 10')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Narration' })).toContainText('No Pod was evicted');
  await expect(kitchen.pods('web-', 'Running')).toHaveCount(2);
  await expect(kitchen.node('worker-1')).toBeVisible();
  await expect(kitchen.node('worker-2')).toBeVisible();
  await kitchen.expectAccessible();
});

test('switching language mid-walkthrough keeps the step', async ({ kitchen, page }) => {
  await kitchen.open('?walkthrough=pod-creation&step=4');
  await expect(page.getByText('Step 4 of 15')).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-TW');
  await expect(page).toHaveURL(/step=4/);
  await expect(page.getByRole('region', { name: '旁白' })).toContainText('etcd');
  await expect(page.getByRole('button', { name: '下一步' })).toBeVisible();
  await page.getByRole('combobox', { name: '語言' }).selectOption('en');
  await expect(page.getByText('Step 4 of 15')).toBeVisible();
});
