/**
 * Cron schedules as the CronJob controller and its validation read them: robfig/cron/v3
 * ParseStandard (5 fields — minute hour day-of-month month day-of-week — or a descriptor such as
 * `@hourly` / `@every 90s`, optionally behind `TZ=`/`CRON_TZ=`), with the library's own error
 * texts, and SpecSchedule.Next, the search for the next activation. Times are ms since the Unix
 * epoch; schedules without a zone run in the controller's local zone, UTC under kubeadm.
 */
import { parseGoDuration } from '../kubectl/duration';
import { loadLocation, localTime, type Zone, zoneDate } from './timeZones';

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: {
    jan: 1,
    feb: 2,
    mar: 3,
    apr: 4,
    may: 5,
    jun: 6,
    jul: 7,
    aug: 8,
    sep: 9,
    oct: 10,
    nov: 11,
    dec: 12,
  },
};
const DOW: Bounds = {
  min: 0,
  max: 6,
  names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 },
};

/** One field's bit set: which values match, and whether it was written as `*` or `?`. */
export interface CronField {
  values: boolean[];
  star: boolean;
}

export type CronSchedule =
  | {
      kind: 'spec';
      second: CronField;
      minute: CronField;
      hour: CronField;
      dom: CronField;
      month: CronField;
      dow: CronField;
      zone: Zone;
    }
  /** `@every D`: ConstantDelaySchedule, D rounded down to whole seconds (at least 1 s). */
  | { kind: 'every'; delayMs: number };

export type CronParse = { schedule: CronSchedule } | { error: string };

/** The zone a schedule without TZ= runs in: kube-controller-manager's local zone (UTC). */
const LOCAL = loadLocation('Local') as Zone;

/** cron.ParseStandard. */
export function parseStandard(spec: string): CronParse {
  if (spec.length === 0) return { error: 'empty spec string' };
  let zone = LOCAL;
  let rest = spec;
  if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
    // (robfig/cron v3.0.1 slices to the first space; with none it panics. Here the rest is the
    // location and the spec is empty.)
    const space = rest.indexOf(' ');
    const eq = rest.indexOf('=');
    const name = space < 0 ? rest.slice(eq + 1) : rest.slice(eq + 1, space);
    const loc = loadLocation(name);
    if ('error' in loc) return { error: `provided bad location ${name}: ${loc.error}` };
    zone = loc;
    rest = space < 0 ? '' : rest.slice(space).trim();
  }
  if (rest.startsWith('@')) return parseDescriptor(rest, zone);
  const fields = rest.split(/[\t\n\v\f\r ]+/).filter((f) => f !== '');
  if (fields.length !== 5)
    return { error: `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]` };
  const parsed: CronField[] = [];
  for (const [i, b] of [MINUTES, HOURS, DOM, MONTHS, DOW].entries()) {
    const f = getField(fields[i], b);
    if ('error' in f) return f;
    parsed.push(f);
  }
  const [minute, hour, dom, month, dow] = parsed;
  return {
    schedule: { kind: 'spec', second: single(59, 0), minute, hour, dom, month, dow, zone },
  };
}

/** A field fixed at one value (the minute and second of `@hourly`, the seconds field). */
function single(max: number, at: number): CronField {
  const values = new Array(max + 1).fill(false);
  values[at] = true;
  return { values, star: false };
}

function all(b: Bounds): CronField {
  const values = new Array(b.max + 1).fill(false);
  for (let i = b.min; i <= b.max; i++) values[i] = true;
  return { values, star: true };
}

/** A comma-separated list of ranges (empty pieces skipped, as strings.FieldsFunc does). */
function getField(field: string, b: Bounds): CronField | { error: string } {
  const out: CronField = { values: new Array(b.max + 1).fill(false), star: false };
  for (const expr of field.split(',')) {
    if (expr === '') continue;
    const r = getRange(expr, b);
    if ('error' in r) return r;
    for (let i = 0; i < r.values.length; i++) if (r.values[i]) out.values[i] = true;
    if (r.star) out.star = true;
  }
  return out;
}

/** number | number "-" number [ "/" number ], or `*` / `?`. */
function getRange(expr: string, b: Bounds): CronField | { error: string } {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    const s = parseIntOrName(lowAndHigh[0], b.names);
    if (typeof s !== 'number') return s;
    start = s;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const e = parseIntOrName(lowAndHigh[1], b.names);
      if (typeof e !== 'number') return e;
      end = e;
    } else return { error: `too many hyphens: ${expr}` };
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const s = mustParseInt(rangeAndStep[1]);
    if (typeof s !== 'number') return s;
    step = s;
    // "N/step" means "N-max/step".
    if (singleDigit) end = b.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) return { error: `too many slashes: ${expr}` };
  if (start < b.min)
    return { error: `beginning of range (${start}) below minimum (${b.min}): ${expr}` };
  if (end > b.max) return { error: `end of range (${end}) above maximum (${b.max}): ${expr}` };
  if (start > end)
    return { error: `beginning of range (${start}) beyond end of range (${end}): ${expr}` };
  if (step === 0) return { error: `step of range should be a positive number: ${expr}` };
  const values = new Array(b.max + 1).fill(false);
  for (let i = start; i <= end; i += step) values[i] = true;
  return { values, star };
}

function parseIntOrName(
  expr: string,
  names: Record<string, number> | undefined,
): number | { error: string } {
  const named = names?.[expr.toLowerCase()];
  if (named !== undefined && Object.hasOwn(names as object, expr.toLowerCase())) return named;
  return mustParseInt(expr);
}

