/**
 * Issue 12, row 2: `kubectl scale deploy x --replicas=100000` in the page. It hung (clicks took
 * 7–98 s, 101,880 DOM elements). Now the worker sends the page what it draws: the scene keeps a
 * bounded number of cooks and tickets with "+N" for the rest, the page answers input while the
 * clock plays, and `kubectl get deploy x` shows the slow climb of a real cluster.
 */
import { traceLongTasks } from './chaos/longTasks';
import { expect, test } from './fixtures';

/** The page's elements: the issue counted 101,880; the scene with three full kitchens is ~3,000. */
const DOM_MAX = 6_000;
/**
 * CPU time of one main-thread task. The goal is 50 ms (bench-scale measures it); a busy 2-core
 * machine stretches CPU time too (caches, frequency), so the test holds a looser line that the
 * hung page (seconds a task) is far over.
 */
const TASK_CPU_MAX_MS = 200;

test('a 100,000-replica Deployment: the page answers, the scene shows "+N", READY climbs', async ({
  kitchen,
  page,
}) => {
  test.setTimeout(240_000);
  await kitchen.open('', { live: true });
  await kitchen.run('kubectl create deployment x --image=nginx');
  await kitchen.run('kubectl scale deploy x --replicas=100000');
  await expect(kitchen.transcript).toContainText('deployment.apps/x scaled');
  const stop = await traceLongTasks(page, TASK_CPU_MAX_MS);
  // The trace keeps the tasks of the thread this mark is made on (the page's main thread).
  await page.evaluate(() => performance.mark('chaos#0'));

  // The orders no kitchen takes: one ticket for the ReplicaSet's pods with its count.
  const ticket = kitchen.scene.getByRole('group', {
    name: /^ReplicaSet x-[a-z0-9]+: [\d,]+ orders waiting for a kitchen \(Pending\)$/,
  });
  await expect(ticket).toBeVisible({ timeout: 60_000 });
  // A kitchen full of cooks draws some and counts the rest.
  await expect(
    kitchen.scene.getByRole('img', { name: /^and \d+ more stations$/ }).first(),
  ).toBeVisible({ timeout: 60_000 });

  // The page answers while the clock plays: a click on the ticket opens its pod at once.
  const answered = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const el = document.querySelector('[data-zone="pending"][data-select]');
        if (!el) return resolve(Number.POSITIVE_INFINITY);
        const t0 = performance.now();
        el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0)));
      }),
  );
  expect(answered).toBeLessThan(1_000);
  await expect(page.getByRole('tab', { name: 'Inspector', selected: true })).toBeVisible();

  const dom = await page.evaluate(() => document.getElementsByTagName('*').length);
  expect(dom).toBeLessThan(DOM_MAX);

  // READY climbs as kubectl shows it: `N/100000`, more after a while.
  const readyOf = async () => {
    await kitchen.run('kubectl get deploy x');
    const out = kitchen.transcript.getByText(/^NAME\s+READY/).last();
    await expect(out).toContainText(/x\s+\d+\/100000/);
    return Number((await out.textContent())?.match(/x\s+(\d+)\/100000/)?.[1]);
  };
  const first = await readyOf();
  await kitchen.run('wait 30s');
  await expect(page.getByRole('progressbar', { name: /^wait 30s: / })).toHaveCount(0, {
    timeout: 60_000,
  });
  await expect.poll(readyOf, { timeout: 60_000 }).toBeGreaterThan(first);

  expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeLessThan(
    DOM_MAX,
  );
  expect(await stop()).toEqual([]);
});
