/**
 * The IANA time zones a CronJob's `spec.timeZone` can name, as data: each zone's standard offset
 * and its daylight-saving rule, enough for Go's time.LoadLocation and the local-time arithmetic
 * robfig/cron does (the simulation has no tz database). Offsets are the zones' rules in force
 * since 2023; history before that is not modelled. A name that is not here is refused with
 * LoadLocation's own `unknown time zone NAME`, as a real control plane refuses a name missing
 * from its tzdata.
 */

/** When summer time starts and ends (the rules in use today). */
type DstRule = 'US' | 'EU' | 'AU' | 'NZ';

/** [standard offset in minutes east of UTC, DST rule]. */
const ZONES: Record<string, [number, DstRule?]> = {
  UTC: [0],
  'Etc/UTC': [0],
  'Etc/UCT': [0],
  UCT: [0],
  'Etc/GMT': [0],
  GMT: [0],
  'Etc/Universal': [0],
  Universal: [0],
  'Etc/Zulu': [0],
  Zulu: [0],
  'America/New_York': [-300, 'US'],
  'America/Detroit': [-300, 'US'],
  'America/Toronto': [-300, 'US'],
  'America/Chicago': [-360, 'US'],
  'America/Winnipeg': [-360, 'US'],
  'America/Denver': [-420, 'US'],
  'America/Edmonton': [-420, 'US'],
  'America/Phoenix': [-420],
  'America/Los_Angeles': [-480, 'US'],
  'America/Vancouver': [-480, 'US'],
  'America/Anchorage': [-540, 'US'],
  'America/Halifax': [-240, 'US'],
  'America/St_Johns': [-210, 'US'],
  'Pacific/Honolulu': [-600],
  'America/Mexico_City': [-360],
  'America/Bogota': [-300],
  'America/Lima': [-300],
  'America/Caracas': [-240],
  'America/Sao_Paulo': [-180],
  'America/Argentina/Buenos_Aires': [-180],
  'Atlantic/Reykjavik': [0],
  'Europe/London': [0, 'EU'],
  'Europe/Dublin': [0, 'EU'],
  'Europe/Lisbon': [0, 'EU'],
  'Europe/Paris': [60, 'EU'],
  'Europe/Berlin': [60, 'EU'],
  'Europe/Madrid': [60, 'EU'],
  'Europe/Rome': [60, 'EU'],
  'Europe/Amsterdam': [60, 'EU'],
  'Europe/Brussels': [60, 'EU'],
  'Europe/Vienna': [60, 'EU'],
  'Europe/Zurich': [60, 'EU'],
  'Europe/Stockholm': [60, 'EU'],
  'Europe/Oslo': [60, 'EU'],
  'Europe/Copenhagen': [60, 'EU'],
  'Europe/Warsaw': [60, 'EU'],
  'Europe/Prague': [60, 'EU'],
  'Europe/Budapest': [60, 'EU'],
  'Europe/Belgrade': [60, 'EU'],
  'Europe/Athens': [120, 'EU'],
  'Europe/Helsinki': [120, 'EU'],
  'Europe/Kyiv': [120, 'EU'],
  'Europe/Kiev': [120, 'EU'],
  'Europe/Bucharest': [120, 'EU'],
  'Europe/Sofia': [120, 'EU'],
  'Europe/Riga': [120, 'EU'],
  'Europe/Tallinn': [120, 'EU'],
  'Europe/Vilnius': [120, 'EU'],
  'Europe/Istanbul': [180],
  'Europe/Moscow': [180],
  'Europe/Minsk': [180],
  'Africa/Lagos': [60],
  'Africa/Johannesburg': [120],
  'Africa/Nairobi': [180],
  'Asia/Riyadh': [180],
  'Asia/Tehran': [210],
  'Asia/Dubai': [240],
  'Asia/Karachi': [300],
  'Asia/Kolkata': [330],
  'Asia/Calcutta': [330],
  'Asia/Kathmandu': [345],
  'Asia/Dhaka': [360],
  'Asia/Bangkok': [420],
  'Asia/Jakarta': [420],
  'Asia/Ho_Chi_Minh': [420],
  'Asia/Shanghai': [480],
  'Asia/Hong_Kong': [480],
  'Asia/Taipei': [480],
  'Asia/Singapore': [480],
  'Asia/Manila': [480],
  'Asia/Kuala_Lumpur': [480],
  'Australia/Perth': [480],
  'Asia/Tokyo': [540],
  'Asia/Seoul': [540],
  'Australia/Darwin': [570],
  'Australia/Adelaide': [570, 'AU'],
  'Australia/Brisbane': [600],
  'Australia/Sydney': [600, 'AU'],
  'Australia/Melbourne': [600, 'AU'],
  'Australia/Hobart': [600, 'AU'],
  'Pacific/Auckland': [720, 'NZ'],
};

