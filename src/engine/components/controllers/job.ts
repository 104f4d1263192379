/**
 * The Job controller as pkg/controller/job/job_controller.go syncJob runs it in v1.32–1.34:
 * pods carry the batch.kubernetes.io/job-tracking finalizer until the controller has counted them
 * (through status.uncountedTerminatedPods), replacements of failed pods wait out the pod failure
 * back-off, and a Job that is done first gets the interim SuccessCriteriaMet / FailureTarget
 * condition and only gets Complete / Failed once none of its pods is still terminating
 * (JobManagedBy / JobPodReplacementPolicy, both on by default).
 *
 * Not simulated: backoffLimitPerIndex and successPolicy (accepted, not acted on), managedBy
 * controllers (a Job managed elsewhere is left alone), adoption of orphan pods by selector, the
 * 500-pod cap on uncounted pods per sync.
 */
import type { KObject } from '../../api/types';
import { isoTime, timeMsOf } from '../../model/meta';
import { K8S } from '../../sim/defaults';
import type { Simulation } from '../../sim/simulation';
import { isReady, kcmApi, owned } from './common';
import { forgetBackoffRecord, nextBackoffRecord, remainingBackoffMs } from './jobBackoff';
import {
  completionIndexOf,
  hasTrackingFinalizer,
  isPodFailed,
  isTerminalPod,
  isTerminating,
  jobPod,
  matchPodFailurePolicy,
  onlyReplaceFailedPods,
  rankForRemoval,
  removeTrackingFinalizer,
  restartsOf,
} from './jobPods';
import {
  addIndexes,
  type Condition,
  findCondition,
  jobSource,
  newCondition,
  parseIndexes,
  type SyncCtx,
  trackStatusAndRemoveFinalizers,
} from './jobStatus';
import { requeueAfter } from './workQueue';

// biome-ignore lint/suspicious/noExplicitAny: Job statuses are free-form JSON here
type Json = any;

/** The field manager every Job controller write goes through. */
const JOB_CONTROLLER = 'kubernetes.io/job-controller';

