/**
 * How the Job controller records what its pods did (job_controller.go
 * trackJobStatusAndRemoveFinalizers, flushUncountedAndRemoveFinalizers, enactJobFinished):
 * a finished pod's uid goes to status.uncountedTerminatedPods first, then its tracking finalizer
 * comes off, then it moves into the succeeded / failed counters. The terminal Complete / Failed
 * condition is added only once nothing is uncounted and no pod is still terminating.
 */
import { KCM_USER, type KObject } from '../../api/types';
import { isoTime } from '../../model/meta';
import type { EventSource, Simulation } from '../../sim/simulation';
import { ACTOR } from '../../trace';
import { kcmApi } from './common';
import { type BackoffRecord, saveBackoffRecord } from './jobBackoff';
import {
  completionIndexOf,
  hasTrackingFinalizer,
  isPodFailed,
  matchPodFailurePolicy,
  removeTrackingFinalizer,
} from './jobPods';

// biome-ignore lint/suspicious/noExplicitAny: Job statuses are free-form JSON here
type Json = any;

/** The job-controller's event source (built here: manager.ts imports this module). */
export const jobSource: EventSource = {
  component: 'job-controller',
  user: KCM_USER,
  actor: ACTOR.kcm,
};

export interface Condition {
  type: string;
  status: string;
  lastProbeTime: string;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

/** One sync's view of a Job: the status being built and what it has found so far. */
export interface SyncCtx {
  key: string;
  /** The Job as last stored (replaced after each status write). */
  job: KObject;
  /** The status this sync writes (a copy; conditions and uncounted lists are its own). */
  status: Json;
  pods: KObject[];
  uncounted: { succeeded: Set<string>; failed: Set<string> };
  succeeded: number;
  failed: number;
  ready: number;
  terminating: number;
  /** Indexed Jobs: the completed indexes stored, and with this sync's successes. */
  prevSucceededIndexes: number[];
  succeededIndexes: number[];
  /** The condition this sync leads to (interim first, terminal after). */
  finished?: Condition;
  newBackoff: BackoffRecord;
}

export function newCondition(
  type: string,
  reason: string | undefined,
  message: string | undefined,
  nowMs: number,
): Condition {
  const at = isoTime(nowMs);
  const c: Condition = { type, status: 'True', lastProbeTime: at, lastTransitionTime: at };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/** The first condition of a type (only a True one unless asked otherwise). */
export function findCondition(
  list: Condition[] | undefined,
  type: string,
  trueOnly = true,
): Condition | undefined {
  const c = (list ?? []).find((x) => x.type === type);
  return c && (!trueOnly || c.status === 'True') ? c : undefined;
}

/** parseIndexesFromString: `0-2,5` → [0, 1, 2, 5], indexes past completions dropped. */
export function parseIndexes(text: string, completions: number): number[] {
  const out: number[] = [];
  if (!text) return out;
  for (const part of text.split(',')) {
    const [a, b] = part.split('-').map(Number);
    if (!Number.isInteger(a)) continue;
    const last = Number.isInteger(b) ? b : a;
    for (let i = a; i <= last && i < completions; i++) out.push(i);
  }
  return out;
}

/** The sorted union of two index lists. */
export function addIndexes(a: number[], b: number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

/** orderedIntervals.String: runs of consecutive indexes as `first-last`. */
export function formatIndexes(indexes: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < indexes.length; ) {
    let j = i;
    while (j + 1 < indexes.length && indexes[j + 1] === indexes[j] + 1) j++;
    parts.push(j === i ? `${indexes[i]}` : `${indexes[i]}-${indexes[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The uncounted lists as the API stores them (empty lists omitted). */
function uncountedOf(u: { succeeded: string[]; failed: string[] }): Json {
  const out: Json = {};
  if (u.succeeded.length) out.succeeded = u.succeeded;
  if (u.failed.length) out.failed = u.failed;
  return out;
}

export function trackStatusAndRemoveFinalizers(
  sim: Simulation,
  ctx: SyncCtx,
  needsFlushAtStart: boolean,
): void {
  let needsFlush = needsFlushAtStart;
  const job = ctx.job;
  const status = ctx.status;
  const indexed = job.spec?.completionMode === 'Indexed';
  const completions: number = job.spec?.completions ?? 0;
  const now = sim.state.nowMs;
  const uncountedNow = {
    succeeded: [...(status.uncountedTerminatedPods?.succeeded ?? [])] as string[],
    failed: [...(status.uncountedTerminatedPods?.failed ?? [])] as string[],
  };
  const pods = indexed
    ? [...ctx.pods].sort((a, b) => completionIndexOf(a) - completionIndexOf(b))
    : ctx.pods;
  const withFinalizer = new Set<string>();
  for (const p of pods) if (hasTrackingFinalizer(p)) withFinalizer.add(p.metadata.uid as string);
  if (moveCounted(status, uncountedNow, withFinalizer)) needsFlush = true;

  const toRemove: KObject[] = [];
  const newIndexes: number[] = [];
  for (const pod of pods) {
    if (!hasTrackingFinalizer(pod)) continue;
    const uid = pod.metadata.uid as string;
    const failed = isPodFailed(pod, job);
    // canRemoveFinalizer (no per-index back-off here: any finished pod may go).
    if (
      !job.metadata.deletionTimestamp &&
      !ctx.finished &&
      pod.status?.phase !== 'Succeeded' &&
      !failed
    )
      continue;
    toRemove.push(pod);
    if (pod.status?.phase === 'Succeeded' && !ctx.uncounted.failed.has(uid)) {
      if (indexed) {
        const ix = completionIndexOf(pod);
        if (ix >= 0 && ix < completions && !ctx.prevSucceededIndexes.includes(ix)) {
          newIndexes.push(ix);
          needsFlush = true;
        }
      } else if (!ctx.uncounted.succeeded.has(uid)) {
        needsFlush = true;
        uncountedNow.succeeded.push(uid);
      }
    } else if (failed || (ctx.finished && ctx.finished.type !== 'SuccessCriteriaMet')) {
      // Once the Job is finished, every pod not yet terminated counts as failed.
      const ix = completionIndexOf(pod);
      if (!ctx.uncounted.failed.has(uid) && (!indexed || (ix >= 0 && ix < completions))) {
        const policy = job.spec?.podFailurePolicy;
        if (!policy || matchPodFailurePolicy(policy, pod).countFailed) {
          needsFlush = true;
          uncountedNow.failed.push(uid);
        }
      }
    }
  }
  if (indexed) {
    ctx.succeededIndexes = addIndexes(ctx.succeededIndexes, newIndexes);
    const text = formatIndexes(ctx.succeededIndexes);
    if (text !== (status.completedIndexes ?? '')) needsFlush = true;
    status.succeeded = ctx.succeededIndexes.length || undefined;
    status.completedIndexes = text;
  }
  if (ctx.finished?.type === 'FailureTarget') {
    // The interim condition is written before the finalizers come off; Failed follows later.
    status.conditions.push(ctx.finished);
    needsFlush = true;
    ctx.finished = newCondition('Failed', ctx.finished.reason, ctx.finished.message, now);
  }
  if (ctx.finished?.type === 'SuccessCriteriaMet') {
    if (!findCondition(status.conditions, 'SuccessCriteriaMet')) {
      status.conditions.push(ctx.finished);
      needsFlush = true;
    }
    ctx.finished = newCondition('Complete', ctx.finished.reason, ctx.finished.message, now);
  }

  // flushUncountedAndRemoveFinalizers.
  status.uncountedTerminatedPods = uncountedOf(uncountedNow);
  if (needsFlush) {
    if (!writeStatus(sim, ctx)) return;
    saveBackoffRecord(sim, ctx.key, ctx.newBackoff);
    needsFlush = false;
  }
  for (const pod of toRemove)
    if (removeTrackingFinalizer(sim, pod)) withFinalizer.delete(pod.metadata.uid as string);
  if (moveCounted(status, uncountedNow, withFinalizer)) needsFlush = true;
  status.uncountedTerminatedPods = uncountedOf(uncountedNow);

  // enactJobFinished.
  let finished = false;
  const finishedCond = ctx.finished;
  if (
    finishedCond &&
    uncountedNow.succeeded.length + uncountedNow.failed.length === 0 &&
    ctx.terminating === 0
  ) {
    ensureCondition(status.conditions, finishedCond, now);
    if (finishedCond.type === 'Complete')
      status.completionTime = findCondition(status.conditions, 'Complete')?.lastTransitionTime;
    finished = true;
    needsFlush = true;
  }
  if (!needsFlush) return;
  if (!writeStatus(sim, ctx)) return;
  if (!finished || !finishedCond) return;
  if (finishedCond.type === 'Complete') {
    if (job.spec?.completions != null && (status.succeeded ?? 0) > job.spec.completions)
      sim.recordEvent(
        jobSource,
        ctx.job,
        'Warning',
        'TooManySucceededPods',
        'Too many succeeded pods running after completion count reached',
      );
    sim.recordEvent(jobSource, ctx.job, 'Normal', 'Completed', 'Job completed');
  } else {
    sim.recordEvent(
      jobSource,
      ctx.job,
      'Warning',
      finishedCond.reason ?? '',
      finishedCond.message ?? '',
    );
  }
}

/**
 * cleanUncountedPodsWithoutFinalizers: an uncounted uid whose pod no longer holds the finalizer
 * (or is gone) moves into its counter.
 */
function moveCounted(
  status: Json,
  uncounted: { succeeded: string[]; failed: string[] },
  withFinalizer: Set<string>,
): boolean {
  let changed = false;
  const keepS = uncounted.succeeded.filter((u) => withFinalizer.has(u));
  if (keepS.length !== uncounted.succeeded.length) {
    status.succeeded =
      (status.succeeded ?? 0) + uncounted.succeeded.length - keepS.length || undefined;
    uncounted.succeeded = keepS;
    changed = true;
  }
  const keepF = uncounted.failed.filter((u) => withFinalizer.has(u));
  if (keepF.length !== uncounted.failed.length) {
    status.failed = (status.failed ?? 0) + uncounted.failed.length - keepF.length || undefined;
    uncounted.failed = keepF;
    changed = true;
  }
  return changed;
}

/** ensureJobConditionStatus for a True condition. */
function ensureCondition(list: Condition[], cond: Condition, now: number): void {
  const i = list.findIndex((c) => c.type === cond.type);
  if (i < 0) list.push(cond);
  else if (
    list[i].status !== cond.status ||
    list[i].reason !== cond.reason ||
    list[i].message !== cond.message
  )
    list[i] = newCondition(cond.type, cond.reason, cond.message, now);
}

/** PUT …/status with this sync's status; the stored Job is what later writes build on. */
function writeStatus(sim: Simulation, ctx: SyncCtx): boolean {
  const status = { ...ctx.status, conditions: [...ctx.status.conditions] };
  if (status.conditions.length === 0) delete status.conditions;
  for (const k of Object.keys(status)) if (status[k] === undefined) delete status[k];
  const res = kcmApi(sim, {
    verb: 'update',
    resource: 'jobs',
    subresource: 'status',
    namespace: ctx.job.metadata.namespace,
    name: ctx.job.metadata.name,
    body: { ...ctx.job, status },
  });
  if (!res.ok || !res.object) return false;
  ctx.job = res.object;
  return true;
}
