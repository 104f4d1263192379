/**
 * Pods made and removed in bulk, as the ReplicaSet, Job and DaemonSet controllers do:
 *   - slowStartBatch (pkg/controller/replicaset/replica_set.go): creations go in batches of
 *     SlowStartInitialBatchSize (1), 2, 4, 8…, each batch only once the one before succeeded
 *     entirely; the first batch with a failure is the last;
 *   - deletions all go at once (one goroutine each);
 *   - every request waits for the controller's client token (clientThrottle.ts), so a burst of
 *     500 creations at 20 QPS takes about 25 s: the burst goes on one token at a time, and the
 *     worker holds the object's key meanwhile (no other sync of it starts);
 *   - ControllerExpectations (pkg/controller/controller_utils.go): before the burst the
 *     controller expects its creations and deletions, and it does not manage the object's pods
 *     again until the watch has shown all of them (or ExpectationsTimeout, 5 min, passed).
 * The burst and the expectations live in the state (`kcm.bursts`, `kcm.expectations`), keyed by
 * work item `controller|ns/name`.
 */

import type { KObject } from '../../api/types';
import { K8S } from '../../sim/defaults';
import type { Simulation } from '../../sim/simulation';
import { hashRecord } from '../../sim/state';
import { clientOf, clientWaitMs, withClient } from './clientThrottle';
import { kcmApi } from './common';
import type { kcmSource } from './manager';

export interface PodBurst {
  op: 'create' | 'delete';
  /** Requests still to make. */
  left: number;
  /** The slow-start batch being made and the requests left in it. */
  batch: number;
  inBatch: number;
  /** What each request is for (deletions: pod keys; a DaemonSet's creations: node names). */
  targets?: string[];
  /** How many requests were made so far (the next target's index). */
  done: number;
  failed?: boolean;
}

export interface Expectations {
  add: number;
  /** Pod keys whose deletion is expected. */
  del: string[];
  /** When they were set (they expire after ExpectationsTimeout). */
  atMs: number;
}

/** What a controller does for one request of a burst, and when the burst is over. */
export interface BurstOps {
  /** One creation or deletion; false when the request failed (or there is nothing left to do). */
  create: (sim: Simulation, key: string, target: string | undefined) => boolean;
  remove: (sim: Simulation, key: string, podKey: string) => boolean;
  /**
   * The rest of the sync after manageReplicas (status), with whether a request failed and
   * whether the burst had to wait for tokens (then the sync that started it is long over, and
   * what the watch showed meanwhile has to be looked at again).
   */
  finish: (sim: Simulation, key: string, failed: boolean, waited: boolean) => void;
}

const registry = new Map<string, BurstOps>();

/** Sets what a controller's bursts do; returns what they did before (tests put it back). */
export function registerBurst(controller: string, ops: BurstOps): BurstOps | undefined {
  const before = registry.get(controller);
  registry.set(controller, ops);
  return before;
}

export function burstRunning(sim: Simulation, controller: string, key: string): boolean {
  return sim.state.kcm.bursts?.[`${controller}|${key}`] !== undefined;
}

/** SatisfiedExpectations: nothing pending, or the expectations expired. */
export function expectationsSatisfied(sim: Simulation, controller: string, key: string): boolean {
  const e = sim.state.kcm.expectations?.[`${controller}|${key}`];
  if (!e) return true;
  if (e.add <= 0 && e.del.length === 0) return true;
  return sim.state.nowMs - e.atMs > K8S.expectationsTimeoutMs;
}

export function dropExpectations(sim: Simulation, controller: string, key: string): void {
  const item = `${controller}|${key}`;
  const kcm = sim.state.kcm;
  if (kcm.expectations?.[item]) delete kcm.expectations[item];
  if (kcm.bursts?.[item]) delete kcm.bursts[item];
}

/** The watch showed a pod of this object created (CreationObserved). */
export function creationObserved(sim: Simulation, controller: string, key: string): void {
  const e = sim.state.kcm.expectations?.[`${controller}|${key}`];
  if (e && e.add > 0) e.add--;
}

