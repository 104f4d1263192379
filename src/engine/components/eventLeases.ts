/**
 * Event TTL (kube-apiserver --event-ttl): the registry writes every Event with an etcd lease of
 * K8S.eventTtlMs, renewed by each update, and etcd deletes the key when the lease runs out. The
 * bookkeeping is a queue in write order (state.ts EventLeases); expiring is the storage layer's
 * job (apiServer.ts expireEvents).
 */
import { K8S } from '../sim/defaults';
import type { Simulation } from '../sim/simulation';
import type { EventLeases } from '../sim/state';

/** An Event was written at `revision`: its lease runs from now. */
export function leaseEvent(sim: Simulation, key: string, revision: number): void {
  const etcd = sim.state.etcd;
  etcd.eventLeases ??= { keys: [], revisions: [], expiresAtMs: [], head: 0, scheduled: false };
  const l = etcd.eventLeases;
  l.keys.push(key);
  l.revisions.push(revision);
  l.expiresAtMs.push(sim.state.nowMs + K8S.eventTtlMs);
  if (!l.scheduled) scheduleNext(sim, l);
}

/**
 * The leases that have run out by now, oldest first, as [key, revision] (each Event's newest
 * write only matters: the caller deletes the Event if it is still at that revision).
 */
export function takeExpired(sim: Simulation): [string, number][] {
  const l = sim.state.etcd.eventLeases;
  if (!l) return [];
  l.scheduled = false;
  const now = sim.state.nowMs;
  const out: [string, number][] = [];
  while (l.head < l.keys.length && l.expiresAtMs[l.head] <= now) {
    out.push([l.keys[l.head], l.revisions[l.head]]);
    l.head++;
  }
  if (l.head > 1024 && l.head * 2 > l.keys.length) {
    l.keys = l.keys.slice(l.head);
    l.revisions = l.revisions.slice(l.head);
    l.expiresAtMs = l.expiresAtMs.slice(l.head);
    l.head = 0;
  }
  if (l.head < l.keys.length) scheduleNext(sim, l);
  return out;
}

/** etcd is down (the message that came finds it so): nothing expires; look again later. */
export function retryLater(sim: Simulation, afterMs: number): void {
  const l = sim.state.etcd.eventLeases;
  if (!l) return;
  l.scheduled = true;
  sim.schedule(afterMs, { t: 'etcd/expireEvents' });
}

function scheduleNext(sim: Simulation, l: EventLeases): void {
  l.scheduled = true;
  sim.schedule(l.expiresAtMs[l.head] - sim.state.nowMs, { t: 'etcd/expireEvents' });
}
