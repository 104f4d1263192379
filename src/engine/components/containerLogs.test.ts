import { describe, expect, it } from 'vitest';
import { EPOCH_MS, SIM } from '../sim/defaults';
import type { RuntimeContainer } from '../sim/state';
import {
  appendLog,
  criTimestamp,
  logCursor,
  parseCriLine,
  readLogs,
  readLogsAfter,
} from './containerLogs';

function container(): RuntimeContainer {
  return {
    id: 'c1',
    attempt: 0,
    sandboxId: 's1',
    podUid: 'u1',
    name: 'app',
    image: 'busybox',
    state: 'running',
    startedAtMs: 0,
    finishedAtMs: 0,
    exitCode: 0,
    reason: '',
  };
}

describe('container logs', () => {
  it('stores CRI log lines with RFC3339Nano timestamps', () => {
    const c = container();
    appendLog(c, 30_123, 'stdout', 'hello');
    appendLog(c, 31_000, 'stderr', 'oops');
    expect(c.log).toHaveLength(2);
    expect(c.log?.[0]).toMatch(/^2026-01-01T09:00:30\.123\d{0,6}Z stdout F hello$/);
    expect(c.log?.[1]).toMatch(/^2026-01-01T09:00:31(\.\d{1,9})?Z stderr F oops$/);
    const parsed = parseCriLine(c.log?.[0] as string);
    expect(parsed).toMatchObject({ simMs: 30_123, stream: 'stdout', content: 'hello' });
  });

  it('trims trailing zeros the way time.RFC3339Nano does, and keeps time order', () => {
    expect(criTimestamp(0)).toBe('2026-01-01T09:00:00Z');
    const stamps = [1, 2, 999, 1000, 1001, 65_432].map(criTimestamp);
    for (const s of stamps) expect(s).not.toMatch(/\.\d*0Z$/);
    const sorted = [...stamps].sort((a, b) => Date.parse(a) - Date.parse(b));
    expect(stamps.map((s) => Date.parse(s))).toEqual(sorted.map((s) => Date.parse(s)));
  });

  it('accepts a Unix-epoch clock reading as well as simulated time', () => {
    const a = container();
    const b = container();
    appendLog(a, 5_000, 'stdout', 'x');
    appendLog(b, EPOCH_MS + 5_000, 'stdout', 'x');
    expect(a.log).toEqual(b.log);
  });

  it('splits text at newlines, one line each', () => {
    const c = container();
    appendLog(c, 1, 'stdout', 'one\ntwo\n');
    expect(readLogs(c, { nowMs: 1 })).toBe('one\ntwo\n');
  });

  it('keeps the newest SIM.containerLogLines lines, trimming the store in batches', () => {
    const c = container();
    const n = SIM.containerLogLines * 3 + 7;
    for (let i = 0; i < n; i++) appendLog(c, i, 'stdout', `line ${i}`);
    expect(c.log?.length).toBeLessThanOrEqual(SIM.containerLogLines * 1.25);
    const read = readLogs(c, { nowMs: n }).split('\n').filter(Boolean);
    expect(read).toHaveLength(SIM.containerLogLines);
    expect(read[0]).toBe(`line ${n - SIM.containerLogLines}`);
    expect(read.at(-1)).toBe(`line ${n - 1}`);
  });

  it('reads with tail, since, timestamps and limitBytes as the kubelet does', () => {
    const c = container();
    for (let s = 0; s < 10; s++) appendLog(c, s * 1000, 'stdout', `t${s}`);
    expect(readLogs(c, { nowMs: 10_000 })).toBe('t0\nt1\nt2\nt3\nt4\nt5\nt6\nt7\nt8\nt9\n');
    expect(readLogs(c, { nowMs: 10_000, tailLines: 2 })).toBe('t8\nt9\n');
    expect(readLogs(c, { nowMs: 10_000, tailLines: 0 })).toBe('');
    // since 3s at 10 s: lines stamped at 7 s and later.
    expect(readLogs(c, { nowMs: 10_000, sinceSeconds: 3 })).toBe('t7\nt8\nt9\n');
    // tail comes first: the last 5 lines, then only the recent ones among them.
    expect(readLogs(c, { nowMs: 10_000, tailLines: 5, sinceSeconds: 2 })).toBe('t8\nt9\n');
    expect(readLogs(c, { nowMs: 10_000, limitBytes: 7 })).toBe('t0\nt1\nt');
    const stamped = readLogs(c, { nowMs: 10_000, tailLines: 1, timestamps: true });
    expect(stamped).toBe(`${criTimestamp(9000)} t9\n`);
  });

  it('cuts limitBytes in UTF-8 bytes, never inside a character', () => {
    const c = container();
    appendLog(c, 0, 'stdout', '廚房');
    expect(readLogs(c, { nowMs: 0, limitBytes: 3 })).toBe('廚');
    expect(readLogs(c, { nowMs: 0, limitBytes: 5 })).toBe('廚');
  });

  it('reads nothing from a container that never wrote', () => {
    expect(readLogs(container(), { nowMs: 0 })).toBe('');
  });
});

describe('a followed log', () => {
  it('reads what came after its cursor, counting the lines the bound dropped', () => {
    const c = container();
    appendLog(c, 1_000, 'stdout', 'first');
    const cursor = logCursor(c);
    expect(cursor).toBe(1);
    for (let i = 0; i < SIM.containerLogLines * 2; i++) appendLog(c, 2_000 + i, 'stdout', `l${i}`);
    const after = readLogsAfter(c, cursor, false);
    // The oldest lines were dropped past the bound: the follower gets what is left, in order.
    const lines = after.text.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(`l${SIM.containerLogLines * 2 - 1}`);
    expect(lines.length).toBe(c.log?.length);
    expect(after.cursor).toBe(1 + SIM.containerLogLines * 2);
    appendLog(c, 9_000_000, 'stderr', 'last');
    expect(readLogsAfter(c, after.cursor, true).text).toBe(`${criTimestamp(9_000_000)} last\n`);
    expect(readLogsAfter(c, logCursor(c), false).text).toBe('');
  });
});
