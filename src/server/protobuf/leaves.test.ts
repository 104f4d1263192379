import { describe, expect, it } from 'vitest';
import { goDuration, readLeaf, rfc3339 } from './leaves';
import { bytes, num } from './testing/wireWriter';
import { ProtoError, WireReader } from './wire';

const read = (code: string, ...fields: Buffer[]) => {
  const b = Buffer.concat(fields);
  return readLeaf(new WireReader(b), b.length, code);
};

describe("Go's time.Duration.String", () => {
  it.each([
    [0n, '0s'],
    [1n, '1ns'],
    [1_500n, '1.5µs'],
    [2_000_000n, '2ms'],
    [1_500_000n, '1.5ms'],
    [1_000_000_000n, '1s'],
    [1_500_000_000n, '1.5s'],
    [90_000_000_000n, '1m30s'],
    [3_600_000_000_000n, '1h0m0s'],
    [3_723_000_000_001n, '1h2m3.000000001s'],
    [-90_000_000_000n, '-1m30s'],
    [9_223_372_036_854_775_807n, '2562047h47m16.854775807s'],
  ])('%s ns → %s', (ns, want) => {
    expect(goDuration(ns)).toBe(want);
  });
});

describe('RFC 3339 in UTC, as metav1.Time and MicroTime marshal', () => {
  it('whole seconds, or six digits truncated', () => {
    expect(rfc3339(0n, 0)).toBe('1970-01-01T00:00:00Z');
    expect(rfc3339(1_700_000_000n, 0)).toBe('2023-11-14T22:13:20Z');
    expect(rfc3339(1_700_000_000n, 999_999, 6)).toBe('2023-11-14T22:13:20.000999Z');
    expect(rfc3339(-1n, 0)).toBe('1969-12-31T23:59:59Z');
    // time.Unix normalizes nanos beyond a second.
    expect(rfc3339(0n, 1_500_000_000, 6)).toBe('1970-01-01T00:00:01.500000Z');
    expect(rfc3339(253_402_300_799n, 0)).toBe('9999-12-31T23:59:59Z');
  });

  it('refuses a time no date can hold', () => {
    expect(() => rfc3339(2n ** 62n, 0)).toThrow(ProtoError);
  });
});

describe('the leaves on the wire', () => {
  it('an empty Time is the zero time, null; Time drops nanos, MicroTime keeps microseconds', () => {
    expect(read('t')).toBe(null);
    expect(read('t', num(1, 60), num(2, 5))).toBe('1970-01-01T00:01:00Z');
    expect(read('m', num(1, 60), num(2, 123_456_789))).toBe('1970-01-01T00:01:00.123456Z');
  });

  it('IntOrString by its type, Quantity as sent, Duration as Go prints it', () => {
    expect(read('x', num(2, 8080))).toBe(8080);
    expect(read('x', num(1, 1), bytes(3, '25%'))).toBe('25%');
    expect(read('x', num(2, -1n))).toBe(-1);
    expect(() => read('x', num(1, 2))).toThrow('impossible IntOrString.Type');
    expect(read('q', bytes(1, '1Gi'))).toBe('1Gi');
    expect(read('q')).toBe('0');
    expect(read('d', num(1, 5_000_000_000))).toBe('5s');
  });

  it('RawExtension and FieldsV1: the JSON they carry, null when empty', () => {
    expect(read('r', bytes(1, '{"a":[1]}'))).toEqual({ a: [1] });
    expect(read('r')).toBe(null);
    expect(read('f', bytes(1, '{"f:metadata":{}}'))).toEqual({ 'f:metadata': {} });
    expect(() => read('f', bytes(1, 'not json'))).toThrow(ProtoError);
  });

  it("gogo's words for a wrong wire type", () => {
    expect(() => read('t', bytes(1, 'x'))).toThrow('proto: wrong wireType = 2 for field Seconds');
    expect(() => read('q', num(1, 1))).toThrow('proto: wrong wireType = 0 for field String_');
  });
});
