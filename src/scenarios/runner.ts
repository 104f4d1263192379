/**
 * Plays a walkthrough on the engine, step by step, and keeps a checkpoint after each step so a
 * learner can go back exactly and instantly. Pure: no React, no DOM, no clock.
 *
 * A step runs its lab lines (the transcript is what the console shows), lets simulated time pass
 * until its `until` matchers hold (written to the transcript as the `wait` that did it, so a
 * walkthrough's transcript replays as a lab script), checks `expect`, reads its diff, and stores
 * `sim.snapshot()`.
 */
import {
  createSimulation,
  type LabHost,
  runLabLine,
  Simulation,
  stateFrom,
  type TraceEntry,
  withFiles,
} from '../engine';
import {
  evaluateAll,
  findObject,
  formatFailure,
  interpolate,
  type MatchContext,
  readRef,
  resolveVar,
} from './matchers';
import type { ClusterSpec, Step, Walkthrough } from './schema';

/** How long `until` may wait when a step does not say. */
export const DEFAULT_MAX_WAIT_MS = 60_000;

export interface DiffRow {
  path: string;
  /** undefined: the field (or the object) did not exist. */
  before?: string;
  after?: string;
}

/** One lab line a walkthrough ran, with its simulated time span. */
export interface LabLineRecord {
  /** `setup` (walkthrough or fresh-cluster setup), `command` (the step's), `until` (its wait). */
  kind: 'setup' | 'command' | 'until';
  line: string;
  fromMs: number;
  toMs: number;
  output: string;
  ok: boolean;
}

/** The state before the first step: the cluster booted and the setup lines run. */
export interface InitialCheckpoint {
  index: -1;
  snapshot: string;
  nowMs: number;
  transcript: string;
  lines: LabLineRecord[];
  /** Every trace entry from boot through the setup. */
  trace: TraceEntry[];
  vars: Record<string, string>;
}

export interface StepCheckpoint {
  index: number;
  stepId: string;
  /** The whole simulation after the step (Simulation.restore continues from it exactly). */
  snapshot: string;
  startMs: number;
  nowMs: number;
  /** Trace entries of this step: seq in [traceFromSeq, traceToSeq). */
  traceFromSeq: number;
  traceToSeq: number;
  trace: TraceEntry[];
  /** `$ LINE` and its output, for every line the step ran (including `until`'s wait). */
  transcript: string;
  /** The same lines as records (fresh-cluster setup, commands, `until`'s wait). */
  lines: LabLineRecord[];
  /**
   * A fresh-cluster step: the state after its boot and setup (where the step starts), and every
   * trace entry up to there. Other steps start from the checkpoint before them.
   */
  startSnapshot?: string;
  setupTrace?: TraceEntry[];
  /** After the commands, before `until` (only when the step has both). */
  commandsSnapshot?: string;
  commandsEndMs: number;
  diff: DiffRow[];
  /** The object the diff reads, as found after the step (`endpointslice/default/web-dmv8p`). */
  diffObject?: string;
  /** Walkthrough variables known after this step (narration placeholders). */
  vars: Record<string, string>;
  /** Expectations that did not hold (empty when the step is honest). */
  failures: string[];
}

export type Checkpoint = InitialCheckpoint | StepCheckpoint;

export class WalkthroughError extends Error {}

export interface SessionOptions {
  /** Throw a WalkthroughError on the first failed expectation (tests). Default false. */
  strict?: boolean;
}

export function clusterLine(c: ClusterSpec): string {
  return `cluster workers=${c.workers} proxy=${c.proxy} seed=${c.seed}`;
}

export function bootCluster(c: ClusterSpec): Simulation {
  return createSimulation({ workers: c.workers, proxyMode: c.proxy, seed: c.seed });
}

function echo(line: string, output: string): string {
  return `$ ${line}\n${output && !output.endsWith('\n') ? `${output}\n` : output}`;
}

/** Fingerprint of a state, to tell whether someone moved the simulation since a checkpoint. */
function fingerprint(sim: Simulation): string {
  const s = sim.state;
  return `${s.nowMs}/${s.traceSeq}/${s.nextSeq}/${s.processed}/${s.etcd.revision}/${s.queue.length}`;
}

export class WalkthroughSession {
  readonly walkthrough: Walkthrough;
  /** The simulation the scene shows. Read it; use fork() to play with it. */
  readonly sim: Simulation;
  readonly initial: InitialCheckpoint;
  private readonly host: LabHost;
  private readonly strict: boolean;
  private readonly checkpoints: StepCheckpoint[] = [];
  private position = -1;
  private positionState: object;
  private positionPrint: string;

