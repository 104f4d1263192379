/**
 * A console line as the timeline keeps it: run once at the live edge noting the files it read,
 * run again on a restored cluster at the same instant to reach the same bytes (timeline.ts).
 */
import { runLabLine, type Simulation } from '../engine';
import type { InputEffect } from './timeline';

const NO_READS: ReadonlyMap<string, string | undefined> = new Map();

/**
 * Run `run` on `sim` noting every file it reads (a manifest the dialog may change later): the
 * effect that replays the same line.
 */
export function withReadsNoted<T>(sim: Simulation, line: string, run: () => T): [T, InputEffect] {
  let reads: Map<string, string | undefined> | undefined;
  const read = sim.fileReader;
  sim.fileReader = (path) => {
    if (reads?.has(path)) return reads.get(path);
    const text = read(path);
    reads ??= new Map();
    reads.set(path, text);
    return text;
  };
  const next = sim.nextEventAtMs();
  const settled = next === undefined || next > sim.nowMs();
  try {
    return [run(), { line, reads: reads ?? NO_READS, settled }];
  } finally {
    sim.fileReader = read;
  }
}

/**
 * The line again at `atMs`, the instant it ran, on a cluster restored to before it: first what
 * was due then (unless the line came before that ran: see `settled`), then the line reading the
 * files it read then. Its output was kept in the transcript.
 */
export function replayEffect(sim: Simulation, effect: InputEffect, atMs: number): void {
  if (effect.settled) sim.advanceTo(atMs);
  const read = sim.fileReader;
  sim.fileReader = (path) => effect.reads.get(path);
  try {
    runLabLine(effect.line, { host: sim });
  } catch {
    // It threw when it ran too (the store printed it): the cluster is the same either way.
  } finally {
    sim.fileReader = read;
  }
}
