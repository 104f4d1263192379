import { describe, expect, it } from 'vitest';
import { formatRfc3339In, loadLocation, type Zone, zoneDate } from './timeZones';

function zone(name: string): Zone {
  const z = loadLocation(name);
  if ('error' in z) throw new Error(z.error);
  return z;
}

const at = (iso: string) => Date.parse(iso);

describe('loadLocation', () => {
  it('knows UTC, Local and IANA names, and refuses others in Go words', () => {
    expect(zone('').offsetAt(0)).toBe(0);
    expect(zone('Local').offsetAt(0)).toBe(0);
    expect(zone('Asia/Taipei').offsetAt(0)).toBe(480);
    expect(zone('Etc/GMT+5').offsetAt(0)).toBe(-300);
    expect(loadLocation('Mars/Olympus')).toEqual({ error: 'unknown time zone Mars/Olympus' });
    expect(loadLocation('toString')).toEqual({ error: 'unknown time zone toString' });
  });

  it('follows the daylight-saving rules', () => {
    const ny = zone('America/New_York');
    expect(ny.offsetAt(at('2026-03-08T06:59:59Z'))).toBe(-300);
    expect(ny.offsetAt(at('2026-03-08T07:00:00Z'))).toBe(-240);
    expect(ny.offsetAt(at('2026-11-01T05:59:59Z'))).toBe(-240);
    expect(ny.offsetAt(at('2026-11-01T06:00:00Z'))).toBe(-300);
    const paris = zone('Europe/Paris');
    expect(paris.offsetAt(at('2026-03-29T00:59:59Z'))).toBe(60);
    expect(paris.offsetAt(at('2026-03-29T01:00:00Z'))).toBe(120);
    expect(paris.offsetAt(at('2026-10-25T01:00:00Z'))).toBe(60);
    const sydney = zone('Australia/Sydney');
    expect(sydney.offsetAt(at('2026-01-15T00:00:00Z'))).toBe(660);
    expect(sydney.offsetAt(at('2026-06-15T00:00:00Z'))).toBe(600);
  });
});

describe('zoneDate and formatRfc3339In', () => {
  it('turns wall times into instants and back', () => {
    const taipei = zone('Asia/Taipei');
    const t = zoneDate(taipei, 2026, 1, 1, 17, 1, 0);
    expect(new Date(t).toISOString()).toBe('2026-01-01T09:01:00.000Z');
    expect(formatRfc3339In(taipei, t)).toBe('2026-01-01T17:01:00+08:00');
    expect(formatRfc3339In(zone('UTC'), t)).toBe('2026-01-01T09:01:00Z');
    expect(formatRfc3339In(zone('America/St_Johns'), t)).toBe('2026-01-01T05:31:00-03:30');
    // Month 13 is next January.
    expect(new Date(zoneDate(zone('UTC'), 2026, 13, 1, 0, 0, 0)).toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
  });
});