  constructor(walkthrough: Walkthrough, opts: SessionOptions = {}) {
    this.walkthrough = walkthrough;
    this.strict = opts.strict ?? false;
    this.sim = bootCluster(walkthrough.cluster);
    const files = walkthrough.files ?? {};
    this.host = withFiles(this.sim, { readFile: (p) => files[p] });
    const lines: LabLineRecord[] = [];
    let transcript = echo(clusterLine(walkthrough.cluster), '');
    transcript += this.runLines(walkthrough.setup, {}, 'setup', 'setup', lines);
    const vars = this.resolveVars({});
    this.initial = {
      index: -1,
      snapshot: this.sim.snapshot(),
      nowMs: this.sim.nowMs(),
      transcript,
      lines,
      trace: this.sim.traceEntries(),
      vars,
    };
    this.positionState = this.sim.state;
    this.positionPrint = fingerprint(this.sim);
  }

  get stepCount(): number {
    return this.walkthrough.steps.length;
  }

  /** The step the simulation shows: -1 before the first step. */
  get index(): number {
    return this.position;
  }

  /** How many steps have been computed (their checkpoints are kept). */
  get computed(): number {
    return this.checkpoints.length;
  }

  checkpoint(index: number): Checkpoint | undefined {
    return index === -1 ? this.initial : this.checkpoints[index];
  }

  /** Show step `index` (-1: before the first step): restore it, or compute up to it. */
  goTo(index: number): Checkpoint {
    if (!Number.isInteger(index) || index < -1 || index >= this.stepCount)
      throw new RangeError(`step ${index} is not in 0…${this.stepCount - 1}`);
    if (index < this.checkpoints.length) {
      const cp = this.checkpoint(index) as Checkpoint;
      if (index !== this.position || !this.untouched()) this.restoreTo(cp);
      return cp;
    }
    // Forward beyond what is known: continue from the last computed step.
    const last = this.checkpoints.length - 1;
    if (last !== this.position || !this.untouched())
      this.restoreTo(this.checkpoint(last) as Checkpoint);
    let cp: StepCheckpoint | undefined;
    while (this.checkpoints.length <= index) {
      cp = this.runStep(this.checkpoints.length);
      this.checkpoints.push(cp);
      this.markPosition(cp.index);
    }
    return cp as StepCheckpoint;
  }

  next(): Checkpoint {
    return this.goTo(Math.min(this.position + 1, this.stepCount - 1));
  }

  previous(): Checkpoint {
    return this.goTo(Math.max(this.position - 1, -1));
  }

  /** Compute every step (eagerly). */
  computeAll(): StepCheckpoint[] {
    if (this.stepCount > 0) this.goTo(this.stepCount - 1);
    return [...this.checkpoints];
  }

  /**
   * Run step `index` again from the checkpoint before it, without keeping the result: what a
   * learner going back and forward again gets (tests compare it with the kept checkpoint).
   */
  replayStep(index: number): StepCheckpoint {
    if (index < 0 || index >= this.checkpoints.length)
      throw new RangeError(`step ${index} has not been computed`);
    this.restoreTo(this.checkpoint(index - 1) as Checkpoint);
    const cp = this.runStep(index);
    this.markPosition(index);
    return cp;
  }

  /** A separate simulation at the current state, for free play. */
  fork(): Simulation {
    return new Simulation(stateFrom(this.sim.snapshot()));
  }

  // ---- internals --------------------------------------------------------------------------------

  private untouched(): boolean {
    return this.sim.state === this.positionState && fingerprint(this.sim) === this.positionPrint;
  }

  private markPosition(index: number): void {
    this.position = index;
    this.positionState = this.sim.state;
    this.positionPrint = fingerprint(this.sim);
  }

  private restoreTo(cp: Checkpoint): void {
    this.sim.restore(cp.snapshot);
    this.markPosition(cp.index);
  }

  private fail(where: string, message: string, failures: string[]): void {
    failures.push(message);
    if (this.strict) throw new WalkthroughError(`${this.walkthrough.id} ${where}: ${message}`);
  }

  private runLines(
    lines: readonly string[],
    vars: Record<string, string>,
    where: string,
    kind: LabLineRecord['kind'],
    records: LabLineRecord[],
    failures: string[] = [],
  ): string {
    let transcript = '';
    for (const raw of lines) {
      const missing = new Set<string>();
      const line = interpolate(raw, vars, missing);
      if (missing.size > 0) {
        this.fail(
          where,
          `"${raw}" needs {${[...missing].join('}, {')}}, which has no value`,
          failures,
        );
        continue;
      }
      const fromMs = this.sim.nowMs();
      const r = runLabLine(line, { host: this.host });
      if (r.skipped) continue;
      if (r.output.startsWith('error: internal error'))
        this.fail(where, `"${line}": ${r.output.trim()}`, failures);
      transcript += echo(line, r.output);
      records.push({ kind, line, fromMs, toMs: this.sim.nowMs(), output: r.output, ok: r.ok });
    }
    return transcript;
  }

