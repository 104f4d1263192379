import { describe, expect, it } from 'vitest';
import {
  canonicalQuantity,
  formatBytes,
  formatCpuMilli,
  parseQuantity,
  QUANTITY_FORMAT_ERROR,
} from './quantity';

function milli(s: string | number): number {
  const q = parseQuantity(s);
  if (!q.ok) throw new Error(q.error);
  return q.milli;
}

describe('parseQuantity', () => {
  it.each([
    ['500m', 500],
    ['0.5', 500],
    [1, 1000],
    [0.25, 250],
    ['1', 1000],
    ['2Gi', 2 * 1024 ** 3 * 1000],
    ['128Mi', 128 * 1024 ** 2 * 1000],
    ['1e3', 1_000_000],
    ['100M', 100_000_000_000],
    ['1k', 1_000_000],
    ['-1', -1000],
    ['0', 0],
  ])('reads %s as %d milli-units', (input, expected) => {
    expect(milli(input)).toBe(expected);
  });

  it('rounds values finer than a milli-unit up, as stored objects do', () => {
    expect(milli('1n')).toBe(1);
    expect(canonicalQuantity('1n')).toBe('1m');
  });

  it('rejects text that is not a quantity with the regular-expression message', () => {
    expect(parseQuantity('abc')).toEqual({ ok: false, error: QUANTITY_FORMAT_ERROR });
    expect(parseQuantity('')).toEqual({ ok: false, error: QUANTITY_FORMAT_ERROR });
    expect(parseQuantity('1.2.3')).toEqual({ ok: false, error: QUANTITY_FORMAT_ERROR });
    expect(QUANTITY_FORMAT_ERROR).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });

  it('rejects an unknown suffix with the suffix message', () => {
    expect(parseQuantity('32MMi')).toEqual({
      ok: false,
      error: "unable to parse quantity's suffix",
    });
    expect(parseQuantity('1e')).toEqual({ ok: false, error: "unable to parse quantity's suffix" });
  });
});

describe('canonicalQuantity', () => {
  it.each([
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1.5', '1500m'],
    ['1000', '1k'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['0.5Ki', '512'],
    ['-1Ki', '-1Ki'],
    ['0.0001Ki', '103m'],
    ['200Mi', '200Mi'],
    ['1e3', '1e3'],
    ['12e2', '1200'],
    ['100M', '100M'],
    [2, '2'],
  ])('prints %s as %s', (input, expected) => {
    expect(canonicalQuantity(input)).toBe(expected);
  });
});

describe('formatters', () => {
  it('prints millicores like kubectl', () => {
    expect(formatCpuMilli(250)).toBe('250m');
    expect(formatCpuMilli(2000)).toBe('2');
    expect(formatCpuMilli(1500)).toBe('1500m');
  });

  it('prints bytes with the largest exact binary suffix', () => {
    expect(formatBytes(8010004 * 1024)).toBe('8010004Ki');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2Gi');
    expect(formatBytes(1000)).toBe('1k');
  });
});
