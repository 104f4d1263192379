/**
 * The store: the one place that owns a running engine. Views read `frame` (and the few other
 * plain fields) through `useSim(selector)` and call the actions; they never touch the engine.
 *
 * Time travel is exact: `seekTo` restores the keyframe before the target and lets the engine run
 * up to it (see timeline.ts). Acting in the past forks the timeline: the future is dropped.
 */

import { subscribeWithSelector } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  ClusterInput,
  FollowSpec,
  KObject,
  LabHost,
  LabLineResult,
  TraceEntry,
} from '../engine';
import {
  createSimulation,
  EPOCH_MS,
  followText,
  formatAge,
  formatGoDuration,
  LAB_CLUSTER_READY_MS,
  MAX_WAIT_MS,
  parseGoDuration,
  parseLabLine,
  runLabLine,
  Simulation,
  stateFrom,
} from '../engine';
import {
  type AttachProblem,
  type AttachTarget,
  type Feed,
  type FeedHello,
  type FeedOptions,
  type OpenedFeed,
  openFeed,
  postLine,
} from './feed';
import { buildFrame, type Frame, type FrameMemo, newFrameMemo } from './frame';
import { planScript, sessionLabScript, withScriptPaths } from './labScript';
import { defaultPrefs, type Prefs } from './prefs';
import { isReadOnlyLine } from './readOnlyLine';
import { replayEffect, withReadsNoted } from './replayLine';
import { copyLight, imageLight, snapshotLight } from './snapshotLight';
import { StreamedHead, type StreamedLine } from './streamedHead';
import {
  DEFAULT_TIMELINE,
  type Keyframe,
  Timeline,
  type TimelineInput,
  type TimelineOptions,
} from './timeline';
import { TraceQueries } from './traceQuery';

export interface ClusterSpec {
  workers: number;
  proxyMode: 'iptables' | 'ipvs';
  seed: number;
}

export const DEFAULT_SPEC: ClusterSpec = { workers: 2, proxyMode: 'iptables', seed: 1 };

/** One console line and what it printed. */
export interface TranscriptEntry {
  /** Simulated time when the line ran. */
  atMs: number;
  /** Simulated time when it was done (a `wait`, a `kubectl delete` that waits, let time pass). */
  doneMs?: number;
  line: string;
  output: string;
  ok: boolean;
  /** `kubectl get -w`: the watch it left open, whose rows follow the output. */
  follow?: FollowSpec;
  /** The rows it printed until the next command stopped it (set then). */
  followText?: string;
  /** Sent to the served cluster (attached); its answer has not come yet. */
  pending?: boolean;
  /** The line did not get an answer from the served cluster (attached): why. */
  problem?: AttachProblem;
  /**
   * A line that only looks (`kubectl get`, `describe`, `logs`…) run in the past: it ran on the
   * cluster as it was there, changed nothing, and the timeline's future stayed.
   */
  aside?: true;
}

/** A `wait` line under way. */
export interface WaitProgress {
  line: string;
  fromMs: number;
  toMs: number;
}

/** A `wait` run a slice at a time (createSimStore's `waitJob`). */
export interface WaitJob {
  readonly toMs: number;
  /** Let up to `sliceMs` more pass; true when the wait is over (its entry is in the transcript). */
  step(sliceMs: number): boolean;
  /** Stop here: the entry says how long it really waited (`wait 3h12m5s`), so a replay agrees. */
  stop(): void;
}

/** The served cluster the page follows (src/server's attach door). */
export interface AttachedState {
  /** The door's address as the link named it (never the token). */
  server: string;
  /**
   * `connecting`: waiting for the feed; `live`: following it; `lost`: the feed ended, the
   * timeline keeps what it brought; `failed`: it never came, the in-browser cluster is shown.
   */
  status: 'connecting' | 'live' | 'lost' | 'failed';
  problem: AttachProblem | null;
}

/** The rows of the `kubectl get -w` running at the cursor, as far as the cluster has got. */
export interface LiveFollow {
  /** Index of its transcript entry. */
  index: number;
  text: string;
  /** kubectl stopped by itself (a printer error, or the API server ended the stream). */
  ended: boolean;
}

/** A timeline recorded elsewhere (a walkthrough's checkpoints), adopted by the store. */
export interface Recording {
  keyframes: Keyframe[];
  inputs: TimelineInput[];
  /** Every trace entry of the recording, in order. */
  trace: TraceEntry[];
  transcript: TranscriptEntry[];
  /** Where the cursor lands. */
  cursorMs: number;
}

export interface SimStoreState {
  spec: ClusterSpec;
  /** The engine's state as the views see it. */
  frame: Frame;
  /** Simulated time at the cursor (moves every animation frame while playing). */
  nowMs: number;
  /** The latest simulated time on this branch (the end of the scrubber). */
  horizonMs: number;
  /** The first instant of this branch (the start of the scrubber). */
  startMs: number;
  /** Learner inputs on this branch (markers on the scrubber). */
  inputs: readonly TimelineInput[];
  playing: boolean;
  speed: number;
  /** Trace entries at or before the cursor on this branch (bumps when it changes). */
  traceCount: number;
  transcript: TranscriptEntry[];
  /** Selected scene element or object: a trace actor (`kubelet/worker-1`) or a ref (`pod/default/nginx`). */
  selection: string | null;
  prefs: Prefs;
  /** Scene ids a walkthrough step talks about (the scene dims the rest); empty = none. */
  highlight: readonly string[];
  /**
   * While a walkthrough shows a step, playback and stepping stop at this simulated instant (the
   * step's end) instead of running the cluster live past it; null = no limit.
   */
  playLimitMs: number | null;
  /** The side panel's open tab. */
  panel: PanelTab;
  /** A one-off message for the learner (corrupt saved data, …), as an i18n key. */
  notice: string | null;
  /** Lines under the notice (each URL parameter ignored and why), as i18n keys and params. */
  noticeDetails: readonly NoticeDetail[];
  /** Manifests `kubectl apply -f NAME` can read, by name. */
  files: Readonly<Record<string, string>>;
  /** The `kubectl get -w` following changes at the cursor (null when none). */
  follow: LiveFollow | null;
  /**
   * The served cluster this page follows, or null for the in-browser one. Attached, the feed
   * moves the clock (playing = following it live; pausing freezes the view, not the server),
   * the timeline keeps everything streamed for scrubbing and stepping, and console lines and
   * fault buttons are sent to the server: from the past they go back to live first.
   */
  attached: AttachedState | null;
  /** The simulated instant the clock counts from: when the cluster was created. */
  clockOriginMs: number;
  /** A `wait` running in slices (`waitJob`): the page shows its progress and can stop it. */
  waiting: WaitProgress | null;
  /** The last line acted in the past and dropped this much of the future (`undoDrop` brings it back). */
  dropped: { lines: number; ms: number } | null;

