import { describe, expect, it } from 'vitest';
import { fieldErrorText } from '../api/errors';
import {
  decodeContinue,
  encodeContinue,
  parseResourceVersion,
  validateListOptions,
} from './listOptions';

describe('continue tokens', () => {
  it('are unpadded base64url of the meta.k8s.io/v1 token, as Go encodes it', () => {
    // {"v":"meta.k8s.io/v1","rv":123,"start":"nginx\u0000"}
    expect(encodeContinue('nginx\u0000', 123)).toBe(
      'eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MTIzLCJzdGFydCI6Im5naW54XHUwMDAwIn0',
    );
    expect(decodeContinue(encodeContinue('default/web-1\u0000', 42))).toEqual({
      start: 'default/web-1\u0000',
      rv: 42,
    });
    expect(decodeContinue(encodeContinue('x\u0000', -1))).toEqual({ start: 'x\u0000', rv: -1 });
  });

  it('refuse what DecodeContinue refuses, in its words', () => {
    const token = (json: string) => Buffer.from(json).toString('base64url');
    expect(decodeContinue('abc=')).toEqual({
      error: 'continue key is not valid: illegal base64 data at input byte 3',
    });
    expect(decodeContinue('a+b')).toEqual({
      error: 'continue key is not valid: illegal base64 data at input byte 1',
    });
    expect(decodeContinue('abcde')).toEqual({
      error: 'continue key is not valid: illegal base64 data at input byte 4',
    });
    expect(decodeContinue(token('{"v":'))).toEqual({
      error: 'continue key is not valid: unexpected end of JSON input',
    });
    expect(decodeContinue(token('[1]'))).toEqual({
      error:
        'continue key is not valid: json: cannot unmarshal array into Go value of type storage.continueToken',
    });
    expect(decodeContinue(token('{"v":"meta.k8s.io/v1","rv":"1","start":"a"}'))).toEqual({
      error:
        'continue key is not valid: json: cannot unmarshal string into Go struct field continueToken.rv of type int64',
    });
    expect(decodeContinue(token('{"v":"v2","rv":1,"start":"a"}'))).toEqual({
      error: 'continue key is not valid: server does not recognize this encoded version v2',
    });
    expect(decodeContinue(token('{"v":"meta.k8s.io/v1","start":"a"}'))).toEqual({
      error:
        'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    });
    expect(decodeContinue(token('{"v":"meta.k8s.io/v1","rv":5}'))).toEqual({
      error: 'continue key is not valid: encoded start key empty (version meta.k8s.io/v1)',
    });
    expect(
      decodeContinue(token('{"v":"meta.k8s.io/v1","rv":5,"start":"../kube-system/x"}')),
    ).toEqual({ error: 'continue key is not valid: ../kube-system/x' });
  });
});

describe('ValidateListOptions', () => {
  const texts = (opts: Parameters<typeof validateListOptions>[0]) =>
    validateListOptions(opts).map(fieldErrorText);

  it('accepts the usual combinations', () => {
    expect(texts({})).toEqual([]);
    expect(texts({ resourceVersion: '10', resourceVersionMatch: 'Exact' })).toEqual([]);
    expect(texts({ resourceVersion: '0', resourceVersionMatch: 'NotOlderThan' })).toEqual([]);
    expect(texts({ continue: 'abc' })).toEqual([]);
  });

  it('refuses a match without a version, beside continue, unknown, or exact at 0', () => {
    expect(texts({ resourceVersionMatch: 'Exact', continue: 'x' })).toEqual([
      'resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
      'resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided',
    ]);
    expect(texts({ resourceVersion: '1', resourceVersionMatch: 'Newest' })).toEqual([
      'resourceVersionMatch: Unsupported value: "Newest": supported values: "Exact", "NotOlderThan", ""',
    ]);
    expect(texts({ resourceVersion: '0', resourceVersionMatch: 'Exact' })).toEqual([
      'resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
    ]);
  });
});

describe('parseResourceVersion', () => {
  it('reads "", "0" and numbers; words anything else as strconv does', () => {
    expect(parseResourceVersion(undefined)).toEqual({ rv: 0 });
    expect(parseResourceVersion('0')).toEqual({ rv: 0 });
    expect(parseResourceVersion('1234')).toEqual({ rv: 1234 });
    expect(parseResourceVersion('abc')).toEqual({
      error:
        'resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax',
    });
    expect(parseResourceVersion('-1')).toEqual({
      error:
        'resourceVersion: Invalid value: "-1": strconv.ParseUint: parsing "-1": invalid syntax',
    });
    expect(parseResourceVersion('99999999999999999999')).toEqual({
      error:
        'resourceVersion: Invalid value: "99999999999999999999": strconv.ParseUint: parsing "99999999999999999999": value out of range',
    });
  });
});
