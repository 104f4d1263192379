import { describe, expect, it } from 'vitest';
import { runLabLine } from '../lab';
import { createSimulation } from './bootstrap';
import { K8S } from './defaults';
import type { Simulation } from './simulation';

function kubectl(sim: Simulation, line: string): string {
  return runLabLine(line, { host: sim }).output;
}

function podsOf(sim: Simulation, prefix: string) {
  return Object.values(sim.store('pods')).filter((p) => String(p.metadata.name).startsWith(prefix));
}

describe('kubectl scale deploy x --replicas=100000 on a small cluster', () => {
  it('climbs at the controllers rate, fills each node to 110 pods, leaves the rest Pending', () => {
    const sim = createSimulation({ workers: 2, seed: 5 });
    kubectl(sim, 'kubectl create deployment x --image=nginx');
    sim.advanceBy(10_000);
    expect(kubectl(sim, 'kubectl scale deploy x --replicas=100000')).toBe(
      'deployment.apps/x scaled\n',
    );
    const startMs = sim.state.nowMs;
    const startEvents = sim.state.processed;
    const startBytes = sim.snapshot().length;
    let busiest = 0;
    for (let s = 0; s < 120; s += 10) {
      const before = sim.state.processed;
      sim.advanceBy(10_000);
      busiest = Math.max(busiest, (sim.state.processed - before) / 10);
    }
    const seconds = (sim.state.nowMs - startMs) / 1000;
    const pods = podsOf(sim, 'x-');
    // The ReplicaSet controller's client: its burst, then 20 a second (one status write and the
    // wait for its own pods between syncs cost a little).
    const { qps, burst } = K8S.kcmClient;
    expect(pods.length).toBeLessThanOrEqual(1 + burst + qps * seconds);
    expect(pods.length).toBeGreaterThan(qps * seconds * 0.9);
    // Every worker is full: kube-proxy and 109 of ours.
    for (const node of ['worker-1', 'worker-2'])
      expect(Object.values(sim.store('pods')).filter((p) => p.spec.nodeName === node).length).toBe(
        110,
      );
    const pending = pods.filter((p) => !p.spec.nodeName);
    expect(pending.length).toBe(pods.length - 2 * 109);
    // A Pending pod says why, in the scheduler's words.
    const cond = pending[0].status.conditions.find(
      (c: { type: string }) => c.type === 'PodScheduled',
    );
    expect(cond.reason).toBe('Unschedulable');
    expect(cond.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Too many pods. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
    expect(kubectl(sim, `kubectl describe pod ${pending[0].metadata.name}`)).toContain(
      'FailedScheduling',
    );
    // A pod bound to a full node by hand gets past the scheduler, not past the kubelet.
    sim.call({
      verb: 'create',
      resource: 'pods',
      namespace: 'default',
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'pinned' },
        spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'nginx' }] },
      },
    });
    sim.advanceBy(2_000);
    const pinned = sim.store('pods')['default/pinned'];
    expect(pinned.status.phase).toBe('Failed');
    expect(pinned.status.reason).toBe('OutOfpods');
    expect(pinned.status.message).toBe(
      "Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: 110, capacity: 110",
    );
    // Bounded work and memory: what a few thousand pods cost, not a hundred thousand.
    expect((sim.state.processed - startEvents) / seconds).toBeLessThan(500);
    expect(busiest).toBeLessThan(1_500);
    expect(sim.snapshot().length - startBytes).toBeLessThan(30e6);
  });
});
