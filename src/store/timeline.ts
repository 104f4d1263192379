/**
 * The history of one branch of simulated time, for scrubbing and stepping back exactly.
 *
 * Keyframes are engine images (stateImage.ts; a recording's are JSON snapshots until first
 * restored), without the trace, which the store keeps itself. Learner
 * inputs (console lines, fault buttons) are kept as data, with what each needs to run again (its
 * effect: the line and the files it read): any instant is reached exactly by restoring the
 * keyframe before it and replaying the inputs between, each at its instant (the engine is
 * deterministic: the same line on the same state at the same instant gives the same bytes),
 * advancing the engine in between. So a keyframe per input is not needed: keyframes are taken
 * now and then (a period of simulated time, a number of inputs or an amount of engine work since
 * the last one) and thinned on long runs, and memory is bounded by their count, not by the
 * number of lines typed.
 *
 * An input that lets time pass (`kubectl delete` waiting for the pod) is an *atomic span*: a
 * seek into its middle lands on its end, because the engine never paused there. A `wait` only
 * lets time pass like playback: it is recorded as an instant with no effect, every instant in it
 * reachable.
 *
 * Acting in the past forks: everything after the cursor is dropped (RaftScope's fork()).
 */

import type { StateImage } from '../engine';
import { snapshotSize } from './snapshotLight';

/**
 * A keyframe spares a seek at most the engine's time since the one before it; it is not worth
 * more than a fifth of that to take. (Copying a cluster costs ~35 ns a value while 60 pods
 * start, ~150 ns among 100,000 Pending pods, whose messages are also 3× cheaper: no count of
 * messages or values holds for both, the time taken does.)
 */
const KEYFRAME_WORTH = 5;
/**
 * A keyframe quicker than this is worth taking whenever it is due (the period and the work
 * space them): a cluster of 60 pods images in 1–3 ms, and a seek replaying what five of those
 * would spare (10 s of traffic) was too slow.
 */
const KEYFRAME_FREE_MS = 5;

export interface Keyframe {
  atMs: number;
  /** The engine's state then: an image, or a snapshot's JSON (a recording's). */
  snapshot: string | StateImage;
  /**
   * How many of the timeline's inputs the snapshot includes; the ones after it are replayed to
   * reach a later instant. (A timeline streamed from a served cluster counts the streamed
   * inputs instead: see streamedHead.ts.)
   */
  inputIndex?: number;
}

/** A learner input recorded on the timeline (shown as a marker on the scrubber). */
export interface TimelineInput {
  fromMs: number;
  toMs: number;
  line: string;
}

/**
 * What replaying a local input needs: the line, and every file it read as it was then (the
 * manifest dialog may have changed the file since), so a replay depends on nothing outside.
 * Never sent to the page (TimelineInput is).
 */
export interface InputEffect {
  line: string;
  reads: ReadonlyMap<string, string | undefined>;
  /**
   * The engine had run everything due at the line's instant when it ran. False when it came
   * right after another line at the same instant, before what that one scheduled for now ran
   * (lines typed while paused): a replay must not run those first either.
   */
  settled: boolean;
}

export interface TimelineOptions {
  /** Take a keyframe when the live edge has moved this far past the last one. */
  keyframeEveryMs: number;
  /** Keep at most this many keyframes besides the pinned ones; older ones are thinned (every other dropped). */
  maxKeyframes: number;
  /**
   * And at most this many characters of them: a cluster of 50,000 pods snapshots to ~100 MB, so
   * the count alone would keep gigabytes (the period doubles with each thinning, as above).
   */
  maxKeyframeChars?: number;
  /** After an input, take a keyframe when this many inputs came since the last one. */
  keyframeEveryInputs?: number;
  /**
   * After an input, and as the live edge moves, take a keyframe when the engine did this much
   * work since the last one (in messages handled, ~50 µs each while 60 pods start): a replay
   * stays short. (1,000 let a seek into those first seconds replay ~30 ms of engine work.)
   */
  keyframeEveryWork?: number;
}

export const DEFAULT_TIMELINE: TimelineOptions = {
  keyframeEveryMs: 5_000,
  maxKeyframes: 240,
  maxKeyframeChars: 200_000_000,
  keyframeEveryInputs: 16,
  keyframeEveryWork: 150,
};

interface Frame extends Keyframe {
  pinned: boolean;
  /** The engine's work counter when it was taken (undefined: unknown). */
  work?: number;
  /** How long it took to take, in wall time (undefined: unknown). */
  takeMs?: number;
}

export class Timeline {
  private frames: Frame[] = [];
  private spans: TimelineInput[] = [];
  /**
   * The effects of local inputs (shared by clones: an input's effect never changes); null: one
   * with nothing to replay (a `wait`). An input without an entry is not replayed: keyframes hold
   * what it did (a recording's) or the head replays it (a streamed one).
   */
  private effects: WeakMap<TimelineInput, InputEffect | null>;
  /** The latest simulated time reached on this branch. */
  horizonMs = 0;
  readonly startMs: number;
  private everyMs: number;
  private everyInputs: number;
  private everyWork: number;

