/** ReplicaSet controller: keeps `replicas` active pods, creating and deleting with slow start. */
import type { KObject } from '../../api/types';
import type { Simulation } from '../../sim/simulation';
import {
  isActive,
  isReady,
  kcmApi,
  owned,
  podFromTemplate,
  requeueLater,
  updateStatus,
} from './common';
import { kcmSource } from './manager';

/** replica_set.go burstReplicas and slowStartBatch's initial batch size. */
const BURST_REPLICAS = 500;

export function reconcileReplicaSet(sim: Simulation, key: string): void {
  const rs = sim.store('replicasets')[key];
  if (!rs || rs.metadata.deletionTimestamp) return;
  const stats = sim.indexes.ownerPodStats.get(rs.metadata.uid as string) ?? { active: 0, ready: 0 };
  const want = rs.spec?.replicas ?? 1;
  const diff = want - stats.active;
  const src = kcmSource('replicaset-controller');
  let failed = false;
  if (diff > 0) {
    // slowStartBatch: 1, 2, 4, … pods at a time, stopping at the first failure.
    let remaining = Math.min(diff, BURST_REPLICAS);
    let batch = 1;
    while (remaining > 0 && !failed) {
      const n = Math.min(batch, remaining);
      for (let i = 0; i < n; i++) {
        const res = kcmApi(sim, {
          verb: 'create',
          resource: 'pods',
          namespace: rs.metadata.namespace,
          body: podFromTemplate(rs, rs.spec.template, `${rs.metadata.name}-`),
        });
        if (res.ok && res.object)
          sim.recordEvent(
            src,
            rs,
            'Normal',
            'SuccessfulCreate',
            `Created pod: ${res.object.metadata.name}`,
          );
        else {
          failed = true;
          if (!res.ok && res.status)
            sim.recordEvent(
              src,
              rs,
              'Warning',
              'FailedCreate',
              `Error creating: ${res.status.message}`,
            );
          break;
        }
      }
      remaining -= n;
      batch *= 2;
    }
  } else if (diff < 0) {
    const active = owned(sim, rs.metadata.uid as string, 'pods').filter(isActive);
    for (const pod of rankForDeletion(active).slice(0, -diff)) {
      const res = kcmApi(sim, {
        verb: 'delete',
        resource: 'pods',
        namespace: pod.metadata.namespace,
        name: pod.metadata.name,
      });
      if (res.ok)
        sim.recordEvent(src, rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
      else failed = true;
    }
  }
  if (failed) requeueLater(sim, 'replicasets', key, rs.metadata.uid as string);
  const now = sim.indexes.ownerPodStats.get(rs.metadata.uid as string) ?? { active: 0, ready: 0 };
  updateStatus(sim, 'replicasets', rs, {
    replicas: now.active,
    fullyLabeledReplicas: now.active,
    readyReplicas: now.ready,
    availableReplicas: now.ready,
    observedGeneration: rs.metadata.generation,
  });
}

/** controller.ActivePods ordering: unscheduled < pending < not ready < ready; newer first. */
function rankForDeletion(pods: KObject[]): KObject[] {
  const rank = (p: KObject) =>
    !p.spec?.nodeName ? 0 : p.status?.phase === 'Pending' ? 1 : !isReady(p) ? 2 : 3;
  return [...pods].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)) ||
      String(b.metadata.name).localeCompare(String(a.metadata.name)),
  );
}
