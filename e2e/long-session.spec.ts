import { expect, test } from './fixtures';
import { heapMeter } from './heap';

/**
 * Issue 12, row 4: every console line used to pin two snapshots of the cluster (heap 12 → 1,022
 * MB and ~400 ms a line after 1,200 lines). A few hundred lines here, the page's own way (typed
 * into the console, run by the engine worker, drawn in the transcript); the 1,200-line figure is
 * `scripts/long-session.ts`'s. Lines alternate as the issue's: `kubectl get pods`, `wait 1s`.
 */
const LINES = 200;

test('a long console session keeps the heap bounded and every line fast', async ({
  kitchen,
  page,
}) => {
  // ~0.4 s a line of Playwright round trips on a busy 2-core machine.
  test.setTimeout(180_000);
  await kitchen.open();
  const heap = await heapMeter(page);
  const rows = kitchen.transcript.locator('pre');
  const line = (i: number) => (i % 2 === 0 ? 'kubectl get pods' : 'wait 1s');

  // Warm up (the first lines load code and fill caches); each line is then one row of its own.
  for (let i = 0; i < 10; i++) await kitchen.run(line(i));
  await expect(rows).toHaveCount(10);
  const before = await heap();

  // A line's time, measured in the page: from its Enter to its row in the transcript.
  await kitchen.console.evaluate((input) => {
    const times = { sent: [] as number[], shown: [] as number[] };
    (window as unknown as { kkLineTimes: typeof times }).kkLineTimes = times;
    input.addEventListener(
      'keydown',
      (e) => {
        if ((e as KeyboardEvent).key === 'Enter') times.sent.push(performance.now());
      },
      true,
    );
    const log = input.closest('section')?.querySelector('[role="log"]') as Element;
    new MutationObserver((records) => {
      for (const r of records)
        for (const n of Array.from(r.addedNodes))
          if (n.nodeName === 'PRE') times.shown.push(performance.now());
    }).observe(log, { childList: true });
  });

  for (let i = 10; i < 10 + LINES; i++) {
    await kitchen.console.fill(line(i));
    await kitchen.console.press('Enter');
    await expect(rows).toHaveCount(i + 1);
  }
  const after = await heap();
  const { sent, shown } = await page.evaluate(
    () => (window as unknown as { kkLineTimes: { sent: number[]; shown: number[] } }).kkLineTimes,
  );
  expect(sent).toHaveLength(LINES);
  expect(shown).toHaveLength(LINES);
  const ms = sent.map((t, i) => shown[i] - t);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const figures = {
    heapMB: { before, after },
    msPerLine: {
      median: Math.round(median(ms)),
      first50: Math.round(median(ms.slice(0, 50))),
      last50: Math.round(median(ms.slice(-50))),
    },
  };
  test.info().annotations.push({ type: 'figures', description: JSON.stringify(figures) });
  console.log(JSON.stringify(figures));

  // Two snapshots a line were ~0.23 MB a line in the worker (~47 MB for these lines): now the
  // timeline's keyframes are bounded and a line costs its transcript entry and trace only
  // (~3 MB here). The page holds the transcript and the frame it draws.
  expect(after.worker - before.worker).toBeLessThan(15);
  expect(after.page - before.page).toBeLessThan(15);
  // The figure is 50 ms a line (the store's own path is ~1 ms: scripts/long-session.ts);
  // this is wall time, Enter to the row drawn, on a machine shared by many processes (37 ms at
  // load 10): twice that is the bound here. And no slower at the end than at the start.
  expect(figures.msPerLine.median).toBeLessThan(100);
  expect(figures.msPerLine.last50).toBeLessThan(figures.msPerLine.first50 * 2 + 20);
});
