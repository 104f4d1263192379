import { describe, expect, it } from 'vitest';
import { runLabLine } from '../lab';
import { createSimulation } from './bootstrap';

const run = (sim: ReturnType<typeof createSimulation>, line: string) =>
  runLabLine(line, { host: sim }).output;

/** Events with reason Starting on a node, newest count included (the correlator aggregates them). */
function startingCount(sim: ReturnType<typeof createSimulation>, node: string): number {
  return Object.values(sim.store('events'))
    .filter((e) => e.reason === 'Starting' && e.involvedObject?.name === node)
    .reduce((n, e) => n + (e.count ?? 1), 0);
}

describe('a restarted kubelet', () => {
  it('records "Starting kubelet." at every start, like kubelet.go Run', () => {
    const sim = createSimulation({ workers: 2, seed: 3 });
    expect(startingCount(sim, 'worker-1')).toBe(1);
    run(sim, 'break kubelet worker-1');
    run(sim, 'wait 5s');
    run(sim, 'repair kubelet worker-1');
    expect(startingCount(sim, 'worker-1')).toBe(2);
    run(sim, 'break node worker-1');
    run(sim, 'wait 10s');
    run(sim, 'repair node worker-1');
    run(sim, 'wait 1s');
    expect(startingCount(sim, 'worker-1')).toBe(3);
  });

  it('syncs its node status at once after a reboot: NotReady turns Ready within seconds', () => {
    const sim = createSimulation({ workers: 2, seed: 3 });
    run(sim, 'break node worker-1');
    run(sim, 'wait 60s');
    expect(run(sim, 'kubectl get node worker-1')).toMatch(/worker-1\s+NotReady/);
    run(sim, 'repair node worker-1');
    run(sim, 'wait 2s');
    expect(run(sim, 'kubectl get node worker-1')).toMatch(/worker-1\s+Ready/);
  });
});
