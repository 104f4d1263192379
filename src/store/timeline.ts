/**
 * The history of one branch of simulated time, for scrubbing and stepping back exactly.
 *
 * Keyframes are engine snapshots (without the trace, which the store keeps itself). Between two
 * keyframes nothing but the engine's own clock happens, so any instant is reached exactly by
 * restoring the keyframe before it and advancing the engine. Every learner input (a console
 * line, a fault button) is bracketed by a keyframe before and after it; an input that lets time
 * pass (`wait 5m`, `kubectl delete` waiting for the pod) is an *atomic span*: a seek into its
 * middle lands on its end, because the engine never paused there.
 *
 * Acting in the past forks: everything after the cursor is dropped (RaftScope's fork()).
 */

export interface Keyframe {
  atMs: number;
  snapshot: string;
  /**
   * A timeline streamed from a served cluster (streamedHead.ts): how many of the streamed inputs
   * the snapshot includes; the ones after it are replayed to reach a later instant.
   */
  inputIndex?: number;
}

/** A learner input recorded on the timeline (shown as a marker on the scrubber). */
export interface TimelineInput {
  fromMs: number;
  toMs: number;
  line: string;
}

export interface TimelineOptions {
  /** Take a keyframe when the live edge has moved this far past the last one. */
  keyframeEveryMs: number;
  /** Keep at most this many periodic keyframes; older ones are thinned (every other dropped). */
  maxKeyframes: number;
  /**
   * And at most this many characters of them: a cluster of 50,000 pods snapshots to ~100 MB, so
   * the count alone would keep gigabytes (the period doubles with each thinning, as above).
   */
  maxKeyframeChars?: number;
}

export const DEFAULT_TIMELINE: TimelineOptions = {
  keyframeEveryMs: 5_000,
  maxKeyframes: 240,
  maxKeyframeChars: 200_000_000,
};

export class Timeline {
  private frames: (Keyframe & { pinned: boolean })[] = [];
  private spans: TimelineInput[] = [];
  /** The latest simulated time reached on this branch. */
  horizonMs = 0;
  readonly startMs: number;
  private everyMs: number;

  constructor(
    first: Keyframe,
    private readonly options: TimelineOptions = DEFAULT_TIMELINE,
  ) {
    this.frames.push({ ...first, pinned: true });
    this.horizonMs = first.atMs;
    this.startMs = first.atMs;
    this.everyMs = options.keyframeEveryMs;
  }

  /**
   * A timeline recorded elsewhere (a walkthrough's checkpoints): its keyframes are kept for
   * good, so every recorded instant stays exactly reachable.
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
    t.horizonMs = Math.max(...keyframes.map((k) => k.atMs), ...inputs.map((i) => i.toMs));
    return t;
  }

  get inputs(): readonly TimelineInput[] {
    return this.spans;
  }

  get keyframeCount(): number {
    return this.frames.length;
  }

  /** True when a periodic keyframe is due at the live edge `nowMs`. */
  keyframeDue(nowMs: number): boolean {
    return nowMs - this.frames[this.frames.length - 1].atMs >= this.everyMs;
  }

  /** Record the live edge moving to `nowMs` (and a keyframe, when given). */
  extend(nowMs: number, snapshot?: string, inputIndex?: number): void {
    if (nowMs > this.horizonMs) this.horizonMs = nowMs;
    if (snapshot !== undefined) {
      this.frames.push({
        atMs: nowMs,
        snapshot,
        pinned: false,
        ...(inputIndex === undefined ? {} : { inputIndex }),
      });
      this.thin();
    }
  }

  /**
   * Record an input whose effect is replayed rather than kept in keyframes (a streamed one: see
   * streamedHead.ts); a seek never lands inside it.
   */
  recordSpan(input: TimelineInput): void {
    this.spans = [...this.spans, input];
    if (input.toMs > this.horizonMs) this.horizonMs = input.toMs;
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
    const t = new Timeline(this.frames[0], this.options);
    t.frames = [...this.frames];
    t.spans = this.spans;
    t.horizonMs = this.horizonMs;
    t.everyMs = this.everyMs;
    return t;
  }

  /** Drop everything after `atMs` (the cursor) before acting there. */
  fork(atMs: number): void {
    this.frames = this.frames.filter((f) => f.atMs <= atMs);
    this.spans = this.spans.filter((s) => s.toMs <= atMs);
    this.horizonMs = atMs;
  }

  /** Bracket one input: call with the snapshot after it ran (the one before is the cursor's). */
  recordInput(input: TimelineInput, before: string, after: string): void {
    this.frames.push({ atMs: input.fromMs, snapshot: before, pinned: true });
    this.frames.push({ atMs: input.toMs, snapshot: after, pinned: true });
    this.spans = [...this.spans, input];
    if (input.toMs > this.horizonMs) this.horizonMs = input.toMs;
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
   * True when an input starts in [fromMs, toMs]: advancing the engine alone could skip it (at
   * fromMs itself the engine may hold the state from just before the input).
   */
  inputBetween(fromMs: number, toMs: number): boolean {
    return this.spans.some((s) => s.fromMs >= fromMs && s.fromMs <= toMs);
  }

  /** Keep memory bounded on long runs: drop every other periodic keyframe, double the period. */
  private thin(): void {
    const maxChars = this.options.maxKeyframeChars ?? Number.POSITIVE_INFINITY;
    for (;;) {
      let periodic = 0;
      let chars = 0;
      for (const f of this.frames) {
        if (f.pinned) continue;
        periodic++;
        chars += f.snapshot.length;
      }
      if (periodic <= this.options.maxKeyframes && (chars <= maxChars || periodic <= 1)) return;
      let keep = true;
      this.frames = this.frames.filter((f) => {
        if (f.pinned) return true;
        keep = !keep;
        return keep;
      });
      this.everyMs *= 2;
    }
  }
}