  play(): void;
  pause(): void;
  togglePlay(): void;
  setSpeed(speed: number): void;
  /** Let `realMs` of wall time pass at the current speed (the playback loop calls this). */
  tick(realMs: number): void;
  /** Run the engine to its next trace entry. */
  stepForward(): void;
  /** Go back to the instant of the previous trace entry. */
  stepBack(): void;
  seekTo(ms: number): void;
  /** One lab-script line (kubectl, break, repair, crash, request, proxy-rules, join, wait). */
  runLine(line: string): TranscriptEntry | null;
  /**
   * A `wait` line run in slices, for a caller that wants to show progress and let the learner
   * stop it (the worker): the same cluster as `runLine(line)` when run to the end. Null when the
   * line is not a valid wait (runLine says why) or the cluster is a served one.
   */
  waitJob(line: string): WaitJob | null;
  /** Undo the last line that acted in the past: its future comes back, the line is gone. */
  undoDrop(): void;
  /** Select a scene element or object; selecting opens the inspector. */
  select(id: string | null): void;
  setPanel(panel: PanelTab): void;
  setHighlight(ids: readonly string[]): void;
  setPlayLimit(ms: number | null): void;
  setPrefs(patch: Partial<Prefs>): void;
  setNotice(key: string | null, details?: readonly NoticeDetail[]): void;
  /**
   * Keep manifests for `kubectl apply -f NAME` (the manifest editor, a walkthrough's files);
   * they stay across new clusters. Replaces files of the same name.
   */
  putFiles(files: Readonly<Record<string, string>>): void;
  /** Start a fresh cluster (the history is dropped). */
  reset(spec?: Partial<ClusterSpec>): void;
  /**
   * Run a lab script on a new cluster (its `cluster` line, else the lab's default), as
   * `npm run lab` would: the cluster starts where a lab's does, `files` are the manifests its
   * `-f` lines read, and every line goes through the console. A script the app cannot show (a
   * misplaced `cluster` line, workers outside 1–10) changes nothing and says why.
   */
  runScript(text: string, files?: Readonly<Record<string, string>>): { error?: string };
  adoptRecording(recording: Recording, spec: ClusterSpec): void;
  /** Follow a served cluster (the page's `?server=…&token=…`); the timeline becomes its. */
  attach(target: AttachTarget): void;
  /** Open the feed again after it was lost (or never came). */
  reconnect(): void;
  /** Stop following the served cluster: a fresh in-browser cluster (if it was shown). */
  detach(): void;
  /** A store thrown away: its feed (if any) is closed. */
  dispose(): void;

  /** The stored object behind a ref such as `pod/default/nginx` or `node/worker-1`. */
  lookup(ref: string): KObject | undefined;
  /** The engine's state at the cursor, without the trace (exact: same bytes for the same instant). */
  snapshot(): string;
  /** kubectl's age of an object's timestamp at the cursor (`45s`, `2m3s`; `<unknown>` if absent). */
  age(timestamp: string | null | undefined): string;
  /** Trace entries visible at the cursor (oldest first); filter and limit applied. */
  traceEntries(filter?: (e: TraceEntry) => boolean, limit?: number): TraceEntry[];
  /** The session so far (up to the cursor) as a lab script that replays it exactly. */
  labScript(): string;
  /**
   * This branch's trace log itself, entries past the cursor included (`traceCount` of them are
   * visible). Appended to in place; a fork, the cap or a new cluster replaces it. Read only: the
   * worker mirrors it to the page.
   */
  traceLog(): readonly TraceEntry[];
}

export interface NoticeDetail {
  key: string;
  params?: Record<string, string | number>;
}

export interface SimStoreOptions {
  spec?: Partial<ClusterSpec>;
  prefs?: Prefs;
  notice?: string | null;
  noticeDetails?: readonly NoticeDetail[];
  panel?: PanelTab;
  /** Start playing at once (the app does; tests step by hand). */
  playing?: boolean;
  timeline?: TimelineOptions;
  /** Simulated ms to run before the learner sees the cluster (kubeadm boot). */
  bootMs?: number;
  /**
   * A simulation already made for `spec` (the app boots it in slices so the page stays
   * responsive); the store finishes its boot. Used once, by the first boot only.
   */
  sim?: Simulation;
  /** Longest wall-time step the playback takes at once (a hidden tab must not jump hours). */
  maxTickRealMs?: number;
  /**
   * Start attached to a served cluster: the feed the page opened (hello read), or why it could
   * not be opened (then the in-browser cluster runs and the learner may try again).
   */
  attach?: { target: AttachTarget; opened: OpenedFeed };
  /** How the store reaches a served cluster (tests pass a fake fetch). */
  feed?: FeedOptions;
}

