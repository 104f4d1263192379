import { describe, expect, it } from 'vitest';
import { bootInSlices, createSimStore } from './createSimStore';

const small = { keyframeEveryMs: 5_000, maxKeyframes: 8 };

/** Play `simMs` of simulated time at 16× through the playback tick. */
function play(store: ReturnType<typeof createSimStore>, simMs: number) {
  const s = store.getState();
  s.setSpeed(16);
  s.play();
  for (let t = 0; t < simMs; t += 16 * 100) store.getState().tick(100);
  store.getState().pause();
}

describe('sim store', () => {
  it('boots a cluster and publishes its nodes', () => {
    const store = createSimStore();
    const { frame } = store.getState();
    expect(frame.nodes.map((n) => `${n.name} ${n.status}`)).toEqual([
      'control-plane Ready',
      'worker-1 Ready',
      'worker-2 Ready',
    ]);
    expect(frame.control.apiserver).toBe('up');
  });

  it('a cluster booted in slices is exactly the one booted at once', async () => {
    const spec = { workers: 2, proxyMode: 'iptables' as const, seed: 1 };
    let yields = 0;
    const sim = await bootInSlices(spec, async () => {
      yields++;
    });
    expect(yields).toBeGreaterThan(5);
    const sliced = createSimStore({ spec, sim });
    const atOnce = createSimStore({ spec });
    expect(sliced.getState().snapshot()).toBe(atOnce.getState().snapshot());
    expect(sliced.getState().traceEntries()).toEqual(atOnce.getState().traceEntries());
  });

  it('runs console lines; errors become transcript lines, never exceptions', () => {
    const store = createSimStore();
    const ok = store.getState().runLine('kubectl run nginx --image=nginx');
    expect(ok?.output).toBe('pod/nginx created\n');
    const bad = store.getState().runLine('frobnicate');
    expect(bad?.ok).toBe(false);
    expect(bad?.output).toMatch(/^error: unknown command/);
    expect(store.getState().runLine('   ')).toBeNull();
    expect(store.getState().transcript.map((t) => t.line)).toEqual([
      'kubectl run nginx --image=nginx',
      'frobnicate',
    ]);
  });

  it('scrubbing back and forth lands on exactly the state a straight run had', () => {
    const straight = createSimStore({ timeline: small });
    straight.getState().runLine('kubectl create deployment web --image=nginx --replicas=3');
    const marks = new Map<number, string>();
    for (let i = 0; i < 12; i++) {
      play(straight, 4_000);
      marks.set(straight.getState().nowMs, straight.getState().snapshot());
    }
    straight.getState().runLine('break apiserver');
    play(straight, 20_000);
    marks.set(straight.getState().nowMs, straight.getState().snapshot());

    const times = [...marks.keys()];
    // Jump around: backwards, forwards, twice to the same place.
    for (const t of [times[3], times[10], times[0], times[12], times[5], times[5], times[1]]) {
      straight.getState().seekTo(t);
      expect(straight.getState().nowMs).toBe(t);
      expect(straight.getState().snapshot()).toBe(marks.get(t));
    }
  });

  it('playing from the past replays recorded inputs and rejoins the live edge', () => {
    const store = createSimStore({ timeline: small });
    const t0 = store.getState().nowMs;
    play(store, 10_000);
    store.getState().runLine('kubectl run nginx --image=nginx');
    play(store, 30_000);
    const end = store.getState().nowMs;
    const atEnd = store.getState().snapshot();
    store.getState().seekTo(t0);
    expect(store.getState().frame.pods.some((p) => p.name === 'nginx')).toBe(false);
    play(store, end - t0);
    expect(store.getState().nowMs).toBe(end);
    expect(store.getState().snapshot()).toBe(atEnd);
    expect(store.getState().frame.pods.find((p) => p.name === 'nginx')?.status).toBe('Running');
  });

  it('every instant inside a console wait stays reachable, exactly', () => {
    const straight = createSimStore({ timeline: small });
    straight.getState().runLine('kubectl run nginx --image=nginx');
    const t0 = straight.getState().nowMs;
    const marks = new Map<number, string>();
    for (let i = 0; i < 6; i++) {
      play(straight, 3_000);
      marks.set(straight.getState().nowMs, straight.getState().snapshot());
    }
    const waited = createSimStore({ timeline: small });
    waited.getState().runLine('kubectl run nginx --image=nginx');
    expect(waited.getState().nowMs).toBe(t0);
    waited.getState().runLine('wait 30s');
    expect(waited.getState().nowMs).toBe(t0 + 30_000);
    for (const [t, snap] of marks) {
      waited.getState().seekTo(t);
      expect(waited.getState().nowMs).toBe(t);
      expect(waited.getState().snapshot()).toBe(snap);
    }
    waited.getState().seekTo(t0 + 30_000);
    waited.getState().stepBack();
    expect(waited.getState().nowMs).toBeLessThan(t0 + 30_000);
  });

  it('acting in the past forks: the future and its transcript are dropped', () => {
    const store = createSimStore({ timeline: small });
    play(store, 5_000);
    const mid = store.getState().nowMs;
    play(store, 5_000);
    store.getState().runLine('kubectl run late --image=nginx');
    play(store, 10_000);
    store.getState().seekTo(mid);
    store.getState().runLine('kubectl run early --image=nginx');
    const s = store.getState();
    expect(s.transcript.map((t) => t.line)).toEqual(['kubectl run early --image=nginx']);
    expect(s.horizonMs).toBe(mid);
    expect(s.frame.pods.map((p) => p.name)).toContain('early');
    expect(s.frame.pods.map((p) => p.name)).not.toContain('late');
    expect(s.traceEntries().every((e) => e.timeMs <= mid)).toBe(true);
  });

  it('steps forward one traced instant at a time and back again', () => {
    const store = createSimStore();
    store.getState().runLine('kubectl run nginx --image=nginx');
    const before = store.getState().traceCount;
    const t0 = store.getState().nowMs;
    store.getState().stepForward();
    const s1 = store.getState();
    expect(s1.traceCount).toBeGreaterThan(before);
    const newest = s1.traceEntries(undefined, 1)[0];
    expect(newest.timeMs).toBe(s1.nowMs);
    store.getState().stepForward();
    const t2 = store.getState().nowMs;
    expect(t2).toBeGreaterThan(s1.nowMs);
    store.getState().stepBack();
    expect(store.getState().nowMs).toBe(s1.nowMs);
    expect(store.getState().nowMs).toBeGreaterThanOrEqual(t0);
  });

  it('plays fractional frame times without stalling or drifting', () => {
    const store = createSimStore();
    const t0 = store.getState().nowMs;
    store.getState().setSpeed(0.25);
    store.getState().play();
    for (let i = 0; i < 120; i++) store.getState().tick(16.7);
    // 120 frames × 16.7 ms × 0.25 = 501 ms (less a float rounding at most).
    const played = store.getState().nowMs - t0;
    expect(played).toBeGreaterThanOrEqual(500);
    expect(played).toBeLessThanOrEqual(501);
    store.getState().setSpeed(16);
    store.getState().tick(16.7);
    expect(store.getState().nowMs - t0 - played).toBeGreaterThanOrEqual(267);
  });

  it('scrubs exactly after a long run (keyframes thinned on the way)', () => {
    const store = createSimStore({ timeline: small });
    play(store, 10 * 60_000);
    expect(store.getState().horizonMs).toBeGreaterThan(10 * 60_000);
    const t = store.getState().startMs + 123_456;
    store.getState().seekTo(t);
    expect(store.getState().nowMs).toBe(t);
  });
});
