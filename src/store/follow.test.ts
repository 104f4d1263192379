/**
 * `kubectl get -w` in the console: rows follow the cluster while it plays, the next command
 * stops the watch and keeps the rows, time travel shows the rows of that instant, and the
 * session's lab script replays to the same cluster.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, runLab } from '../engine';
import { createSimStore } from './createSimStore';

function play(store: ReturnType<typeof createSimStore>, simMs: number) {
  const s = store.getState();
  s.setSpeed(16);
  s.play();
  for (let t = 0; t < simMs; t += 16 * 100) store.getState().tick(100);
  store.getState().pause();
}

describe('kubectl get -w in the console', () => {
  it('follows changes while the cluster plays, until the next command', () => {
    const store = createSimStore({ timeline: { keyframeEveryMs: 5_000, maxKeyframes: 40 } });
    store.getState().runLine('kubectl get pods -w');
    expect(store.getState().follow).toEqual({ index: 0, text: '', ended: false });
    store.getState().runLine('kubectl run web --image=nginx');
    // The run stopped the first watch: its rows (none) are kept.
    expect(store.getState().transcript[0].followText).toBe('');
    expect(store.getState().follow).toBeNull();

    store.getState().runLine('kubectl get pods -w');
    const startMs = store.getState().nowMs;
    play(store, 10_000);
    const live = store.getState().follow;
    expect(live?.index).toBe(2);
    expect(live?.text).toMatch(/^web +0\/1 +Pending +0 +0s\n/);
    expect(live?.text).toMatch(/web +1\/1 +Running +0 +\d+s\n$/);

    // Back in time: the rows are those the watch had delivered then.
    const endMs = store.getState().nowMs;
    store.getState().seekTo(startMs + 1);
    const early = store.getState().follow?.text ?? '';
    expect(live?.text.startsWith(early)).toBe(true);
    expect(early.length).toBeLessThan(live?.text.length ?? 0);
    store.getState().seekTo(endMs);
    expect(store.getState().follow?.text).toBe(live?.text);

    store.getState().runLine('kubectl get pods');
    expect(store.getState().follow).toBeNull();
    expect(store.getState().transcript[2].followText).toBe(live?.text);
    expect(store.getState().snapshot()).not.toContain('"watches"');

    // The session as a lab script is the same cluster and prints the same rows.
    const script = store.getState().labScript();
    const replay = createSimulation({ workers: 2, proxyMode: 'iptables', seed: 1 });
    const { transcript } = runLab(script, { createHost: () => replay, readFile: () => undefined });
    expect(transcript).toContain(live?.text);
  });

  it('a command in the past starts the watch again from there', () => {
    const store = createSimStore({ timeline: { keyframeEveryMs: 5_000, maxKeyframes: 40 } });
    store.getState().runLine('kubectl run web --image=nginx');
    store.getState().runLine('kubectl get pods -w');
    const startMs = store.getState().nowMs;
    play(store, 8_000);
    store.getState().runLine('kubectl get pods');
    expect(store.getState().follow).toBeNull();
    store.getState().seekTo(startMs + 3_000);
    // Acting in the past forks: the stopped watch is open again at this instant.
    store.getState().runLine('wait 1s');
    expect(store.getState().transcript.map((t) => t.line)).toEqual([
      'kubectl run web --image=nginx',
      'kubectl get pods -w',
      'wait 1s',
    ]);
    expect(store.getState().transcript[1].followText).toBeUndefined();
    expect(store.getState().follow?.index).toBe(1);
  });
});
