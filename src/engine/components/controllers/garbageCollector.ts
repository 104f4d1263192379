/**
 * The garbage collector: when an owner is deleted, its dependents are deleted too (background
 * propagation, the default for kubectl delete).
 */
import type { KObject } from '../../api/types';
import type { Simulation } from '../../sim/simulation';
import { kcmApi } from './common';

export function collectGarbage(sim: Simulation, ownerUid: string): void {
  for (const ref of sim.indexes.ownedBy(ownerUid)) {
    const bar = ref.indexOf('|');
    const resource = ref.slice(0, bar);
    const key = ref.slice(bar + 1);
    const obj = sim.store(resource)[key];
    if (!obj || obj.metadata.deletionTimestamp) continue;
    const res = kcmApi(sim, {
      verb: 'delete',
      resource,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
    });
    // A failed delete is retried by the next orphan scan.
    if (!res.ok) sim.state.kcm.orphanScanPending = true;
  }
}

/**
 * The collector's resync: dependents whose owners are all gone (the owner was deleted while the
 * controller manager was down, or the delete failed) are deleted too.
 */
export function collectOrphans(sim: Simulation): void {
  const uids = new Set<string>();
  const data = sim.state.etcd.data;
  for (const objs of Object.values(data))
    for (const o of Object.values(objs)) uids.add(o.metadata.uid as string);
  for (const [resource, objs] of Object.entries(data)) {
    for (const obj of Object.values(objs)) {
      const refs = obj.metadata.ownerReferences;
      if (!refs?.length || obj.metadata.deletionTimestamp) continue;
      if (refs.some((r) => uids.has(r.uid))) continue;
      kcmApi(sim, {
        verb: 'delete',
        resource,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
      });
    }
  }
}

/**
 * Deletion with propagationPolicy Orphan: the owner waits with the "orphan" finalizer while the
 * collector removes its owner reference from every dependent, then drops the finalizer.
 */
export function orphanDependents(sim: Simulation, resource: string, owner: KObject): void {
  const uid = owner.metadata.uid as string;
  for (const ref of sim.indexes.ownedBy(uid)) {
    const bar = ref.indexOf('|');
    const depResource = ref.slice(0, bar);
    const dep = sim.store(depResource)[ref.slice(bar + 1)];
    if (!dep) continue;
    const ownerReferences = (dep.metadata.ownerReferences ?? []).filter((o) => o.uid !== uid);
    const metadata = {
      ...dep.metadata,
      ownerReferences: ownerReferences.length ? ownerReferences : undefined,
    };
    const res = kcmApi(sim, {
      verb: 'update',
      resource: depResource,
      namespace: dep.metadata.namespace,
      name: dep.metadata.name,
      body: { ...dep, metadata },
    });
    if (!res.ok) return;
  }
  const finalizers = (owner.metadata.finalizers ?? []).filter((f) => f !== 'orphan');
  kcmApi(sim, {
    verb: 'update',
    resource,
    namespace: owner.metadata.namespace,
    name: owner.metadata.name,
    body: {
      ...owner,
      metadata: { ...owner.metadata, finalizers: finalizers.length ? finalizers : undefined },
    },
  });
}
