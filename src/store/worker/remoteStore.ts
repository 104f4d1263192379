/**
 * The page's side: a zustand store with the state the views read, kept in step with the store
 * the worker runs (host.ts), and actions that are sent there. What only the page needs at once
 * (the selection, the open panel, preferences, playing or not) is set here too, so a click is
 * answered even while the worker is busy; the worker's own answer then agrees with it.
 *
 * Playback: the page's animation frames ask the worker to let wall time pass, one `tick` in
 * flight at a time; the frames that pass meanwhile are added to the next one, so a busy worker
 * slows the simulated clock down instead of queueing work.
 */
import { subscribeWithSelector } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import type { KObject } from '../../engine/api/types';
import { timestampSince } from '../../engine/kubectl/print/time';
import type { TraceEntry } from '../../engine/trace';
import { walkthroughById } from '../../scenarios/list';
import { TraceQueries } from '../traceQuery';
import type { ViewState, ViewStore } from '../viewState';
import type { WalkthroughState, WalkthroughStore } from '../walkthrough';
import { applyFrameDiff, applyListDiff } from './diff';
import type {
  AskName,
  CallName,
  FromWorker,
  InitMessage,
  Port,
  StatePatch,
  ToWorker,
  WalkCall,
} from './protocol';

export interface RemotePort extends Port {
  /** Ends the worker (a Worker has it; a test's port may not). */
  terminate?(): void;
}

const walkthroughs = new WeakMap<ViewStore, WalkthroughStore>();

/** The walkthrough slice that goes with a store made here. */
export function walkthroughOf(store: ViewStore): WalkthroughStore | undefined {
  return walkthroughs.get(store);
}

/**
 * Ask the worker behind `port` for its store (it boots the cluster, or attaches to the served
 * one the link names) and mirror it. Rejects if the worker could not make one.
 */
