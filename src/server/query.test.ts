import { describe, expect, it } from 'vitest';
import { deleteRequest } from './query';

const del = (query: string, body?: object) =>
  deleteRequest(
    new URLSearchParams(query),
    body === undefined ? undefined : Buffer.from(JSON.stringify(body)),
  );

describe('DeleteOptions on the wire', () => {
  it('refuses an unknown propagationPolicy and dryRun with ValidateDeleteOptions’ Status', () => {
    expect(del('', { propagationPolicy: 'Sideways', dryRun: ['Some'] })).toEqual({
      error:
        'DeleteOptions.meta.k8s.io "" is invalid: [propagationPolicy: Unsupported value: "Sideways": supported values: "Foreground", "Background", "Orphan", "nil", dryRun: Unsupported value: []string{"Some"}: supported values: "All"]',
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'DeleteOptions.meta.k8s.io "" is invalid: [propagationPolicy: Unsupported value: "Sideways": supported values: "Foreground", "Background", "Orphan", "nil", dryRun: Unsupported value: []string{"Some"}: supported values: "All"]',
        reason: 'Invalid',
        details: {
          group: 'meta.k8s.io',
          kind: 'DeleteOptions',
          causes: [
            {
              field: 'propagationPolicy',
              message:
                'Unsupported value: "Sideways": supported values: "Foreground", "Background", "Orphan", "nil"',
              reason: 'FieldValueNotSupported',
            },
            {
              field: 'dryRun',
              message: 'Unsupported value: []string{"Some"}: supported values: "All"',
              reason: 'FieldValueNotSupported',
            },
          ],
        },
        code: 422,
      },
    });
  });

  it('takes the query’s options when the body has none', () => {
    expect(del('propagationPolicy=Foreground&gracePeriodSeconds=0&dryRun=All')).toEqual({
      propagationPolicy: 'Foreground',
      gracePeriodSeconds: 0,
      dryRun: true,
    });
    expect((del('propagationPolicy=Nope') as { status: { code: number } }).status.code).toBe(422);
  });
});
