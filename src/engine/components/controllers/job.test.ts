import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types';
import { runLabLine } from '../../lab';
import { createSimulation } from '../../sim/bootstrap';
import { EPOCH_MS } from '../../sim/defaults';
import type { Simulation } from '../../sim/simulation';
import { nextBackoffRecord, remainingBackoffMs } from './jobBackoff';
import { JOB_TRACKING_FINALIZER } from './jobPods';

/** A pod template whose program runs until killed (`sleep` as PID 1 even ignores SIGTERM). */
const sleeper = (restartPolicy = 'Never') => ({
  spec: {
    restartPolicy,
    containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }],
  },
});

/** A Job (by default one whose program prints a line and exits 0). */
function createJob(sim: Simulation, name: string, spec: Record<string, unknown>): void {
  const res = sim.call({
    verb: 'create',
    resource: 'jobs',
    namespace: 'default',
    body: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name },
      spec: {
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [
              { name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo done'] },
            ],
          },
        },
        ...spec,
      },
    },
  });
  expect(res.ok, JSON.stringify(res)).toBe(true);
}

const job = (sim: Simulation, name: string): KObject => sim.store('jobs')[`default/${name}`];
const podsOf = (sim: Simulation, name: string): KObject[] =>
  Object.values(sim.store('pods')).filter((p) => p.metadata.labels?.['job-name'] === name);
const conditionTypes = (j: KObject): string[] =>
  (j.status?.conditions ?? []).map((c: { type: string }) => c.type);
const crash = (sim: Simulation, name: string) =>
  runLabLine(`crash job/${name}`, { host: sim }).output;

/** Advances until the Job's pods are running (at most a minute). */
function untilRunning(sim: Simulation, name: string): void {
  for (let i = 0; i < 600; i++) {
    if (podsOf(sim, name).some((p) => p.status?.phase === 'Running')) return;
    sim.advanceBy(100);
  }
  throw new Error(`no running pod of ${name}`);
}