export type SimStore = StoreApi<SimStoreState>;

export { snapshotLight };

export type PanelTab = 'walkthrough' | 'inspector' | 'events' | 'faults';

/** Trace entries kept for the timeline views (the engine keeps its own ring). */
const TRACE_LOG_MAX = 100_000;
/** Safety limit on engine steps taken by one stepForward. */
const STEP_LIMIT = 100_000;
export const BOOT_MS = 40_000;

/**
 * Boot a cluster for `spec` in slices of simulated time, yielding between them (`yieldNow`), so
 * a slow device never sees one long task. Advancing in slices gives exactly the state one
 * advance would (the engine runs the same events in the same order).
 */
export async function bootInSlices(
  spec: ClusterSpec,
  yieldNow: () => Promise<void>,
  sliceMs = 4_000,
): Promise<Simulation> {
  // The engine's chunk has just been evaluated (one task); creating the cluster is the next one.
  await yieldNow();
  // kubeadm's boot runs its first 2 s inside createSimulation (it labels the control plane).
  const sim = createSimulation({ ...spec, bootMs: 2_000 });
  while (sim.nowMs() < BOOT_MS) {
    await yieldNow();
    sim.advanceTo(Math.min(BOOT_MS, sim.nowMs() + sliceMs));
  }
  return sim;
}

