/**
 * A container's log as the runtime keeps it and the kubelet reads it: containerd writes each
 * line its process prints to /var/log/pods/…/N.log in the CRI log format
 * (`TIMESTAMP STREAM TAG CONTENT`, cri-api pkg/apis/runtime/v1 and kubelet
 * pkg/kubelet/kuberuntime/logs/logs.go), and the kubelet's ReadLogs serves `kubectl logs` from it:
 * the last `tailLines` lines, then only those not older than `sinceSeconds`, each behind its
 * RFC3339Nano timestamp with `timestamps`, cut off after `limitBytes` bytes.
 */
import { isoTime } from '../model/meta';
import { EPOCH_MS, SIM } from '../sim/defaults';
import type { RuntimeContainer } from '../sim/state';

export type LogStream = 'stdout' | 'stderr';

/**
 * One line (or several, split at newlines) the container's process wrote. `nowMs` is simulated
 * time (state.nowMs); a Unix-epoch reading (≥ EPOCH_MS) is taken as it is. Cheap: one string per
 * line, the timestamp's second from a cache, and the oldest line dropped past
 * SIM.containerLogLines.
 */
export function appendLog(
  c: RuntimeContainer,
  nowMs: number,
  stream: LogStream,
  text: string,
): void {
  const simMs = nowMs >= EPOCH_MS ? nowMs - EPOCH_MS : nowMs;
  const head = `${criTimestamp(simMs)} ${stream} F `;
  let log = c.log;
  if (!log) {
    log = [];
    c.log = log;
  }
  if (text.includes('\n')) {
    // A trailing newline ends the last line; it does not start another.
    const lines = (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
    for (const line of lines) log.push(head + line);
  } else {
    log.push(head + text);
  }
  // Trimmed in batches (a quarter of the bound at a time): one splice per line would move the
  // whole array every time. Readers see only the newest SIM.containerLogLines.
  if (log.length > SIM.containerLogLines + (SIM.containerLogLines >> 2)) {
    const dropped = log.length - SIM.containerLogLines;
    log.splice(0, dropped);
    c.logDropped = (c.logDropped ?? 0) + dropped;
  }
}

/** Where the end of the container's log is, counting every line it ever wrote. */
export function logCursor(c: RuntimeContainer): number {
  return (c.logDropped ?? 0) + (c.log?.length ?? 0);
}

/**
 * What a follower (`kubectl logs -f`) reads after `cursor` (a logCursor): the lines written
 * since, as readLogs prints them, and the cursor after them. Lines the bound dropped meanwhile
 * are lost to it, as a rotated file's are.
 */
export function readLogsAfter(
  c: RuntimeContainer,
  cursor: number,
  timestamps: boolean,
): { text: string; cursor: number } {
  const log = c.log ?? [];
  const dropped = c.logDropped ?? 0;
  let out = '';
  for (let i = Math.max(0, cursor - dropped); i < log.length; i++) {
    const parsed = parseCriLine(log[i]);
    if (!parsed) continue;
    const end = parsed.partial ? '' : '\n';
    out += timestamps ? `${parsed.timestamp} ${parsed.content}${end}` : `${parsed.content}${end}`;
  }
  return { text: out, cursor: dropped + log.length };
}

/**
 * What an attach reads after `cursor`: the lines written since, each on the stream the process
 * wrote it to (the runtime's pipes, before the log file merges them), and the cursor after them.
 */
export function readStreamsAfter(
  c: RuntimeContainer,
  cursor: number,
): { chunks: { stream: 'stdout' | 'stderr'; text: string }[]; cursor: number } {
  const log = c.log ?? [];
  const dropped = c.logDropped ?? 0;
  const chunks: { stream: 'stdout' | 'stderr'; text: string }[] = [];
  for (let i = Math.max(0, cursor - dropped); i < log.length; i++) {
    const parsed = parseCriLine(log[i]);
    if (!parsed) continue;
    const stream = parsed.stream === 'stderr' ? 'stderr' : 'stdout';
    const text = `${parsed.content}${parsed.partial ? '' : '\n'}`;
    const last = chunks[chunks.length - 1];
    if (last?.stream === stream) last.text += text;
    else chunks.push({ stream, text });
  }
  return { chunks, cursor: dropped + log.length };
}

/**
 * The sub-millisecond part of a line's timestamp. Simulated time counts milliseconds; a real
 * runtime stamps nanoseconds. A fixed function of the millisecond keeps the digits plausible,
 * the same on every run, and the timestamps in order.
 */
function subMsNanos(simMs: number): number {
  return (simMs * 48_271) % 999_983;
}

/** time.RFC3339Nano of a simulated instant: nine fractional digits, trailing zeros dropped. */
export function criTimestamp(simMs: number): string {
  // A busy container writes many lines in the same millisecond: remember the last one.
  if (simMs === lastStampMs) return lastStamp;
  const second = isoTime(simMs).slice(0, -1);
  const ms = ((simMs % 1000) + 1000) % 1000;
  let nanos = ms * 1_000_000 + subMsNanos(simMs);
  let text: string;
  if (nanos === 0) text = `${second}Z`;
  else {
    let width = 9;
    while (nanos % 10 === 0) {
      nanos /= 10;
      width--;
    }
    text = `${second}.${String(nanos).padStart(width, '0')}Z`;
  }
  lastStampMs = simMs;
  lastStamp = text;
  return text;
}

let lastStampMs = Number.NaN;
let lastStamp = '';

export interface ReadLogsOptions {
  tailLines?: number;
  sinceSeconds?: number;
  timestamps?: boolean;
  limitBytes?: number;
  /** Simulated now (state.nowMs): `sinceSeconds` counts back from it. */
  nowMs: number;
}

/** The kubelet's ReadLogs over a container's log: the bytes `kubectl logs` prints. */
export function readLogs(c: RuntimeContainer, opts: ReadLogsOptions): string {
  let lines = c.log ?? [];
  if (lines.length > SIM.containerLogLines) lines = lines.slice(-SIM.containerLogLines);
  // findTailLineStartIndex comes first: --since filters the lines --tail kept.
  if (opts.tailLines !== undefined && opts.tailLines >= 0)
    lines = opts.tailLines === 0 ? [] : lines.slice(-opts.tailLines);
  const sinceMs =
    opts.sinceSeconds !== undefined ? opts.nowMs - opts.sinceSeconds * 1000 : undefined;
  let out = '';
  for (const line of lines) {
    const parsed = parseCriLine(line);
    if (!parsed) continue;
    if (sinceMs !== undefined && parsed.simMs < sinceMs) continue;
    out += opts.timestamps
      ? `${parsed.timestamp} ${parsed.content}${parsed.partial ? '' : '\n'}`
      : `${parsed.content}${parsed.partial ? '' : '\n'}`;
  }
  if (opts.limitBytes !== undefined && opts.limitBytes >= 0) out = cutAtBytes(out, opts.limitBytes);
  return out;
}

interface CriLine {
  timestamp: string;
  /** Simulated milliseconds of the timestamp (sub-millisecond digits dropped). */
  simMs: number;
  stream: string;
  partial: boolean;
  content: string;
}

/** parseCRILog: `TIMESTAMP STREAM TAG CONTENT`; undefined for a line in another format. */
export function parseCriLine(line: string): CriLine | undefined {
  const a = line.indexOf(' ');
  const b = a < 0 ? -1 : line.indexOf(' ', a + 1);
  const c = b < 0 ? -1 : line.indexOf(' ', b + 1);
  if (c < 0) return undefined;
  const timestamp = line.slice(0, a);
  const whole = Date.parse(`${timestamp.slice(0, 19)}Z`);
  if (Number.isNaN(whole)) return undefined;
  const dot = timestamp.indexOf('.');
  const ms = dot < 0 ? 0 : Math.floor(Number(`0${timestamp.slice(dot, -1)}`) * 1000);
  return {
    timestamp,
    simMs: whole - EPOCH_MS + ms,
    stream: line.slice(a + 1, b),
    partial: line.slice(b + 1, c) === 'P',
    content: line.slice(c + 1),
  };
}

/** The first `limit` UTF-8 bytes of `s` (a character that does not fit whole is left out). */
function cutAtBytes(s: string, limit: number): string {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    let size = code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
    if (code >= 0xd800 && code <= 0xdbff) size = 4;
    if (bytes + size > limit) return s.slice(0, i);
    bytes += size;
    if (size === 4) i++;
  }
  return s;
}
