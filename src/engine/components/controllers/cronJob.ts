/**
 * The CronJob controller v2 (pkg/controller/cronjob/cronjob_controllerv2.go, utils.go): on each
 * sync it trims the finished Jobs past the history limits, notices Jobs that finished or went
 * missing, and — unless suspended — creates the Job for the most recent unmet scheduled time,
 * named `NAME-<scheduled time in minutes since the epoch>`, honouring startingDeadlineSeconds
 * and concurrencyPolicy. It then sleeps until 100 ms after the next scheduled time. Times are the
 * simulated wall clock (EPOCH_MS + nowMs); schedules run in UTC unless spec.timeZone says
 * otherwise.
 */
import { KCM_USER, type KObject } from '../../api/types';
import { type CronSchedule, nextActivation, parseStandard } from '../../model/cron';
import { jsonClone, timeMsOf } from '../../model/meta';
import { formatRfc3339In, loadLocation, type Zone } from '../../model/timeZones';
import { EPOCH_MS, K8S } from '../../sim/defaults';
import type { EventSource, Simulation } from '../../sim/simulation';
import { ACTOR } from '../../trace';
import { controllerRef, kcmApi, owned } from './common';
import { requeueAfter } from './workQueue';

// biome-ignore lint/suspicious/noExplicitAny: CronJob statuses are free-form JSON here
type Json = any;

const source: EventSource = { component: 'cronjob-controller', user: KCM_USER, actor: ACTOR.kcm };

/** batch.CronJobScheduledTimestampAnnotation (CronJobsScheduledAnnotation, on by default). */
export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The Job's terminal condition type, if it has one (getFinishedStatus). */
function finishedStatus(job: KObject): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? [])
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return undefined;
}

export function reconcileCronJob(sim: Simulation, key: string): void {
  const cj = sim.store('cronjobs')[key];
  if (!cj) return;
  const jobs = owned(sim, cj.metadata.uid as string, 'jobs');
  const status: Json = { ...(cj.status ?? {}), active: [...(cj.status?.active ?? [])] };
  const cleaned = cleanupFinishedJobs(sim, cj, status, jobs);
  const { requeueMs, changed } = syncCronJob(sim, cj, status, jobs);
  if (cleaned || changed) {
    if (status.active.length === 0) delete status.active;
    for (const k of Object.keys(status)) if (status[k] === undefined) delete status[k];
    const res = kcmApi(sim, {
      verb: 'update',
      resource: 'cronjobs',
      subresource: 'status',
      namespace: cj.metadata.namespace,
      name: cj.metadata.name,
      body: { ...cj, status },
    });
    if (!res.ok) {
      requeueAfter(sim, 'cronjob', key, 1000);
      return;
    }
  }
  if (requeueMs !== undefined) requeueAfter(sim, 'cronjob', key, requeueMs);
}

/** cleanupFinishedJobs: the oldest finished Jobs past each history limit are deleted. */
function cleanupFinishedJobs(sim: Simulation, cj: KObject, status: Json, jobs: KObject[]): boolean {
  const successLimit = cj.spec?.successfulJobsHistoryLimit;
  const failedLimit = cj.spec?.failedJobsHistoryLimit;
  if (successLimit == null && failedLimit == null) return false;
  const succeeded = jobs.filter((j) => finishedStatus(j) === 'Complete');
  const failed = jobs.filter((j) => finishedStatus(j) === 'Failed');
  let changed = false;
  if (successLimit != null && removeOldestJobs(sim, cj, status, succeeded, successLimit))
    changed = true;
  if (failedLimit != null && removeOldestJobs(sim, cj, status, failed, failedLimit)) changed = true;
  return changed;
}

