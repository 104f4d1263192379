import type { Simulation } from '../engine';

/**
 * The engine's snapshot without its trace ring: the store keeps the trace itself, and the ring
 * would make every keyframe megabytes long. Nothing in the engine reads old trace entries.
 */
export function snapshotLight(sim: Simulation): string {
  const s = sim.state;
  const trace = s.trace;
  const head = s.traceHead;
  s.trace = [];
  s.traceHead = 0;
  try {
    return sim.snapshot();
  } finally {
    s.trace = trace;
    s.traceHead = head;
  }
}