export function createSimStore(options: SimStoreOptions = {}): SimStore {
  const timelineOptions = options.timeline ?? DEFAULT_TIMELINE;
  const maxTickRealMs = options.maxTickRealMs ?? 250;
  let spec: ClusterSpec = { ...DEFAULT_SPEC, ...options.spec };
  let sim: Simulation;
  let timeline: Timeline;
  let memo: FrameMemo = newFrameMemo();
  let version = 0;
  /** This branch's trace entries (the engine re-emits them when replaying; duplicates skipped). */
  let traceLog: TraceEntry[] = [];
  const queries = new TraceQueries();
  /** The manifests the console can apply (state.files mirrors it for the views). */
  let files = new Map<string, string>();
  let unsubscribe = () => {};
  /** Fraction of a simulated millisecond not yet played (slow speeds, short frames). */
  let carryMs = 0;
  /** followText results by follow, for the frames in between its events. */
  const followMemo = new WeakMap<
    FollowSpec,
    { key: string; events: readonly unknown[]; rows: { text: string; ended: boolean } }
  >();

  /** Attached: the replica following the served cluster (the timeline's live edge). */
  let head: StreamedHead | null = null;
  /** Attached: the engine at a cursor behind the live edge (`sim` is then this one). */
  let view: Simulation | null = null;
  let clockOrigin = 0;

  /** Collect `s`'s trace into this branch's (the engine re-emits entries when replaying). */
  const traceFrom = (s: Simulation) => {
    unsubscribe();
    unsubscribe = s.onTrace((e) => {
      const last = traceLog[traceLog.length - 1];
      if (last && e.seq <= last.seq) return;
      traceLog.push(e);
      if (traceLog.length > TRACE_LOG_MAX) traceLog = traceLog.slice(-TRACE_LOG_MAX / 2);
    });
  };

  const adoptSim = (s: Simulation) => {
    head = null;
    view = null;
    clockOrigin = 0;
    sim = s;
    sim.fileReader = (path) => files.get(path);
    traceFrom(s);
  };

  /**
   * Follow a served cluster from its feed's hello: a new timeline starting at its snapshot. The
   * replica reads no files (the server's cluster reads none: it must do what the server did).
   */
  const startFromHello = (replica: StreamedHead, hello: FeedHello) => {
    head = replica;
    view = null;
    sim = head.live;
    spec = specOf(hello.options);
    traceLog = sim.traceEntries().slice(-TRACE_LOG_MAX / 2);
    traceFrom(sim);
    timeline = new Timeline(
      { atMs: sim.nowMs(), snapshot: imageLight(sim), inputIndex: 0 },
      timelineOptions,
    );
    memo = newFrameMemo();
    clockOrigin = creationMs(sim);
  };

  let given = options.sim;
  const boot = (next: ClusterSpec, bootMs = options.bootMs ?? BOOT_MS) => {
    spec = next;
    const s =
      given ??
      createSimulation({
        workers: next.workers,
        proxyMode: next.proxyMode,
        seed: next.seed,
      });
    given = undefined;
    traceLog = s.traceEntries();
    adoptSim(s);
    sim.advanceTo(bootMs);
    timeline = new Timeline(
      { atMs: sim.nowMs(), snapshot: imageLight(sim), work: sim.state.processed },
      timelineOptions,
    );
    memo = newFrameMemo();
  };

  const initial = options.attach?.opened;
  if (initial && 'hello' in initial)
    startFromHello(new StreamedHead(initial.hello.snapshot), initial.hello);
  else boot(spec);
  /** Set by the store below: finishes attaching to the feed the page opened. */
  let attachInitial = () => {};

  /** Trace entries visible at the cursor: those the engine had emitted by now. */
  const visibleCount = () => {
    const end = sim.state.traceSeq;
    let hi = traceLog.length;
    while (hi > 0 && traceLog[hi - 1].seq >= end) hi--;
    return hi;
  };

  const store = createStore<SimStoreState>()(
    subscribeWithSelector((set, get) => {
      /** The rows of a follow entry whose watch is open at the cursor; undefined if none. */
      const liveRows = (
        entry: TranscriptEntry,
        at: Simulation = sim,
      ): { text: string; ended: boolean } | undefined => {
        if (!entry.follow) return undefined;
        const stream = at.watchEvents(entry.follow.watchId);
        if (!stream) return undefined;
        const key = `${entry.follow.watchId}:${stream.events.length}:${stream.ended}`;
        const memo = followMemo.get(entry.follow);
        if (memo && memo.key === key && memo.events === stream.events) return memo.rows;
        const t = followText(entry.follow, stream);
        const rows = { text: t.rows.join(''), ended: t.ended };
        followMemo.set(entry.follow, { key, events: stream.events, rows });
        return rows;
      };

      /** The entry following changes at the cursor (the newest open watch). */
      const liveFollow = (transcript: readonly TranscriptEntry[]): LiveFollow | null => {
        for (let i = transcript.length - 1; i >= 0; i--) {
          const e = transcript[i];
          if (!e.follow || e.followText !== undefined) continue;
          const rows = liveRows(e);
          if (rows) return { index: i, text: rows.text, ended: rows.ended };
        }
        return null;
      };

      /** Publish the engine's state to the views. */
      const publish = (extra: Partial<SimStoreState> = {}) => {
        const s = get();
        const transcript = extra.transcript ?? s.transcript;
        const follow = liveFollow(transcript);
        const same =
          follow === s.follow ||
          (follow !== null &&
            s.follow !== null &&
            follow.index === s.follow.index &&
            follow.text === s.follow.text &&
            follow.ended === s.follow.ended);
        const traceCount = visibleCount();
        // The engine changed only if its trace moved (or a reset/adoption bumped the version).
        const frameStale = s.frame.version !== version || s.traceCount !== traceCount;
        if (frameStale) version++;
        set({
          ...extra,
          ...(same ? {} : { follow }),
          nowMs: sim.nowMs(),
          horizonMs: timeline.horizonMs,
          startMs: timeline.startMs,
          inputs: timeline.inputs,
          traceCount,
          ...(frameStale ? { frame: buildFrame(sim, version, memo) } : {}),
          spec,
        });
      };

      /** Move the engine to `targetMs` on this branch, exactly. */
      const moveTo = (targetMs: number) => {
        if (head) return moveAttached(targetMs);
        const now = sim.nowMs();
        if (targetMs <= timeline.horizonMs) {
          const landing = timeline.landing(targetMs);
          // Forward from the cursor (the cluster there has had the inputs before it) unless a
          // keyframe on the way is nearer, or an input between is known by its keyframes only.
          const from = timeline.inputsAt(now);
          if (
            landing >= now &&
            timeline.keyframeAt(landing).atMs <= now &&
            timeline.replayable(from, timeline.inputsAt(landing))
          )
            replayTo(from, landing);
          else restoreAt(landing);
          return;
        }
        // Past the horizon: first reach it exactly, then run live.
        if (now < timeline.horizonMs) moveTo(timeline.horizonMs);
        advanceLive(targetMs);
      };

      const restoreAt = (ms: number) => {
        const k = timeline.keyframeAt(ms);
        if (head) {
          // Attached: the replica stays at the live edge; the cursor gets an engine of its own.
          if (view) view.restore(k.snapshot);
          else view = new Simulation(stateFrom(k.snapshot));
          if (sim !== view) {
            sim = view;
            version++;
          }
          head.replay(view, k.inputIndex ?? 0, ms);
          return;
        }
        sim.restore(k.snapshot);
        // A recording's keyframe is JSON: parsed once, then kept as an image (cheaper next time).
        if (typeof k.snapshot === 'string') timeline.keepImage(k, imageLight(sim));
        replayTo(k.inputIndex ?? 0, ms);
      };

      /**
       * Bring `sim`, which has had the first `from` inputs, to `ms` exactly: each input after
       * them up to `ms` runs again at its instant (timeline.ts), the engine advancing between.
       */
      const replayTo = (from: number, ms: number) => {
        const inputs = timeline.inputs;
        const end = timeline.inputsAt(ms);
        for (let i = from; i < end; i++) {
          const effect = timeline.effectOf(i);
          if (effect) replayEffect(sim, effect, inputs[i].fromMs);
        }
        sim.advanceTo(ms);
      };

      /**
       * Attached: a cursor before the live edge is reached on the cursor's own engine; the live
       * edge is the replica itself, when playing (following the feed), else a copy of it.
       */
      const moveAttached = (targetMs: number) => {
        const live = (head as StreamedHead).live;
        const landing = timeline.landing(targetMs);
        if (landing >= timeline.horizonMs && get().playing) return followLive();
        const now = sim.nowMs();
        if (sim !== live && landing >= now && !timeline.inputBetween(now, landing))
          sim.advanceTo(landing);
        else if (sim !== live || landing < now) restoreAt(landing);
      };

      const followLive = () => {
        if (!head || sim === head.live) return;
        sim = head.live;
        version++;
      };

      const isFollowing = () => head !== null && sim === head.live;

      /**
       * The engine's work so far on this branch: the messages it has handled (watch deliveries,
       * timers, CRI calls), which is what a replay runs again. (The trace counts only some.)
       */
      const workDone = () => sim.state.processed;

      /**
       * Wall time the engine ran on this branch since the last keyframe: what a keyframe now
       * would spare a seek, weighed against what the last one took to take (timeline.ts).
       */
      let spentMs = 0;

      const takeKeyframe = (now: number, work: number) => {
        const started = performance.now();
        const image = imageLight(sim);
        timeline.extend(now, image, timeline.inputs.length, work, performance.now() - started);
        spentMs = 0;
      };

      /** Run the live edge forward, with a keyframe now and then. */
      const advanceLive = (targetMs: number) => {
        // The engine's clock is integer milliseconds; a fractional target would never be reached.
        targetMs = Math.floor(targetMs);
        // A keyframe is due by time or by the engine's work, checked at every instant the engine
        // has something to do (so a busy second is cut where its work adds up) and at least
        // every simulated second.
        const every = Math.min(1_000, Math.max(1, timelineOptions.keyframeEveryMs));
        let now = sim.nowMs();
        while (now < targetMs) {
          const due = sim.nextEventAtMs() ?? Number.POSITIVE_INFINITY;
          const started = performance.now();
          sim.advanceTo(Math.min(targetMs, now + every, Math.max(now + 1, due)));
          spentMs += performance.now() - started;
          now = sim.nowMs();
          const work = workDone();
          if (timeline.keyframeDue(now, work, spentMs)) takeKeyframe(now, work);
          else timeline.extend(now);
        }
      };

      /** A new cluster, its own timeline, an empty transcript (no longer attached). */
      const startFresh = (next: ClusterSpec, bootMs?: number) => {
        endAttachment();
        boot(next, bootMs);
        version++;
        undo = null;
        set({ transcript: [], selection: null, clockOriginMs: 0, dropped: null });
        publish();
      };

      /** Acting at the cursor: drop the future first (what it drops can be undone once). */
      const forkHere = () => {
        const now = sim.nowMs();
        undo = null;
        if (now >= timeline.horizonMs) {
          if (get().dropped) set({ dropped: null });
          return;
        }
        const before = get().transcript;
        undo = { timeline: timeline.clone(), transcript: before, traceLog, atMs: now };
        set({
          dropped: {
            lines: before.filter((t) => t.atMs > now).length,
            ms: timeline.horizonMs - now,
          },
        });
        timeline.fork(now);
        traceLog = traceLog.slice(0, visibleCount());
        // A `get -w` stopped later on this branch is running again at the fork.
        set({
          transcript: get()
            .transcript.filter((t) => t.atMs <= now)
            .map((t) =>
              t.follow && t.followText !== undefined && sim.watchEvents(t.follow.watchId)
                ? { ...t, followText: undefined }
                : t,
            ),
        });
      };

      /** The branch as it was before the last line that acted in the past. */
      let undo: {
        timeline: Timeline;
        transcript: TranscriptEntry[];
        traceLog: TraceEntry[];
        atMs: number;
      } | null = null;

      /**
       * A line that only looks, in the past: run on a copy of the cluster at the cursor; the
       * entry joins the transcript at that instant and nothing else changes.
       */
      const lookBack = (line: string): TranscriptEntry => {
        const now = sim.nowMs();
        const copy = new Simulation(copyLight(sim));
        copy.fileReader = (path) => files.get(path);
        let output: string;
        let ok: boolean;
        try {
          ({ output, ok } = runLabLine(line, { host: copy }));
        } catch (err) {
          output = `error: ${err instanceof Error ? err.message : String(err)}\n`;
          ok = false;
        }
        const entry: TranscriptEntry = { atMs: now, doneMs: now, line, output, ok, aside: true };
        const transcript = get().transcript;
        let i = transcript.length;
        while (i > 0 && transcript[i - 1].atMs > now) i--;
        publish({ transcript: [...transcript.slice(0, i), entry, ...transcript.slice(i)] });
        return entry;
      };

      /** Keep the rows of every open `get -w` in its entry before a command stops it. */
      const freezeFollows = (at: Simulation = sim) => {
        const transcript = get().transcript;
        let changed = false;
        const next = transcript.map((e) => {
          if (!e.follow || e.followText !== undefined) return e;
          changed = true;
          return { ...e, followText: liveRows(e, at)?.text ?? '' };
        });
        if (changed) set({ transcript: next });
      };

      // ---- attached to a served cluster ------------------------------------------------------

      let feed: Feed | null = null;
      let target: AttachTarget | null = options.attach?.target ?? null;
      /** Bumps when a feed is opened or dropped: answers for an older one are ignored. */
      let attachSeq = 0;
      /** This page's lines whose feed line has not come yet, oldest first. */
      let unmatched: { line: string; cell: { entry: TranscriptEntry } }[] = [];

      const setAttached = (status: AttachedState['status'], problem: AttachProblem | null) => {
        if (target) set({ attached: { server: target.server, status, problem } });
      };

      /** Replace a transcript entry (found by identity) with a patched copy. */
      const patchEntry = (cell: { entry: TranscriptEntry }, patch: Partial<TranscriptEntry>) => {
        const next = { ...cell.entry, ...patch };
        const transcript = get().transcript;
        const i = transcript.indexOf(cell.entry);
        cell.entry = next;
        if (i < 0) return;
        const copy = transcript.slice();
        copy[i] = next;
        set({ transcript: copy });
      };

      /** A line the served cluster ran: this page's (its time and watch) or someone else's. */
      const streamedLine = (l: StreamedLine) => {
        const i = unmatched.findIndex((u) => u.line === l.line);
        if (i >= 0) {
          const [mine] = unmatched.splice(i, 1);
          patchEntry(mine.cell, {
            atMs: l.atMs,
            doneMs: l.doneMs,
            ...(l.follow ? { follow: l.follow } : {}),
          });
          return;
        }
        const entry: TranscriptEntry = {
          atMs: l.atMs,
          doneMs: l.doneMs,
          line: l.line,
          output: l.output,
          ok: l.ok,
          ...(l.follow ? { follow: l.follow } : {}),
        };
        set({ transcript: [...get().transcript, entry] });
      };

      const onBatch = (batch: ClusterInput[]) => {
        if (!head) return;
        const live = head.live;
        let lines: StreamedLine[];
        try {
          lines = head.apply(batch, timeline, timelineOptions.keyframeEveryMs, (line) => {
            // A command (not a wait) stops a `kubectl get -w`: keep the rows it had.
            const parsed = parseLabLine(line);
            if (parsed.kind === 'command' && parsed.verb !== 'wait') freezeFollows(live);
          });
        } catch {
          // The engine could not apply an input: this page no longer holds the served cluster.
          // The timeline up to it stands; the replica is rebuilt from it, and Reconnect resumes.
          dropFeed();
          const k = timeline.keyframeAt(timeline.horizonMs);
          live.restore(k.snapshot);
          head.replay(live, k.inputIndex ?? 0, timeline.horizonMs);
          traceLog = traceLog.filter((e) => e.seq < live.state.traceSeq);
          version++;
          setAttached('lost', 'protocol');
          publish();
          return;
        }
        for (const l of lines) streamedLine(l);
        publish();
      };

      const dropFeed = () => {
        attachSeq++;
        feed?.close();
        feed = null;
      };

      const listen = (f: Feed) => {
        const seq = attachSeq;
        feed = f;
        f.listen({
          inputs: (batch) => {
            if (seq === attachSeq) onBatch(batch);
          },
          end: (problem) => {
            if (seq !== attachSeq) return;
            feed = null;
            setAttached('lost', problem);
          },
        });
      };

      /** The feed came (or did not): follow it, continuing this timeline when it can. */
      const adoptOpened = (opened: OpenedFeed) => {
        if ('problem' in opened) {
          setAttached(head ? 'lost' : 'failed', opened.problem);
          return;
        }
        const candidate = new StreamedHead(opened.hello.snapshot);
        const replica = candidate.live;
        // The same cluster later (created at the same instant, its clock and trace further on);
        // a restarted server's is another cluster, with a timeline of its own.
        const continues =
          head !== null &&
          creationMs(replica) === clockOrigin &&
          replica.nowMs() >= timeline.horizonMs &&
          replica.state.traceSeq >= head.live.state.traceSeq;
        if (head && continues) {
          // The same cluster, later: the gap is skipped, the history before it kept.
          const lastSeq = head.live.state.traceSeq;
          head.rebase(replica.state, timeline);
          for (const e of head.live.traceEntries()) if (e.seq >= lastSeq) traceLog.push(e);
          followLive();
        } else {
          startFromHello(candidate, opened.hello);
          unmatched = [];
          set({ transcript: [], selection: null });
        }
        version++;
        listen(opened.feed);
        setAttached('live', null);
        publish({ playing: true, clockOriginMs: clockOrigin });
      };

      const connect = (t: AttachTarget) => {
        dropFeed();
        target = t;
        const seq = attachSeq;
        setAttached('connecting', null);
        openFeed(t, options.feed).then((opened) => {
          if (seq === attachSeq) adoptOpened(opened);
          else if ('feed' in opened) opened.feed.close();
        });
      };

      /** Leave the served cluster (its timeline stays until a new cluster replaces it). */
      const endAttachment = () => {
        dropFeed();
        target = null;
        unmatched = [];
        if (get().attached) set({ attached: null });
      };

      /** A console line (or fault button) while attached: sent to the served cluster. */
      const sendLine = (line: string): TranscriptEntry | null => {
        if (!head || !target) return null;
        // The served cluster only acts now: a command from the past goes back to live first.
        followLive();
        const live = head.live;
        const cell = {
          entry: {
            atMs: live.nowMs(),
            doneMs: live.nowMs(),
            line,
            output: '',
            ok: true,
            pending: true,
          } as TranscriptEntry,
        };
        unmatched.push({ line, cell });
        publish({ playing: true, transcript: [...get().transcript, cell.entry] });
        postLine(target, line, options.feed).then((answer) => {
          if ('problem' in answer) {
            // Not run (or not known to be): a feed line with this text is someone else's.
            unmatched = unmatched.filter((u) => u.cell !== cell);
            patchEntry(cell, { pending: false, ok: false, problem: answer.problem });
          } else patchEntry(cell, { pending: false, output: answer.output, ok: answer.ok });
          publish();
        });
        return cell.entry;
      };

      attachInitial = () => {
        const opened = options.attach?.opened;
        if (!opened) return;
        if ('problem' in opened) return setAttached('failed', opened.problem);
        listen(opened.feed);
        setAttached('live', null);
        // At the live edge of a served cluster, playing is following it.
        set({ playing: true });
      };

      const initial = options.prefs ?? defaultPrefs();
      return {
        spec,
        frame: buildFrame(sim, version, memo),
        nowMs: sim.nowMs(),
        horizonMs: timeline.horizonMs,
        startMs: timeline.startMs,
        inputs: timeline.inputs,
        playing: options.playing ?? false,
        speed: initial.speed,
        traceCount: traceLog.length,
        transcript: [],
        selection: null,
        prefs: initial,
        panel: options.panel ?? 'inspector',
        highlight: [],
        playLimitMs: null,
        notice: options.notice ?? null,
        noticeDetails: options.noticeDetails ?? [],
        files: {},
        follow: null,
        attached: options.attach
          ? { server: options.attach.target.server, status: 'connecting', problem: null }
          : null,
        clockOriginMs: clockOrigin,
        waiting: null,
        dropped: null,

        play: () => set({ playing: true }),
        pause: () => {
          // Attached: the view stops at this instant; the served cluster goes on.
          if (isFollowing()) {
            restoreAt(sim.nowMs());
            publish({ playing: false });
          } else set({ playing: false });
        },
        togglePlay: () => (get().playing ? get().pause() : get().play()),
        setSpeed: (speed) => {
          set({ speed, prefs: { ...get().prefs, speed } });
        },
        tick: (realMs) => {
          const s = get();
          if (!s.playing || realMs <= 0) return;
          // Following a served cluster live, its feed moves the clock.
          if (isFollowing()) return;
          // Whole simulated milliseconds only; the fraction is carried to the next frame.
          carryMs += Math.min(realMs, maxTickRealMs) * s.speed;
          const simMs = Math.floor(carryMs);
          carryMs -= simMs;
          if (simMs === 0) return;
          const target = sim.nowMs() + simMs;
          moveTo(s.playLimitMs === null ? target : Math.min(target, s.playLimitMs));
          publish();
        },
        stepForward: () => {
          // Attached: what comes next has not happened yet at the live edge; stepping pauses.
          if (isFollowing()) return get().pause();
          set({ playing: false });
          const startSeq = sim.state.traceSeq;
          const limit = head ? timeline.horizonMs : get().playLimitMs;
          for (let i = 0; i < STEP_LIMIT && sim.state.traceSeq === startSeq; i++) {
            let at = sim.nextEventAtMs();
            // A streamed request or line is a step of its own.
            const input = head ? timeline.nextInputAfter(sim.nowMs()) : undefined;
            if (input !== undefined && (at === undefined || input < at)) at = input;
            if (at === undefined || (limit !== null && at > limit)) break;
            moveTo(at);
          }
          publish({ playing: false });
        },
        stepBack: () => {
          const now = sim.nowMs();
          const count = visibleCount();
          // The newest entry strictly before now, else the one before the newest at now.
          let target = timeline.startMs;
          for (let i = count - 1; i >= 0; i--) {
            if (traceLog[i].timeMs < now) {
              target = traceLog[i].timeMs;
              break;
            }
          }
          restoreAt(timeline.landing(target));
          publish({ playing: false });
        },
        seekTo: (ms) => {
          if (head && ms >= timeline.horizonMs) {
            // Attached: the end of the timeline is the served cluster now: follow it.
            followLive();
            publish({ playing: true });
            return;
          }
          moveTo(Math.min(ms, timeline.horizonMs));
          publish();
        },
        runLine: (line) => {
          const trimmed = line.trim();
          if (!trimmed) return null;
          if (head) return parseLabLine(trimmed).kind === 'skip' ? null : sendLine(trimmed);
          if (sim.nowMs() < timeline.horizonMs && isReadOnlyLine(trimmed)) return lookBack(trimmed);
          forkHere();
          const fromMs = sim.nowMs();
          // `wait` only lets time pass: it runs like playback (keyframes on the way), so every
          // instant inside it stays reachable; it has nothing to replay. Other lines are atomic
          // spans on the timeline, replayed from the keyframe before them (timeline.ts).
          const isWait = /^wait(\s|$)/.test(trimmed);
          // The next command stops a `kubectl get -w`: its rows so far stay in the transcript.
          if (!isWait && parseLabLine(trimmed).kind === 'command') freezeFollows();
          if (isWait) timeline.recordInput({ fromMs, toMs: fromMs, line: trimmed }, null);
          const host = isWait ? advancingLive(sim, (ms) => advanceLive(sim.nowMs() + ms)) : sim;
          const started = performance.now();
          const [result, effect] = withReadsNoted(sim, trimmed, (): LabLineResult => {
            try {
              return runLabLine(trimmed, { host });
            } catch (err) {
              // The engine guards its verbs; this is a last line of defence, never a crash.
              const output = `error: ${err instanceof Error ? err.message : String(err)}\n`;
              return { output, ok: false, skipped: false };
            }
          });
          const { output, ok, skipped, follow } = result;
          if (skipped) return null;
          if (!isWait) {
            // (A wait's time is counted as it runs, in advanceLive.)
            spentMs += performance.now() - started;
            timeline.recordInput({ fromMs, toMs: sim.nowMs(), line: trimmed }, effect);
            const now = sim.nowMs();
            if (timeline.keyframeDueAfterInput(now, workDone(), spentMs))
              takeKeyframe(now, workDone());
          }
          const entry: TranscriptEntry = {
            atMs: fromMs,
            doneMs: sim.nowMs(),
            line: trimmed,
            output,
            ok,
            ...(follow ? { follow } : {}),
          };
          publish({ transcript: [...get().transcript, entry] });
          return entry;
        },
        waitJob: (line) => {
          const trimmed = line.trim();
          const parsed = parseLabLine(trimmed);
          if (head || parsed.kind !== 'command' || parsed.verb !== 'wait') return null;
          const d = parsed.args.length === 1 ? parseGoDuration(parsed.args[0]) : null;
          if (!d || 'error' in d || d.ms < 0 || d.ms > MAX_WAIT_MS) return null;
          forkHere();
          const fromMs = sim.nowMs();
          const toMs = fromMs + Math.round(d.ms);
          // As runLine's wait: an input that is not atomic, every instant in it reachable.
          timeline.recordInput({ fromMs, toMs: fromMs, line: trimmed }, null);
          publish({ waiting: { line: trimmed, fromMs, toMs } });
          let over = false;
          const finish = (text: string) => {
            over = true;
            const entry: TranscriptEntry = {
              atMs: fromMs,
              doneMs: sim.nowMs(),
              line: text,
              output: '',
              ok: true,
            };
            publish({ waiting: null, transcript: [...get().transcript, entry] });
          };
          return {
            toMs,
            step: (sliceMs) => {
              if (over) return true;
              advanceLive(Math.min(toMs, sim.nowMs() + sliceMs));
              if (sim.nowMs() < toMs) {
                publish();
                return false;
              }
              finish(trimmed);
              return true;
            },
            stop: () => {
              if (!over) finish(`wait ${formatGoDuration(sim.nowMs() - fromMs)}`);
            },
          };
        },
        undoDrop: () => {
          if (!undo || head) return;
          const u = undo;
          undo = null;
          timeline = u.timeline;
          traceLog = u.traceLog;
          restoreAt(timeline.landing(u.atMs));
          version++;
          set({ transcript: u.transcript, dropped: null });
          publish();
        },
        select: (id) => set(id ? { selection: id, panel: 'inspector' } : { selection: null }),
        setPanel: (panel) => set({ panel }),
        setHighlight: (ids) => set({ highlight: ids }),
        setPlayLimit: (ms) => set({ playLimitMs: ms }),
        setPrefs: (patch) => set({ prefs: { ...get().prefs, ...patch } }),
        setNotice: (key, details = []) => set({ notice: key, noticeDetails: details }),
        putFiles: (more) => {
          files = new Map([...files, ...Object.entries(more)]);
          set({ files: Object.fromEntries(files) });
        },
        runScript: (text, more = {}) => {
          const plan = planScript(text);
          if ('error' in plan) return { error: plan.error };
          get().putFiles(withScriptPaths(plan.lines, more));
          startFresh(plan.cluster, LAB_CLUSTER_READY_MS);
          for (const line of plan.lines) get().runLine(line);
          return {};
        },
        reset: (patch) => startFresh({ ...spec, ...patch }),
        attach: (t) => connect(t),
        reconnect: () => {
          if (target) connect(target);
        },
        dispose: () => dropFeed(),
        detach: () => {
          const shown = head !== null;
          endAttachment();
          if (shown) startFresh(spec);
        },
        adoptRecording: (rec, recSpec) => {
          spec = recSpec;
          const first = rec.keyframes[0];
          const s = new Simulation(stateFrom(first.snapshot));
          traceLog = [...rec.trace];
          endAttachment();
          adoptSim(s);
          timeline = Timeline.fromRecording(rec.keyframes, rec.inputs, timelineOptions);
          memo = newFrameMemo();
          restoreAt(timeline.landing(rec.cursorMs));
          version++;
          undo = null;
          set({
            transcript: [...rec.transcript],
            selection: null,
            playing: false,
            clockOriginMs: 0,
            dropped: null,
          });
          publish();
        },
        lookup: (ref) => lookupRef(sim, ref),
        snapshot: () => snapshotLight(sim),
        age: (timestamp) => formatAge(timestamp ?? '', sim.nowMs()),
        labScript: () =>
          sessionLabScript(
            spec,
            // A look at the past changed nothing: a replay has no need of it.
            get().transcript.filter((e) => !e.aside),
            LAB_CLUSTER_READY_MS,
            timeline.startMs,
            sim.nowMs(),
            (line) => {
              const parsed = parseLabLine(line);
              return parsed.kind === 'command' && parsed.verb !== 'cluster';
            },
            Object.fromEntries(files),
          ),
        traceLog: () => traceLog,
        traceEntries: (filter, limit = Number.POSITIVE_INFINITY) => {
          if (filter) return queries.query(traceLog, visibleCount(), filter, limit);
          const out: TraceEntry[] = [];
          for (let i = visibleCount() - 1; i >= 0 && out.length < limit; i--) out.push(traceLog[i]);
          return out.reverse();
        },
      };
    }),
  );
  attachInitial();
  return store;
}

