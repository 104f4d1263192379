// A huge Deployment in the page (issue 12 row 2), measured as a learner meets it: open the app
// (playing at 1×), `kubectl create deployment x --image=nginx`, `kubectl scale deploy x
// --replicas=N`, then `wait 10m` and `wait 1h`; after each, while the clock plays for
// BENCH_SCALE_SECONDS (default 8): DOM element count, the longest task (PerformanceObserver
// longtask), click-to-paint latency of clicks on a kitchen, a station and the console (from the
// pointerdown event's timestamp, so input delay is included, to the task after the next
// animation frame), the page's JS heap after a GC, and the page's frames per second.
// Long tasks are counted twice: by wall time (the longtask observer) and by CPU time (Chromium's
// trace, as the chaos test does): on a busy machine wall time measures the machine.
//   npm run build && node --import tsx scripts/bench-scale.mjs [REPLICAS=100000]
// BENCH_SCALE_WAITS=10m (a shorter run), BENCH_SCALE_PROFILE=1 (top self times).
// It serves dist/ on its own port (vite preview). Not part of `npm test`.
/// <reference lib="dom" />
import { loadavg } from 'node:os';
import { traceLongTasks } from '../e2e/chaos/longTasks.ts';
import { launchChromium, servePreview } from './previewServer.mjs';

/** @typedef {import('@playwright/test').Page} Page */

const PORT = Number(process.env.BENCH_SCALE_PORT ?? 4193);
const SECONDS = Number(process.env.BENCH_SCALE_SECONDS ?? 8);
const REPLICAS = Number(process.argv[2] ?? 100_000);
const WAITS = (process.env.BENCH_SCALE_WAITS ?? '10m,1h').split(',').filter(Boolean);

/** Installed before the app: long tasks and click-to-paint latencies, collected in window. */
function probe() {
  const w = /** @type {any} */ (window);
  w.__long = [];
  w.__clicks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__long.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener(
    'pointerdown',
    (ev) => {
      const t0 = ev.timeStamp;
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => w.__clicks.push(performance.now() - t0);
        ch.port2.postMessage(0);
      });
    },
    true,
  );
}

/** @param {Page} page @param {string} text */
async function line(page, text) {
  const box = page.getByRole('textbox', { name: 'Console' });
  await box.fill(text);
  await box.press('Enter');
}

/**
 * Click the centre of what `locator` finds by mouse (no actionability waits: we time it).
 * @param {Page} page @param {import('@playwright/test').Locator} locator
 */
async function clickAt(page, locator) {
  const b = await locator.boundingBox({ timeout: 60_000 });
  if (!b) return false;
  await page.mouse.click(b.x + b.width / 2, b.y + Math.min(b.height / 2, 20));
  return true;
}

/**
 * Top self times of a CPU profile (BENCH_SCALE_PROFILE=1; names are readable with BENCH_SCALE_DEV=1).
 * @param {{ nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples?: number[]; timeDeltas?: number[] }} profile
 */
