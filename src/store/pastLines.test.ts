import { describe, expect, it } from 'vitest';
import { createSimStore } from './createSimStore';

/** Issue 12, row 3: three deployments 20 s apart, then 40 steps back. */
function threeDeployments() {
  const store = createSimStore({ spec: { workers: 2, seed: 1 } });
  const s = () => store.getState();
  for (const name of ['a', 'b', 'c']) {
    s().runLine(`kubectl create deployment ${name} --image=nginx`);
    s().runLine('wait 20s');
  }
  for (let i = 0; i < 40; i++) s().stepBack();
  return store;
}

describe('a line in the past', () => {
  it('that only looks runs on the cluster as it was there and drops nothing', () => {
    const store = threeDeployments();
    const s = () => store.getState();
    const horizon = s().horizonMs;
    const inputs = s().inputs;
    const lines = s().transcript.map((t) => t.line);
    const at = s().nowMs;
    expect(at).toBeLessThan(horizon);
    const entry = s().runLine('kubectl get deploy');
    expect(entry?.aside).toBe(true);
    expect(entry?.atMs).toBe(at);
    // The third deployment (made after the cursor) is not there yet, but it is not lost either.
    expect(entry?.output).not.toMatch(/^c\s/m);
    expect(s().horizonMs).toBe(horizon);
    expect(s().inputs).toBe(inputs);
    expect(s().dropped).toBeNull();
    expect(
      s()
        .transcript.filter((t) => !t.aside)
        .map((t) => t.line),
    ).toEqual(lines);
    expect(s().nowMs).toBe(at);
    s().seekTo(horizon);
    expect(s().frame.pods.filter((p) => p.name.startsWith('c-'))).toHaveLength(1);
    // A replay of the session needs no look at the past.
    expect(s().labScript()).not.toContain('kubectl get deploy');
  });

  it('that acts drops the future, says how much, and Undo brings it back', () => {
    const store = threeDeployments();
    const s = () => store.getState();
    const horizon = s().horizonMs;
    const transcript = s().transcript;
    const at = s().nowMs;
    const later = transcript.filter((t) => t.atMs > at).length;
    expect(later).toBeGreaterThan(0);
    s().runLine('kubectl create deployment d --image=nginx');
    expect(s().dropped).toEqual({ lines: later, ms: horizon - at });
    expect(s().horizonMs).toBeLessThan(horizon);
    s().undoDrop();
    expect(s().dropped).toBeNull();
    expect(s().horizonMs).toBe(horizon);
    expect(s().transcript).toBe(transcript);
    expect(s().nowMs).toBe(at);
    s().seekTo(horizon);
    const names = s().frame.pods.map((p) => p.name.split('-')[0]);
    expect(names).toContain('c');
    expect(names).not.toContain('d');
    // The next line at the live edge drops nothing: no offer to undo.
    s().runLine('kubectl get pods');
    expect(s().dropped).toBeNull();
  });
});
