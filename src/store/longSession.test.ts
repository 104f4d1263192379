import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine';
import { createSimStore, type SimStore } from './createSimStore';
import { snapshotDiff } from './snapshotDiff';
import { snapshotLight } from './snapshotLight';
import type { TimelineOptions } from './timeline';

/** Small, so a short session thins its keyframes several times. */
const small: TimelineOptions = {
  keyframeEveryMs: 5_000,
  maxKeyframes: 6,
  keyframeEveryInputs: 4,
  keyframeEveryWork: 400,
};

const manifest = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx
`;

/**
 * A session of every kind of line: files the manifest dialog changes afterwards, a watch, a line
 * that lets time pass, faults, requests, a new node, and many small reads (thinning). `at(ms)`
 * is called at instants inside waits, to take the straight run's state there.
 */
function session(
  store: SimStore,
  stops: readonly number[] = [],
  at: (ms: number) => void = () => {},
): void {
  const s = () => store.getState();
  const pending = [...stops].sort((a, b) => a - b);
  const run = (line: string) => {
    const m = /^wait (\d+)s$/.exec(line);
    if (!m) {
      s().runLine(line);
      return;
    }
    // A wait split at the stops inside it is the same cluster (it only lets time pass).
    const end = s().nowMs + Number(m[1]) * 1_000;
    while (pending.length > 0 && pending[0] <= end) {
      const stop = pending.shift() as number;
      if (stop < s().nowMs) continue;
      s().runLine(`wait ${stop - s().nowMs}ms`);
      at(stop);
    }
    s().runLine(`wait ${end - s().nowMs}ms`);
  };
  s().putFiles({ 'web.yaml': manifest(2) });
  run('kubectl apply -f web.yaml');
  // The dialog changes the file: the line above still replays with what it read.
  s().putFiles({ 'web.yaml': manifest(3) });
  run('kubectl get pods -w');
  run('wait 7s');
  run('kubectl run solo --image=nginx');
  run('kubectl expose deployment web --port=80');
  run('wait 6s');
  run('request web 4');
  run('kubectl delete pod solo');
  run('break kubelet worker-1');
  run('wait 9s');
  run('repair kubelet worker-1');
  run('kubectl apply -f web.yaml');
  run('join node worker-3');
  run('kubectl scale deployment web --replicas=5');
  for (let i = 0; i < 30; i++) {
    run(i % 3 === 0 ? 'request web 2' : 'kubectl get pods');
    run('wait 1s');
  }
  run('kubectl get nodes');
  run('wait 12s');
}

/**
 * The cluster at its instant once everything due then has run, as a seek there shows it (a line
 * leaves what it scheduled for now to the next advance).
 */
function settled(snapshot: string): string {
  const sim = new Simulation(JSON.parse(snapshot));
  sim.advanceTo(sim.nowMs());
  return snapshotLight(sim);
}

describe('a long session', () => {
  it('1,200 console lines keep memory bounded and each line fast (issue 12, row 4)', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const store = createSimStore();
    const times: number[] = [];
    for (let i = 0; i < 1_200; i++) {
      const started = performance.now();
      store.getState().runLine(i % 2 === 0 ? 'kubectl get pods' : 'wait 1s');
      times.push(performance.now() - started);
    }
    gc();
    const grownMB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    // Two snapshots pinned per line were ~280 MB here (~1 GB on the page).
    expect(grownMB).toBeLessThan(100);
    times.sort((a, b) => a - b);
    expect(times[times.length / 2]).toBeLessThan(50);
    expect(store.getState().inputs).toHaveLength(1_200);
    // The start is still exactly reachable, and the end.
    const end = store.getState().snapshot();
    store.getState().seekTo(0);
    store.getState().seekTo(store.getState().horizonMs);
    expect(store.getState().snapshot()).toBe(end);
  });

  it('seeking to every input boundary gives the straight run’s bytes, keyframes thinned', () => {
    const straight = createSimStore({ timeline: small });
    const boundaries = new Map<number, string>();
    const s = () => straight.getState();
    const runLine = s().runLine;
    // Each line's instant as the straight run left it (the last at an instant wins, as a seek).
    straight.setState({
      runLine: (line) => {
        const entry = runLine(line);
        boundaries.set(s().nowMs, settled(s().snapshot()));
        return entry;
      },
    });
    session(straight);
    const instants = [...boundaries.keys()];
    expect(instants.length).toBeGreaterThan(30);
    // Back to front, then in a scrambled order (forward moves replay from the cursor).
    const order = [...instants.reverse(), ...instants.filter((_, i) => i % 7 === 3), ...instants];
    for (const ms of order) {
      s().seekTo(ms);
      expect(s().nowMs).toBe(ms);
      expect(snapshotDiff(s().snapshot(), boundaries.get(ms) as string), `at ${ms} ms`).toBe('');
    }
  });

  it('seeking to random instants gives the bytes a straight run had there', () => {
    const store = createSimStore({ timeline: small });
    session(store);
    const start = store.getState().startMs;
    const span = store.getState().horizonMs - start;
    // A seeded walk (no Math.random in a test either: a failure must replay).
    let x = 12_345;
    const next = () => {
      x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
      return x / 2 ** 31;
    };
    const targets = Array.from({ length: 40 }, () => start + Math.floor(next() * span));
    const landings = targets.map((t) => {
      store.getState().seekTo(t);
      return store.getState().nowMs;
    });
    const got = new Map<number, string>();
    for (let i = 0; i < targets.length; i++) {
      store.getState().seekTo(targets[i]);
      got.set(landings[i], store.getState().snapshot());
    }
    // The straight run stops at the same instants inside its waits.
    const straight = createSimStore();
    const want = new Map<number, string>();
    session(straight, [...got.keys()], (ms) => want.set(ms, straight.getState().snapshot()));
    let compared = 0;
    for (const [ms, snap] of want) {
      compared++;
      expect(snapshotDiff(got.get(ms) as string, snap), `at ${ms} ms`).toBe('');
    }
    expect(compared).toBeGreaterThan(20);
  });
});

describe('a line in the past of a long session (keyframes thinned)', () => {
  it('that looks drops nothing; one that acts says what it drops, and Undo brings back the same bytes', () => {
    const store = createSimStore({ timeline: small });
    session(store);
    const s = () => store.getState();
    const end = s().snapshot();
    const horizon = s().horizonMs;
    s().seekTo(s().startMs + Math.floor((horizon - s().startMs) / 2));
    const at = s().nowMs;
    const here = s().snapshot();
    const inputs = s().inputs;

    const look = s().runLine('kubectl get pods');
    expect(look?.aside).toBe(true);
    expect(s().dropped).toBeNull();
    expect(s().horizonMs).toBe(horizon);
    expect(s().inputs).toBe(inputs);
    expect(s().snapshot()).toBe(here);

    const later = s().transcript.filter((t) => !t.aside && t.atMs > at).length;
    expect(later).toBeGreaterThan(20);
    s().runLine('kubectl scale deployment web --replicas=1');
    expect(s().dropped).toEqual({ lines: later, ms: horizon - at });
    s().undoDrop();
    expect(s().dropped).toBeNull();
    expect(s().nowMs).toBe(at);
    expect(snapshotDiff(s().snapshot(), here)).toBe('');
    s().seekTo(horizon);
    expect(snapshotDiff(s().snapshot(), end)).toBe('');
  });
});
