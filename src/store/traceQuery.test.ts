import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../engine';
import { TraceQueries } from './traceQuery';

const entry = (seq: number, object: string): TraceEntry => ({
  seq,
  timeMs: seq * 10,
  from: 'a',
  to: 'b',
  kind: 'api',
  object,
  summary: `#${seq}`,
});

/** What the store did before: walk back from the cursor, keep `limit` matches. */
function naive(log: TraceEntry[], visible: number, f: (e: TraceEntry) => boolean, limit: number) {
  const out: TraceEntry[] = [];
  for (let i = visible - 1; i >= 0 && out.length < limit; i--) if (f(log[i])) out.push(log[i]);
  return out.reverse();
}

describe('TraceQueries', () => {
  it('answers like a full walk while the log grows, the cursor moves back and the log is replaced', () => {
    const q = new TraceQueries();
    const isPod = (e: TraceEntry) => e.object === 'pod/default/web';
    let log: TraceEntry[] = [];
    let scanned = 0;
    const counting = (e: TraceEntry) => {
      scanned++;
      return isPod(e);
    };
    for (let i = 0; i < 500; i++) {
      log.push(entry(i, i % 7 === 0 ? 'pod/default/web' : 'node/worker-1'));
      if (i % 50 === 49) {
        for (const visible of [log.length, Math.floor(log.length / 2), 0])
          for (const limit of [1, 5, Number.POSITIVE_INFINITY])
            expect(q.query(log, visible, counting, limit)).toEqual(
              naive(log, visible, isPod, limit),
            );
      }
    }
    // Each entry was looked at once, however often the filter was asked.
    expect(scanned).toBe(500);
    // A fork replaces the log: the new one is scanned from its start.
    log = log.slice(0, 100).concat([entry(1000, 'pod/default/web')]);
    expect(q.query(log, log.length, counting, 3)).toEqual(naive(log, log.length, isPod, 3));
    expect(scanned).toBe(500 + 101);
  });
});
