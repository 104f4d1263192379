import { describe, expect, it } from 'vitest';
import { createSimulation, runLabLine } from '../engine';
import { cookState } from '../kitchen/model';
import { buildFrame, newFrameMemo } from './frame';

describe('frame', () => {
  it('reads node STATUS as kubectl get nodes prints it', () => {
    const sim = createSimulation({ workers: 2, seed: 1 });
    runLabLine('kubectl cordon worker-2', { host: sim });
    // A Node object without a Ready condition (kubectl: Unknown, not NotReady).
    const nodes = sim.store('nodes');
    nodes['worker-1'] = { ...nodes['worker-1'], status: {} };
    const frame = buildFrame(sim, 0, newFrameMemo());
    expect(frame.nodes.map((n) => `${n.name} ${n.status}`)).toEqual([
      'control-plane Ready',
      'worker-1 Unknown',
      'worker-2 Ready,SchedulingDisabled',
    ]);
  });

  it('keeps the view object of a pod that did not change', () => {
    const sim = createSimulation({ workers: 2, seed: 1 });
    const memo = newFrameMemo();
    const first = buildFrame(sim, 0, memo);
    sim.advanceBy(1_000);
    const second = buildFrame(sim, 1, memo);
    expect(second.pods.length).toBeGreaterThan(0);
    second.pods.forEach((p, i) => {
      expect(p).toBe(first.pods[i]);
    });
  });

  it('shows a cook with an empty crate while a pull fails (ErrImagePull, ImagePullBackOff)', () => {
    const sim = createSimulation({ workers: 1, seed: 1 });
    runLabLine('kubectl run typo --image=nginx:no-such-tag', { host: sim });
    const memo = newFrameMemo();
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      sim.advanceBy(1_000);
      const frame = buildFrame(sim, i, memo);
      const pod = frame.pods.find((p) => p.name === 'typo');
      const c = pod?.containers[0];
      if (!pod || !c) continue;
      const node = frame.nodes.find((n) => n.name === pod.nodeName);
      const look = frame.runtime[`${pod.uid}/${c.name}`];
      if (c.reason === 'ErrImagePull' || c.reason === 'ImagePullBackOff') {
        seen.add(c.reason);
        expect(cookState(c, pod, node?.pulling ?? [], look || undefined)).toBe('pullFailed');
      }
    }
    expect([...seen].sort()).toEqual(['ErrImagePull', 'ImagePullBackOff']);
  });
});
