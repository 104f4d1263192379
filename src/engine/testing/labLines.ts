/** Lab lines for tests: each run on the simulation in turn, as one transcript. */
import { runLabLine } from '../lab';
import type { Simulation } from '../sim/simulation';

/** `$ line` and its output for each line, run in order: what a test compares byte for byte. */
export function runLines(sim: Simulation, lines: readonly string[]): string {
  return lines.map((l) => `$ ${l}\n${runLabLine(l, { host: sim }).output}`).join('');
}
