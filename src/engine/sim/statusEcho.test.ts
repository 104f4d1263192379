import { describe, expect, it } from 'vitest';
import { KCM_USER, type KObject } from '../api/types';
import { createTestPod } from '../testing/pods';
import { createSimulation } from './bootstrap';
import type { Simulation } from './simulation';

function runPod(sim: Simulation, name: string): KObject {
  const res = createTestPod(sim, { name });
  expect(res.ok).toBe(true);
  sim.advanceBy(15_000);
  const pod = sim.store('pods')[`default/${name}`];
  expect(pod.status?.phase).toBe('Running');
  return pod;
}

const ready = (pod: KObject) =>
  pod.status.conditions.find((c: { type: string }) => c.type === 'Ready')?.status;

describe('status-only pod updates reaching the kubelet (config.go checkAndUpdatePod)', () => {
  it('the kubelet puts back a Ready condition someone else overwrote', () => {
    const sim = createSimulation({ workers: 2, seed: 5 });
    const pod = runPod(sim, 'web');
    // What the node controller's MarkPodsNotReady writes, with the kubelet healthy.
    const conditions = pod.status.conditions.map((c: Record<string, unknown>) =>
      c.type === 'Ready' ? { ...c, status: 'False' } : c,
    );
    const res = sim.api('test', KCM_USER, {
      verb: 'update',
      resource: 'pods',
      subresource: 'status',
      namespace: 'default',
      name: 'web',
      body: { ...pod, status: { ...pod.status, conditions } },
    });
    expect(res.ok).toBe(true);
    expect(ready(sim.store('pods')['default/web'])).toBe('False');
    sim.advanceBy(1_000);
    expect(ready(sim.store('pods')['default/web'])).toBe('True');
  });

  it('the echo of the kubelet’s own status write does not wake the pod worker', () => {
    const sim = createSimulation({ workers: 1, seed: 5 });
    const syncs: string[] = [];
    const dispatch = (sim as unknown as { dispatch(m: { t: string; uid?: string }): void })
      .dispatch;
    (sim as unknown as { dispatch(m: { t: string; uid?: string }): void }).dispatch = function (m) {
      if (m.t === 'kubelet/sync' && m.uid) syncs.push(m.uid);
      dispatch.call(this, m);
    };
    const pod = runPod(sim, 'web');
    const mine = syncs.filter((u) => u === pod.metadata.uid).length;
    // Admission, after the sandbox, after the image pull and after create: each
    // step of the pod worker, and no more (each of its 4 status writes used to add one).
    expect(mine).toBe(4);
  });
});
