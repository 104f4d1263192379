import { describe, expect, it } from 'vitest';
import { type InputEffect, Timeline } from './timeline';

const effect = (line: string): InputEffect => ({ line, reads: new Map(), settled: true });

describe('timeline', () => {
  it('takes a keyframe by engine work as the live edge moves, not only by time', () => {
    const t = new Timeline(
      { atMs: 40_000, snapshot: 's0', work: 1_000 },
      { keyframeEveryMs: 5_000, maxKeyframes: 240, keyframeEveryWork: 1_000 },
    );
    // 60 pods starting: a second of simulated time is a thousand trace entries and more.
    expect(t.keyframeDue(41_000, 1_400)).toBe(false);
    expect(t.keyframeDue(42_000, 2_100)).toBe(true);
    t.extend(42_000, 's42', 0, 2_100);
    // A quiet stretch after it: by time only.
    expect(t.keyframeDue(46_000, 2_200)).toBe(false);
    expect(t.keyframeDue(47_000, 2_200)).toBe(true);
    // Without the work counter, time alone decides.
    expect(t.keyframeDue(43_000)).toBe(false);
    expect(t.keyframeAt(41_500)).toMatchObject({ snapshot: 's0' });
    expect(t.keyframeAt(42_500)).toMatchObject({ snapshot: 's42' });
  });

  it('takes a keyframe only when it is worth a fifth of the engine time it spares', () => {
    const t = new Timeline(
      { atMs: 0, snapshot: 's0', work: 0 },
      { keyframeEveryMs: 5_000, maxKeyframes: 240, keyframeEveryWork: 100 },
    );
    // A huge cluster's keyframe took 40 ms to take: the next one waits for 200 ms of engine time.
    t.extend(1_000, 'big', 0, 200, 40);
    expect(t.keyframeDue(2_000, 400, 150)).toBe(false);
    expect(t.keyframeDue(9_000, 400, 150)).toBe(false);
    expect(t.keyframeDue(9_000, 400, 200)).toBe(true);
    expect(t.keyframeDueAfterInput(9_000, 400, 150)).toBe(false);
    expect(t.keyframeDueAfterInput(9_000, 400, 250)).toBe(true);
    // Without the engine's time (a served cluster's replica), the period and the work decide.
    expect(t.keyframeDue(9_000, 400)).toBe(true);
    // A quick keyframe (1 ms) is due by work alone.
    t.extend(9_000, 'small', 0, 400, 1);
    expect(t.keyframeDue(9_100, 480, 0.5)).toBe(false);
    expect(t.keyframeDue(9_100, 520, 0.5)).toBe(true);
  });

  it('keeps a bounded number of keyframes on a long run; inputs stay as data', () => {
    const t = new Timeline(
      { atMs: 0, snapshot: 's0' },
      { keyframeEveryMs: 1_000, maxKeyframes: 8 },
    );
    t.recordInput({ fromMs: 500, toMs: 500, line: 'kubectl run a --image=nginx' }, effect('a'));
    let taken = 0;
    for (let ms = 1_000; ms <= 3_600_000; ms += 1_000) {
      const due = t.keyframeDue(ms);
      if (due) taken++;
      t.extend(ms, due ? `s${ms}` : undefined, t.inputs.length);
    }
    expect(taken).toBeGreaterThan(20);
    // 8 keyframes at most (thinned), plus the first.
    expect(t.keyframeCount).toBeLessThanOrEqual(8 + 1);
    // The input is replayed from the first keyframe, which does not include it.
    expect(t.keyframeAt(500)).toMatchObject({ snapshot: 's0', inputIndex: 0 });
    expect(t.inputsAt(499)).toBe(0);
    expect(t.inputsAt(500)).toBe(1);
    expect(t.effectOf(0)?.line).toBe('a');
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

  it('takes a keyframe after inputs when enough of them, or of the engine’s work, came', () => {
    const t = new Timeline(
      { atMs: 0, snapshot: 's0' },
      { keyframeEveryMs: 60_000, maxKeyframes: 8, keyframeEveryInputs: 3, keyframeEveryWork: 100 },
    );
    t.recordInput({ fromMs: 10, toMs: 10, line: 'x' }, effect('x'));
    t.recordInput({ fromMs: 20, toMs: 20, line: 'x' }, effect('x'));
    expect(t.keyframeDueAfterInput(20, 0)).toBe(false);
    t.recordInput({ fromMs: 30, toMs: 30, line: 'x' }, effect('x'));
    expect(t.keyframeDueAfterInput(30, 0)).toBe(true);
    t.extend(30, 's30', 3, 50);
    t.recordInput({ fromMs: 40, toMs: 40, line: 'x' }, effect('x'));
    expect(t.keyframeDueAfterInput(40, 120)).toBe(false);
    expect(t.keyframeDueAfterInput(40, 150)).toBe(true);
    expect(t.keyframeDueAfterInput(60_030, 50)).toBe(true);
  });

  it('counts the inputs a cluster at an instant has had', () => {
    const t = new Timeline({ atMs: 0, snapshot: 's0' });
    t.recordInput({ fromMs: 1_000, toMs: 1_000, line: 'kubectl run a' }, effect('a'));
    t.recordInput({ fromMs: 1_000, toMs: 1_000, line: 'wait 5s' }, null);
    t.recordInput({ fromMs: 6_000, toMs: 9_000, line: 'kubectl delete pod a' }, effect('d'));
    expect([0, 999, 1_000, 5_999, 6_000, 9_000].map((ms) => t.inputsAt(ms))).toEqual([
      0, 0, 2, 2, 2, 3,
    ]);
    expect(t.replayable(0, 3)).toBe(true);
  });

  it('lands a seek inside a command that let time pass on its end', () => {
    const t = new Timeline({ atMs: 0, snapshot: 's0' });
    t.recordInput({ fromMs: 1_000, toMs: 9_000, line: 'kubectl delete pod a' }, effect('d'));
    expect(t.landing(5_000)).toBe(9_000);
    expect(t.landing(1_000)).toBe(1_000);
    expect(t.landing(20_000)).toBe(9_000);
  });

  it('forks: keyframes and inputs after the cursor are dropped; a clone keeps them', () => {
    const t = new Timeline({ atMs: 0, snapshot: 's0' });
    t.recordInput({ fromMs: 1_000, toMs: 1_000, line: 'x' }, effect('x'));
    t.extend(1_000, 'a1', 1);
    t.recordInput({ fromMs: 5_000, toMs: 5_000, line: 'y' }, effect('y'));
    t.extend(5_000, 'a2', 2);
    const before = t.clone();
    t.fork(3_000);
    expect(t.inputs.map((i) => i.line)).toEqual(['x']);
    expect(t.horizonMs).toBe(3_000);
    expect(t.keyframeAt(10_000).snapshot).toBe('a1');
    expect(before.keyframeAt(10_000).snapshot).toBe('a2');
    expect(before.effectOf(1)?.line).toBe('y');
  });

  it('replays nothing of a recording: its keyframes hold what its inputs did', () => {
    const t = Timeline.fromRecording(
      [
        { atMs: 0, snapshot: 'before' },
        { atMs: 0, snapshot: 'commands' },
        { atMs: 30_000, snapshot: 'end' },
      ],
      [{ fromMs: 0, toMs: 0, line: 'kubectl apply -f web.yaml' }],
    );
    expect(t.keyframeAt(0).snapshot).toBe('commands');
    expect(t.effectOf(0)).toBeUndefined();
    expect(t.replayable(0, 1)).toBe(false);
  });
});
