import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import { checkPreconditions, effectiveGracePeriod, validateDeleteOptions } from './deleteOptions';

describe('ValidateDeleteOptions', () => {
  it('accepts the three policies and dryRun All', () => {
    for (const p of ['Foreground', 'Background', 'Orphan'])
      expect(validateDeleteOptions({ propagationPolicy: p })).toBeUndefined();
    expect(validateDeleteOptions({ dryRun: ['All'] })).toBeUndefined();
    expect(validateDeleteOptions({ dryRun: true })).toBeUndefined();
  });

  it('refuses an unknown policy, a bad dryRun and orphanDependents beside a policy', () => {
    expect(
      validateDeleteOptions({
        propagationPolicy: 'Later',
        dryRun: ['Some'],
        orphanDependents: true,
      }),
    ).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      code: 422,
      reason: 'Invalid',
      message:
        'DeleteOptions.meta.k8s.io "" is invalid: [propagationPolicy: Invalid value: "Later": orphanDependents and deletionPropagation cannot be both set, propagationPolicy: Unsupported value: "Later": supported values: "Foreground", "Background", "Orphan", "nil", dryRun: Unsupported value: []string{"Some"}: supported values: "All"]',
      details: {
        group: 'meta.k8s.io',
        kind: 'DeleteOptions',
        causes: [
          {
            reason: 'FieldValueInvalid',
            message:
              'Invalid value: "Later": orphanDependents and deletionPropagation cannot be both set',
            field: 'propagationPolicy',
          },
          {
            reason: 'FieldValueNotSupported',
            message:
              'Unsupported value: "Later": supported values: "Foreground", "Background", "Orphan", "nil"',
            field: 'propagationPolicy',
          },
          {
            reason: 'FieldValueNotSupported',
            message: 'Unsupported value: []string{"Some"}: supported values: "All"',
            field: 'dryRun',
          },
        ],
      },
    });
  });
});

describe('delete preconditions (BeforeDelete)', () => {
  const deploy: KObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'u-1', resourceVersion: '7' },
  };

  it('pass when they match or are absent', () => {
    expect(checkPreconditions(deploy, undefined)).toBeUndefined();
    expect(checkPreconditions(deploy, { uid: 'u-1', resourceVersion: '7' })).toBeUndefined();
  });

  it('are a Conflict named by the kind otherwise', () => {
    expect(checkPreconditions(deploy, { uid: 'u-2' })).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on Deployment.apps "web": the UID in the precondition (u-2) does not match the UID in record (u-1). The object might have been deleted and then recreated',
      details: { name: 'web', group: 'apps', kind: 'Deployment' },
    });
    expect(checkPreconditions(deploy, { resourceVersion: '6' })?.message).toBe(
      'Operation cannot be fulfilled on Deployment.apps "web": the ResourceVersion in the precondition (6) does not match the ResourceVersion in record (7). The object might have been modified',
    );
  });

  it('count a negative grace period as one second', () => {
    expect(effectiveGracePeriod(-5)).toBe(1);
    expect(effectiveGracePeriod(0)).toBe(0);
    expect(effectiveGracePeriod(undefined)).toBeUndefined();
  });
});
