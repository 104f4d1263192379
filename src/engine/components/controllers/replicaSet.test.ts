import { describe, expect, it } from 'vitest';
import { runLabLine } from '../../lab';
import { createSimulation } from '../../sim/bootstrap';
import { K8S } from '../../sim/defaults';
import type { Simulation } from '../../sim/simulation';
import { ACTOR } from '../../trace';

function createReplicaSet(sim: Simulation, name: string, replicas: number): void {
  const res = sim.call({
    verb: 'create',
    resource: 'replicasets',
    namespace: 'default',
    body: {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] },
        },
      },
    },
  });
  expect(res.ok).toBe(true);
}

/** When the controller manager's pod creations reached the API server (simulated ms). */
function recordCreations(sim: Simulation): number[] {
  const times: number[] = [];
  sim.onTrace((e) => {
    if (e.from === ACTOR.kcm && e.kind === 'api' && e.summary.startsWith('create pods/'))
      times.push(e.timeMs);
  });
  return times;
}

describe('ReplicaSet controller under its client rate limit', () => {
  it('creates at the burst, then at --kube-api-qps (20/s), 500 a sync at most', () => {
    const sim = createSimulation({ workers: 2, seed: 3 });
    const times = recordCreations(sim);
    createReplicaSet(sim, 'web', 700);
    sim.advanceBy(60_000);
    expect(times.length).toBe(700);
    const t0 = times[0];
    const { qps, burst } = K8S.kcmClient;
    const gapMs = 1000 / qps;
    // The bucket starts full: `burst` creations at once, then one per token.
    for (let i = 0; i < burst; i++) expect(times[i]).toBe(t0);
    for (let i = burst; i < K8S.replicaSetBurstReplicas; i++)
      expect(times[i] - t0).toBe((i - burst + 1) * gapMs);
    // The second sync waits for the first one's 500 pods to be seen (expectations), and its
    // own status write took a token in between.
    const first500 = times[K8S.replicaSetBurstReplicas - 1];
    expect(times[K8S.replicaSetBurstReplicas]).toBeGreaterThan(first500);
    // All of them at the client's rate: what the bucket held, then one per 50 ms (plus what it
    // refilled while the controller waited to see its pods).
    const allMs = times[699] - t0;
    expect(allMs).toBeGreaterThanOrEqual((700 - burst) * gapMs - 1000);
    expect(allMs).toBeLessThan((700 - burst) * gapMs + 1000);
  });

  it('deletes at the same rate when scaled down', () => {
    const sim = createSimulation({ workers: 2, seed: 3 });
    createReplicaSet(sim, 'web', 100);
    sim.advanceBy(30_000);
    const deletions: number[] = [];
    sim.onTrace((e) => {
      if (e.from === ACTOR.kcm && e.kind === 'api' && e.summary.startsWith('delete pods/'))
        deletions.push(e.timeMs);
    });
    expect(runLabLine('kubectl scale rs web --replicas=0', { host: sim }).output).toBe(
      'replicaset.apps/web scaled\n',
    );
    sim.advanceBy(30_000);
    expect(deletions.length).toBe(100);
    const t0 = deletions[0];
    for (let i = 0; i < K8S.kcmClient.burst; i++) expect(deletions[i]).toBe(t0);
    expect(deletions[99] - t0).toBe((100 - K8S.kcmClient.burst) * (1000 / K8S.kcmClient.qps));
  });
});
