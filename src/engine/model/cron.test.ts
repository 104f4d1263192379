import { describe, expect, it } from 'vitest';
import { type CronSchedule, nextActivation, parseStandard } from './cron';

function parse(spec: string): CronSchedule {
  const r = parseStandard(spec);
  if ('error' in r) throw new Error(r.error);
  return r.schedule;
}

function errorOf(spec: string): string {
  const r = parseStandard(spec);
  return 'error' in r ? r.error : '';
}

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) =>
  ms === undefined ? 'never' : new Date(ms).toISOString().replace('.000Z', 'Z');

/** The next activation after a time, as an ISO string. */
const next = (spec: string, after: string) => iso(nextActivation(parse(spec), at(after)));

describe('parseStandard (robfig/cron v3)', () => {
  it('refuses what the library refuses, in its words', () => {
    expect(errorOf('')).toBe('empty spec string');
    expect(errorOf('foo')).toBe('expected exactly 5 fields, found 1: [foo]');
    expect(errorOf('* * * *')).toBe('expected exactly 5 fields, found 4: [* * * *]');
    expect(errorOf('0 0 * * * *')).toBe('expected exactly 5 fields, found 6: [0 0 * * * *]');
    expect(errorOf('60 * * * *')).toBe('end of range (60) above maximum (59): 60');
    expect(errorOf('* 5 j * *')).toBe(
      'failed to parse int from j: strconv.Atoi: parsing "j": invalid syntax',
    );
    expect(errorOf('*/-12 * * * *')).toBe('negative number (-12) not allowed: -12');
    expect(errorOf('*//2 * * * *')).toBe('too many slashes: *//2');
    expect(errorOf('5--5 * * * *')).toBe('too many hyphens: 5--5');
    expect(errorOf('* * 0 * *')).toBe('beginning of range (0) below minimum (1): 0');
    expect(errorOf('5-3 * * * *')).toBe('beginning of range (5) beyond end of range (3): 5-3');
    expect(errorOf('*/0 * * * *')).toBe('step of range should be a positive number: */0');
    expect(errorOf('@every Xm')).toBe(
      'failed to parse duration @every Xm: time: invalid duration "Xm"',
    );
    expect(errorOf('@unrecognized')).toBe('unrecognized descriptor: @unrecognized');
    expect(errorOf('TZ=Mars/Olympus * * * * *')).toBe(
      'provided bad location Mars/Olympus: unknown time zone Mars/Olympus',
    );
  });

  it('accepts names, lists, ranges, steps and descriptors', () => {
    for (const spec of [
      '*/1 * * * *',
      '0 * * * *',
      '0 9-17 * * mon-fri',
      '15,45 */2 1,15 jan,JUL ?',
      '@hourly',
      '@daily',
      '@midnight',
      '@weekly',
      '@monthly',
      '@yearly',
      '@annually',
      '@every 1h30m',
      'CRON_TZ=Asia/Taipei 0 9 * * *',
    ])
      expect(errorOf(spec), spec).toBe('');
  });
});

describe('nextActivation', () => {
  it('steps every minute, on the minute', () => {
    expect(next('*/1 * * * *', '2026-01-01T09:00:30Z')).toBe('2026-01-01T09:01:00Z');
    expect(next('* * * * *', '2026-01-01T09:01:00Z')).toBe('2026-01-01T09:02:00Z');
    expect(next('*/5 * * * *', '2026-01-01T09:01:00Z')).toBe('2026-01-01T09:05:00Z');
  });

  it('wraps hours, days, months and years (robfig TestNext, minus seconds)', () => {
    expect(next('0/15 * * * *', '2012-07-09T14:45:00Z')).toBe('2012-07-09T15:00:00Z');
    expect(next('20-35/15 * * * *', '2012-07-09T15:45:00Z')).toBe('2012-07-09T16:20:00Z');
    expect(next('*/15 * * * *', '2012-07-09T23:46:00Z')).toBe('2012-07-10T00:00:00Z');
    expect(next('0 0 9 Apr-Oct ?', '2012-07-09T23:35:00Z')).toBe('2012-08-09T00:00:00Z');
    expect(next('0 0 */5 Apr,Aug,Oct Mon', '2012-07-09T23:35:00Z')).toBe('2012-08-01T00:00:00Z');
    expect(next('0 0 */5 Oct Mon', '2012-07-09T23:35:00Z')).toBe('2012-10-01T00:00:00Z');
    expect(next('0 0 * Feb Mon', '2012-07-09T23:35:00Z')).toBe('2013-02-04T00:00:00Z');
    expect(next('0 0 * Feb Mon/2', '2012-07-09T23:35:00Z')).toBe('2013-02-01T00:00:00Z');
    expect(next('* * * * *', '2012-12-31T23:59:45Z')).toBe('2013-01-01T00:00:00Z');
    expect(next('0 0 29 Feb ?', '2012-07-09T23:35:00Z')).toBe('2016-02-29T00:00:00Z');
  });

  it('matches day-of-month or day-of-week unless one is a star', () => {
    expect(next('0 0 1,15 * Sun', '2012-07-14T12:00:00Z')).toBe('2012-07-15T00:00:00Z');
    expect(next('0 0 1,15 * Sun', '2012-07-15T12:00:00Z')).toBe('2012-07-22T00:00:00Z');
    expect(next('0 0 * * Mon', '2012-07-15T12:00:00Z')).toBe('2012-07-16T00:00:00Z');
    expect(next('0 0 1,15 * *', '2012-07-09T00:00:00Z')).toBe('2012-07-15T00:00:00Z');
  });

  it('gives the descriptors their times', () => {
    expect(next('@hourly', '2026-01-01T09:00:30Z')).toBe('2026-01-01T10:00:00Z');
    expect(next('@daily', '2026-01-01T09:00:30Z')).toBe('2026-01-02T00:00:00Z');
    expect(next('@weekly', '2026-01-01T09:00:30Z')).toBe('2026-01-04T00:00:00Z');
    expect(next('@monthly', '2026-01-01T09:00:30Z')).toBe('2026-02-01T00:00:00Z');
    expect(next('@yearly', '2026-01-01T09:00:30Z')).toBe('2027-01-01T00:00:00Z');
    expect(next('@every 90s', '2026-01-01T09:00:30.250Z')).toBe('2026-01-01T09:02:00Z');
  });

  it('runs in the schedule zone across daylight-saving changes (robfig TestNext)', () => {
    // 2am does not exist on 2012-03-11 in New York: the hourly job skips it.
    expect(next('TZ=America/New_York 0 * * * *', '2012-03-11T05:00:00Z')).toBe(
      '2012-03-11T06:00:00Z',
    );
    expect(next('TZ=America/New_York 0 * * * *', '2012-03-11T06:00:00Z')).toBe(
      '2012-03-11T07:00:00Z',
    );
    expect(next('TZ=America/New_York 0 1 * * *', '2012-03-11T06:00:00Z')).toBe(
      '2012-03-12T05:00:00Z',
    );
    expect(next('TZ=America/New_York 0 2 * * *', '2012-03-11T05:00:00Z')).toBe(
      '2012-03-12T06:00:00Z',
    );
    expect(next('CRON_TZ=Asia/Taipei 0 9 * * *', '2026-01-01T09:00:30Z')).toBe(
      '2026-01-02T01:00:00Z',
    );
  });

  it('gives up after five years, as Go returns the zero time', () => {
    expect(next('0 0 30 Feb *', '2026-01-01T00:00:00Z')).toBe('never');
  });
});
