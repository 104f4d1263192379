/** The trace keeps the last SIM.traceCapacity entries, oldest first, and drops the oldest in O(1). */
import { describe, expect, it } from 'vitest';
import { createTestPod } from '../testing/pods';
import { createSimulation } from './bootstrap';
import { SIM } from './defaults';

describe('trace capacity', () => {
  it('keeps the newest entries in order once the ring is full, across snapshot and restore', () => {
    const sim = createSimulation({ workers: 0, bootMs: 0 });
    const extra = 7;
    const n = SIM.traceCapacity - sim.state.trace.length + extra;
    for (let i = 0; i < n; i++) sim.trace('a', 'b', 'api', '', `entry ${i}`);
    const entries = sim.traceEntries();
    expect(entries).toHaveLength(SIM.traceCapacity);
    expect(sim.state.trace).toHaveLength(SIM.traceCapacity);
    expect(entries[0].seq).toBe(sim.state.traceSeq - SIM.traceCapacity);
    expect(entries.every((e, i) => i === 0 || e.seq === entries[i - 1].seq + 1)).toBe(true);
    expect(entries.at(-1)?.summary).toBe(`entry ${n - 1}`);
    expect(sim.traceTail(3).map((e) => e.summary)).toEqual(
      [n - 3, n - 2, n - 1].map((i) => `entry ${i}`),
    );
    expect(sim.traceTail(extra + 2).map((e) => e.seq)).toEqual(
      entries.slice(-(extra + 2)).map((e) => e.seq),
    );

    const restored = createSimulation({ workers: 0, bootMs: 0 });
    restored.restore(sim.snapshot());
    sim.trace('a', 'b', 'api', '', 'after');
    restored.trace('a', 'b', 'api', '', 'after');
    expect(restored.traceEntries()).toEqual(sim.traceEntries());
    expect(restored.traceEntries().at(-1)?.summary).toBe('after');
  });
});

describe('traced API calls', () => {
  it('name the object a generateName create made, not an empty one', () => {
    const sim = createSimulation({ workers: 1, seed: 1 });
    const seen: string[] = [];
    sim.onTrace((e) => {
      if (e.kind === 'api' && e.summary.startsWith('create pods'))
        seen.push(`${e.object} ${e.summary}`);
    });
    const res = createTestPod(sim, { generateName: 'job-' }, { image: 'busybox:1.36' });
    expect(res.ok).toBe(true);
    const name = res.ok ? res.object?.metadata.name : '';
    expect(name).toMatch(/^job-[a-z0-9]{5}$/);
    expect(seen).toEqual([`pod/default/${name} create pods/${name}`]);
  });
});