export function connectRemoteStore(
  port: RemotePort,
  init: Omit<InitMessage, 'type'>,
): Promise<ViewStore> {
  const send = (m: ToWorker) => port.postMessage(m);
  let store: ViewStore | null = null;
  let walk: WalkthroughStore | null = null;
  let log: TraceEntry[] = [];
  const queries = new TraceQueries();
  const objects = new Map<string, KObject | undefined>();
  let interest = new Set<string>();
  let interestQueued = false;
  let tickInFlight = false;
  let tickMs = 0;
  let asked = 0;
  const answers = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();

  const sendTick = () => {
    tickInFlight = true;
    send({ type: 'tick', realMs: tickMs });
    tickMs = 0;
  };

  const queueInterest = () => {
    if (interestQueued) return;
    interestQueued = true;
    queueMicrotask(() => {
      interestQueued = false;
      send({ type: 'interest', refs: [...interest] });
    });
  };

  const ask = <T>(name: AskName, args: unknown[]): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = ++asked;
      answers.set(id, { resolve: resolve as (value: unknown) => void, reject });
      send({ type: 'ask', id, name, args });
    });

  const apply = (m: StatePatch) => {
    const s = (store as ViewStore).getState();
    const next: Partial<ViewState> = { ...m.fields };
    if (m.frame) next.frame = applyFrameDiff(s.frame, m.frame);
    if (m.transcript) next.transcript = applyListDiff(s.transcript, m.transcript);
    if (m.inputs) next.inputs = applyListDiff(s.inputs, m.inputs);
    if (m.trace) {
      const { from, entries } = m.trace;
      if (m.trace.replace) log = log.slice(0, from);
      else log.length = Math.min(log.length, from);
      for (const e of entries) log.push(e);
    }
    if (m.objects)
      for (const [ref, obj] of m.objects) objects.set(ref, (obj ?? undefined) as KObject);
    if (m.walk) walk?.setState(m.walk);
    // Always set, even with nothing in it: lookups and the trace may have changed.
    (store as ViewStore).setState(next);
    if (m.ticked) {
      tickInFlight = false;
      if (tickMs > 0 && (store as ViewStore).getState().playing) sendTick();
    }
  };

  const make = (ready: Extract<FromWorker, { type: 'ready' }>): ViewStore => {
    log = ready.trace;
    const call =
      (name: CallName) =>
      (...args: unknown[]) =>
        send({ type: 'call', name, args });
    const made = createStore<ViewState>()(
      subscribeWithSelector((set, get) => ({
        ...ready.state,
        play: () => {
          set({ playing: true });
          call('play')();
        },
        pause: () => {
          set({ playing: false });
          call('pause')();
        },
        togglePlay: () => (get().playing ? get().pause() : get().play()),
        setSpeed: (speed) => {
          set({ speed, prefs: { ...get().prefs, speed } });
          call('setSpeed')(speed);
        },
        tick: (realMs) => {
          if (!get().playing || realMs <= 0) return;
          tickMs += realMs;
          if (!tickInFlight) sendTick();
        },
        stepForward: call('stepForward'),
        stepBack: call('stepBack'),
        // The end of the timeline as the page knows it may be behind the worker's (a served
        // cluster streams on): seeking there means the end, wherever it is by then.
        seekTo: (ms) => {
          const { startMs, horizonMs } = get();
          // The slider shows where it was put at once (its `change` event would otherwise read
          // the old value back); the worker answers with the exact instant it landed on.
          set({ nowMs: Math.min(Math.max(ms, startMs), horizonMs) });
          call('seekTo')(ms >= horizonMs ? Number.POSITIVE_INFINITY : ms);
        },
        runLine: call('runLine'),
        select: (id) => {
          set(id ? { selection: id, panel: 'inspector' } : { selection: null });
          // What the inspector looks up is what is selected now.
          interest = new Set();
          objects.clear();
          queueInterest();
          call('select')(id);
        },
        setPanel: (panel) => {
          set({ panel });
          call('setPanel')(panel);
        },
        setHighlight: (ids) => {
          set({ highlight: ids });
          call('setHighlight')(ids);
        },
        setPlayLimit: call('setPlayLimit'),
        setPrefs: (patch) => {
          set({ prefs: { ...get().prefs, ...patch } });
          call('setPrefs')(patch);
        },
        setNotice: (key, details = []) => {
          set({ notice: key, noticeDetails: details });
          call('setNotice')(key, details);
        },
        putFiles: call('putFiles'),
        reset: call('reset'),
        attach: call('attach'),
        reconnect: call('reconnect'),
        detach: call('detach'),
        undoDrop: call('undoDrop'),
        stopWait: () => send({ type: 'stopWait' }),
        runScript: (text, files) => ask('runScript', [text, files]),
        labScript: () => ask('labScript', []),
        dispose: () => {
          send({ type: 'dispose' });
          port.terminate?.();
        },
        lookup: (ref) => {
          if (!interest.has(ref)) {
            interest.add(ref);
            queueInterest();
          }
          return objects.get(ref);
        },
        age: (timestamp) => timestampSince(timestamp ?? '', get().nowMs),
        traceEntries: (filter, limit = Number.POSITIVE_INFINITY) => {
          const visible = Math.min(get().traceCount, log.length);
          if (filter) return queries.query(log, visible, filter, limit);
          const out: TraceEntry[] = [];
          for (let i = visible - 1; i >= 0 && out.length < limit; i--) out.push(log[i]);
          return out.reverse();
        },
      })),
    );
    walk = createStore<WalkthroughState>()(
      subscribeWithSelector((): WalkthroughState => {
        const walkCall =
          (name: WalkCall) =>
          (...args: unknown[]) =>
            send({ type: 'walk', name, args });
        return {
          current: null,
          left: null,
          error: null,
          start: (id: string, index = 0) => {
            const w = walkthroughById(id);
            if (!w || !Number.isInteger(index) || index < -1 || index >= w.steps.length)
              return false;
            walkCall('start')(id, index);
            return true;
          },
          goTo: walkCall('goTo'),
          next: walkCall('next'),
          previous: walkCall('previous'),
          answer: walkCall('answer'),
          leave: walkCall('leave'),
          back: walkCall('back'),
        };
      }),
    );
    walkthroughs.set(made, walk);
    return made;
  };

  return new Promise((resolve, reject) => {
    port.onmessage = (event) => {
      const m = event.data as FromWorker;
      switch (m.type) {
        case 'ready':
          store = make(m);
          resolve(store);
          return;
        case 'failed':
          reject(new Error(m.message));
          return;
        case 'state':
          if (store) apply(m);
          return;
        case 'answer':
          if (m.error === undefined) answers.get(m.id)?.resolve(m.value);
          else answers.get(m.id)?.reject(new Error(m.error));
          answers.delete(m.id);
          return;
      }
    };
    send({ type: 'init', ...init });
  });
}