/** The engine as a lab host whose clock moves through `advanceBy` (the store's live edge). */
function advancingLive(sim: Simulation, advanceBy: (ms: number) => void): LabHost {
  return {
    call: (req, as) => sim.call(req, as),
    nowMs: () => sim.nowMs(),
    advanceBy,
    serverAddress: sim.serverAddress,
    readFile: (path) => sim.readFile(path),
    nodeNames: () => sim.nodeNames(),
    breakComponent: (c, node) => sim.breakComponent(c, node),
    repairComponent: (c, node) => sim.repairComponent(c, node),
    crash: (pod, container) => sim.crash(pod, container),
    request: (service, count) => sim.request(service, count),
    proxyRules: (node) => sim.proxyRules(node),
    joinNode: (name) => sim.joinNode(name),
    watchEvents: (id) => sim.watchEvents(id),
    stopWatches: () => sim.stopWatches(),
  };
}

/** `pod/default/nginx`, `node/worker-1`, `service/default/web` → the stored object. */
export function lookupRef(sim: Simulation, ref: string): KObject | undefined {
  const [kind, a, b] = ref.split('/');
  if (!kind || !a) return undefined;
  const resource = RESOURCE_BY_SINGULAR[kind];
  if (!resource) return undefined;
  const key = b === undefined ? a : `${a}/${b}`;
  return sim.store(resource)[key];
}

