import { expect, test } from './fixtures';

test('a walkthrough step by step: shared link, Next/Previous, keys, a question, free play and back', async ({
  kitchen,
  page,
}) => {
  await kitchen.open('?walkthrough=pod-creation&step=3');
  const narration = page.getByRole('region', { name: 'Narration' });
  await expect(narration).toContainText('The desk also validates every order.');
  await expect(page).toHaveURL(/walkthrough=pod-creation&step=3/);
  await expect(kitchen.transcript).toContainText('$ kubectl run Nginx_1 --image=nginx:1.14.2');

  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(narration).toContainText('The ledger (etcd) now holds nginx.');
  await expect(page).toHaveURL(/step=4/);

  // ←/→ step through the walkthrough when focus is not in a field.
  await page.getByRole('heading', { name: 'Pod creation' }).click();
  await page.keyboard.press('ArrowLeft');
  await expect(narration).toContainText('The desk also validates every order.');
  await page.keyboard.press('ArrowRight');
  await expect(narration).toContainText('The ledger (etcd) now holds nginx.');

  // A reload opens the same step.
  await page.reload();
  await expect(narration).toContainText('The ledger (etcd) now holds nginx.');

  // Predict, then observe.
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button').nth(5).click();
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(narration).toContainText('Where will the expediter send nginx?');
  await page.getByRole('button', { name: 'To a worker kitchen: worker-1 or worker-2.' }).click();
  await expect(narration).toContainText('picks worker-1');
  await expect(narration).toContainText('That is what happened.');
  await expect(
    page.getByRole('table', { name: 'What changed in pod/default/nginx' }),
  ).toContainText('spec.nodeName');

  // Leave into free play, then back to the step.
  await page.getByRole('button', { name: 'Leave into free play' }).click();
  await expect(page).not.toHaveURL(/walkthrough=/);
  await page.getByRole('button', { name: 'Back to step 7' }).click();
  await expect(narration).toContainText('picks worker-1');
  await kitchen.expectAccessible();
});

test('the walkthrough in 繁體中文', async ({ kitchen, page }) => {
  await kitchen.open('?walkthrough=apiserver-down&step=2');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-TW');
  await expect(page.getByRole('region', { name: '旁白' })).toContainText(
    '前台（kube-apiserver）掛了',
  );
});
