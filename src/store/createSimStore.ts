/**
 * The store: the one place that owns a running engine. Views read `frame` (and the few other
 * plain fields) through `useSim(selector)` and call the actions; they never touch the engine.
 *
 * Time travel is exact: `seekTo` restores the keyframe before the target and lets the engine run
 * up to it (see timeline.ts). Acting in the past forks the timeline: the future is dropped.
 */

import { subscribeWithSelector } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FollowSpec, KObject, LabHost, TraceEntry } from '../engine';
import {
  createSimulation,
  followText,
  formatAge,
  LAB_CLUSTER_READY_MS,
  parseLabLine,
  runLabLine,
  Simulation,
} from '../engine';
import { buildFrame, type Frame, type FrameMemo, newFrameMemo } from './frame';
import { planScript, sessionLabScript, withScriptPaths } from './labScript';
import { defaultPrefs, type Prefs } from './prefs';
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
  /** Manifests `kubectl apply -f NAME` can read, by name. */
  files: Readonly<Record<string, string>>;
  /** The `kubectl get -w` following changes at the cursor (null when none). */
  follow: LiveFollow | null;

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
  /** Select a scene element or object; selecting opens the inspector. */
  select(id: string | null): void;
  setPanel(panel: PanelTab): void;
  setHighlight(ids: readonly string[]): void;
  setPlayLimit(ms: number | null): void;
  setPrefs(patch: Partial<Prefs>): void;
  setNotice(key: string | null): void;
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
}

export interface SimStoreOptions {
  spec?: Partial<ClusterSpec>;
  prefs?: Prefs;
  notice?: string | null;
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
}