const RESOURCE_BY_SINGULAR: Record<string, string> = {
  pod: 'pods',
  node: 'nodes',
  namespace: 'namespaces',
  service: 'services',
  event: 'events',
  serviceaccount: 'serviceaccounts',
  configmap: 'configmaps',
  deployment: 'deployments',
  replicaset: 'replicasets',
  daemonset: 'daemonsets',
  statefulset: 'statefulsets',
  controllerrevision: 'controllerrevisions',
  secret: 'secrets',
  job: 'jobs',
  cronjob: 'cronjobs',
  endpointslice: 'endpointslices',
  lease: 'leases',
};

/** The spec a served cluster was made with, as far as the page can make one like it. */
function specOf(options: FeedHello['options']): ClusterSpec {
  const { workers, proxyMode, seed } = options;
  return {
    workers:
      Number.isInteger(workers) && workers >= 1 && workers <= 10 ? workers : DEFAULT_SPEC.workers,
    proxyMode: proxyMode === 'ipvs' ? 'ipvs' : 'iptables',
    seed: Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31 ? seed : DEFAULT_SPEC.seed,
  };
}

/**
 * When the cluster was created (kubeadm init made kube-system then): a served cluster's clock
 * is the wall clock's, so the page counts from there, as it does from 0 for its own.
 */
function creationMs(sim: Simulation): number {
  const stamp = lookupRef(sim, 'namespace/kube-system')?.metadata.creationTimestamp;
  const ms = stamp ? Date.parse(stamp) - EPOCH_MS : Number.NaN;
  return Number.isFinite(ms) && ms >= 0 && ms <= sim.nowMs() ? ms : 0;
}