function topSelf(profile, n = 14) {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map();
  (profile.samples ?? []).forEach((id, i) => {
    const f = byId.get(id)?.callFrame;
    if (!f) return;
    const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `    ${v.toFixed(0).padStart(6)} ms  ${k}`)
    .join('\n');
}

/** @param {Page} page @param {import('@playwright/test').CDPSession} cdp @param {string} label */
async function sample(page, cdp, label) {
  if (process.env.BENCH_SCALE_PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const stopTrace = await traceLongTasks(page, 50);
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__long = [];
    w.__clicks = [];
    performance.mark('chaos#0');
  });
  const fps = page.evaluate(
    (/** @type {number} */ ms) =>
      new Promise((resolve) => {
        let n = 0;
        const start = performance.now();
        /** @param {number} t */
        const f = (t) => {
          n++;
          if (t - start < ms) requestAnimationFrame(f);
          else resolve((n * 1000) / (t - start));
        };
        requestAnimationFrame(f);
      }),
    SECONDS * 1000,
  );
  const scene = page.getByRole('region', { name: 'The restaurant (cluster)' });
  const targets = [
    scene.getByRole('group', { name: /^worker-1, / }),
    scene.getByRole('group', { name: /^x-[^,]*, / }).first(),
    page.getByRole('textbox', { name: 'Console' }),
    scene.getByRole('group', { name: /^worker-2, / }),
  ];
  const started = Date.now();
  for (const t of targets) {
    const c0 = Date.now();
    await clickAt(page, t).catch(() => false);
    if (process.env.BENCH_SCALE_DEBUG) console.error(`click took ${Date.now() - c0} ms wall`);
    await page.waitForTimeout(600);
  }
  const left = SECONDS * 1000 - (Date.now() - started);
  if (left > 0) await page.waitForTimeout(left);
  const framesPerSecond = await fps;
  const got = await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    return {
      dom: document.getElementsByTagName('*').length,
      long: [...w.__long],
      clicks: [...w.__clicks],
    };
  });
  const cpuLong = (await stopTrace()).map((t) => t.cpuMs);
  const profile = process.env.BENCH_SCALE_PROFILE
    ? (await cdp.send('Profiler.stop')).profile
    : null;
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const pods = await page.evaluate(() => {
    const m = (document.body.textContent ?? '').match(/([\d,]+)\s+more/g);
    return m ? m.slice(0, 4).join(' | ') : '';
  });
  const longest = got.long.length ? Math.max(...got.long) : 0;
  const clicks = got.clicks.sort((/** @type {number} */ a, /** @type {number} */ b) => a - b);
  const longestCpu = cpuLong.length ? Math.max(...cpuLong) : 0;
  console.log(
    `${label.padEnd(12)} DOM ${String(got.dom).padStart(6)}  longest task ${longest.toFixed(0).padStart(5)} ms` +
      ` wall (${got.long.length} over 50), ${longestCpu.toFixed(0).padStart(4)} ms CPU (${cpuLong.length} over 50)  click→paint ${clicks.map((/** @type {number} */ c) => c.toFixed(0)).join('/') || 'none'} ms` +
      `  heap ${(usedSize / 2 ** 20).toFixed(0)} MB  ${framesPerSecond.toFixed(0)} fps  ${pods}`,
  );
  if (profile) console.log(topSelf(profile));
}

async function main() {
  const { url, stop } = await servePreview({ port: PORT, dev: !!process.env.BENCH_SCALE_DEV });
  try {
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    page.setDefaultTimeout(30 * 60_000);
    await page.addInitScript(probe);
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; replicas ${REPLICAS}`,
    );
    await page.goto(url);
    await page
      .getByRole('region', { name: 'The restaurant (cluster)' })
      .getByRole('group', { name: 'worker-1, Ready' })
      .waitFor({ timeout: 60_000 });
    const cdp = await page.context().newCDPSession(page);
    await sample(page, cdp, 'fresh');
    await line(page, 'kubectl create deployment x --image=nginx');
    await line(page, `kubectl scale deploy x --replicas=${REPLICAS}`);
    await page
      .getByRole('log', { name: 'Console transcript' })
      .getByText('deployment.apps/x scaled')
      .waitFor();
    await sample(page, cdp, 'scaled');
    for (const w of WAITS) {
      const t0 = Date.now();
      await line(page, `wait ${w}`);
      // Waits in a row share one transcript row (`$ wait 10m · wait 1h`).
      await page
        .getByRole('log', { name: 'Console transcript' })
        .getByText(new RegExp(`(\\$|·) wait ${w}(\\s|$)`))
        .first()
        .waitFor();
      await page.locator('.console-waiting').waitFor({ state: 'detached' });
      console.log(`wait ${w}: ${((Date.now() - t0) / 1000).toFixed(0)} s wall`);
      await sample(page, cdp, `+${w}`);
    }
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    await browser.close();
  } finally {
    stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
