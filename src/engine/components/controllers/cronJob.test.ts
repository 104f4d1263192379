import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types';
import { createSimulation } from '../../sim/bootstrap';
import { EPOCH_MS } from '../../sim/defaults';
import type { Simulation } from '../../sim/simulation';
import { SCHEDULED_TIMESTAMP } from './cronJob';

/** A CronJob whose pods run `date`. */
function createCronJob(sim: Simulation, name: string, spec: Record<string, unknown>): void {
  const res = sim.call({
    verb: 'create',
    resource: 'cronjobs',
    namespace: 'default',
    body: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name },
      spec: {
        schedule: '* * * * *',
        jobTemplate: {
          spec: {
            template: {
              spec: {
                restartPolicy: 'OnFailure',
                containers: [{ name: 'c', image: 'busybox:1.28', command: ['date'] }],
              },
            },
          },
        },
        ...spec,
      },
    },
  });
  expect(res.ok, JSON.stringify(res)).toBe(true);
}

const jobsOf = (sim: Simulation, cj: string): KObject[] =>
  Object.values(sim.store('jobs'))
    .filter((j) => j.metadata.ownerReferences?.[0]?.name === cj)
    .sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)));
const names = (jobs: KObject[]) => jobs.map((j) => j.metadata.name);
const reasons = (sim: Simulation, name: string) =>
  Object.values(sim.store('events'))
    .filter((e) => e.involvedObject.kind === 'CronJob' && e.involvedObject.name === name)
    .map((e) => e.reason);
/** The Job name for a scheduled wall-clock time: minutes since the Unix epoch. */
const jobName = (cj: string, iso: string) => `${cj}-${Date.parse(iso) / 60_000}`;

describe('CronJob controller', () => {
  it('creates a Job per scheduled minute, named after it, and records the schedule', () => {
    const sim = createSimulation({ seed: 1 });
    createCronJob(sim, 'hello', {});
    // Created at 09:00:30: the first run is at 09:01:00.
    sim.advanceBy(29_000);
    expect(jobsOf(sim, 'hello')).toHaveLength(0);
    sim.advanceBy(2_000);
    const [job] = jobsOf(sim, 'hello');
    expect(job.metadata.name).toBe(jobName('hello', '2026-01-01T09:01:00Z'));
    expect(job.metadata.annotations?.[SCHEDULED_TIMESTAMP]).toBe('2026-01-01T09:01:00Z');
    expect(job.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', controller: true });
    const cj = sim.store('cronjobs')['default/hello'];
    expect(cj.status.lastScheduleTime).toBe('2026-01-01T09:01:00Z');
    expect(cj.status.active.map((r: { name: string }) => r.name)).toEqual([job.metadata.name]);
    expect(reasons(sim, 'hello')).toEqual(['SuccessfulCreate']);
  });

  it('keeps successfulJobsHistoryLimit finished Jobs and deletes the oldest', () => {
    const sim = createSimulation({ seed: 2 });
    createCronJob(sim, 'hist', { successfulJobsHistoryLimit: 2 });
    sim.advanceBy(5 * 60_000);
    const kept = names(jobsOf(sim, 'hist'));
    expect(kept).toEqual([
      jobName('hist', '2026-01-01T09:04:00Z'),
      jobName('hist', '2026-01-01T09:05:00Z'),
    ]);
    const r = reasons(sim, 'hist');
    expect(r.filter((x) => x === 'SuccessfulDelete')).toHaveLength(3);
    expect(r.filter((x) => x === 'SawCompletedJob').length).toBeGreaterThanOrEqual(4);
    expect(sim.store('cronjobs')['default/hist'].status.lastSuccessfulTime).toBeDefined();
  });

  it('does not start a run while one is active under Forbid, and replaces it under Replace', () => {
    const long = {
      jobTemplate: {
        spec: {
          activeDeadlineSeconds: 3600,
          template: {
            spec: {
              restartPolicy: 'OnFailure',
              // A pod that cannot be scheduled keeps its Job active.
              nodeSelector: { nowhere: 'true' },
              containers: [{ name: 'c', image: 'busybox:1.28' }],
            },
          },
        },
      },
    };
    const sim = createSimulation({ seed: 3 });
    createCronJob(sim, 'forbid', { concurrencyPolicy: 'Forbid', ...long });
    createCronJob(sim, 'replace', { concurrencyPolicy: 'Replace', ...long });
    sim.advanceBy(3 * 60_000);
    expect(jobsOf(sim, 'forbid')).toHaveLength(1);
    expect(reasons(sim, 'forbid')).toContain('JobAlreadyActive');
    expect(names(jobsOf(sim, 'replace'))).toEqual([jobName('replace', '2026-01-01T09:03:00Z')]);
    expect(reasons(sim, 'replace').filter((x) => x === 'SuccessfulDelete')).toHaveLength(2);
  });

  it('skips a run missed by more than startingDeadlineSeconds', () => {
    const sim = createSimulation({ seed: 4 });
    createCronJob(sim, 'late', { startingDeadlineSeconds: 10 });
    createCronJob(sim, 'catchup', {});
    sim.breakComponent('controller-manager');
    sim.advanceBy(60_000);
    sim.repairComponent('controller-manager');
    // 09:01:31: the 09:01 run is more than 10 s late and never starts; the 09:02 one does.
    sim.advanceBy(1_000);
    expect(jobsOf(sim, 'late')).toHaveLength(0);
    // Without a deadline the missed run starts late.
    expect(names(jobsOf(sim, 'catchup'))).toEqual([jobName('catchup', '2026-01-01T09:01:00Z')]);
    sim.advanceBy(30_000);
    expect(names(jobsOf(sim, 'late'))).toEqual([jobName('late', '2026-01-01T09:02:00Z')]);
  });

  it('runs nothing while suspended', () => {
    const sim = createSimulation({ seed: 5 });
    createCronJob(sim, 'off', { suspend: true });
    sim.advanceBy(3 * 60_000);
    expect(jobsOf(sim, 'off')).toHaveLength(0);
  });

  it('reads the schedule in spec.timeZone', () => {
    const sim = createSimulation({ seed: 6 });
    // 09:00 UTC is 17:00 in Taipei: the 17:02 run comes at 09:02 UTC.
    createCronJob(sim, 'tpe', { schedule: '2 17 * * *', timeZone: 'Asia/Taipei' });
    sim.advanceBy(2 * 60_000);
    const [job] = jobsOf(sim, 'tpe');
    expect(job.metadata.annotations?.[SCHEDULED_TIMESTAMP]).toBe('2026-01-01T17:02:00+08:00');
    expect(job.metadata.creationTimestamp).toBe(
      new Date(EPOCH_MS + 2 * 60_000).toISOString().replace('.000', ''),
    );
  });
});