/** The watch showed this pod deleted or being deleted (DeletionObserved). */
export function deletionObserved(
  sim: Simulation,
  controller: string,
  key: string,
  podKey: string,
): void {
  const e = sim.state.kcm.expectations?.[`${controller}|${key}`];
  if (!e || e.del.length === 0) return;
  const i = e.del.indexOf(podKey);
  if (i >= 0) e.del.splice(i, 1);
}

/**
 * Starts a burst of `count` creations (one per target when given) or the deletion of `victims`,
 * with its expectations, and runs it as far as the client's tokens allow.
 */
export function startBurst(
  sim: Simulation,
  controller: string,
  key: string,
  op: 'create' | 'delete',
  count: number,
  targets?: string[],
): void {
  const kcm = sim.state.kcm;
  const item = `${controller}|${key}`;
  kcm.expectations ??= hashRecord();
  kcm.expectations[item] = {
    add: op === 'create' ? count : 0,
    del: op === 'delete' ? [...(targets ?? [])] : [],
    atMs: sim.state.nowMs,
  };
  const first = op === 'create' ? Math.min(count, K8S.slowStartInitialBatchSize) : count;
  kcm.bursts ??= hashRecord();
  kcm.bursts[item] = { op, left: count, batch: first, inBatch: first, targets, done: 0 };
  runBurst(sim, item, false);
}

/** The burst goes on (its client's token came): as many requests as there are tokens. */
export function runBurst(sim: Simulation, item: string, waited = true): void {
  const b = sim.state.kcm.bursts?.[item];
  if (!b) return;
  const bar = item.indexOf('|');
  const controller = item.slice(0, bar);
  const key = item.slice(bar + 1);
  const ops = registry.get(controller);
  const client = clientOf(controller);
  if (!ops || client === undefined) return;
  const paused = withClient(client, () => {
    while (b.left > 0) {
      const waitMs = clientWaitMs(sim, client);
      if (waitMs > 0) {
        sim.schedule(waitMs, { t: 'kcm/burst', item });
        return true;
      }
      const target = b.targets?.[b.done];
      const ok =
        b.op === 'create' ? ops.create(sim, key, target) : ops.remove(sim, key, target as string);
      b.done++;
      b.left--;
      b.inBatch--;
      if (!ok) {
        b.failed = true;
        // A request that failed is not waited for (the skipped-pods bookkeeping).
        const e = sim.state.kcm.expectations?.[item];
        if (e && b.op === 'create' && e.add > 0) e.add--;
        if (e && b.op === 'delete' && target !== undefined)
          deletionObserved(sim, controller, key, target);
      }
      if (b.inBatch === 0 && b.left > 0) {
        if (b.failed) break;
        b.batch = Math.min(2 * b.batch, b.left);
        b.inBatch = b.batch;
      }
    }
    return false;
  });
  if (paused) return;
  // Creations never attempted are not expected any more.
  const e = sim.state.kcm.expectations?.[item];
  if (e && b.op === 'create') e.add = Math.max(0, e.add - b.left);
  delete sim.state.kcm.bursts?.[item];
  withClient(client, () => ops.finish(sim, key, b.failed === true, waited));
}

/**
 * A burst's deletion of one pod (`ns/name`) its controller owns, with the controller's
 * SuccessfulDelete event on `owner`; a pod already gone counts as deleted (controller_utils.go).
 */
export function deleteOwnedPod(
  sim: Simulation,
  owner: KObject | undefined,
  podKey: string,
  source: ReturnType<typeof kcmSource>,
): boolean {
  const slash = podKey.indexOf('/');
  const name = podKey.slice(slash + 1);
  const res = kcmApi(sim, {
    verb: 'delete',
    resource: 'pods',
    namespace: podKey.slice(0, slash),
    name,
  });
  if (res.ok && owner)
    sim.recordEvent(source, owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
  return res.ok || res.status?.reason === 'NotFound';
}
