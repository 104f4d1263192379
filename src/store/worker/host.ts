/**
 * The worker's side: the store of createSimStore.ts (the engine, its timeline and trace) and the
 * walkthrough slice run here, off the page's thread, so nothing the cluster does can freeze the
 * page. After each message (and after anything that happened by itself: a served cluster's feed,
 * a walkthrough's reading pause) the page gets what changed, as data (protocol.ts).
 */
import type { TraceEntry } from '../../engine/trace';
import { createSimStore, DEFAULT_SPEC, type SimStore, type WaitJob } from '../createSimStore';
import { type FeedOptions, openFeed } from '../feed';
import { type WalkthroughStore, walkthroughStoreFor } from '../walkthrough';
import { frameDiff, listDiff } from './diff';
import {
  type FromWorker,
  type InitMessage,
  MIRRORED,
  type MirroredState,
  type Port,
  type StatePatch,
  type ToWorker,
  type WalkMirror,
} from './protocol';

export interface HostOptions {
  /** How a served cluster is reached (tests pass a fake fetch). */
  feed?: FeedOptions;
  /** Start playing at once (the app does; tests step by hand). */
  playing?: boolean;
  /** The page threw its store away (the worker closes itself). */
  onDispose?: () => void;
}

/** Serve a store on `port` once the page's `init` comes. */
export function hostSim(port: Port, options: HostOptions = {}): void {
  let core: SimStore | null = null;
  /** Messages that came while the store was being made (null once it is). */
  let waiting: Work[] | null = [];
  let walk: WalkthroughStore | null = null;

  let sent: MirroredState | null = null;
  let sentTrace: { log: readonly TraceEntry[]; length: number } = { log: [], length: 0 };
  let sentWalk: WalkMirror = { current: null, left: null, error: null };
  let interest = new Set<string>();
  let interestChanged = false;
  const sentObjects = new Map<string, unknown>();
  let flushQueued = false;

  const post = (m: FromWorker) => port.postMessage(m);

  /**
   * `ticked`: answers a tick. `seeked`: answers a seek, which the page showed at once where the
   * learner put it: the instant it really landed on is sent even when it did not change.
   */
  const flush = (ticked = false, seeked = false) => {
    flushQueued = false;
    if (!core || !sent) return;
    const s = core.getState();
    const patch: StatePatch = { type: 'state' };
    let changed = false;
    const fields: Record<string, unknown> = {};
    for (const key of MIRRORED) {
      if (key === 'frame' || key === 'transcript' || key === 'inputs') continue;
      if (s[key] !== sent[key] || (seeked && key === 'nowMs')) {
        fields[key] = s[key];
        changed = true;
      }
    }
    if (changed) patch.fields = fields;
    const frameMoved = s.frame !== sent.frame;
    if (frameMoved) patch.frame = frameDiff(sent.frame, s.frame);
    if (s.transcript !== sent.transcript)
      patch.transcript = listDiff(sent.transcript, s.transcript);
    if (s.inputs !== sent.inputs) patch.inputs = listDiff(sent.inputs, s.inputs);
    const log = s.traceLog();
    if (log !== sentTrace.log) {
      // A fork or the cap: what the two logs share is not sent again.
      const before = sentTrace.log;
      let from = 0;
      const n = Math.min(before.length, log.length, sentTrace.length);
      while (from < n && before[from] === log[from]) from++;
      patch.trace = { from, entries: log.slice(from), replace: true };
    } else if (log.length !== sentTrace.length)
      patch.trace = { from: sentTrace.length, entries: log.slice(sentTrace.length) };
    sentTrace = { log, length: log.length };
    if (frameMoved || interestChanged) {
      const objects: [string, unknown][] = [];
      for (const ref of interest) {
        const obj = s.lookup(ref) ?? null;
        if (sentObjects.has(ref) && sentObjects.get(ref) === obj) continue;
        sentObjects.set(ref, obj);
        objects.push([ref, obj]);
      }
      if (objects.length > 0) patch.objects = objects;
      interestChanged = false;
    }
    if (walk) {
      const w = walk.getState();
      if (
        w.current !== sentWalk.current ||
        w.left !== sentWalk.left ||
        w.error !== sentWalk.error
      ) {
        sentWalk = { current: w.current, left: w.left, error: w.error };
        patch.walk = sentWalk;
      }
    }
    sent = pick(s);
    if (ticked) patch.ticked = true;
    if (Object.keys(patch).length > 1) post(patch);
  };

  /** Changes nobody asked for in a message (a feed, a timer): sent once the task ends. */
  const flushSoon = () => {
    if (flushQueued) return;
    flushQueued = true;
    queueMicrotask(() => {
      if (flushQueued) flush();
    });
  };

  // In the worker's own bundle, not a chunk of its own: the offline service worker keeps the
  // worker's file, and a walkthrough must open offline too.
  const walkthrough = (): WalkthroughStore => {
    if (!walk) {
      walk = walkthroughStoreFor(core as SimStore);
      walk.subscribe(flushSoon);
    }
    return walk;
  };

  /** A `wait` under way, run a slice at a time; what comes meanwhile waits in `queue`. */
  let job: WaitJob | null = null;
  const queue: Work[] = [];

  const runJob = () => {
    const started = now();
    let done = false;
    while (!done && now() - started < SLICE_BUDGET_MS) done = (job as WaitJob).step(WAIT_SLICE_MS);
    flush();
    if (!done) {
      setTimeout(runJob, 0);
      return;
    }
    job = null;
    drain();
  };

  const drain = () => {
    while (!job && queue.length > 0) handle(queue.shift() as Work);
  };

  /** Whatever the worker is doing, these are answered at once (the page must stay live). */
  const meanwhile = (m: Work): boolean => {
    const s = (core as SimStore).getState();
    switch (m.type) {
      case 'stopWait':
        if (job) (job as WaitJob).stop();
        flush();
        return true;
      case 'tick':
        // The wait moves the clock; the page's frames go on asking.
        flush(true);
        return true;
      case 'interest':
        handle(m);
        return true;
      case 'dispose':
        (job as WaitJob).stop();
        handle(m);
        return true;
      case 'call':
        if (!LIVE_CALLS.has(m.name)) return false;
        (s[m.name] as (...args: unknown[]) => unknown)(...m.args);
        flush();
        return true;
      default:
        return false;
    }
  };

  const receive = (m: Work) => {
    if (job && meanwhile(m)) return;
    if (job) queue.push(m);
    else handle(m);
  };

  const handle = (m: Work) => {
    const s = (core as SimStore).getState();
    switch (m.type) {
      case 'tick':
        s.tick(m.realMs);
        return flush(true);
      case 'stopWait':
        return;
      case 'call': {
        if (m.name === 'runLine') {
          const started = s.waitJob(String(m.args[0]));
          if (started) {
            job = started;
            return runJob();
          }
        }
        (s[m.name] as (...args: unknown[]) => unknown)(...m.args);
        return flush(false, m.name === 'seekTo');
      }
      case 'ask': {
        const value = (s[m.name] as (...args: unknown[]) => unknown)(...m.args);
        flush();
        return post({ type: 'answer', id: m.id, value });
      }
      case 'interest':
        interest = new Set(m.refs);
        for (const ref of sentObjects.keys()) if (!interest.has(ref)) sentObjects.delete(ref);
        interestChanged = true;
        return flush();
      case 'walk':
        (walkthrough().getState()[m.name] as (...args: unknown[]) => unknown)(...m.args);
        return flush();
      case 'dispose':
        s.dispose();
        options.onDispose?.();
        return;
    }
  };

  let started = false;
  port.onmessage = (event) => {
    const m = event.data as ToWorker;
    if (m.type === 'init') {
      if (started) return;
      started = true;
      makeCore(m, options).then(
        (store) => {
          core = store;
          sent = pick(store.getState());
          const log = store.getState().traceLog();
          sentTrace = { log, length: log.length };
          post({ type: 'ready', state: sent, trace: log.slice() });
          store.subscribe(flushSoon);
          const queued = waiting ?? [];
          waiting = null;
          for (const q of queued) receive(q);
        },
        (err: unknown) =>
          post({ type: 'failed', message: err instanceof Error ? err.message : String(err) }),
      );
      return;
    }
    if (waiting) waiting.push(m);
    else {
      try {
        receive(m);
      } catch (err) {
        // The store guards its actions; this is a last line of defence: the worker lives on,
        // and the page is told what it has (it would otherwise wait for an answer forever).
        console.error('kube-kitchen engine worker:', err);
        flush(m.type === 'tick', m.type === 'call' && m.name === 'seekTo');
        if (m.type === 'ask')
          post({
            type: 'answer',
            id: m.id,
            value: undefined,
            error: err instanceof Error ? err.message : String(err),
          });
      }
    }
  };
}

