/**
 * The wall-clock texts programs stamp their log lines with, from simulated time (UTC: containers
 * have no TZ). Pure functions of the millisecond.
 */
import { EPOCH_MS } from '../sim/defaults';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function utc(nowMs: number): Date {
  return new Date(EPOCH_MS + nowMs);
}

/** `2026/01/01 09:00:31`: nginx's error log and Go's `log` package. */
export function slashTime(nowMs: number): string {
  const d = utc(nowMs);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `01/Jan/2026:09:00:31 +0000`: the common and combined access-log formats ($time_local). */
export function clfTime(nowMs: number): string {
  const d = utc(nowMs);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** `01 Jan 2026 09:00:31.123`: redis's log lines. */
export function redisTime(nowMs: number): string {
  const d = utc(nowMs);
  return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** `Thu Jan 01 09:00:31.123000 2026`: httpd's error log (microseconds). */
export function httpdTime(nowMs: number): string {
  const d = utc(nowMs);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000 ${d.getUTCFullYear()}`;
}

/** `2026-01-01 09:00:31.123 UTC`: PostgreSQL's log_line_prefix `%m`. */
export function postgresTime(nowMs: number): string {
  return `${utc(nowMs).toISOString().replace('T', ' ').slice(0, 23)} UTC`;
}

/** `2026-01-01 09:00:31+00:00`: the mysql image's entrypoint notes. */
export function mysqlEntrypointTime(nowMs: number): string {
  return `${utc(nowMs).toISOString().replace('T', ' ').slice(0, 19)}+00:00`;
}

/** `2026-01-01T09:00:31.123000Z`: mysqld's own log lines (microseconds). */
export function mysqldTime(nowMs: number): string {
  return `${utc(nowMs).toISOString().slice(0, 23)}000Z`;
}

/** Whole seconds since the Unix epoch (redis's signal-handler line). */
export function unixSeconds(nowMs: number): number {
  return Math.floor((EPOCH_MS + nowMs) / 1000);
}
