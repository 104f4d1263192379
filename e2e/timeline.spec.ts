import { expect, test } from './fixtures';

test('scrub back and forth over simulated time; acting in the past forks', async ({
  kitchen,
  page,
}) => {
  await kitchen.open();
  await kitchen.run('kubectl run nginx --image=nginx');
  await kitchen.run('wait 30s');
  await expect(kitchen.pods('nginx', 'Running')).toHaveCount(1);

  const slider = page.getByRole('slider', { name: 'Timeline' });
  // Home: back to the start of the timeline, before the pod existed.
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(kitchen.pods('nginx', '.*')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Back to live' })).toBeVisible();

  // End: forward again to the same state.
  await page.keyboard.press('End');
  await expect(kitchen.pods('nginx', 'Running')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Back to live' })).toBeHidden();

  // Step back one traced instant at a time, then forward.
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(page.getByRole('button', { name: 'Back to live' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to live' }).click();
  await expect(kitchen.pods('nginx', 'Running')).toHaveCount(1);

  // Looking in the past changes nothing: the answer is the past's, and the future stays.
  await slider.focus();
  await page.keyboard.press('Home');
  await kitchen.run('kubectl get pods');
  await expect(kitchen.transcript).toContainText('No resources found in default namespace.');
  await expect(kitchen.transcript).toContainText('nothing changed');
  await expect(kitchen.transcript).toContainText('pod/nginx created');
  await expect(page.getByRole('button', { name: 'Back to live' })).toBeVisible();

  // Acting in the past drops the future: the pod and its console lines are gone, until Undo.
  await kitchen.run('kubectl run web --image=nginx');
  await expect(page.getByRole('status').filter({ hasText: 'were dropped' })).toBeVisible();
  await expect(kitchen.transcript).not.toContainText('pod/nginx created');
  await expect(kitchen.pods('nginx', '.*')).toHaveCount(0);
  await kitchen.expectAccessible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(kitchen.transcript).toContainText('pod/nginx created');
  await expect(kitchen.transcript).not.toContainText('pod/web created');
  await page.getByRole('button', { name: 'Back to live' }).click();
  await expect(kitchen.pods('nginx', 'Running')).toHaveCount(1);
});

test('the language is chosen from the browser, switchable, and survives a reload', async ({
  kitchen,
  page,
}) => {
  await kitchen.open();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-TW');
  await expect(page.getByRole('button', { name: '播放' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await page.reload();
  await expect(page.getByRole('combobox', { name: '語言' })).toHaveValue('zh-TW');
  await kitchen.expectAccessibleIn('暫停');
});

test('the Theme button cycles system → light → dark, the page follows, and it survives a reload', async ({
  kitchen,
  page,
}) => {
  await kitchen.open();
  const html = page.locator('html');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await expect(html).toHaveAttribute('data-theme', 'system');
  await page.getByRole('button', { name: 'Theme: as the system' }).click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  const light = await bg();
  await page.getByRole('button', { name: 'Theme: light' }).click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  // (polled: a colour may still be on its way when the attribute has changed)
  await expect.poll(bg).not.toBe(light);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Theme: dark' })).toBeVisible();
  await kitchen.expectAccessible();
});

test('corrupt saved preferences are ignored with a notice, never a blank page', async ({
  kitchen,
  page,
}) => {
  await page.addInitScript(() => localStorage.setItem('kube-kitchen:prefs', '{"locale":42,'));
  await kitchen.open();
  await expect(page.getByRole('status').filter({ hasText: 'could not be read' })).toBeVisible();
  await kitchen.run('kubectl get nodes');
  await expect(kitchen.transcript).toContainText('worker-1');
});

test('a bad sandbox link opens the sandbox with a notice', async ({ kitchen, page }) => {
  await page.goto('/?workers=banana&proxy=carrier-pigeon');
  await expect(kitchen.node('worker-2')).toBeVisible({ timeout: 20_000 });
  const notice = page.getByRole('status').filter({ hasText: 'were not used' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('workers=banana');
  await expect(notice).toContainText('proxy=carrier-pigeon');
});

test('free play on a cluster of your own: three kitchens, the waiter in IPVS mode, a link that reopens it', async ({
  kitchen,
  page,
}) => {
  await kitchen.open();
  await kitchen.run('kubectl run web --image=nginx:1.14.2');
  const form = page.getByRole('region', { name: 'Free play: a cluster of your own' });
  const workers = form.getByRole('spinbutton', { name: 'Kitchens (worker nodes)' });
  await workers.fill('11');
  await expect(form.getByText('A whole number from 1 to 10.')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Start a new cluster' })).toBeDisabled();
  await workers.fill('3');
  await form
    .getByRole('combobox', { name: 'Waiter’s rules (kube-proxy mode)' })
    .selectOption('ipvs');
  await form.getByRole('spinbutton', { name: 'Seed' }).fill('7');
  await form.getByRole('button', { name: 'Start a new cluster' }).click();
  await expect(kitchen.node('worker-3')).toBeVisible();
  // A fresh cluster: the old session's transcript and pod are gone.
  await expect(kitchen.transcript).not.toContainText('pod/web created');
  await expect(page).toHaveURL(/workers=3&proxy=ipvs&seed=7/);
  await kitchen.run('proxy-rules worker-1');
  await expect(kitchen.transcript).toContainText('IP Virtual Server');
  await kitchen.expectAccessible();
  await page.reload();
  await expect(kitchen.node('worker-3')).toBeVisible({ timeout: 20_000 });
});
