/**
 * A long console session as the page runs it (issue 12, row 4):
 *
 *   node --expose-gc --import tsx scripts/long-session.ts [LINES] [SCRUBS]
 *
 * LINES console lines (default 1,200), `kubectl get pods` and `wait 1s` in turn, sent the way
 * the page sends them: to the worker's host (src/store/worker/host.ts, which runs
 * createSimStore, a `wait` as sliced jobs) over a channel that copies every message as
 * postMessage does, into the page's mirror (remoteStore.ts). A line's time is from sending it
 * to the mirror showing its transcript entry. Then the retained heap after a full collection
 * (both sides are in this one process: the worker's and the page's heaps together), and SCRUBS
 * seeks (default 24) to instants spread over the session, each until the mirror shows the frame
 * there. Also the same seeks over a short busy session like `npm run bench:ui`'s (a deployment
 * of 10 behind a Service, then `request web 5` and `wait 2800ms` seven times). Prints JSON.
 */
import { defaultPrefs } from '../src/store/prefs';
import type { ViewStore } from '../src/store/viewState';
import { hostSim } from '../src/store/worker/host';
import type { Port } from '../src/store/worker/protocol';
import { connectRemoteStore } from '../src/store/worker/remoteStore';

const lines = Number(process.argv[2] ?? 1_200);
const scrubs = Number(process.argv[3] ?? 24);
const exposedGc = (globalThis as { gc?: () => void }).gc;
if (!exposedGc) throw new Error('run with node --expose-gc');
const gc: () => void = exposedGc;

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const quantile = (xs: number[], q: number) => {
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const round = (x: number) => Math.round(x * 100) / 100;
const heapMB = () => round(process.memoryUsage().heapUsed / 2 ** 20);

/** Two ends of a channel: messages are copied (as postMessage does) and delivered next turn. */
function channel(): [Port, Port] {
  const make = (): Port & { peer?: Port } => ({
    onmessage: null,
    postMessage(message: unknown) {
      const copy = structuredClone(message);
      setImmediate(() => this.peer?.onmessage?.({ data: copy }));
    },
  });
  const a = make();
  const b = make();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

async function connected(workers: number): Promise<ViewStore> {
  const [page, worker] = channel();
  hostSim(worker, { playing: false });
  return connectRemoteStore(page, {
    prefs: defaultPrefs(),
    spec: { workers, seed: 1 },
    notice: null,
    noticeDetails: [],
    link: { kind: 'none' },
    panel: 'inspector',
  });
}

/** Until the mirror's state passes `done` (the worker's answer has come and been applied). */
function until(store: ViewStore, done: () => boolean): Promise<void> {
  if (done()) return Promise.resolve();
  return new Promise((resolve) => {
    const off = store.subscribe(() => {
      if (!done()) return;
      off();
      resolve();
    });
  });
}

/** Run `line` in the page's store until its transcript entry is there. */
async function runLine(store: ViewStore, line: string): Promise<void> {
  const n = store.getState().transcript.length;
  store.getState().runLine(line);
  await until(store, () => store.getState().transcript.length > n && !store.getState().waiting);
}

/** Seek to `n` instants spread over the session (a scrubber dragged back and forth). */
async function scrub(store: ViewStore, n: number) {
  const { startMs, horizonMs } = store.getState();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    // Back to front and forth again, so both restoring and moving forward are measured.
    const f = i % 2 === 0 ? 1 - i / n : i / n;
    const started = performance.now();
    store.getState().seekTo(startMs + f * (horizonMs - startMs));
    // The page moved its cursor at once; the worker answers every seek with the instant it
    // landed on and the frame there (the next change the mirror sees).
    await new Promise<void>((resolve) => {
      const off = store.subscribe(() => {
        off();
        resolve();
      });
    });
    times.push(performance.now() - started);
  }
  return {
    p50: round(quantile(times, 0.5)),
    p95: round(quantile(times, 0.95)),
    max: round(Math.max(...times)),
  };
}

async function main() {
  gc();
  const heapBefore = heapMB();
  const store = await connected(2);
  const times: number[] = [];
  for (let i = 0; i < lines; i++) {
    const started = performance.now();
    await runLine(store, i % 2 === 0 ? 'kubectl get pods' : 'wait 1s');
    times.push(performance.now() - started);
  }
  gc();
  const heapAfter = heapMB();
  const longScrub = await scrub(store, scrubs);

  const busy = await connected(3);
  await runLine(busy, 'kubectl create deployment web --image=nginx --replicas=10');
  await runLine(busy, 'kubectl expose deployment web --port=80');
  await runLine(busy, 'wait 30s');
  for (let i = 0; i < 7; i++) {
    await runLine(busy, 'request web 5');
    await runLine(busy, 'wait 2800ms');
  }
  const busyScrub = await scrub(busy, scrubs);

  const third = Math.floor(lines / 3);
  console.log(
    JSON.stringify({
      lines,
      transcript: store.getState().transcript.length,
      heapMB: { before: heapBefore, after: heapAfter },
      msPerLine: {
        p50: round(quantile(times, 0.5)),
        p95: round(quantile(times, 0.95)),
        max: round(Math.max(...times)),
        // The last third against the first: a line must not get slower as the session grows.
        firstThirdP50: round(quantile(times.slice(0, third), 0.5)),
        lastThirdP50: round(quantile(times.slice(-third), 0.5)),
      },
      seekMs: { long: longScrub, busy: busyScrub },
    }),
  );
  store.getState().dispose();
  busy.getState().dispose();
  process.exit(0);
}

void main();
