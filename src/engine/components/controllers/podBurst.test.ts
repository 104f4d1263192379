import { afterEach, describe, expect, it } from 'vitest';
import { createSimulation } from '../../sim/bootstrap';
import type { Simulation } from '../../sim/simulation';
import { chargeActiveClient } from './clientThrottle';
import { type BurstOps, expectationsSatisfied, registerBurst, startBurst } from './podBurst';

let restore: BurstOps | undefined;
afterEach(() => {
  if (restore) registerBurst('replicaset', restore);
  restore = undefined;
});

/** A ReplicaSet stand-in whose creations succeed `okCount` times, then fail. */
function fakeController(sim: Simulation, okCount: number) {
  const calls: number[] = [];
  const finished: boolean[] = [];
  restore = registerBurst('replicaset', {
    create: () => {
      chargeActiveClient(sim); // what kcmApi does for every write
      calls.push(sim.state.nowMs);
      return calls.length <= okCount;
    },
    remove: () => true,
    finish: (_sim, _key, failed) => {
      finished.push(failed);
    },
  });
  return { calls, finished };
}

describe('slowStartBatch with the client limiter', () => {
  it('stops after the first batch that had a failure: 1 + 2 + 4 calls when the fourth fails', () => {
    const sim = createSimulation({ workers: 1, seed: 1 });
    const { calls, finished } = fakeController(sim, 3);
    startBurst(sim, 'replicaset', 'default/fake', 'create', 100);
    sim.advanceBy(10_000);
    // Batches of 1, 2 and 4: the third has failures, the whole of it still ran, none after.
    expect(calls.length).toBe(7);
    expect(finished).toEqual([true]);
    // Only the 3 that succeeded are waited for; the watch never shows them here, so the
    // controller waits until ExpectationsTimeout (5 min).
    expect(expectationsSatisfied(sim, 'replicaset', 'default/fake')).toBe(false);
    sim.advanceBy(5 * 60_000);
    expect(expectationsSatisfied(sim, 'replicaset', 'default/fake')).toBe(true);
  });

  it('paces a long burst on the token bucket: 30 at once, then one every 50 ms', () => {
    const sim = createSimulation({ workers: 1, seed: 1 });
    const { calls, finished } = fakeController(sim, 1_000);
    const t0 = sim.state.nowMs;
    startBurst(sim, 'replicaset', 'default/fake', 'create', 100);
    expect(calls.length).toBe(30);
    expect(finished).toEqual([]);
    sim.advanceBy(1_000);
    expect(calls.length).toBe(50);
    sim.advanceBy(10_000);
    expect(calls.length).toBe(100);
    expect(calls[99] - t0).toBe(70 * 50);
    expect(finished).toEqual([false]);
  });
});
