import { type ClusterState, copyState, type Simulation, type StateImage } from '../engine';

/**
 * The engine's state without its trace ring: the store keeps the trace itself, and the ring
 * would make every keyframe megabytes long. Nothing in the engine reads old trace entries.
 */
function withoutTrace<T>(sim: Simulation, take: () => T): T {
  const s = sim.state;
  const trace = s.trace;
  const head = s.traceHead;
  s.trace = [];
  s.traceHead = 0;
  try {
    return take();
  } finally {
    s.trace = trace;
    s.traceHead = head;
  }
}

/** The engine's snapshot (JSON) without its trace ring: to save, send or compare. */
export function snapshotLight(sim: Simulation): string {
  return withoutTrace(sim, () => sim.snapshot());
}

/** The engine's image without its trace ring: a keyframe to restore from in this thread. */
export function imageLight(sim: Simulation): StateImage {
  return withoutTrace(sim, () => sim.image());
}

/** What a keyframe's snapshot or image costs in memory, in characters of JSON. */
export function snapshotSize(snapshot: string | StateImage): number {
  return typeof snapshot === 'string' ? snapshot.length : snapshot.size;
}

/** A copy of the engine's state without its trace ring, to run on its own (a look at the past). */
export function copyLight(sim: Simulation): ClusterState {
  return withoutTrace(sim, () => copyState(sim.state));
}
