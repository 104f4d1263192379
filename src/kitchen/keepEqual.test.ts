import { describe, expect, it } from 'vitest';
import { keepEqual } from './keepEqual';

describe('keepEqual', () => {
  it('keeps the previous objects of every equal part, and only those', () => {
    const prev = {
      kitchens: [
        { name: 'worker-1', stations: [{ x: 1 }, { x: 2 }] },
        { name: 'worker-2', stations: [{ x: 1 }] },
      ],
      width: 900,
    };
    const next = {
      kitchens: [
        { name: 'worker-1', stations: [{ x: 1 }, { x: 2 }] },
        { name: 'worker-2', stations: [{ x: 1 }, { x: 2 }] },
      ],
      width: 900,
    };
    const kept = keepEqual(prev, next);
    expect(kept).toEqual(next);
    expect(kept).not.toBe(prev);
    expect(kept.kitchens[0]).toBe(prev.kitchens[0]);
    expect(kept.kitchens[1]).not.toBe(prev.kitchens[1]);
    expect(kept.kitchens[1].stations[0]).toBe(prev.kitchens[1].stations[0]);
    expect(keepEqual(prev, structuredClone(prev))).toBe(prev);
  });

  it('notices keys added, removed, null and type changes', () => {
    const a: Record<string, unknown> = { x: 1, y: null };
    expect(keepEqual(a, { x: 1 })).toEqual({ x: 1 });
    expect(keepEqual(a, { x: 1, y: null, z: 2 })).toEqual({ x: 1, y: null, z: 2 });
    expect(keepEqual(a, { x: 1, y: { q: 1 } })).toEqual({ x: 1, y: { q: 1 } });
    expect(keepEqual<unknown>([1], { 0: 1 })).toEqual({ 0: 1 });
    expect(keepEqual(undefined, a)).toBe(a);
  });
});
