import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import { createTestPod } from '../testing/pods';
import { createSimulation } from './bootstrap';

const conditionTypes = (pod: KObject | undefined) =>
  (pod?.status?.conditions ?? []).map(
    (c: { type: string; status: string }) => `${c.type}=${c.status}`,
  );

describe('PodScheduled on pods the scheduler never saw', () => {
  // kubelet_pods.go generateAPIPodStatus: "When kubelet sees the pod, `PodScheduled` condition
  // must be true."
  it('a mirror pod of a static pod reports PodScheduled=True', () => {
    const sim = createSimulation({ workers: 1, seed: 3 });
    const pod = sim.store('pods')['kube-system/kube-apiserver-control-plane'];
    expect(conditionTypes(pod)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
  });

  it('a pod created with spec.nodeName gets it from the kubelet, with no extra status write', () => {
    const sim = createSimulation({ workers: 2, seed: 3 });
    let writes = 0;
    sim.onTrace((e) => {
      if (
        e.kind === 'api' &&
        e.object === 'pod/default/pinned' &&
        e.summary.startsWith('update status')
      )
        writes++;
    });
    const res = createTestPod(sim, { name: 'pinned' }, { nodeName: 'worker-1' });
    expect(res.ok).toBe(true);
    sim.advanceBy(20_000);
    const pod = sim.store('pods')['default/pinned'];
    expect(pod.status?.phase).toBe('Running');
    expect(conditionTypes(pod)).toContain('PodScheduled=True');
    const scheduled = pod.status.conditions.find(
      (c: { type: string }) => c.type === 'PodScheduled',
    );
    // Set when the kubelet first saw the pod, and kept since.
    expect(scheduled.lastTransitionTime).toBe(pod.status.startTime);
    // Pending, sandbox ready and Running: the same three writes as a scheduled pod whose image
    // is pulled (the first pod on the node pulls nginx, so one more while it is created).
    expect(writes).toBe(4);
  });
});
