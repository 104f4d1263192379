import { describe, expect, it } from 'vitest';
import { Timeline } from './timeline';

describe('timeline', () => {
  it('keeps a bounded number of periodic keyframes on a long run, and every input’s', () => {
    const t = new Timeline(
      { atMs: 0, snapshot: 's0' },
      { keyframeEveryMs: 1_000, maxKeyframes: 8 },
    );
    t.recordInput({ fromMs: 500, toMs: 500, line: 'kubectl run a --image=nginx' }, 'b', 'a');
    let taken = 0;
    for (let ms = 1_000; ms <= 3_600_000; ms += 1_000) {
      const due = t.keyframeDue(ms);
      if (due) taken++;
      t.extend(ms, due ? `s${ms}` : undefined);
    }
    expect(taken).toBeGreaterThan(20);
    // 8 periodic keyframes at most (thinned), plus the first and the input's two.
    expect(t.keyframeCount).toBeLessThanOrEqual(8 + 3);
    // The pinned ones survive thinning: the input is still exactly reachable.
    expect(t.keyframeAt(500).snapshot).toBe('a');
    expect(t.keyframeAt(0).snapshot).toBe('s0');
    expect(t.horizonMs).toBe(3_600_000);
  });

  it('keeps the periodic keyframes of a huge cluster under a size budget as well', () => {
    const t = new Timeline(
      { atMs: 0, snapshot: 's0' },
      { keyframeEveryMs: 1_000, maxKeyframes: 240, maxKeyframeChars: 10_000 },
    );
    const big = 'x'.repeat(3_000);
    let taken = 0;
    for (let ms = 1_000; ms <= 600_000; ms += 1_000) {
      const due = t.keyframeDue(ms);
      if (due) taken++;
      t.extend(ms, due ? `${ms}${big}` : undefined);
    }
    expect(taken).toBeGreaterThan(5);
    // 3 of 3,000 characters fit in 10,000 (the first keyframe is pinned, not counted).
    expect(t.keyframeCount).toBeLessThanOrEqual(1 + 3);
    // One keyframe larger than the budget is still kept: a seek needs a keyframe to start from.
    const one = new Timeline(
      { atMs: 0, snapshot: 's0' },
      { keyframeEveryMs: 1_000, maxKeyframes: 240, maxKeyframeChars: 10 },
    );
    one.extend(1_000, big);
    one.extend(2_000, big);
    expect(one.keyframeCount).toBe(2);
    expect(one.keyframeAt(2_000).atMs).toBe(2_000);
  });

  it('lands a seek inside a command that let time pass on its end', () => {
    const t = new Timeline({ atMs: 0, snapshot: 's0' });
    t.recordInput({ fromMs: 1_000, toMs: 9_000, line: 'kubectl delete pod a' }, 'before', 'after');
    expect(t.landing(5_000)).toBe(9_000);
    expect(t.landing(1_000)).toBe(1_000);
    expect(t.landing(20_000)).toBe(9_000);
    expect(t.keyframeAt(9_000).snapshot).toBe('after');
  });

  it('forks: keyframes and inputs after the cursor are dropped', () => {
    const t = new Timeline({ atMs: 0, snapshot: 's0' });
    t.recordInput({ fromMs: 1_000, toMs: 1_000, line: 'x' }, 'b1', 'a1');
    t.recordInput({ fromMs: 5_000, toMs: 5_000, line: 'y' }, 'b2', 'a2');
    t.fork(3_000);
    expect(t.inputs.map((i) => i.line)).toEqual(['x']);
    expect(t.horizonMs).toBe(3_000);
    expect(t.keyframeAt(10_000).snapshot).toBe('a1');
  });
});