// Etc/GMT+N is N hours west of Greenwich (POSIX sign), Etc/GMT-N east.
for (let h = 1; h <= 12; h++) ZONES[`Etc/GMT+${h}`] = [-60 * h];
for (let h = 1; h <= 14; h++) ZONES[`Etc/GMT-${h}`] = [60 * h];
ZONES['Etc/GMT+0'] = [0];
ZONES['Etc/GMT-0'] = [0];
ZONES.GMT0 = [0];

export interface Zone {
  name: string;
  /** Minutes east of UTC in force at this instant (ms since the Unix epoch). */
  offsetAt(utcMs: number): number;
}

const UTC_ZONE: Zone = { name: 'UTC', offsetAt: () => 0 };

/**
 * time.LoadLocation: "" and "UTC" are UTC; "Local" is the process's zone, which is UTC in
 * kubeadm's kube-controller-manager and kube-apiserver containers.
 */
export function loadLocation(name: string): Zone | { error: string } {
  if (name === '' || name === 'UTC') return UTC_ZONE;
  if (name === 'Local') return { ...UTC_ZONE, name: 'Local' };
  const entry = Object.hasOwn(ZONES, name) ? ZONES[name] : undefined;
  if (!entry) return { error: `unknown time zone ${name}` };
  const [std, rule] = entry;
  if (!rule) return { name, offsetAt: () => std };
  return { name, offsetAt: (utcMs) => (inSummerTime(rule, std, utcMs) ? std + 60 : std) };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** ms of 00:00 UTC on the nth (1-based; -1 = last) Sunday of a month (0-based month). */
function sunday(year: number, month: number, nth: number): number {
  if (nth > 0) {
    const first = Date.UTC(year, month, 1);
    const dow = new Date(first).getUTCDay();
    return first + (((7 - dow) % 7) + (nth - 1) * 7) * DAY_MS;
  }
  const last = Date.UTC(year, month + 1, 0);
  const dow = new Date(last).getUTCDay();
  return last - dow * DAY_MS;
}

/** Whether the instant falls in summer time under the rule (transitions at their legal hours). */
function inSummerTime(rule: DstRule, stdMin: number, utcMs: number): boolean {
  const std = stdMin * 60_000;
  const year = new Date(utcMs + std).getUTCFullYear();
  switch (rule) {
    case 'US': {
      // Second Sunday of March at 02:00 standard time to first Sunday of November at 02:00
      // daylight time (01:00 standard).
      const start = sunday(year, 2, 2) + 2 * HOUR_MS - std;
      const end = sunday(year, 10, 1) + 1 * HOUR_MS - std;
      return utcMs >= start && utcMs < end;
    }
    case 'EU': {
      // Last Sunday of March to last Sunday of October, both at 01:00 UTC.
      const start = sunday(year, 2, -1) + HOUR_MS;
      const end = sunday(year, 9, -1) + HOUR_MS;
      return utcMs >= start && utcMs < end;
    }
    case 'AU': {
      // Southern summer: until the first Sunday of April at 03:00 daylight (02:00 standard),
      // and again from the first Sunday of October at 02:00 standard time.
      const end = sunday(year, 3, 1) + 2 * HOUR_MS - std;
      const start = sunday(year, 9, 1) + 2 * HOUR_MS - std;
      return utcMs < end || utcMs >= start;
    }
    case 'NZ': {
      // Until the first Sunday of April at 03:00 daylight, from the last Sunday of September
      // at 02:00 standard time.
      const end = sunday(year, 3, 1) + 2 * HOUR_MS - std;
      const start = sunday(year, 8, -1) + 2 * HOUR_MS - std;
      return utcMs < end || utcMs >= start;
    }
  }
}

/** A zone's wall clock at an instant: the fields Go's Time methods read. */
export interface LocalTime {
  year: number;
  /** 1-12, as time.Month. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday, as time.Weekday. */
  weekday: number;
}

export function localTime(zone: Zone, utcMs: number): LocalTime {
  const d = new Date(utcMs + zone.offsetAt(utcMs) * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/**
 * time.Date in a zone: out-of-range fields normalise (month 13 is next January), and a wall
 * time that does not exist or exists twice is resolved the way Go's Date resolves it (the offset
 * in force at the first guess, corrected once).
 */
export function zoneDate(
  zone: Zone,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = zone.offsetAt(wall) * 60_000;
  const utc = wall - first;
  const second2 = zone.offsetAt(utc) * 60_000;
  return second2 === first ? utc : wall - second2;
}

/** Go's Time.Format(time.RFC3339) in the zone: `2026-01-01T17:01:00+08:00`, or `…Z` at offset 0. */
export function formatRfc3339In(zone: Zone, utcMs: number): string {
  const offset = zone.offsetAt(utcMs);
  const base = new Date(utcMs + offset * 60_000).toISOString().replace(/\.\d{3}Z$/, '');
  if (offset === 0) return `${base}Z`;
  const abs = Math.abs(offset);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${base}${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}