function removeOldestJobs(
  sim: Simulation,
  cj: KObject,
  status: Json,
  jobs: KObject[],
  max: number,
): boolean {
  const excess = jobs.length - max;
  if (excess <= 0) return false;
  // byJobStartTime: started ones oldest first, then the never started, names breaking ties.
  const sorted = [...jobs].sort((a, b) => {
    const sa = a.status?.startTime;
    const sb = b.status?.startTime;
    if (!sa && sb) return 1;
    if (sa && !sb) return -1;
    if (sa === sb || (!sa && !sb))
      return String(a.metadata.name) < String(b.metadata.name) ? -1 : 1;
    return timeMsOf(sa) - timeMsOf(sb);
  });
  let changed = false;
  for (const job of sorted.slice(0, excess)) if (deleteJob(sim, cj, status, job)) changed = true;
  return changed;
}

/** deleteJob: the Job (its pods follow in the background), its active reference, an event. */
function deleteJob(sim: Simulation, cj: KObject, status: Json, job: KObject): boolean {
  const res = kcmApi(sim, {
    verb: 'delete',
    resource: 'jobs',
    namespace: job.metadata.namespace,
    name: job.metadata.name,
    propagationPolicy: 'Background',
  });
  if (!res.ok) {
    if (res.status)
      sim.recordEvent(source, cj, 'Warning', 'FailedDelete', `Deleted job: ${res.status.message}`);
    return false;
  }
  status.active = status.active.filter((r: Json) => r.uid !== job.metadata.uid);
  sim.recordEvent(source, cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
  return true;
}

/** The controller's wall clock (ms since the Unix epoch). */
function wallNow(sim: Simulation): number {
  return EPOCH_MS + sim.state.nowMs;
}

/** formatSchedule: the schedule as the controller parses it, TZ= prefixed for spec.timeZone. */
function scheduleOf(sim: Simulation, cj: KObject): CronSchedule | undefined {
  const spec: string = cj.spec?.schedule ?? '';
  let text = spec;
  if (spec.includes('TZ'))
    sim.recordEvent(
      source,
      cj,
      'Warning',
      'UnsupportedSchedule',
      `CRON_TZ or TZ used in schedule ${JSON.stringify(spec)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
    );
  else if (cj.spec?.timeZone != null && !('error' in loadLocation(cj.spec.timeZone)))
    text = `TZ=${cj.spec.timeZone} ${spec}`;
  const parsed = parseStandard(text);
  if ('error' in parsed) {
    sim.recordEvent(
      source,
      cj,
      'Warning',
      'UnparseableSchedule',
      `unparseable schedule: ${JSON.stringify(spec)} : ${parsed.error}`,
    );
    return undefined;
  }
  return parsed.schedule;
}

interface MostRecent {
  earliestMs: number;
  /** The most recent scheduled time not after now, if any since earliestMs. */
  mostRecentMs?: number;
  missed: 'none' | 'few' | 'many';
  error?: string;
}

/**
 * mostRecentScheduleTime: from the last schedule time (or the creation time), pushed forward
 * by startingDeadlineSeconds when asked, the latest activation not after now.
 */
function mostRecentScheduleTime(
  cj: KObject,
  nowMs: number,
  schedule: CronSchedule,
  withDeadline: boolean,
): MostRecent {
  let earliestMs = Date.parse(cj.metadata.creationTimestamp as string);
  if (cj.status?.lastScheduleTime) earliestMs = Date.parse(cj.status.lastScheduleTime);
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (withDeadline && deadline != null && nowMs - deadline * 1000 > earliestMs)
    earliestMs = nowMs - deadline * 1000;
  const t1 = nextActivation(schedule, earliestMs);
  if (t1 === undefined || nowMs < t1) return { earliestMs, missed: 'none' };
  const t2 = nextActivation(schedule, t1);
  if (t2 === undefined || nowMs < t2) return { earliestMs, mostRecentMs: t1, missed: 'none' };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1)
    return {
      earliestMs,
      missed: 'none',
      error: 'time difference between two schedules is less than 1 second',
    };
  const elapsed = Math.trunc((nowMs - t1) / 1000);
  const missedCount = Math.trunc(elapsed / between) + 1;
  let mostRecentMs: number | undefined;
  const start = t1 + (missedCount - 2) * between * 1000;
  let t = nextActivation(schedule, start);
  while (t !== undefined && t <= nowMs) {
    mostRecentMs = t;
    t = nextActivation(schedule, t);
  }
  const missed = missedCount > 100 ? 'many' : 'few';
  return { earliestMs, mostRecentMs, missed };
}

/** nextScheduleTimeDuration: how long to sleep until just after the next scheduled time. */
function nextScheduleDelay(cj: KObject, nowMs: number, schedule: CronSchedule): number {
  const r = mostRecentScheduleTime(cj, nowMs, schedule, false);
  let from: number;
  if (r.error) from = nowMs;
  else if (r.mostRecentMs === undefined) from = r.missed === 'none' ? r.earliestMs : nowMs;
  else from = r.mostRecentMs;
  const next = nextActivation(schedule, from);
  // A schedule that never fires again (Go's zero time) is looked at again in a year.
  if (next === undefined) return 365 * 24 * 3_600_000;
  return next + K8S.cronJobNextScheduleDeltaMs - nowMs;
}

/** getTimeHashInMinutes. */
function jobName(cj: KObject, scheduledMs: number): string {
  return `${cj.metadata.name}-${Math.floor(scheduledMs / 60_000)}`;
}

/** time.RFC1123Z in UTC (the controller's event message). */
function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** metav1.Time in RFC 3339 (second precision, UTC). */
function isoAt(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** syncCronJob: what the sync changes in the status, and when to look again. */
function syncCronJob(
  sim: Simulation,
  cj: KObject,
  status: Json,
  jobs: KObject[],
): { requeueMs?: number; changed: boolean } {
  let changed = false;
  const inActive = (uid: string) => status.active.some((r: Json) => r.uid === uid);
  const children = new Set<string>();
  for (const j of jobs) {
    const uid = j.metadata.uid as string;
    children.add(uid);
    const found = inActive(uid);
    const finished = finishedStatus(j);
    if (!found && !finished) {
      sim.recordEvent(
        source,
        cj,
        'Warning',
        'UnexpectedJob',
        `Saw a job that the controller did not create or forgot: ${j.metadata.name}`,
      );
    } else if (found && finished) {
      status.active = status.active.filter((r: Json) => r.uid !== uid);
      sim.recordEvent(
        source,
        cj,
        'Normal',
        'SawCompletedJob',
        `Saw completed job: ${j.metadata.name}, status: ${finished}`,
      );
      changed = true;
    } else if (finished === 'Complete' && j.status?.completionTime) {
      // A job does not have to be active: any success moves lastSuccessfulTime on.
      const done = j.status.completionTime;
      if (!status.lastSuccessfulTime || Date.parse(done) > Date.parse(status.lastSuccessfulTime)) {
        status.lastSuccessfulTime = done;
        changed = true;
      }
    }
  }
  // An active Job that no longer exists is dropped from the list.
  for (const ref of [...status.active]) {
    if (children.has(ref.uid)) continue;
    const still = sim.store('jobs')[`${ref.namespace}/${ref.name}`];
    if (still && still.metadata.uid === ref.uid) continue;
    sim.recordEvent(source, cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
    status.active = status.active.filter((r: Json) => r.uid !== ref.uid);
    changed = true;
  }
  if (cj.metadata.deletionTimestamp) return { changed };

  let zone: Zone | undefined;
  if (cj.spec?.timeZone != null) {
    const loc = loadLocation(cj.spec.timeZone);
    if ('error' in loc) {
      sim.recordEvent(
        source,
        cj,
        'Warning',
        'UnknownTimeZone',
        `invalid timeZone: ${JSON.stringify(cj.spec.timeZone)}: ${loc.error}`,
      );
      return { changed };
    }
    zone = loc;
  }
  if (cj.spec?.suspend === true) return { changed };
  const schedule = scheduleOf(sim, cj);
  if (!schedule) return { changed };

  const now = wallNow(sim);
  const recent = mostRecentScheduleTime(cj, now, schedule, true);
  if (recent.error) {
    sim.recordEvent(
      source,
      cj,
      'Warning',
      'InvalidSchedule',
      `invalid schedule: ${cj.spec.schedule} : ${recent.error}`,
    );
    return { changed };
  }
  if (recent.missed === 'many')
    sim.recordEvent(
      source,
      cj,
      'Warning',
      'TooManyMissedTimes',
      'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
    );
  const scheduled = recent.mostRecentMs;
  const requeueMs = nextScheduleDelay(cj, now, schedule);
  if (scheduled === undefined) return { requeueMs, changed };

  const deadline = cj.spec?.startingDeadlineSeconds;
  if (deadline != null && scheduled + deadline * 1000 < now) {
    sim.recordEvent(
      source,
      cj,
      'Warning',
      'MissSchedule',
      `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`,
    );
    return { requeueMs, changed };
  }
  const name = jobName(cj, scheduled);
  const lastSchedule = status.lastScheduleTime ? Date.parse(status.lastScheduleTime) : undefined;
  if (
    status.active.some((r: Json) => r.name === name && r.namespace === cj.metadata.namespace) ||
    lastSchedule === scheduled
  )
    return { requeueMs, changed };
  if (cj.spec?.concurrencyPolicy === 'Forbid' && status.active.length > 0) {
    sim.recordEvent(
      source,
      cj,
      'Normal',
      'JobAlreadyActive',
      'Not starting job because prior execution is running and concurrency policy is Forbid',
    );
    return { requeueMs, changed };
  }
  if (cj.spec?.concurrencyPolicy === 'Replace') {
    for (const ref of [...status.active]) {
      const job = sim.store('jobs')[`${ref.namespace}/${ref.name}`];
      if (!job) {
        sim.recordEvent(
          source,
          cj,
          'Warning',
          'FailedGet',
          `Get job: jobs.batch ${JSON.stringify(ref.name)} not found`,
        );
        return { changed };
      }
      if (!deleteJob(sim, cj, status, job)) return { changed };
      changed = true;
    }
  }

  const res = kcmApi(sim, {
    verb: 'create',
    resource: 'jobs',
    namespace: cj.metadata.namespace,
    body: jobFromTemplate(cj, scheduled, zone),
  });
  let job: KObject | undefined;
  if (res.ok && res.object) {
    job = res.object;
    sim.recordEvent(source, cj, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`);
  } else if (!res.ok && res.status?.reason === 'AlreadyExists') {
    // Made before, but the status update was lost: if it is ours, record it now.
    const existing = sim.store('jobs')[`${cj.metadata.namespace}/${name}`];
    const ref = existing?.metadata.ownerReferences?.find((r: Json) => r.controller);
    if (!existing || ref?.uid !== cj.metadata.uid || inActive(existing.metadata.uid as string))
      return { changed };
    job = existing;
  } else {
    if (!res.ok && res.status)
      sim.recordEvent(
        source,
        cj,
        'Warning',
        'FailedCreate',
        `Error creating job: ${res.status.message}`,
      );
    return { changed };
  }
  status.active.push({
    apiVersion: 'batch/v1',
    kind: 'Job',
    name: job.metadata.name,
    namespace: job.metadata.namespace,
    resourceVersion: job.metadata.resourceVersion,
    uid: job.metadata.uid,
  });
  status.lastScheduleTime = isoAt(scheduled);
  return { requeueMs, changed: true };
}

/** getJobFromTemplate2: the template's labels and annotations, the scheduled time, the owner. */
function jobFromTemplate(cj: KObject, scheduledMs: number, zone: Zone | undefined): KObject {
  const template: Json = cj.spec?.jobTemplate ?? {};
  const utc = loadLocation('') as Zone;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName(cj, scheduledMs),
      namespace: cj.metadata.namespace,
      labels: { ...(template.metadata?.labels ?? {}) },
      annotations: {
        ...(template.metadata?.annotations ?? {}),
        [SCHEDULED_TIMESTAMP]: formatRfc3339In(zone ?? utc, scheduledMs),
      },
      ownerReferences: [controllerRef(cj)],
    },
    spec: jsonClone(template.spec ?? {}),
  };
}