export function isJobFinished(job: KObject): boolean {
  return (job.status?.conditions ?? []).some(
    (c: Condition) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
}

function suspended(job: KObject): boolean {
  return job.spec?.suspend === true;
}

export function reconcileJob(sim: Simulation, key: string): void {
  const job = sim.store('jobs')[key];
  if (!job) {
    forgetBackoffRecord(sim, key);
    return;
  }
  const managedBy = job.spec?.managedBy;
  if (managedBy != null && managedBy !== JOB_CONTROLLER) return;
  if (isJobFinished(job)) {
    forgetBackoffRecord(sim, key);
    return;
  }
  const now = sim.state.nowMs;
  const spec = job.spec ?? {};
  const indexed = spec.completionMode === 'Indexed';
  const prior: Json = job.status ?? {};
  const status: Json = {
    ...prior,
    conditions: [...(prior.conditions ?? [])],
    uncountedTerminatedPods: {
      ...(prior.uncountedTerminatedPods ?? {}),
    },
  };
  const uncounted = {
    succeeded: new Set<string>(prior.uncountedTerminatedPods?.succeeded ?? []),
    failed: new Set<string>(prior.uncountedTerminatedPods?.failed ?? []),
  };
  const pods = owned(sim, job.metadata.uid as string, 'pods');
  const activePods = pods.filter((p) => !isTerminalPod(p) && !p.metadata.deletionTimestamp);
  const ctx: SyncCtx = {
    key,
    job,
    status,
    pods,
    uncounted,
    succeeded: 0,
    failed: 0,
    ready: activePods.filter(isReady).length,
    terminating: pods.filter(isTerminating).length,
    prevSucceededIndexes: [],
    succeededIndexes: [],
    newBackoff: { failures: 0, lastFailureMs: 0 },
  };
  let active = activePods.length;

  // Pods that finished and are not counted yet (they still carry the finalizer).
  const fresh = (p: KObject) =>
    hasTrackingFinalizer(p) &&
    !uncounted.succeeded.has(p.metadata.uid as string) &&
    !uncounted.failed.has(p.metadata.uid as string) &&
    (!indexed || validIndex(p, spec.completions));
  const newSucceeded = pods.filter((p) => fresh(p) && p.status?.phase === 'Succeeded');
  const newFailed = pods.filter((p) => fresh(p) && isPodFailed(p, job));
  const countedFailures = spec.podFailurePolicy
    ? newFailed.filter((p) => matchPodFailurePolicy(spec.podFailurePolicy, p).countFailed).length
    : newFailed.length;
  ctx.succeeded = (prior.succeeded ?? 0) + newSucceeded.length + uncounted.succeeded.size;
  ctx.failed = (prior.failed ?? 0) + countedFailures + uncounted.failed.size;

  // The Job starts when it is first synced unsuspended.
  if (!status.startTime && !suspended(job)) status.startTime = isoTime(now);
  ctx.newBackoff = nextBackoffRecord(sim, key, newSucceeded, newFailed);

  const backoffLimit: number = spec.backoffLimit ?? 6;
  ctx.finished = findCondition(status.conditions, 'SuccessCriteriaMet');
  if (!ctx.finished) {
    const target = findCondition(status.conditions, 'FailureTarget');
    if (target) ctx.finished = newCondition('Failed', target.reason, target.message, now);
    else {
      const message = failJobMessage(job, pods);
      if (message) ctx.finished = newCondition('FailureTarget', 'PodFailurePolicy', message, now);
    }
  }
  if (!ctx.finished) {
    if (ctx.failed > backoffLimit || pastBackoffLimitOnFailure(job, pods)) {
      ctx.finished = newCondition(
        'FailureTarget',
        'BackoffLimitExceeded',
        'Job has reached the specified backoff limit',
        now,
      );
    } else if (pastActiveDeadline(job, status, now)) {
      ctx.finished = newCondition(
        'FailureTarget',
        'DeadlineExceeded',
        'Job was active longer than specified deadline',
        now,
      );
    } else if (spec.activeDeadlineSeconds != null && !suspended(job)) {
      const elapsed = now - timeMsOf(status.startTime);
      requeueAfter(sim, 'job', key, spec.activeDeadlineSeconds * 1000 - elapsed);
    }
  }
  if (indexed) {
    ctx.prevSucceededIndexes = parseIndexes(prior.completedIndexes ?? '', spec.completions ?? 0);
    ctx.succeededIndexes = addIndexes(
      ctx.prevSucceededIndexes,
      pods
        .filter(
          (p) =>
            p.status?.phase === 'Succeeded' &&
            hasTrackingFinalizer(p) &&
            validIndex(p, spec.completions),
        )
        .map(completionIndexOf),
    );
    ctx.succeeded = ctx.succeededIndexes.length;
  }

  let suspendChanged = false;
  if (ctx.finished) {
    // Done: whatever still runs is stopped (the pods keep their finalizer until counted).
    const { deleted, deletedReady } = deletePods(sim, job, activePods, false);
    if (deleted !== active) ctx.finished = undefined;
    active -= deleted;
    ctx.terminating += deleted;
    ctx.ready -= deletedReady;
  } else {
    let managed = false;
    if (!job.metadata.deletionTimestamp) {
      active = manageJob(sim, ctx, activePods);
      managed = true;
    }
    const complete =
      spec.completions == null
        ? ctx.succeeded > 0 && active === 0
        : ctx.succeeded >= spec.completions && active === 0;
    if (complete) {
      ctx.finished = newCondition(
        'SuccessCriteriaMet',
        'CompletionsReached',
        'Reached expected number of succeeded pods',
        now,
      );
    } else if (managed) {
      suspendChanged = syncSuspendCondition(sim, ctx, now);
    }
  }
  const needsFlush =
    suspendChanged ||
    active !== (prior.active ?? 0) ||
    ctx.ready !== prior.ready ||
    ctx.terminating !== prior.terminating;
  status.active = active || undefined;
  status.ready = ctx.ready;
  status.terminating = ctx.terminating;
  trackStatusAndRemoveFinalizers(sim, ctx, needsFlush);
}

function validIndex(pod: KObject, completions: number | undefined): boolean {
  const ix = completionIndexOf(pod);
  return ix >= 0 && ix < (completions ?? 0);
}

/** getFailJobMessage: a failed pod matching a FailJob rule of the podFailurePolicy. */
function failJobMessage(job: KObject, pods: KObject[]): string | undefined {
  const policy = job.spec?.podFailurePolicy;
  if (!policy) return undefined;
  for (const p of pods) {
    if (!isPodFailed(p, job)) continue;
    const m = matchPodFailurePolicy(policy, p).failJobMessage;
    if (m) return m;
  }
  return undefined;
}

/** pastBackoffLimitOnFailure: with OnFailure, the restarts of running pods count as failures. */
function pastBackoffLimitOnFailure(job: KObject, pods: KObject[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods)
    if (p.status?.phase === 'Running' || p.status?.phase === 'Pending') restarts += restartsOf(p);
  const limit: number = job.spec?.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

function pastActiveDeadline(job: KObject, status: Json, now: number): boolean {
  const ads = job.spec?.activeDeadlineSeconds;
  if (ads == null || !status.startTime || suspended(job)) return false;
  return now - timeMsOf(status.startTime) >= ads * 1000;
}

/**
 * Suspended: the condition and its event, both ways (resuming restarts the clock that
 * activeDeadlineSeconds reads).
 */
function syncSuspendCondition(sim: Simulation, ctx: SyncCtx, now: number): boolean {
  const conditions: Condition[] = ctx.status.conditions;
  const current = findCondition(conditions, 'Suspended', false);
  const set = (status: 'True' | 'False', reason: string, message: string) => {
    const cond = { ...newCondition('Suspended', reason, message, now), status };
    const i = conditions.findIndex((c) => c.type === 'Suspended');
    if (i >= 0) conditions[i] = cond;
    else conditions.push(cond);
  };
  if (suspended(ctx.job)) {
    if (current?.status === 'True' && current.reason === 'JobSuspended') return false;
    set('True', 'JobSuspended', 'Job suspended');
    sim.recordEvent(jobSource, ctx.job, 'Normal', 'Suspended', 'Job suspended');
    return true;
  }
  // Going from nothing to False is meaningless: only a Suspended=True condition flips.
  if (!current || (current.status === 'False' && current.reason === 'JobResumed')) return false;
  set('False', 'JobResumed', 'Job resumed');
  sim.recordEvent(jobSource, ctx.job, 'Normal', 'Resumed', 'Job resumed');
  ctx.status.startTime = isoTime(now);
  return true;
}

/**
 * manageJob: as many active pods as parallelism and the remaining completions allow, none while
 * suspended; a replacement waits out the failure back-off. Returns the active count.
 */
function manageJob(sim: Simulation, ctx: SyncCtx, activePods: KObject[]): number {
  const job = ctx.job;
  const spec = job.spec ?? {};
  const active = activePods.length;
  const parallelism: number = spec.parallelism ?? 1;
  if (suspended(job)) {
    const { deleted, deletedReady } = deletePods(sim, job, rankForRemoval(activePods), true);
    ctx.terminating += deleted;
    ctx.ready -= deletedReady;
    return active - deleted;
  }
  let want: number;
  if (spec.completions == null) want = ctx.succeeded > 0 ? active : parallelism;
  else want = Math.max(0, Math.min(spec.completions - ctx.succeeded, parallelism));

  const toDelete = podsForRemoval(ctx, activePods, Math.max(0, active - want));
  if (toDelete.length > 0) {
    const { deleted, deletedReady } = deletePods(sim, job, toDelete, true);
    ctx.terminating += deleted;
    ctx.ready -= deletedReady;
    return active - deleted;
  }
  const terminating = onlyReplaceFailedPods(job) ? ctx.terminating : 0;
  // MaxPodCreateDeletePerSync: at most 500 creations a sync (their writes take the client's
  // tokens; the next sync waits until the bucket has one again).
  let diff = Math.min(want - terminating - active, K8S.jobMaxPodCreateDeletePerSync);
  if (diff <= 0) return active;
  const waitMs = remainingBackoffMs(ctx.newBackoff, sim.state.nowMs);
  if (waitMs > 0) {
    // enqueueSyncJobWithDelay: never sooner than the batch period. (The real controller
    // reports 0 active for this sync, too.)
    requeueAfter(sim, 'job', ctx.key, Math.max(waitMs, 1000));
    return 0;
  }
  let indexes: number[] = [];
  if (spec.completionMode === 'Indexed') {
    indexes = firstPendingIndexes(ctx, activePods, diff, spec.completions ?? 0);
    diff = indexes.length;
  }
  // Slow start: batches of 1, 2, 4, … until one fails.
  let created = 0;
  let batch = 1;
  let failed = false;
  while (created < diff && !failed) {
    const n = Math.min(batch, diff - created);
    for (let i = 0; i < n; i++) {
      const index = indexes.length ? indexes[created] : -1;
      const res = kcmApi(sim, {
        verb: 'create',
        resource: 'pods',
        namespace: job.metadata.namespace,
        body: jobPod(job, index),
      });
      if (res.ok && res.object) {
        sim.recordEvent(
          jobSource,
          job,
          'Normal',
          'SuccessfulCreate',
          `Created pod: ${res.object.metadata.name}`,
        );
        created++;
      } else {
        if (!res.ok && res.status)
          sim.recordEvent(
            jobSource,
            job,
            'Warning',
            'FailedCreate',
            `Error creating: ${res.status.message}`,
          );
        failed = true;
        break;
      }
    }
    batch *= 2;
  }
  if (failed) requeueAfter(sim, 'job', ctx.key, 1000);
  return active + created;
}

/**
 * activePodsForRemoval: for an Indexed Job, pods of a duplicated or out-of-range index first;
 * then the least advanced.
 */
function podsForRemoval(ctx: SyncCtx, activePods: KObject[], atLeast: number): KObject[] {
  const rm: KObject[] = [];
  let left = activePods;
  if (ctx.job.spec?.completionMode === 'Indexed') {
    const seen = new Set<number>();
    left = [];
    const completions = ctx.job.spec.completions ?? 0;
    const byIndex = [...activePods].sort((a, b) => completionIndexOf(a) - completionIndexOf(b));
    for (const p of byIndex) {
      const ix = completionIndexOf(p);
      if (ix < 0 || ix >= completions || seen.has(ix)) rm.push(p);
      else {
        seen.add(ix);
        left.push(p);
      }
    }
  }
  if (rm.length < atLeast) rm.push(...rankForRemoval(left).slice(0, atLeast - rm.length));
  return rm;
}

/** firstPendingIndexes: the lowest indexes neither succeeded nor running. */
function firstPendingIndexes(
  ctx: SyncCtx,
  activePods: KObject[],
  count: number,
  completions: number,
): number[] {
  const taken = new Set<number>(ctx.succeededIndexes);
  for (const p of activePods) taken.add(completionIndexOf(p));
  if (onlyReplaceFailedPods(ctx.job))
    for (const p of ctx.pods) if (isTerminating(p)) taken.add(completionIndexOf(p));
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!taken.has(i)) out.push(i);
  return out;
}

/**
 * deleteJobPods / deleteActivePods: each pod deleted (and, unless the Job is finishing, freed of
 * the tracking finalizer first) with a SuccessfulDelete event.
 */
function deletePods(
  sim: Simulation,
  job: KObject,
  pods: KObject[],
  removeFinalizer: boolean,
): { deleted: number; deletedReady: number } {
  let deleted = 0;
  let deletedReady = 0;
  for (const pod of pods) {
    const ns = pod.metadata.namespace;
    const name = pod.metadata.name as string;
    if (removeFinalizer && hasTrackingFinalizer(pod)) {
      const res = removeTrackingFinalizer(sim, pod);
      if (!res) continue;
    }
    const res = kcmApi(sim, { verb: 'delete', resource: 'pods', namespace: ns, name });
    if (!res.ok && res.status?.reason !== 'NotFound') {
      if (res.status)
        sim.recordEvent(
          jobSource,
          job,
          'Warning',
          'FailedDelete',
          `Error deleting: ${res.status.message}`,
        );
      continue;
    }
    if (res.ok)
      sim.recordEvent(jobSource, job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
    deleted++;
    if (isReady(pod)) deletedReady++;
  }
  return { deleted, deletedReady };
}

/**
 * syncOrphanPod: a pod whose Job is gone (or finished) keeps no tracking finalizer, so its
 * deletion can complete.
 */
export function reconcileJobPod(sim: Simulation, podKey: string): void {
  const pod = sim.store('pods')[podKey];
  if (!pod || !hasTrackingFinalizer(pod)) return;
  const owner = (pod.metadata.ownerReferences ?? []).find(
    (r: { controller?: boolean }) => r.controller,
  );
  if (owner && owner.kind === 'Job' && owner.apiVersion === 'batch/v1') {
    const job = sim.store('jobs')[`${pod.metadata.namespace}/${owner.name}`];
    if (job && job.metadata.uid === owner.uid) {
      const managedBy = job.spec?.managedBy;
      if (managedBy != null && managedBy !== JOB_CONTROLLER) return;
      if (!isJobFinished(job)) return;
    }
  } else if (owner) return;
  removeTrackingFinalizer(sim, pod);
}