  constructor(
    /** `work`: the engine's work counter at the first keyframe (for keyframes due by work). */
    first: Keyframe & { work?: number },
    private readonly options: TimelineOptions = DEFAULT_TIMELINE,
    effects: WeakMap<TimelineInput, InputEffect | null> = new WeakMap(),
  ) {
    this.frames.push({ inputIndex: 0, ...first, pinned: true });
    this.horizonMs = first.atMs;
    this.startMs = first.atMs;
    this.everyMs = options.keyframeEveryMs;
    this.everyInputs =
      options.keyframeEveryInputs ?? (DEFAULT_TIMELINE.keyframeEveryInputs as number);
    this.everyWork = options.keyframeEveryWork ?? (DEFAULT_TIMELINE.keyframeEveryWork as number);
    this.effects = effects;
  }

  /**
   * A timeline recorded elsewhere (a walkthrough's checkpoints): its keyframes are kept for
   * good, so every recorded instant stays exactly reachable. Its inputs have no effect to
   * replay (the keyframes hold what they did).
   */
  static fromRecording(
    keyframes: readonly Keyframe[],
    inputs: readonly TimelineInput[],
    options: TimelineOptions = DEFAULT_TIMELINE,
  ): Timeline {
    if (keyframes.length === 0) throw new Error('a recording needs at least one keyframe');
    const t = new Timeline(keyframes[0], options);
    for (const k of keyframes.slice(1)) t.frames.push({ ...k, pinned: true });
    t.frames.sort((a, b) => a.atMs - b.atMs);
    t.spans = [...inputs];
    // No input of the recording is replayed; one the learner adds later comes after them all.
    for (const f of t.frames) f.inputIndex = f.inputIndex ?? t.spans.length;
    t.horizonMs = Math.max(...keyframes.map((k) => k.atMs), ...inputs.map((i) => i.toMs));
    return t;
  }

  get inputs(): readonly TimelineInput[] {
    return this.spans;
  }

  get keyframeCount(): number {
    return this.frames.length;
  }

  /** The characters the keyframes' snapshots hold (what the timeline costs in memory). */
  get keyframeChars(): number {
    let n = 0;
    for (const f of this.frames) n += snapshotSize(f.snapshot);
    return n;
  }

  /** What input `index` needs to be replayed (null or undefined: nothing). */
  effectOf(index: number): InputEffect | null | undefined {
    const input = this.spans[index];
    return input && this.effects.get(input);
  }

  /** True when inputs [from, to) can all be replayed (none is known by its keyframes only). */
  replayable(from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (!this.effects.has(this.spans[i])) return false;
    return true;
  }

  /**
   * True when a keyframe is due as the live edge moves: enough time since the last one, or (given
   * `work`, the engine's work counter) enough engine work, so a seek into a busy stretch (60 pods
   * starting) replays a bounded amount of it, not the whole stretch up to the next timed keyframe;
   * and (given `spentMs`) worth what it costs to take (`worthTaking`).
   */
  keyframeDue(nowMs: number, work?: number, spentMs?: number): boolean {
    const last = this.frames[this.frames.length - 1];
    if (!this.worthTaking(last, spentMs)) return false;
    if (nowMs - last.atMs >= this.everyMs) return true;
    if (work === undefined || last.work === undefined) return false;
    return work - last.work >= this.everyWork;
  }

  /**
   * True when a keyframe is due after an input at the live edge: enough inputs, engine work
   * (`work`, a counter that only grows on a branch) or time since the last one, and (given
   * `spentMs`) worth what it costs to take.
   */
  keyframeDueAfterInput(nowMs: number, work: number, spentMs?: number): boolean {
    const last = this.frames[this.frames.length - 1];
    return (
      this.worthTaking(last, spentMs) &&
      (this.spans.length - (last.inputIndex ?? 0) >= this.everyInputs ||
        (last.work !== undefined && work - last.work >= this.everyWork) ||
        nowMs - last.atMs >= this.everyMs)
    );
  }

  /**
   * Given `spentMs`, the wall time the engine ran since the last keyframe, and how long that one
   * took to take: false while a keyframe would cost more than it spares (a huge cluster's is
   * taken proportionally less often, or the keyframes would be its load).
   */
  private worthTaking(last: Frame, spentMs: number | undefined): boolean {
    if (spentMs === undefined || last.takeMs === undefined) return true;
    // The quicker of the last two: one slow take (a collection) must not hold keyframes back.
    const before = this.frames[this.frames.length - 2]?.takeMs ?? last.takeMs;
    const takeMs = Math.min(last.takeMs, before);
    return takeMs <= KEYFRAME_FREE_MS || spentMs >= takeMs * KEYFRAME_WORTH;
  }

