/**
 * The controller work queue's AddAfter (client-go util/workqueue delaying queue): an item held
 * back until a time, only the earliest kept when added again; when due it joins the next
 * reconcile pass like any other dirty item. The waiting items live in the state
 * (`kcm.waiting`), so a restored snapshot keeps them; a restarted controller manager forgets them.
 */
import type { Simulation } from '../../sim/simulation';
import { hashRecord } from '../../sim/state';
import { markDirty } from './manager';

export function requeueAfter(
  sim: Simulation,
  controller: string,
  key: string,
  delayMs: number,
): void {
  const kcm = sim.state.kcm;
  const now = sim.state.nowMs;
  const at = now + Math.max(0, Math.round(delayMs));
  const item = `${controller}|${key}`;
  kcm.waiting ??= hashRecord();
  const due = kcm.waiting[item];
  if (due !== undefined && due >= now && due <= at) return;
  kcm.waiting[item] = at;
  sim.schedule(at - now, { t: 'kcm/requeue', item });
}

/** A held-back item came due (a later duplicate of an earlier AddAfter is ignored). */
export function onRequeue(sim: Simulation, item: string): void {
  const waiting = sim.state.kcm.waiting;
  if (waiting?.[item] !== sim.state.nowMs) return;
  delete waiting[item];
  const bar = item.indexOf('|');
  markDirty(sim, item.slice(0, bar), item.slice(bar + 1));
}
