import { describe, expect, it } from 'vitest';
import { fieldErrorText, invalid } from '../../api/errors';
import { resourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
import { applyDefaults } from '../defaults';
import { validateCreate, validateUpdate } from '../validation';

function cronJob(spec: Record<string, unknown>, name = 'hello'): KObject {
  return applyDefaults({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'default' },
    spec: {
      schedule: '*/1 * * * *',
      jobTemplate: {
        spec: {
          template: {
            spec: {
              restartPolicy: 'OnFailure',
              containers: [{ name: 'hello', image: 'busybox:1.28' }],
            },
          },
        },
      },
      ...spec,
    },
  });
}

const texts = (obj: KObject) => validateCreate(obj).map(fieldErrorText);

describe('CronJob validation', () => {
  it('accepts the docs example with its defaults', () => {
    const cj = cronJob({});
    expect(cj.spec).toMatchObject({
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    });
    // The template's JobSpec gets no Job defaults.
    expect(cj.spec.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(texts(cj)).toEqual([]);
  });

  it('refuses a schedule robfig/cron cannot parse, in the API server words', () => {
    const errs = validateCreate(cronJob({ schedule: 'every minute' }));
    expect(invalid(resourceInfo('cronjobs'), 'hello', errs).message).toBe(
      'CronJob.batch "hello" is invalid: spec.schedule: Invalid value: "every minute": expected exactly 5 fields, found 2: [every minute]',
    );
    expect(texts(cronJob({ schedule: '' }))).toEqual(['spec.schedule: Required value']);
    expect(texts(cronJob({ schedule: 'TZ=UTC 0 * * * *' }))).toEqual([
      'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ]);
  });

  it('checks timeZone, concurrencyPolicy and the limits', () => {
    expect(texts(cronJob({ timeZone: 'Mars/Olympus' }))).toEqual([
      'spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
    ]);
    expect(texts(cronJob({ timeZone: 'Local' }))).toEqual([
      'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
    ]);
    expect(texts(cronJob({ timeZone: 'Asia/Taipei' }))).toEqual([]);
    expect(texts(cronJob({ concurrencyPolicy: 'Sometimes' }))).toEqual([
      'spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
    ]);
    expect(texts(cronJob({ startingDeadlineSeconds: -1, failedJobsHistoryLimit: -2 }))).toEqual([
      'spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.failedJobsHistoryLimit: Invalid value: -2: must be greater than or equal to 0',
    ]);
  });

  it('validates the job template under its own path', () => {
    const always = cronJob({
      jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'x' }] } } } },
    });
    expect(texts(always)).toEqual([
      'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]);
    const selector = cronJob({
      jobTemplate: {
        spec: {
          selector: { matchLabels: { a: 'b' } },
          template: {
            metadata: { labels: { a: 'b' } },
            spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x' }] },
          },
        },
      },
    });
    expect(texts(selector)).toEqual([
      'spec.jobTemplate.spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: `selector` will be auto-generated',
    ]);
  });

  it('leaves room for the Job name suffix on create only', () => {
    const long = 'x'.repeat(53);
    expect(texts(cronJob({}, long))).toEqual([
      `metadata.name: Invalid value: "${long}": must be no more than 52 characters`,
    ]);
    const cj = cronJob({}, long);
    cj.metadata.uid = 'u';
    cj.metadata.resourceVersion = '1';
    expect(validateUpdate(cj, cj).map(fieldErrorText)).toEqual([]);
  });
});

describe('Job spec validation shared with the job template', () => {
  const job = (spec: Record<string, unknown>) =>
    applyDefaults({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'j', namespace: 'default' },
      spec: { schedule: '@hourly', jobTemplate: { spec } },
    });

  it('asks podFailurePolicy jobs for restartPolicy Never and well-formed rules', () => {
    const errs = texts(
      job({
        podFailurePolicy: {
          rules: [
            { action: 'FailJob', onExitCodes: { operator: 'In', values: [0, 3, 2] } },
            { action: 'Retry', onPodConditions: [{ type: 'DisruptionTarget' }] },
          ],
        },
        template: {
          spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'x' }] },
        },
      }),
    );
    expect(errs).toEqual([
      'spec.jobTemplate.spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator',
      'spec.jobTemplate.spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [0,3,2]: must be ordered',
      'spec.jobTemplate.spec.podFailurePolicy.rules[1].action: Unsupported value: "Retry": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
      'spec.jobTemplate.spec.podFailurePolicy.rules[1].onPodConditions[0].status: Required value: valid values: ["False" "True" "Unknown"]',
      'spec.jobTemplate.spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
    ]);
  });
});