  /**
   * Record the live edge moving to `nowMs` (and a keyframe, when given, including the first
   * `inputIndex` inputs; `work` is the engine's work counter then, `takeMs` the wall time the
   * snapshot took).
   */
  extend(
    nowMs: number,
    snapshot?: string | StateImage,
    inputIndex?: number,
    work?: number,
    takeMs?: number,
  ): void {
    if (nowMs > this.horizonMs) this.horizonMs = nowMs;
    if (snapshot !== undefined) {
      this.frames.push({
        atMs: nowMs,
        snapshot,
        pinned: false,
        ...(inputIndex === undefined ? {} : { inputIndex }),
        ...(work === undefined ? {} : { work }),
        ...(takeMs === undefined ? {} : { takeMs }),
      });
      this.thin();
    }
  }

  /**
   * Record an input, whose effect is replayed rather than kept in keyframes: a local one with its
   * `effect` (null: a `wait`, nothing to replay), a streamed one without (streamedHead.ts replays
   * it); a seek never lands inside it.
   */
  recordInput(input: TimelineInput, effect?: InputEffect | null): void {
    this.spans = [...this.spans, input];
    if (effect !== undefined) this.effects.set(input, effect);
    if (input.toMs > this.horizonMs) this.horizonMs = input.toMs;
  }

  /** Keep `image` in place of keyframe `k`'s JSON (the same state: parsed once, copied after). */
  keepImage(k: Keyframe, image: StateImage): void {
    k.snapshot = image;
  }

  /** A keyframe kept for good (where a reconnected feed starts again). */
  pin(keyframe: Keyframe): void {
    this.frames.push({ ...keyframe, pinned: true });
    if (keyframe.atMs > this.horizonMs) this.horizonMs = keyframe.atMs;
  }

  /** The start of the first input after `ms` (undefined if none). */
  nextInputAfter(ms: number): number | undefined {
    for (const s of this.spans) if (s.fromMs > ms) return s.fromMs;
    return undefined;
  }

  /** A copy to come back to (the keyframes' snapshots are shared: they never change). */
  clone(): Timeline {
    const t = new Timeline(this.frames[0], this.options, this.effects);
    t.frames = [...this.frames];
    t.spans = this.spans;
    t.horizonMs = this.horizonMs;
    t.everyMs = this.everyMs;
    t.everyInputs = this.everyInputs;
    t.everyWork = this.everyWork;
    return t;
  }

  /** Drop everything after `atMs` (the cursor) before acting there. */
  fork(atMs: number): void {
    this.frames = this.frames.filter((f) => f.atMs <= atMs);
    this.spans = this.spans.filter((s) => s.toMs <= atMs);
    this.horizonMs = atMs;
  }

  /** Where a seek to `targetMs` really lands: clamped to the branch, out of atomic spans. */
  landing(targetMs: number): number {
    let ms = Math.round(Math.min(Math.max(targetMs, this.startMs), this.horizonMs));
    for (const s of this.spans) if (ms > s.fromMs && ms < s.toMs) ms = s.toMs;
    return ms;
  }

  /** The latest keyframe at or before `ms` (for equal times, the one recorded last). */
  keyframeAt(ms: number): Keyframe {
    let best = this.frames[0];
    for (const f of this.frames) if (f.atMs <= ms) best = f;
    return best;
  }

  /**
   * How many inputs the cluster at instant `ms` has had: those before it, and those at it that
   * took no time (one that lets time pass starting at `ms` has not: at its start the cluster is
   * the one before it). The inputs are in order, so these are the first ones.
   */
  inputsAt(ms: number): number {
    let lo = 0;
    let hi = this.spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const s = this.spans[mid];
      if (s.fromMs < ms || (s.fromMs === ms && s.toMs <= ms)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * True when an input starts in [fromMs, toMs]: advancing the engine alone could skip it (at
   * fromMs itself the engine may hold the state from just before the input).
   */
  inputBetween(fromMs: number, toMs: number): boolean {
    return this.spans.some((s) => s.fromMs >= fromMs && s.fromMs <= toMs);
  }

  /**
   * Keep memory bounded on long runs: drop every other keyframe that is not pinned (the inputs
   * after a dropped one are replayed from the one before it), and take them half as often.
   */
  private thin(): void {
    const maxChars = this.options.maxKeyframeChars ?? Number.POSITIVE_INFINITY;
    for (;;) {
      let periodic = 0;
      let chars = 0;
      for (const f of this.frames) {
        if (f.pinned) continue;
        periodic++;
        chars += snapshotSize(f.snapshot);
      }
      if (periodic <= this.options.maxKeyframes && (chars <= maxChars || periodic <= 1)) return;
      let keep = true;
      this.frames = this.frames.filter((f) => {
        if (f.pinned) return true;
        keep = !keep;
        return keep;
      });
      this.everyMs *= 2;
      this.everyInputs *= 2;
      this.everyWork *= 2;
    }
  }
}
