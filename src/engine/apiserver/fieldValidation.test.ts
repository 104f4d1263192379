import { describe, expect, it } from 'vitest';
import { resourceInfo } from '../api/resources';
import type { KObject } from '../api/types';
import { decodeFields } from './fieldValidation';
import { goFormat } from './goValue';

const pods = resourceInfo('pods');
const deployments = resourceInfo('deployments');

const typo = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web' },
  spec: { contianers: [{ name: 'web', image: 'nginx' }], restartPolcy: 'Never' },
} as KObject;

describe('decodeFields', () => {
  it('Strict: 400 with the decoder wording, fields in decoding order', () => {
    const res = decodeFields(typo, pods, 'Strict');
    expect(res).toEqual({
      ok: false,
      status: expect.objectContaining({
        code: 400,
        reason: 'BadRequest',
        message:
          'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.contianers", unknown field "spec.restartPolcy"',
      }),
    });
  });

  it('names the version without its group', () => {
    const body = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { replica: 2 },
    } as KObject;
    const res = decodeFields(body, deployments, 'Strict');
    expect(!res.ok && res.status.message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"',
    );
  });

  it('Warn (the default): drops the fields and warns once for each', () => {
    for (const directive of ['Warn', undefined] as const) {
      const res = decodeFields(typo, pods, directive);
      expect(res).toEqual({
        ok: true,
        body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: {} },
        warnings: ['unknown field "spec.contianers"', 'unknown field "spec.restartPolcy"'],
      });
    }
  });

  it('Ignore: drops the fields silently', () => {
    expect(decodeFields(typo, pods, 'Ignore')).toEqual({
      ok: true,
      body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: {} },
    });
  });

  it('a clean body comes back as it is', () => {
    const body = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: {} } as KObject;
    expect(decodeFields(body, pods, 'Strict')).toEqual({ ok: true, body });
    expect((decodeFields(body, pods, 'Strict') as { body: KObject }).body).toBe(body);
  });

  it('as a PATCH: 422 around the patch as Go prints it, fields sorted', () => {
    const patch = {
      metadata: {
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"a":1}\n' },
      },
      spec: { zz: 1, contianers: [{ name: 'web' }] },
    };
    const body = { ...typo, spec: { zz: 1, contianers: [] } } as KObject;
    const res = decodeFields(body, pods, 'Strict', patch);
    const value =
      'map[metadata:map[annotations:map[kubectl.kubernetes.io/last-applied-configuration:{"a":1}\n]] spec:map[contianers:[map[name:web]] zz:1]]';
    expect(res).toEqual({
      ok: false,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        code: 422,
        reason: 'Invalid',
        message: ` "" is invalid: patch: Invalid value: ${JSON.stringify(value)}: strict decoding error: unknown field "spec.contianers", unknown field "spec.zz"`,
        details: {
          name: '',
          kind: '',
          causes: [
            {
              reason: 'FieldValueInvalid',
              field: 'patch',
              message: `Invalid value: ${JSON.stringify(value)}: strict decoding error: unknown field "spec.contianers", unknown field "spec.zz"`,
            },
          ],
        },
      },
    });
  });

  it('kinds without a schema pass untouched', () => {
    const body = { apiVersion: 'x/v1', kind: 'Widget', metadata: {}, foo: 1 } as KObject;
    const r = { ...pods, kind: 'Widget', group: 'x' };
    expect(decodeFields(body, r, 'Strict')).toEqual({ ok: true, body });
  });
});

describe('goFormat (%+v of decoded JSON)', () => {
  it('prints maps sorted, slices spaced, strings bare, null as <nil>', () => {
    expect(goFormat({ b: [1, 'x', true], a: null, c: {} })).toBe(
      'map[a:<nil> b:[1 x true] c:map[]]',
    );
  });

  it('prints integers as int64 and other numbers as float64 %v', () => {
    expect([1000000, 0.5, 1234567.5, 1e-5, 123456.5, -2].map(goFormat)).toEqual([
      '1000000',
      '0.5',
      '1.2345675e+06',
      '1e-05',
      '123456.5',
      '-2',
    ]);
  });
});
