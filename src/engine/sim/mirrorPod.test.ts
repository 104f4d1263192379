import { describe, expect, it } from 'vitest';
import { runLabLine } from '../lab';
import { createSimulation } from './bootstrap';

describe('a static pod’s mirror pod', () => {
  it('comes back when deleted, and the static pod keeps running (static-pods.md)', () => {
    const sim = createSimulation({ workers: 0, seed: 2 });
    const key = 'kube-system/kube-scheduler-control-plane';
    const before = sim.store('pods')[key];
    const containers = Object.values(sim.state.nodes['control-plane'].runtime.containers).filter(
      (c) => c.name === 'kube-scheduler' && c.state === 'running',
    );
    const out = runLabLine('kubectl delete pod -n kube-system kube-scheduler-control-plane', {
      host: sim,
    });
    expect(out.output).toBe(
      'pod "kube-scheduler-control-plane" deleted from kube-system namespace\n',
    );
    // kubectl waited for the old object only, not five minutes.
    expect(sim.nowMs()).toBeLessThan(31_000);
    sim.advanceBy(2_000);
    const after = sim.store('pods')[key];
    expect(after).toBeDefined();
    expect(after.metadata.uid).not.toBe(before.metadata.uid);
    expect(after.metadata.deletionTimestamp).toBeUndefined();
    expect(after.metadata.annotations?.['kubernetes.io/config.mirror']).toBeDefined();
    expect(after.status?.phase).toBe('Running');
    const still = Object.values(sim.state.nodes['control-plane'].runtime.containers).filter(
      (c) => c.name === 'kube-scheduler' && c.state === 'running',
    );
    expect(still.map((c) => c.id)).toEqual(containers.map((c) => c.id));
  });
});
