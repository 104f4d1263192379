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
    kcmApi(sim, {
      verb: 'delete',
      resource,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
    });
  }
}
