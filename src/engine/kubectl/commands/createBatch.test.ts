import { describe, expect, it } from 'vitest';
import { createFakeHost } from '../testing/fakeHost';
import { kubectl } from '../testing/kubectlLine';

describe('kubectl create job / cronjob', () => {
  it('builds the Job kubectl builds: the name as container name, restartPolicy Never', () => {
    const host = createFakeHost();
    expect(
      kubectl(host, 'kubectl create job pi --image=perl --dry-run=client -o yaml -- perl -v')
        .output,
    ).toBe(`apiVersion: batch/v1
kind: Job
metadata:
  creationTimestamp: null
  name: pi
  namespace: default
spec:
  template:
    metadata:
      creationTimestamp: null
    spec:
      containers:
      - command:
        - perl
        - -v
        image: perl
        name: pi
        resources: {}
      restartPolicy: Never
status: {}
`);
    expect(kubectl(host, 'kubectl create job pi --image=perl').output).toBe(
      'job.batch/pi created\n',
    );
  });

  it('builds the CronJob kubectl builds, OnFailure unless --restart says otherwise', () => {
    const host = createFakeHost();
    expect(
      kubectl(host, 'kubectl create cronjob tick --image=busybox --schedule="*/1 * * * *" -- date')
        .output,
    ).toBe('cronjob.batch/tick created\n');
    const cj = host.find('cronjobs', 'tick');
    expect(cj?.spec.schedule).toBe('*/1 * * * *');
    expect(cj?.spec.jobTemplate.metadata.name).toBe('tick');
    expect(cj?.spec.jobTemplate.spec.template.spec).toMatchObject({
      restartPolicy: 'OnFailure',
      containers: [{ name: 'tick', image: 'busybox', command: ['date'] }],
    });
    expect(kubectl(host, 'kubectl create cronjob x --image=busybox').output).toBe(
      'error: required flag(s) "schedule" not set\n',
    );
  });

  it('makes a Job from a CronJob by hand, marked manual and owned without being controlled', () => {
    const host = createFakeHost();
    host.put({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'hello', uid: 'cj-uid' },
      spec: {
        schedule: '@hourly',
        jobTemplate: {
          metadata: { labels: { team: 'a' } },
          spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
        },
      },
    });
    expect(kubectl(host, 'kubectl create job now --from=cronjob/hello').output).toBe(
      'job.batch/now created\n',
    );
    const job = host.find('jobs', 'now');
    expect(job?.metadata.annotations).toEqual({ 'cronjob.kubernetes.io/instantiate': 'manual' });
    expect(job?.metadata.labels).toEqual({ team: 'a' });
    expect(job?.metadata.ownerReferences).toEqual([
      { apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: 'cj-uid' },
    ]);
  });

  it('refuses what kubectl refuses', () => {
    const host = createFakeHost();
    expect(kubectl(host, 'kubectl create job x').output).toBe(
      'error: either --image or --from must be specified\n',
    );
    expect(kubectl(host, 'kubectl create job x --image=a --from=cronjob/b').output).toBe(
      'error: either --image or --from must be specified\n',
    );
    expect(kubectl(host, 'kubectl create job x --from=cronjob/b -- date').output).toBe(
      'error: cannot specify --from and command\n',
    );
    expect(kubectl(host, 'kubectl create job x y --image=a').output).toBe(
      "error: exactly one NAME is required, got 2\nSee 'kubectl create job -h' for help and examples\n",
    );
    expect(kubectl(host, 'kubectl create job x --from=cronjob/missing').output).toBe(
      'Error from server (NotFound): cronjobs.batch "missing" not found\n',
    );
  });
});
