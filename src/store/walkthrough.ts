/**
 * The walkthrough slice: which walkthrough and step the learner is on, and the glue between a
 * WalkthroughSession (src/scenarios, its own engine) and the sim store the views read.
 *
 * Showing a step hands the sim store a recording of that step (adoptRecording): the checkpoint
 * before it, the state after its commands, the checkpoint after it, its inputs, the trace and the
 * console lines so far. The scrubber then spans the step, playback stops at its end
 * (setPlayLimit), and the scene highlights what the step talks about.
 *
 * Play (the playback bar's) plays through the steps: at a step's end, after a reading pause, the
 * next step starts from its beginning. A step with a question stops the play and asks first.
 * A console line or a fault button while a step is shown leaves into free play (the learner
 * acts on that state); `back()` returns to the step.
 */
import { subscribeWithSelector } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { walkthroughsEn } from '../i18n/walkthroughs.en';
import { walkthroughById } from '../scenarios/list';
import { interpolate } from '../scenarios/matchers';
import {
  type Checkpoint,
  type DiffRow,
  type LabLineRecord,
  type StepCheckpoint,
  WalkthroughSession,
} from '../scenarios/runner';
import type { Walkthrough } from '../scenarios/schema';
import type { ClusterSpec, Recording, SimStore, TranscriptEntry } from './createSimStore';

export interface WalkthroughView {
  id: string;
  /** The step shown (0-based); -1: before the first step. */
  index: number;
  stepCount: number;
  /** `predict`: the step's question is asked and the cluster still shows the step before. */
  phase: 'observe' | 'predict';
  /** The choice key the learner picked for this step's question, if any. */
  answer: string | null;
  /** Values for the `{name}` placeholders of this step's texts. */
  vars: Record<string, string>;
  diff: DiffRow[];
  /** The object the diff is about, as found (`endpointslice/default/web-dmv8p`). */
  diffObject?: string;
  /** Expectations that did not hold (an engine or narration bug): shown, never thrown. */
  failures: string[];
}

export interface WalkthroughState {
  current: WalkthroughView | null;
  /** After leaving into free play: the step to come back to. */
  left: { id: string; index: number } | null;
  /** A step that could not be computed (an engine error), as text. */
  error: string | null;
  /** Open a walkthrough at a step (default: the first), observed. False if there is no such one. */
  start(id: string, index?: number): boolean;
  /** Show a step, observed (the step list, a shared link). */
  goTo(index: number): void;
  /** The next step; one with a question is asked first. */
  next(): void;
  previous(): void;
  /** Answer the shown question: the step runs and is shown. */
  answer(choiceKey: string): void;
  /** Keep the cluster as it is and drop the walkthrough. */
  leave(): void;
  /** Back to the step left from. */
  back(): void;
}

export type WalkthroughStore = StoreApi<WalkthroughState>;

/** Reading pause at the end of a step while playing: by text length, in real milliseconds. */
export function readingPauseMs(text: string, speed: number): number {
  const ms = Math.min(15_000, Math.max(3_000, 1_500 + text.length * 35));
  return ms / Math.max(1, speed);
}

type Timer = ReturnType<typeof setTimeout>;

export interface WalkthroughOptions {
  /** Timers (tests pass fakes). */
  setTimer?: (fn: () => void, ms: number) => Timer;
  clearTimer?: (t: Timer) => void;
}

const stores = new WeakMap<SimStore, WalkthroughStore>();

/** The walkthrough slice of a sim store (one per store). */
export function walkthroughStoreFor(sim: SimStore, opts?: WalkthroughOptions): WalkthroughStore {
  let w = stores.get(sim);
  if (!w) {
    w = createWalkthroughStore(sim, opts);
    stores.set(sim, w);
  }
  return w;
}