describe('Job controller', () => {
  it('creates pods with the tracking finalizer and counts them once they finish', () => {
    const sim = createSimulation({ seed: 3 });
    createJob(sim, 'pi', {});
    sim.advanceBy(500);
    const [pod] = podsOf(sim, 'pi');
    expect(pod.metadata.finalizers).toEqual([JOB_TRACKING_FINALIZER]);
    sim.advanceBy(30_000);
    const j = job(sim, 'pi');
    expect(conditionTypes(j)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(j.status.succeeded).toBe(1);
    expect(j.status.uncountedTerminatedPods).toEqual({});
    // Counted: the finalizer is off, and deleting the pod changes no counter.
    expect(podsOf(sim, 'pi')[0].metadata.finalizers).toBeUndefined();
    runLabLine(`kubectl delete pod ${podsOf(sim, 'pi')[0].metadata.name}`, { host: sim });
    sim.advanceBy(5_000);
    expect(job(sim, 'pi').status.succeeded).toBe(1);
  });

  it('waits out the failure back-off before replacing a failed pod, then fails at backoffLimit', () => {
    const sim = createSimulation({ seed: 5 });
    createJob(sim, 'flaky', { backoffLimit: 1, template: sleeper() });
    untilRunning(sim, 'flaky');
    crash(sim, 'flaky');
    const failedAt = sim.nowMs();
    sim.advanceBy(9_000);
    expect(podsOf(sim, 'flaky')).toHaveLength(1);
    sim.advanceBy(3_000);
    expect(podsOf(sim, 'flaky')).toHaveLength(2);
    untilRunning(sim, 'flaky');
    expect(sim.nowMs() - failedAt).toBeGreaterThanOrEqual(10_000);
    crash(sim, 'flaky');
    sim.advanceBy(3_000);
    const j = job(sim, 'flaky');
    expect(conditionTypes(j)).toEqual(['FailureTarget', 'Failed']);
    expect(j.status.conditions[1].reason).toBe('BackoffLimitExceeded');
    expect(j.status.failed).toBe(2);
    const events = Object.values(sim.store('events')).filter(
      (e) => e.involvedObject.name === 'flaky' && e.reason === 'BackoffLimitExceeded',
    );
    expect(events.map((e) => e.message)).toEqual(['Job has reached the specified backoff limit']);
  });

  it('marks the Job Failed only after the pods it stopped have terminated', () => {
    const sim = createSimulation({ seed: 7 });
    createJob(sim, 'slow', { activeDeadlineSeconds: 4, template: sleeper() });
    // The interim FailureTarget is written while the stopped pod still counts as terminating.
    let terminatingAtTarget: number | undefined;
    let targetAtMs = 0;
    for (let i = 0; i < 1200 && !conditionTypes(job(sim, 'slow')).includes('Failed'); i++) {
      sim.advanceBy(50);
      const j = job(sim, 'slow');
      if (terminatingAtTarget === undefined && conditionTypes(j).includes('FailureTarget')) {
        terminatingAtTarget = j.status.terminating;
        targetAtMs = sim.nowMs();
      }
    }
    const j = job(sim, 'slow');
    expect(terminatingAtTarget).toBe(1);
    // The stopped `sleep` ignores SIGTERM: it goes when its 30 s grace period ends.
    expect(sim.nowMs() - targetAtMs).toBeGreaterThanOrEqual(29_000);
    expect(j.status.conditions.map((c: { reason: string }) => c.reason)).toEqual([
      'DeadlineExceeded',
      'DeadlineExceeded',
    ]);
    expect(j.status.terminating).toBe(0);
    expect(j.status.failed).toBe(1);
  });

  it('counts OnFailure restarts against backoffLimit', () => {
    const sim = createSimulation({ seed: 2 });
    createJob(sim, 'retry', { backoffLimit: 1, template: sleeper('OnFailure') });
    untilRunning(sim, 'retry');
    crash(sim, 'retry');
    // The kubelet restarts it in place at once: one restart is the limit.
    sim.advanceBy(4_000);
    expect(podsOf(sim, 'retry')[0].status.containerStatuses[0].restartCount).toBe(1);
    expect(job(sim, 'retry').status.conditions?.[0]).toMatchObject({
      type: 'FailureTarget',
      reason: 'BackoffLimitExceeded',
    });
    sim.advanceBy(35_000);
    expect(conditionTypes(job(sim, 'retry'))).toEqual(['FailureTarget', 'Failed']);
  });

  it('gives Indexed pods their index, hostname and JOB_COMPLETION_INDEX', () => {
    const sim = createSimulation({ seed: 1 });
    createJob(sim, 'idx', { completions: 3, parallelism: 2, completionMode: 'Indexed' });
    sim.advanceBy(500);
    const pods = podsOf(sim, 'idx').sort((a, b) =>
      String(a.metadata.name).localeCompare(String(b.metadata.name)),
    );
    expect(
      pods.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']),
    ).toEqual(['0', '1']);
    expect(pods.map((p) => p.spec.hostname)).toEqual(['idx-0', 'idx-1']);
    expect(pods[0].metadata.generateName).toBe('idx-0-');
    expect(pods[0].spec.containers[0].env).toEqual([
      {
        name: 'JOB_COMPLETION_INDEX',
        valueFrom: {
          fieldRef: {
            apiVersion: 'v1',
            fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']",
          },
        },
      },
    ]);
    sim.advanceBy(60_000);
    expect(job(sim, 'idx').status.completedIndexes).toBe('0-2');
  });

  it('deletes a suspended Job’s pods and starts again on resume', () => {
    const sim = createSimulation({ seed: 4 });
    createJob(sim, 'later', { suspend: true });
    sim.advanceBy(2_000);
    expect(podsOf(sim, 'later')).toHaveLength(0);
    expect(job(sim, 'later').status.conditions[0]).toMatchObject({
      type: 'Suspended',
      status: 'True',
      reason: 'JobSuspended',
    });
    expect(job(sim, 'later').status.startTime).toBeUndefined();
    const j = job(sim, 'later');
    sim.call({
      verb: 'update',
      resource: 'jobs',
      namespace: 'default',
      name: 'later',
      body: { ...j, spec: { ...j.spec, suspend: false } },
    });
    sim.advanceBy(1_000);
    expect(podsOf(sim, 'later')).toHaveLength(1);
    expect(job(sim, 'later').status.conditions[0]).toMatchObject({
      status: 'False',
      reason: 'JobResumed',
    });
  });

  it('deletes a finished Job after ttlSecondsAfterFinished', () => {
    const sim = createSimulation({ seed: 6 });
    createJob(sim, 'short', {
      ttlSecondsAfterFinished: 20,
      template: {
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] },
      },
    });
    let done = job(sim, 'short');
    for (let k = 0; k < 600 && !conditionTypes(done).includes('Complete'); k++) {
      sim.advanceBy(100);
      done = job(sim, 'short');
    }
    const finishedMs = Date.parse(done.status.completionTime) - EPOCH_MS;
    sim.advanceTo(finishedMs + 19_000);
    expect(job(sim, 'short')).toBeDefined();
    sim.advanceTo(finishedMs + 21_000);
    expect(job(sim, 'short')).toBeUndefined();
    expect(podsOf(sim, 'short')).toHaveLength(0);
  });

  it('frees the pods of a deleted Job of their finalizer', () => {
    const sim = createSimulation({ seed: 8 });
    createJob(sim, 'gone', { template: sleeper() });
    untilRunning(sim, 'gone');
    runLabLine('kubectl delete job gone', { host: sim });
    // Held by its finalizer only until the collector's delete reaches the Job controller; then
    // the 30 s grace period of `sleep`.
    sim.advanceBy(5_000);
    expect(podsOf(sim, 'gone')[0]?.metadata.finalizers).toBeUndefined();
    sim.advanceBy(30_000);
    expect(podsOf(sim, 'gone')).toHaveLength(0);
  });
});

describe('pod failure back-off (backoff_utils.go)', () => {
  it('doubles from 10 s per consecutive failure, capped at 10 minutes', () => {
    expect(remainingBackoffMs({ failures: 0, lastFailureMs: 0 }, 0)).toBe(0);
    expect(remainingBackoffMs({ failures: 1, lastFailureMs: 0 }, 4_000)).toBe(6_000);
    expect(remainingBackoffMs({ failures: 3, lastFailureMs: 0 }, 0)).toBe(40_000);
    expect(remainingBackoffMs({ failures: 20, lastFailureMs: 0 }, 0)).toBe(600_000);
    expect(remainingBackoffMs({ failures: 2, lastFailureMs: 0 }, 25_000)).toBe(0);
  });

  it('starts over after a success', () => {
    const sim = createSimulation({ seed: 1 });
    const pod = (phase: string, finishedAt: string): KObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      status: {
        phase,
        containerStatuses: [{ state: { terminated: { finishedAt } } }],
      },
    });
    sim.state.kcm.jobBackoff = { 'default/j': { failures: 4, lastFailureMs: 1_000 } };
    const r = nextBackoffRecord(
      sim,
      'default/j',
      [pod('Succeeded', '2026-01-01T09:00:40Z')],
      [pod('Failed', '2026-01-01T09:00:30Z'), pod('Failed', '2026-01-01T09:00:50Z')],
    );
    expect(r).toEqual({ failures: 1, lastFailureMs: 50_000 });
  });
});
