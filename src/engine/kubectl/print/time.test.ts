import { describe, expect, it } from 'vitest';
import { formatAge } from './index';
import { formatRfc1123z, humanDuration, parseTimestampMs } from './time';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration follows apimachinery HumanDuration thresholds', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1500, '0s'],
    [0, '0s'],
    [999, '0s'],
    [59 * s, '59s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [2 * m + 5 * s, '2m5s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 12 * m, '3h12m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h + 30 * m, '8h'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [2 * d + 4 * h, '2d4h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d + 5 * h, '8d'],
    [729 * d, '729d'],
    [730 * d, '2y'],
    [731 * d, '2y1d'],
    [8 * 365 * d, '8y'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('formatAge', () => {
  it('measures from the RFC3339 stamp to simulation time (0 = 2026-01-01T09:00:00Z)', () => {
    expect(formatAge('2026-01-01T09:00:31Z', 120_000)).toBe('89s');
    expect(formatAge('2026-01-01T08:00:00Z', 0)).toBe('60m');
  });

  it('prints <unknown> for an absent time, as translateTimestampSince does', () => {
    expect(formatAge('', 0)).toBe('<unknown>');
  });
});

describe('timestamps', () => {
  it('parses RFC3339 with micro-second fractions and offsets', () => {
    expect(parseTimestampMs('2026-01-01T09:00:31.250000Z')).toBe(
      Date.UTC(2026, 0, 1, 9, 0, 31, 250),
    );
    expect(parseTimestampMs('2026-01-01T10:00:00+01:00')).toBe(Date.UTC(2026, 0, 1, 9));
    expect(parseTimestampMs('yesterday')).toBeUndefined();
  });

  it('formats Go RFC1123Z in UTC', () => {
    expect(formatRfc1123z('2026-01-01T09:00:31Z')).toBe('Thu, 01 Jan 2026 09:00:31 +0000');
    expect(formatRfc1123z(null)).toBe('Mon, 01 Jan 0001 00:00:00 +0000');
  });
});
