/**
 * The ttl-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with
 * `ttlSecondsAfterFinished` is deleted that many seconds after its Complete / Failed condition
 * was set; its pods go with it. (The real controller deletes with foreground propagation; here
 * the Job goes first and the garbage collector follows at once, as the pods are finished.)
 */
import { timeMsOf } from '../../model/meta';
import type { Simulation } from '../../sim/simulation';
import { kcmApi } from './common';
import { type Condition, findCondition } from './jobStatus';
import { requeueAfter } from './workQueue';

export function reconcileTtlAfterFinished(sim: Simulation, key: string): void {
  const job = sim.store('jobs')[key];
  const ttl = job?.spec?.ttlSecondsAfterFinished;
  if (!job || ttl == null || job.metadata.deletionTimestamp) return;
  const conditions: Condition[] = job.status?.conditions ?? [];
  const finished = findCondition(conditions, 'Complete') ?? findCondition(conditions, 'Failed');
  if (!finished) return;
  const leftMs = timeMsOf(finished.lastTransitionTime) + ttl * 1000 - sim.state.nowMs;
  if (leftMs > 0) {
    requeueAfter(sim, 'ttl', key, leftMs);
    return;
  }
  kcmApi(sim, {
    verb: 'delete',
    resource: 'jobs',
    namespace: job.metadata.namespace,
    name: job.metadata.name,
  });
}