export type SimStore = StoreApi<SimStoreState>;

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

  const attach = (s: Simulation) => {
    unsubscribe();
    sim = s;
    sim.fileReader = (path) => files.get(path);
    unsubscribe = sim.onTrace((e) => {
      const last = traceLog[traceLog.length - 1];
      if (last && e.seq <= last.seq) return;
      traceLog.push(e);
      if (traceLog.length > TRACE_LOG_MAX) traceLog = traceLog.slice(-TRACE_LOG_MAX / 2);
    });
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
    attach(s);
    sim.advanceTo(bootMs);
    timeline = new Timeline({ atMs: sim.nowMs(), snapshot: snapshotLight(sim) }, timelineOptions);
    memo = newFrameMemo();
  };

  boot(spec);

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
      const liveRows = (entry: TranscriptEntry): { text: string; ended: boolean } | undefined => {
        if (!entry.follow) return undefined;
        const stream = sim.watchEvents(entry.follow.watchId);
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
        const now = sim.nowMs();
        if (targetMs <= timeline.horizonMs) {
          const landing = timeline.landing(targetMs);
          if (landing >= now && !timeline.inputBetween(now, landing)) sim.advanceTo(landing);
          else restoreAt(landing);
          return;
        }
        // Past the horizon: first reach it exactly, then run live.
        if (now < timeline.horizonMs) moveTo(timeline.horizonMs);
        advanceLive(targetMs);
      };

      const restoreAt = (ms: number) => {
        const k = timeline.keyframeAt(ms);
        sim.restore(k.snapshot);
        sim.advanceTo(ms);
      };

      /** Run the live edge forward, with a keyframe now and then. */
      const advanceLive = (targetMs: number) => {
        // The engine's clock is integer milliseconds; a fractional target would never be reached.
        targetMs = Math.floor(targetMs);
        const every = Math.max(1_000, timelineOptions.keyframeEveryMs);
        let now = sim.nowMs();
        while (now < targetMs) {
          const next = Math.min(targetMs, now + every);
          sim.advanceTo(next);
          now = sim.nowMs();
          timeline.extend(now, timeline.keyframeDue(now) ? snapshotLight(sim) : undefined);
        }
      };

      /** A new cluster, its own timeline, an empty transcript. */
      const startFresh = (next: ClusterSpec, bootMs?: number) => {
        boot(next, bootMs);
        version++;
        set({ transcript: [], selection: null });
        publish();
      };

      /** Acting at the cursor: drop the future first. */
      const forkHere = () => {
        const now = sim.nowMs();
        if (now >= timeline.horizonMs) return;
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

      /** Keep the rows of every open `get -w` in its entry before a command stops it. */
      const freezeFollows = () => {
        const transcript = get().transcript;
        let changed = false;
        const next = transcript.map((e) => {
          if (!e.follow || e.followText !== undefined) return e;
          changed = true;
          return { ...e, followText: liveRows(e)?.text ?? '' };
        });
        if (changed) set({ transcript: next });
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
        files: {},
        follow: null,

        play: () => set({ playing: true }),
        pause: () => set({ playing: false }),
        togglePlay: () => set({ playing: !get().playing }),
        setSpeed: (speed) => {
          set({ speed, prefs: { ...get().prefs, speed } });
        },
        tick: (realMs) => {
          const s = get();
          if (!s.playing || realMs <= 0) return;
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
          const startSeq = sim.state.traceSeq;
          const limit = get().playLimitMs;
          for (let i = 0; i < STEP_LIMIT && sim.state.traceSeq === startSeq; i++) {
            const at = sim.nextEventAtMs();
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
          moveTo(Math.min(ms, timeline.horizonMs));
          publish();
        },
        runLine: (line) => {
          const trimmed = line.trim();
          if (!trimmed) return null;
          forkHere();
          const fromMs = sim.nowMs();
          const before = snapshotLight(sim);
          // `wait` only lets time pass: it runs like playback (keyframes on the way), so every
          // instant inside it stays reachable. Other lines are atomic spans on the timeline.
          const isWait = /^wait(\s|$)/.test(trimmed);
          // The next command stops a `kubectl get -w`: its rows so far stay in the transcript.
          if (!isWait && parseLabLine(trimmed).kind === 'command') freezeFollows();
          if (isWait) timeline.recordInput({ fromMs, toMs: fromMs, line: trimmed }, before, before);
          const host = isWait ? advancingLive(sim, (ms) => advanceLive(sim.nowMs() + ms)) : sim;
          let output: string;
          let ok: boolean;
          let skipped = false;
          let follow: FollowSpec | undefined;
          try {
            const result = runLabLine(trimmed, { host });
            output = result.output;
            ok = result.ok;
            skipped = result.skipped;
            follow = result.follow;
          } catch (err) {
            // The engine guards its verbs; this is a last line of defence, never a crash.
            output = `error: ${err instanceof Error ? err.message : String(err)}\n`;
            ok = false;
          }
          if (skipped) return null;
          if (!isWait) {
            timeline.recordInput(
              { fromMs, toMs: sim.nowMs(), line: trimmed },
              before,
              snapshotLight(sim),
            );
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
        select: (id) => set(id ? { selection: id, panel: 'inspector' } : { selection: null }),
        setPanel: (panel) => set({ panel }),
        setHighlight: (ids) => set({ highlight: ids }),
        setPlayLimit: (ms) => set({ playLimitMs: ms }),
        setPrefs: (patch) => set({ prefs: { ...get().prefs, ...patch } }),
        setNotice: (key) => set({ notice: key }),
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
        adoptRecording: (rec, recSpec) => {
          spec = recSpec;
          const first = rec.keyframes[0];
          const s = new Simulation(JSON.parse(first.snapshot));
          traceLog = [...rec.trace];
          attach(s);
          timeline = Timeline.fromRecording(rec.keyframes, rec.inputs, timelineOptions);
          memo = newFrameMemo();
          restoreAt(timeline.landing(rec.cursorMs));
          version++;
          set({ transcript: [...rec.transcript], selection: null, playing: false });
          publish();
        },
        lookup: (ref) => lookupRef(sim, ref),
        snapshot: () => snapshotLight(sim),
        age: (timestamp) => formatAge(timestamp ?? '', sim.nowMs()),
        labScript: () =>
          sessionLabScript(
            spec,
            get().transcript,
            LAB_CLUSTER_READY_MS,
            timeline.startMs,
            sim.nowMs(),
            (line) => {
              const parsed = parseLabLine(line);
              return parsed.kind === 'command' && parsed.verb !== 'cluster';
            },
            Object.fromEntries(files),
          ),
        traceEntries: (filter, limit = Number.POSITIVE_INFINITY) => {
          if (filter) return queries.query(traceLog, visibleCount(), filter, limit);
          const out: TraceEntry[] = [];
          for (let i = visibleCount() - 1; i >= 0 && out.length < limit; i--) out.push(traceLog[i]);
          return out.reverse();
        },
      };
    }),
  );
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

/**
 * The engine's snapshot without its trace ring: the store keeps the trace itself, and the ring
 * would make every keyframe megabytes long. Nothing in the engine reads old trace entries.
 */
export function snapshotLight(sim: Simulation): string {
  const s = sim.state;
  const trace = s.trace;
  const head = s.traceHead;
  s.trace = [];
  s.traceHead = 0;
  try {
    return sim.snapshot();
  } finally {
    s.trace = trace;
    s.traceHead = head;
  }
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
