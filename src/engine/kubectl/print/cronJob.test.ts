import { describe, expect, it } from 'vitest';
import { NOW_MS } from './__fixtures__/objects';
import { describe as describeObject } from './index';
import type { KObject } from './kobject';
import { printTable } from './table';

/** The docs' hello CronJob as stored, last scheduled a minute before NOW_MS. */
function hello(extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default', creationTimestamp: '2026-01-01T09:00:00Z' },
    spec: {
      schedule: '* * * * *',
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        spec: {
          template: {
            spec: {
              restartPolicy: 'OnFailure',
              containers: [
                {
                  name: 'hello',
                  image: 'busybox:1.28',
                  command: ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'],
                },
              ],
            },
          },
        },
      },
      ...extra,
    },
    status: {
      lastScheduleTime: '2026-01-01T09:01:00Z',
      active: [{ kind: 'Job', name: 'hello-29454301', namespace: 'default' }],
    },
  };
}

describe('kubectl get cronjobs', () => {
  it('prints printCronJob columns: <none> time zone, SUSPEND as a word, LAST SCHEDULE as an age', () => {
    const out = printTable(
      'cronjobs',
      [hello(), hello({ timeZone: 'Asia/Taipei', suspend: true })],
      {
        nowMs: NOW_MS,
      },
    );
    const [header, first, second] = out.split('\n');
    expect(header).toBe('NAME    SCHEDULE    TIMEZONE      SUSPEND   ACTIVE   LAST SCHEDULE   AGE');
    expect(first).toMatch(/^hello {3}\* \* \* \* \* {3}<none> {8}False {5}1 {8}\S+ +\S+$/);
    expect(second).toMatch(/^hello {3}\* \* \* \* \* {3}Asia\/Taipei {3}True {6}1/);
  });
});

describe('kubectl describe cronjob', () => {
  it('prints describeCronJob with the job template and the active Jobs', () => {
    const text = describeObject('cronjobs', hello(), { nowMs: NOW_MS, events: [] });
    expect(text).toContain(`Name:                          hello
Namespace:                     default
Labels:                        <none>
Annotations:                   <none>
Schedule:                      * * * * *
Concurrency Policy:            Allow
Suspend:                       False
Successful Job History Limit:  3
Failed Job History Limit:      1
Starting Deadline Seconds:     <unset>
Selector:                      <unset>
Parallelism:                   <unset>
Completions:                   <unset>
Pod Template:
  Labels:  <none>
  Containers:
   hello:
    Image:      busybox:1.28
`);
    expect(text).toContain(`Last Schedule Time:  Thu, 01 Jan 2026 09:01:00 +0000
Active Jobs:         hello-29454301
Events:              <none>
`);
  });
});
