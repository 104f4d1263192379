/** Job controller: runs pods to `completions` successes, retrying failures up to backoffLimit. */
import { isoTime } from '../../model/meta';
import type { Simulation } from '../../sim/simulation';
import { isReady, kcmApi, owned, podFromTemplate, requeueLater, updateStatus } from './common';
import { kcmSource } from './manager';

export function reconcileJob(sim: Simulation, key: string): void {
  const job = sim.store('jobs')[key];
  if (!job || job.metadata.deletionTimestamp) return;
  const src = kcmSource('job-controller');
  const done = (job.status?.conditions ?? []).some(
    (c: { type: string; status: string }) =>
      (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
  const pods = owned(sim, job.metadata.uid as string, 'pods');
  const active = pods.filter(
    (p) =>
      !p.metadata.deletionTimestamp &&
      p.status?.phase !== 'Succeeded' &&
      p.status?.phase !== 'Failed',
  );
  const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
  const failed = pods.filter((p) => p.status?.phase === 'Failed').length;
  const completions: number = job.spec.completions ?? 1;
  const parallelism: number = job.spec.parallelism ?? 1;
  const now = isoTime(sim.state.nowMs);
  const status: Record<string, unknown> = {
    active: active.length || undefined,
    ready: active.filter(isReady).length,
    succeeded: succeeded || undefined,
    failed: failed || undefined,
    terminating: 0,
    startTime: job.status?.startTime ?? now,
    uncountedTerminatedPods: {},
  };
  if (done) return;
  if (succeeded >= completions) {
    status.completionTime = now;
    status.active = undefined;
    status.conditions = [
      {
        type: 'SuccessCriteriaMet',
        status: 'True',
        lastProbeTime: now,
        lastTransitionTime: now,
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
      },
      {
        type: 'Complete',
        status: 'True',
        lastProbeTime: now,
        lastTransitionTime: now,
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
      },
    ];
    updateStatus(sim, 'jobs', job, status);
    sim.recordEvent(src, job, 'Normal', 'Completed', 'Job completed');
    return;
  }
  if (failed > (job.spec.backoffLimit ?? 6)) {
    for (const p of active)
      kcmApi(sim, {
        verb: 'delete',
        resource: 'pods',
        namespace: p.metadata.namespace,
        name: p.metadata.name,
      });
    status.active = undefined;
    status.conditions = [
      {
        type: 'FailureTarget',
        status: 'True',
        lastProbeTime: now,
        lastTransitionTime: now,
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
      },
      {
        type: 'Failed',
        status: 'True',
        lastProbeTime: now,
        lastTransitionTime: now,
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
      },
    ];
    updateStatus(sim, 'jobs', job, status);
    sim.recordEvent(
      src,
      job,
      'Warning',
      'BackoffLimitExceeded',
      'Job has reached the specified backoff limit',
    );
    return;
  }
  const want = Math.min(parallelism, completions - succeeded) - active.length;
  for (let i = 0; i < want; i++) {
    const res = kcmApi(sim, {
      verb: 'create',
      resource: 'pods',
      namespace: job.metadata.namespace,
      body: podFromTemplate(job, job.spec.template, `${job.metadata.name}-`),
    });
    if (res.ok && res.object) {
      sim.recordEvent(
        src,
        job,
        'Normal',
        'SuccessfulCreate',
        `Created pod: ${res.object.metadata.name}`,
      );
      status.active = ((status.active as number) ?? 0) + 1;
    } else {
      requeueLater(sim, 'jobs', key, job.metadata.uid as string);
      break;
    }
  }
  updateStatus(sim, 'jobs', job, status);
}
