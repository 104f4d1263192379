/**
 * date in UTC (container images carry no time zone unless TZ and zoneinfo say so): the default
 * `Thu Jan  1 09:00:00 UTC 2026`, `+FORMAT`, -u, -R, -I, and `-d @SECONDS` / `-d 'YYYY-MM-DD hh:mm:ss'`.
 */
import type { Program } from '../command';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number;
  yearDay: number;
}

/** Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's civil_from_days). */
function civil(ms: number): Civil {
  const days = Math.floor(ms / 86_400_000);
  const rest = ms - days * 86_400_000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][month - 1];
  return {
    year,
    month,
    day,
    hour: Math.floor(rest / 3_600_000),
    minute: Math.floor(rest / 60_000) % 60,
    second: Math.floor(rest / 1000) % 60,
    ms: rest % 1000,
    weekday: (((days % 7) + 11) % 7) as number,
    yearDay: before + day + (leap && month > 2 ? 1 : 0),
  };
}

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const p2 = (n: number) => String(n).padStart(2, '0');

export function formatDate(ms: number, format: string): string {
  const c = civil(ms);
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch !== '%' || i + 1 >= format.length) {
      out += ch;
      continue;
    }
    const f = format[++i];
    switch (f) {
      case 'Y':
        out += String(c.year);
        break;
      case 'C':
        out += p2(Math.floor(c.year / 100));
        break;
      case 'y':
        out += p2(c.year % 100);
        break;
      case 'm':
        out += p2(c.month);
        break;
      case 'd':
        out += p2(c.day);
        break;
      case 'e':
        out += String(c.day).padStart(2, ' ');
        break;
      case 'H':
        out += p2(c.hour);
        break;
      case 'k':
        out += String(c.hour).padStart(2, ' ');
        break;
      case 'I':
        out += p2(((c.hour + 11) % 12) + 1);
        break;
      case 'l':
        out += String(((c.hour + 11) % 12) + 1).padStart(2, ' ');
        break;
      case 'M':
        out += p2(c.minute);
        break;
      case 'S':
        out += p2(c.second);
        break;
      case 'N':
        out += `${String(c.ms).padStart(3, '0')}000000`;
        break;
      case 's':
        out += String(Math.floor(ms / 1000));
        break;
      case 'a':
        out += DAYS[c.weekday].slice(0, 3);
        break;
      case 'A':
        out += DAYS[c.weekday];
        break;
      case 'b':
      case 'h':
        out += MONTHS[c.month - 1].slice(0, 3);
        break;
      case 'B':
        out += MONTHS[c.month - 1];
        break;
      case 'j':
        out += String(c.yearDay).padStart(3, '0');
        break;
      case 'u':
        out += String(c.weekday === 0 ? 7 : c.weekday);
        break;
      case 'w':
        out += String(c.weekday);
        break;
      case 'p':
        out += c.hour < 12 ? 'AM' : 'PM';
        break;
      case 'P':
        out += c.hour < 12 ? 'am' : 'pm';
        break;
      case 'Z':
        out += 'UTC';
        break;
      case 'z':
        out += '+0000';
        break;
      case 'T':
        out += formatDate(ms, '%H:%M:%S');
        break;
      case 'R':
        out += formatDate(ms, '%H:%M');
        break;
      case 'D':
        out += formatDate(ms, '%m/%d/%y');
        break;
      case 'F':
        out += formatDate(ms, '%Y-%m-%d');
        break;
      case 'c':
        out += formatDate(ms, '%a %b %e %H:%M:%S %Y');
        break;
      case 'x':
        out += formatDate(ms, '%m/%d/%y');
        break;
      case 'X':
        out += formatDate(ms, '%H:%M:%S');
        break;
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case '%':
        out += '%';
        break;
      default:
        out += `%${f}`;
    }
  }
  return out;
}

export const DEFAULT_DATE_FORMAT = '%a %b %e %H:%M:%S %Z %Y';

/** `-d` strings: @SECONDS, YYYY-MM-DD[ T]hh:mm[:ss], or null. */
function parseDate(text: string): number | null {
  const at = /^@(-?[0-9]+)$/.exec(text.trim());
  if (at) return Number(at[1]) * 1000;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?(?:Z|\s*UTC)?$/.exec(
    text.trim(),
  );
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return null;
  return (
    (daysFromCivil(Number(y), Number(mo), Number(d)) * 86_400 +
      Number(h) * 3600 +
      Number(mi) * 60 +
      Number(s)) *
    1000
  );
}

export const date: Program = (env) => {
  let ms = env.nowMs;
  let format = DEFAULT_DATE_FORMAT;
  const args = env.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-u' || a === '--utc') continue;
    if (a === '-R' || a === '--rfc-2822') format = '%a, %d %b %Y %H:%M:%S %z';
    else if (a === '-I' || a === '-Idate' || a === '--iso-8601') format = '%Y-%m-%d';
    else if (a === '-Iseconds') format = '%Y-%m-%dT%H:%M:%S+00:00';
    else if (
      a === '-d' ||
      a === '--date' ||
      a.startsWith('--date=') ||
      (a.startsWith('-d') && a.length > 2)
    ) {
      const text =
        a === '-d' || a === '--date'
          ? (args[++i] ?? '')
          : a.startsWith('--date=')
            ? a.slice(7)
            : a.slice(2);
      const parsed = parseDate(text);
      if (parsed === null) {
        env.io.err(`date: invalid date '${text}'\n`);
        return 1;
      }
      ms = parsed;
    } else if (a.startsWith('+')) format = a.slice(1);
    else {
      env.io.err(
        env.userland === 'busybox' ? `date: invalid date '${a}'\n` : `date: invalid date '${a}'\n`,
      );
      return 1;
    }
  }
  env.io.out(`${formatDate(ms, format)}\n`);
  return 0;
};