type Work = Exclude<ToWorker, InitMessage>;

/** How much simulated time a `wait` runs between looks at its clock. */
const WAIT_SLICE_MS = 60_000;
/** How long (wall time) a `wait` runs before the page hears of its progress. */
const SLICE_BUDGET_MS = 30;
/** Actions that only set what the page shows: answered even while a `wait` runs. */
const LIVE_CALLS: ReadonlySet<string> = new Set([
  'select',
  'setPanel',
  'setPrefs',
  'setNotice',
  'setSpeed',
  'setHighlight',
]);

const now = () => performance.now();

function pick(s: MirroredState): MirroredState {
  const out = {} as Record<string, unknown>;
  for (const key of MIRRORED) out[key] = s[key];
  return out as unknown as MirroredState;
}

/** The store the page asked for: its own cluster, or the served one its link names. */
async function makeCore(init: InitMessage, options: HostOptions): Promise<SimStore> {
  const { prefs, spec, notice, noticeDetails, link, panel } = init;
  const playing = options.playing ?? true;
  const feed = options.feed;
  if (link.kind === 'target') {
    const opened = await openFeed(link.target, feed);
    const attach = { target: link.target, opened };
    // Attached, the Events tab shows the requests arriving; else the walkthroughs as usual.
    if ('hello' in opened)
      return createSimStore({
        prefs,
        playing,
        panel: 'events',
        attach,
        notice,
        noticeDetails,
        feed,
      });
    return createSimStore({
      spec: DEFAULT_SPEC,
      prefs,
      playing,
      panel,
      attach,
      notice,
      noticeDetails,
      feed,
    });
  }
  return createSimStore({ spec, prefs, playing, panel, notice, noticeDetails, feed });
}