export function createWalkthroughStore(
  sim: SimStore,
  opts: WalkthroughOptions = {},
): WalkthroughStore {
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((t) => clearTimeout(t));
  const sessions = new Map<string, WalkthroughSession>();
  /** True while we change the sim store ourselves (its subscribers must not react). */
  let busy = false;
  let dwell: Timer | null = null;
  /** The shown step was entered at its beginning (by playing): pause to read at its end. */
  let enteredAtStart = false;

  const store: WalkthroughStore = createStore<WalkthroughState>()(
    subscribeWithSelector(
      (): WalkthroughState => ({
        current: null,
        left: null,
        error: null,
        start: (id: string, index = 0) => start(id, index),
        goTo: (index: number) => {
          const w = shown();
          if (w && index >= -1 && index < w.steps.length) show(w, index, 'end');
        },
        next: () => forward(),
        previous: () => {
          const w = shown();
          const c = store.getState().current;
          // From a question the cluster already shows the step before; either way, observe it.
          if (w && c && c.index - 1 >= -1) show(w, c.index - 1, 'end');
        },
        answer: (choiceKey: string) => {
          const w = shown();
          const c = store.getState().current;
          if (w && c && c.phase === 'predict') show(w, c.index, 'end', { answer: choiceKey });
        },
        leave: () => leave(),
        back: () => {
          const l = store.getState().left;
          if (l) start(l.id, l.index);
        },
      }),
    ),
  );

  const sessionOf = (w: Walkthrough) => {
    let s = sessions.get(w.id);
    if (!s) {
      s = new WalkthroughSession(w);
      sessions.set(w.id, s);
    }
    return s;
  };

  const stopDwell = () => {
    if (dwell !== null) clearTimer(dwell);
    dwell = null;
  };

  const shown = (): Walkthrough | undefined => {
    const c = store.getState().current;
    return c ? walkthroughById(c.id) : undefined;
  };

  /** Put step `index` of `w` on the sim store, the cursor at the step's start or end. */
  const show = (
    w: Walkthrough,
    index: number,
    cursor: 'start' | 'end',
    view: Partial<WalkthroughView> = {},
  ): boolean => {
    stopDwell();
    const session = sessionOf(w);
    let cp: Checkpoint;
    try {
      cp = session.goTo(index);
    } catch (e) {
      store.setState({ error: e instanceof Error ? e.message : String(e) });
      return false;
    }
    const { recording, spec, endMs } = recordingOf(w, session, index, cursor);
    const step = index >= 0 ? w.steps[index] : undefined;
    busy = true;
    try {
      const s = sim.getState();
      s.adoptRecording(recording, spec);
      // Its manifests stay with the console, so `kubectl apply -f` works after leaving too.
      if (w.files) s.putFiles(w.files);
      s.setPlayLimit(endMs);
      s.setHighlight(step ? step.highlight.map((h) => interpolate(h, cp.vars)) : []);
    } finally {
      busy = false;
    }
    enteredAtStart = cursor === 'start';
    store.setState({
      error: null,
      left: null,
      current: {
        id: w.id,
        index,
        stepCount: w.steps.length,
        phase: 'observe',
        answer: null,
        vars: cp.vars,
        diff: index >= 0 ? (cp as StepCheckpoint).diff : [],
        diffObject: index >= 0 ? (cp as StepCheckpoint).diffObject : undefined,
        failures: index >= 0 ? (cp as StepCheckpoint).failures : [],
        ...view,
      },
    });
    return true;
  };

  const start = (id: string, index: number): boolean => {
    const w = walkthroughById(id);
    if (!w || !Number.isInteger(index) || index < -1 || index >= w.steps.length) return false;
    sim.getState().pause();
    return show(w, index, 'end');
  };

  /** Ask step `index`'s question; the cluster shows the step before it, and play stops. */
  const ask = (w: Walkthrough, index: number) => {
    sim.getState().pause();
    if (!show(w, index - 1, 'end')) return;
    const c = store.getState().current as WalkthroughView;
    store.setState({
      current: { ...c, index, phase: 'predict', diff: [], diffObject: undefined, failures: [] },
    });
  };

  /** The next step (a question first, when it has one), its cursor at `cursor`. */
  const forward = (cursor: 'start' | 'end' = 'end') => {
    const w = shown();
    const c = store.getState().current;
    if (!w || !c) return;
    if (c.phase === 'predict') {
      show(w, c.index, 'end'); // skipping the question: show what happens
      return;
    }
    const next = c.index + 1;
    if (next >= w.steps.length) return;
    if (w.steps[next].predict) ask(w, next);
    else show(w, next, cursor);
  };

  const leave = () => {
    const c = store.getState().current;
    if (!c) return;
    stopDwell();
    busy = true;
    try {
      const s = sim.getState();
      s.setPlayLimit(null);
      s.setHighlight([]);
    } finally {
      busy = false;
    }
    store.setState({ current: null, left: { id: c.id, index: Math.max(c.index, 0) } });
  };

  // Playing through the steps: at a step's end, pause to read, then the next step.
  sim.subscribe((now, prev) => {
    if (busy) return;
    if (now.inputs !== prev.inputs) {
      // The learner acted on the cluster (console, fault buttons, a new sandbox): free play.
      if (store.getState().current) leave();
      return;
    }
    if (now.playing === prev.playing && now.nowMs === prev.nowMs) return;
    if (!now.playing) {
      stopDwell();
      return;
    }
    const c = store.getState().current;
    const limit = now.playLimitMs;
    if (c?.phase !== 'observe' || limit === null || now.nowMs < limit || dwell !== null) return;
    const w = walkthroughById(c.id);
    if (!w) return;
    const text = c.index >= 0 ? walkthroughsEn[w.steps[c.index].narrationKey] : '';
    const pause = enteredAtStart ? readingPauseMs(text, now.speed) : 300;
    dwell = setTimer(() => {
      dwell = null;
      const shownNow = store.getState().current;
      if (shownNow?.id !== c.id || shownNow.index !== c.index || !sim.getState().playing) return;
      if (c.index + 1 >= w.steps.length) {
        sim.getState().pause();
        return;
      }
      forward('start');
      if (store.getState().current?.phase === 'observe') sim.getState().play();
    }, pause);
  });

  return store;
}

