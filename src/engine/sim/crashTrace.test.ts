import { describe, expect, it } from 'vitest';
import { runLabLine } from '../lab';
import { createSimulation } from './bootstrap';

describe('a container exit in the trace', () => {
  it('names the pod as pod/NAMESPACE/NAME, like every other trace entry', () => {
    const sim = createSimulation({ workers: 1, seed: 3 });
    runLabLine('kubectl run web --image=nginx:1.14.2', { host: sim });
    sim.advanceBy(10_000);
    const from = sim.state.traceSeq;
    expect(runLabLine('crash web', { host: sim }).ok).toBe(true);
    const exits = sim
      .traceTail(sim.state.traceSeq - from)
      .filter((e) => e.kind === 'process' && e.summary.includes('exited with code 1'));
    expect(exits.map((e) => e.object)).toEqual(['pod/default/web']);
  });
});
