/**
 * The garbage collector: when an owner is deleted, its dependents are deleted too (background
 * propagation, the default for kubectl delete).
 */
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