  private resolveVars(known: Record<string, string>): Record<string, string> {
    const vars = { ...known };
    for (const [name, ref] of Object.entries(this.walkthrough.vars ?? {})) {
      if (vars[name] !== undefined) continue;
      const v = resolveVar(this.sim, ref, vars);
      if (v !== undefined) vars[name] = v;
    }
    return vars;
  }

  private stepTrace(fromSeq: number): TraceEntry[] {
    return this.sim.traceTail(this.sim.state.traceSeq - fromSeq);
  }

  /** Run step `index` on the current state (which must be the checkpoint before it). */
  private runStep(index: number): StepCheckpoint {
    const step: Step = this.walkthrough.steps[index];
    const where = `step ${index + 1} (${step.id})`;
    const sim = this.sim;
    const failures: string[] = [];
    let transcript = '';
    const lines: LabLineRecord[] = [];
    let vars = (this.checkpoint(index - 1) as Checkpoint).vars;
    let startSnapshot: string | undefined;
    let setupTrace: TraceEntry[] | undefined;

    if (step.freshCluster) {
      // Another cluster: nothing read from the old one applies.
      vars = {};
      sim.restore(bootCluster(step.freshCluster.cluster).snapshot());
      transcript += echo(clusterLine(step.freshCluster.cluster), '');
      transcript += this.runLines(step.freshCluster.setup, vars, where, 'setup', lines, failures);
      startSnapshot = sim.snapshot();
      setupTrace = sim.traceEntries();
    }
    vars = this.resolveVars(vars);

    const startMs = sim.nowMs();
    const traceFromSeq = sim.state.traceSeq;
    const diffObject = step.diff ? interpolate(step.diff.object, vars) : '';
    const before = (step.diff?.paths ?? []).map((p) =>
      readRef(sim, diffObject, interpolate(p, vars)),
    );

    const commandText = this.runLines(step.commands, vars, where, 'command', lines, failures);
    transcript += commandText;
    const commandsEndMs = sim.nowMs();
    const commandsSnapshot =
      step.commands.length > 0 && step.until?.length ? sim.snapshot() : undefined;
    const ctx = (): MatchContext => ({
      sim,
      trace: this.stepTrace(traceFromSeq),
      transcript: commandText,
      elapsedMs: sim.nowMs() - startMs,
      vars,
    });

    if (step.until?.length) {
      const from = sim.nowMs();
      const deadline = from + (step.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
      for (;;) {
        const check = evaluateAll(step.until, ctx());
        if (check.ok) break;
        const next = sim.nextEventAtMs();
        if (next === undefined || next > deadline) {
          const why = check.results
            .filter((r) => !r.ok)
            .map(formatFailure)
            .join('; ');
          this.fail(where, `until not reached within ${deadline - from} ms: ${why}`, failures);
          break;
        }
        sim.advanceTo(next);
      }
      const waited = sim.nowMs() - from;
      if (waited > 0) {
        const line = `wait ${waited}ms`;
        transcript += echo(line, '');
        lines.push({ kind: 'until', line, fromMs: from, toMs: sim.nowMs(), output: '', ok: true });
      }
    }

    vars = this.resolveVars(vars);
    for (const r of evaluateAll(step.expect, ctx()).results)
      if (!r.ok) this.fail(where, formatFailure(r), failures);

    const diffObjectAfter = step.diff ? interpolate(step.diff.object, vars) : '';
    const found = step.diff ? findObject(sim, diffObjectAfter) : undefined;
    const diffFound = found
      ? `${found.kind.toLowerCase()}/${found.metadata.namespace ? `${found.metadata.namespace}/` : ''}${found.metadata.name}`
      : undefined;
    const diff: DiffRow[] = (step.diff?.paths ?? []).map((raw, i) => {
      const path = interpolate(raw, vars);
      return { path, before: before[i], after: readRef(sim, diffObjectAfter, path) };
    });

    return {
      index,
      stepId: step.id,
      snapshot: sim.snapshot(),
      startMs,
      nowMs: sim.nowMs(),
      traceFromSeq,
      traceToSeq: sim.state.traceSeq,
      trace: this.stepTrace(traceFromSeq),
      transcript,
      lines,
      ...(startSnapshot !== undefined ? { startSnapshot, setupTrace } : {}),
      ...(commandsSnapshot !== undefined ? { commandsSnapshot } : {}),
      commandsEndMs,
      diff,
      ...(diffFound !== undefined ? { diffObject: diffFound } : {}),
      vars,
      failures,
    };
  }
}

/** Create the session and compute every step up front. */
export function prepareWalkthrough(
  walkthrough: Walkthrough,
  opts: SessionOptions = {},
): WalkthroughSession {
  const session = new WalkthroughSession(walkthrough, opts);
  session.computeAll();
  return session;
}