/** The recording of step `index` (or of the state before the first step, -1). */
export function recordingOf(
  w: Walkthrough,
  session: WalkthroughSession,
  index: number,
  cursor: 'start' | 'end',
): { recording: Recording; spec: ClusterSpec; startMs: number; endMs: number } {
  const initial = session.initial;
  // The cluster this step runs on starts at the last fresh-cluster step at or before it.
  let seg = -1;
  for (let j = index; j >= 0; j--)
    if (w.steps[j].freshCluster) {
      seg = j;
      break;
    }
  const cluster = seg >= 0 ? (w.steps[seg].freshCluster?.cluster ?? w.cluster) : w.cluster;
  const spec: ClusterSpec = {
    workers: cluster.workers,
    proxyMode: cluster.proxy,
    seed: cluster.seed,
  };
  const steps: StepCheckpoint[] = [];
  for (let j = Math.max(seg, 0); j <= index; j++)
    steps.push(session.checkpoint(j) as StepCheckpoint);
  const first = steps[0];
  const trace = seg >= 0 ? [...(first.setupTrace ?? [])] : [...initial.trace];
  const lines: LabLineRecord[] = seg >= 0 ? [] : [...initial.lines];
  for (const cp of steps) {
    trace.push(...cp.trace);
    lines.push(...cp.lines);
  }
  const transcript: TranscriptEntry[] = lines.map((l) => ({
    atMs: l.fromMs,
    doneMs: l.toMs,
    line: l.line,
    output: l.output,
    ok: l.ok,
  }));

  if (index < 0) {
    return {
      recording: {
        keyframes: [{ atMs: initial.nowMs, snapshot: initial.snapshot }],
        inputs: [],
        trace,
        transcript,
        cursorMs: initial.nowMs,
      },
      spec,
      startMs: initial.nowMs,
      endMs: initial.nowMs,
    };
  }
  const cp = steps[steps.length - 1];
  const before = w.steps[index].freshCluster
    ? (cp.startSnapshot as string)
    : (session.checkpoint(index - 1) as Checkpoint).snapshot;
  const keyframes = [{ atMs: cp.startMs, snapshot: before }];
  if (cp.commandsSnapshot !== undefined)
    keyframes.push({ atMs: cp.commandsEndMs, snapshot: cp.commandsSnapshot });
  keyframes.push({ atMs: cp.nowMs, snapshot: cp.snapshot });
  return {
    recording: {
      keyframes,
      inputs: cp.lines
        .filter((l) => l.kind === 'command')
        .map((l) => ({ fromMs: l.fromMs, toMs: l.toMs, line: l.line })),
      trace,
      transcript,
      cursorMs: cursor === 'start' ? cp.startMs : cp.nowMs,
    },
    spec,
    startMs: cp.startMs,
    endMs: cp.nowMs,
  };
}
