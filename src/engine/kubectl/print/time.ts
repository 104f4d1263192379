/**
 * Time as kubectl shows it. Objects carry RFC3339 strings; the simulation's clock is milliseconds
 * since EPOCH_MS. The simulated kubectl runs with TZ=UTC, so describe's RFC1123Z stamps end
 * in +0000 (metav1.Time converts to Local before formatting).
 */
import { EPOCH_MS } from '../../sim/defaults';

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Milliseconds since the Unix epoch, or undefined for a missing or malformed stamp. */
export function parseTimestampMs(stamp: string | null | undefined): number | undefined {
  if (!stamp) return undefined;
  const m = RFC3339.exec(stamp);
  if (!m) return undefined;
  const fractionMs = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  let ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) + Math.floor(fractionMs + 1e-9);
  if (m[9]) {
    const offsetMs = (+m[10] * 60 + +m[11]) * 60_000;
    ms += m[9] === '+' ? -offsetMs : offsetMs;
  }
  return ms;
}

/** Absolute wall-clock milliseconds for a simulation time. */
export function wallClockMs(nowMs: number): number {
  return EPOCH_MS + nowMs;
}

/**
 * apimachinery pkg/util/duration/duration.go HumanDuration: ~2-3 significant figures, with the
 * same thresholds (2m, 10m, 3h, 8h, 48h, 8d, 2y, 8y) and Go's truncating integer division.
 */
export function humanDuration(durationMs: number): string {
  const seconds = Math.trunc(durationMs / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(durationMs / 60_000);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(durationMs / 3_600_000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.trunc(hours / 24) % 365;
    const years = Math.trunc(hours / 24 / 365);
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** printers.go translateTimestampSince: `<unknown>` for a zero (absent) time. */
export function timestampSince(stamp: string | null | undefined, nowMs: number): string {
  const at = parseTimestampMs(stamp);
  if (at === undefined) return '<unknown>';
  return humanDuration(wallClockMs(nowMs) - at);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z layout "Mon, 02 Jan 2006 15:04:05 -0700", in UTC. */
export function formatRfc1123z(stamp: string | null | undefined): string {
  // A zero metav1.Time formats as Go's zero time.
  const at = parseTimestampMs(stamp);
  if (at === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}
