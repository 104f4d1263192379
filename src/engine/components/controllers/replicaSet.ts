/** ReplicaSet controller: keeps `replicas` active pods, creating and deleting with slow start. */
import type { KObject } from '../../api/types';
import { K8S } from '../../sim/defaults';
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
import { kcmSource, markDirty } from './manager';
import {
  burstRunning,
  deleteOwnedPod,
  dropExpectations,
  expectationsSatisfied,
  registerBurst,
  startBurst,
} from './podBurst';

const source = () => kcmSource('replicaset-controller');

/**
 * syncReplicaSet: manage the pods only when the expectations of the last sync are met (the
 * watch has shown every pod it created or deleted), at most BurstReplicas at a time, through a
 * burst that waits for the client's tokens; the status is written when the burst is over.
 */
export function reconcileReplicaSet(sim: Simulation, key: string): void {
  const rs = sim.store('replicasets')[key];
  if (!rs) return dropExpectations(sim, 'replicaset', key);
  if (rs.metadata.deletionTimestamp) return;
  // The worker is still making this ReplicaSet's requests: it syncs again when they are done.
  if (burstRunning(sim, 'replicaset', key)) return;
  if (expectationsSatisfied(sim, 'replicaset', key)) {
    const uid = rs.metadata.uid as string;
    const stats = sim.indexes.ownerPodStats.get(uid) ?? { active: 0, ready: 0 };
    const diff = (rs.spec?.replicas ?? 1) - stats.active;
    if (diff > 0) {
      startBurst(sim, 'replicaset', key, 'create', Math.min(diff, K8S.replicaSetBurstReplicas));
      return;
    }
    if (diff < 0) {
      const active = owned(sim, uid, 'pods').filter(isActive);
      const victims = rankForDeletion(active)
        .slice(0, Math.min(-diff, K8S.replicaSetBurstReplicas))
        .map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
      startBurst(sim, 'replicaset', key, 'delete', victims.length, victims);
      return;
    }
  }
  finishSync(sim, key, false);
}

function createPod(sim: Simulation, key: string): boolean {
  const rs = sim.store('replicasets')[key];
  if (!rs || rs.metadata.deletionTimestamp) return false;
  const res = kcmApi(sim, {
    verb: 'create',
    resource: 'pods',
    namespace: rs.metadata.namespace,
    body: podFromTemplate(rs, rs.spec.template, `${rs.metadata.name}-`),
  });
  if (res.ok && res.object) {
    sim.recordEvent(
      source(),
      rs,
      'Normal',
      'SuccessfulCreate',
      `Created pod: ${res.object.metadata.name}`,
    );
    return true;
  }
  if (!res.ok && res.status)
    sim.recordEvent(
      source(),
      rs,
      'Warning',
      'FailedCreate',
      `Error creating: ${res.status.message}`,
    );
  return false;
}

function deletePod(sim: Simulation, key: string, podKey: string): boolean {
  return deleteOwnedPod(sim, sim.store('replicasets')[key], podKey, source());
}

/** The rest of syncReplicaSet: the status, and a retry when a request failed. */
function finishSync(sim: Simulation, key: string, failed: boolean): void {
  const rs = sim.store('replicasets')[key];
  if (!rs) return;
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

registerBurst('replicaset', {
  create: (sim, key) => createPod(sim, key),
  remove: (sim, key, podKey) => deletePod(sim, key, podKey),
  finish: (sim, key, failed, waited) => {
    finishSync(sim, key, failed);
    // Pod events that came while the burst waited (the key was busy) are looked at now.
    if (waited) markDirty(sim, 'replicaset', key);
  },
});

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