const INT64_MAX = 9223372036854775807n;

/** strconv.Atoi, then the library's own refusal of negative numbers. */
function mustParseInt(expr: string): number | { error: string } {
  if (!/^[+-]?\d+$/.test(expr))
    return {
      error: `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`,
    };
  const big = BigInt(expr);
  if (big > INT64_MAX || big < -INT64_MAX - 1n)
    return {
      error: `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`,
    };
  if (big < 0n) return { error: `negative number (${big}) not allowed: ${expr}` };
  // Anything past a field's maximum is refused by the caller; keep huge values huge.
  return big > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(big);
}

function parseDescriptor(descriptor: string, zone: Zone): CronParse {
  const at = (hourly: boolean, dom: CronField, month: CronField, dow: CronField) => ({
    schedule: {
      kind: 'spec' as const,
      second: single(59, 0),
      minute: single(59, 0),
      hour: hourly ? all(HOURS) : single(23, 0),
      dom,
      month,
      dow,
      zone,
    },
  });
  switch (descriptor) {
    case '@yearly':
    case '@annually':
      return at(false, single(31, 1), single(12, 1), all(DOW));
    case '@monthly':
      return at(false, single(31, 1), all(MONTHS), all(DOW));
    case '@weekly':
      return at(false, all(DOM), all(MONTHS), single(6, 0));
    case '@daily':
    case '@midnight':
      return at(false, all(DOM), all(MONTHS), all(DOW));
    case '@hourly':
      return at(true, all(DOM), all(MONTHS), all(DOW));
  }
  const every = '@every ';
  if (descriptor.startsWith(every)) {
    const d = parseGoDuration(descriptor.slice(every.length));
    if ('error' in d) return { error: `failed to parse duration ${descriptor}: ${d.error}` };
    const delay = Math.max(d.ms, 1000);
    return { schedule: { kind: 'every', delayMs: delay - (delay % 1000) } };
  }
  return { error: `unrecognized descriptor: ${descriptor}` };
}

/** Whether day-of-month and day-of-week match: both if either was `*`, else either one. */
function dayMatches(s: Extract<CronSchedule, { kind: 'spec' }>, day: number, weekday: number) {
  const domMatch = s.dom.values[day] === true;
  const dowMatch = s.dow.values[weekday] === true;
  if (s.dom.star || s.dow.star) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/**
 * Schedule.Next: the first activation strictly after `afterMs` (to the second), or undefined
 * when none falls within five years (Go returns the zero time).
 */
export function nextActivation(schedule: CronSchedule, afterMs: number): number | undefined {
  if (schedule.kind === 'every') return afterMs + schedule.delayMs - mod(afterMs, 1000);
  const s = schedule;
  const zone = s.zone;
  // The upcoming whole second.
  let t = afterMs - mod(afterMs, 1000) + 1000;
  let added = false;
  const yearLimit = localTime(zone, t).year + 5;
  for (let guard = 0; guard < 100_000; guard++) {
    let lt = localTime(zone, t);
    if (lt.year > yearLimit) return undefined;
    let wrapped = false;
    while (!s.month.values[lt.month]) {
      if (!added) {
        added = true;
        t = zoneDate(zone, lt.year, lt.month, 1, 0, 0, 0);
        lt = localTime(zone, t);
      }
      t = zoneDate(zone, lt.year, lt.month + 1, lt.day, lt.hour, lt.minute, lt.second);
      lt = localTime(zone, t);
      if (lt.month === 1) {
        wrapped = true;
        break;
      }
    }
    if (wrapped) continue;
    while (!dayMatches(s, lt.day, lt.weekday)) {
      if (!added) {
        added = true;
        t = zoneDate(zone, lt.year, lt.month, lt.day, 0, 0, 0);
        lt = localTime(zone, t);
      }
      t = zoneDate(zone, lt.year, lt.month, lt.day + 1, lt.hour, lt.minute, lt.second);
      lt = localTime(zone, t);
      // Midnight may not exist on a DST day: move back to the day's start.
      if (lt.hour !== 0) {
        t += (lt.hour > 12 ? 24 - lt.hour : -lt.hour) * 3_600_000;
        lt = localTime(zone, t);
      }
      if (lt.day === 1) {
        wrapped = true;
        break;
      }
    }
    if (wrapped) continue;
    while (!s.hour.values[lt.hour]) {
      if (!added) {
        added = true;
        t = zoneDate(zone, lt.year, lt.month, lt.day, lt.hour, 0, 0);
      }
      t += 3_600_000;
      lt = localTime(zone, t);
      if (lt.hour === 0) {
        wrapped = true;
        break;
      }
    }
    if (wrapped) continue;
    while (!s.minute.values[lt.minute]) {
      if (!added) {
        added = true;
        t -= mod(t, 60_000);
      }
      t += 60_000;
      lt = localTime(zone, t);
      if (lt.minute === 0) {
        wrapped = true;
        break;
      }
    }
    if (wrapped) continue;
    while (!s.second.values[lt.second]) {
      if (!added) {
        added = true;
        t -= mod(t, 1000);
      }
      t += 1000;
      lt = localTime(zone, t);
      if (lt.second === 0) {
        wrapped = true;
        break;
      }
    }
    if (wrapped) continue;
    return t;
  }
  return undefined;
}

function mod(a: number, m: number): number {
  return ((a % m) + m) % m;
}
