/**
 * The head of a timeline streamed from a served cluster: a replica of the served simulation to
 * which every input of the feed is applied in order (the engine's `applyInput`), so it is the
 * served cluster byte for byte (src/server/attach.test.ts). The timeline keeps periodic
 * keyframes of it; the requests and lines between them are kept as data and replayed
 * (`replay`), so any instant streamed so far is reached exactly without a keyframe per request
 * (a terminal running `watch kubectl get pods` sends one every two seconds).
 */
import {
  type ApiRequest,
  applyInput,
  type ClusterInput,
  type ClusterState,
  type FollowSpec,
  RESOURCES,
  Simulation,
  stateFrom,
} from '../engine';
import { imageLight } from './snapshotLight';
import type { Timeline } from './timeline';

/** A console line the served cluster ran (from this page, another page or the server's terminal). */
export interface StreamedLine {
  line: string;
  atMs: number;
  doneMs: number;
  output: string;
  ok: boolean;
  follow?: FollowSpec;
}

interface Logged {
  atMs: number;
  toMs: number;
  /** The input as it came (the engine may keep parts of a request it is given). */
  json: string;
}

/** What the timeline calls the gap a reconnection leaves (a lab-script comment). */
export const RECONNECTED = '# reconnected';

export class StreamedHead {
  readonly live: Simulation;
  private readonly log: Logged[] = [];

  constructor(snapshot: string) {
    this.live = new Simulation(stateFrom(snapshot));
  }

  /** How many requests and lines have been applied (what a keyframe taken now includes). */
  get inputCount(): number {
    return this.log.length;
  }

  /**
   * Applies one batch of the feed to the replica and records it on `timeline`: the clock with a
   * keyframe now and then, each request or line as an input. `beforeLine` runs before a line
   * (a command stops a `kubectl get -w`: the store keeps its rows first). Returns the lines run.
   */
  apply(
    batch: readonly ClusterInput[],
    timeline: Timeline,
    keyframeEveryMs: number,
    beforeLine: (line: string) => void,
  ): StreamedLine[] {
    const lines: StreamedLine[] = [];
    for (const input of batch) {
      if (input.type === 'advance') {
        this.advance(input.toMs, timeline, keyframeEveryMs);
        continue;
      }
      if (input.type === 'line') beforeLine(input.line);
      const json = JSON.stringify(input);
      const atMs = this.live.nowMs();
      const outcome = applyInput(this.live, input);
      const toMs = this.live.nowMs();
      this.log.push({ atMs, toMs, json });
      timeline.recordInput({ fromMs: atMs, toMs, line: describeInput(input) });
      if (outcome.type === 'line' && input.type === 'line')
        lines.push({
          line: input.line,
          atMs,
          doneMs: toMs,
          output: outcome.output,
          ok: outcome.ok,
          ...(outcome.follow ? { follow: outcome.follow } : {}),
        });
    }
    return lines;
  }

  /** The served clock moved: run the replica there, a keyframe now and then. */
  private advance(toMs: number, timeline: Timeline, keyframeEveryMs: number): void {
    const every = Math.max(1_000, keyframeEveryMs);
    let now = this.live.nowMs();
    while (now < toMs) {
      applyInput(this.live, { type: 'advance', toMs: Math.min(toMs, now + every) });
      const reached = this.live.nowMs();
      if (reached <= now) break;
      now = reached;
      timeline.extend(
        now,
        timeline.keyframeDue(now) ? imageLight(this.live) : undefined,
        this.log.length,
      );
    }
  }

  /**
   * Brings `view`, just restored to a keyframe that includes the first `fromIndex` inputs, to
   * `ms` exactly: the inputs after it up to `ms` are applied at their instants. An input that
   * let time pass (`wait 30s` typed at the server) starting at `ms` itself is not: at its start
   * the cluster is still the one before it, as on a local timeline.
   */
  replay(view: Simulation, fromIndex: number, ms: number): void {
    for (let i = fromIndex; i < this.log.length; i++) {
      const e = this.log[i];
      if (e.atMs > ms || (e.atMs === ms && e.toMs > ms)) break;
      applyInput(view, { type: 'advance', toMs: e.atMs });
      applyInput(view, JSON.parse(e.json) as ClusterInput);
    }
    applyInput(view, { type: 'advance', toMs: ms });
  }

  /**
   * The feed came back after a break: the replica continues from the cluster's new state (the
   * hello's, parsed). The instants in between were not streamed, so the timeline skips them (a
   * seek there lands after them).
   */
  rebase(state: ClusterState, timeline: Timeline): void {
    const fromMs = timeline.horizonMs;
    this.live.state = state;
    this.live.rebuildIndexes();
    const atMs = this.live.nowMs();
    if (atMs > fromMs) timeline.recordInput({ fromMs, toMs: atMs, line: RECONNECTED });
    timeline.pin({ atMs, snapshot: imageLight(this.live), inputIndex: this.log.length });
  }
}

/** An input as the scrubber's mark names it: the line, or the request as the API server saw it. */
export function describeInput(input: Exclude<ClusterInput, { type: 'advance' }>): string {
  if (input.type === 'line') return input.line;
  // What the learner typed into `kubectl exec -i … -- sh` (its session's stdin).
  if (input.type === 'stdin') return input.line === undefined ? '(exec stdin closed)' : input.line;
  // A port-forwarded connection: its request line (the opening dial has none).
  if (input.type === 'forward')
    return `port-forward :${input.port}${input.data ? ` ${input.data.split('\r\n')[0]}` : ''}`;
  return `${methodOf(input.request)} ${pathOf(input.request)}`;
}

function methodOf(r: ApiRequest): string {
  switch (r.verb) {
    case 'create':
      return 'POST';
    case 'update':
      return r.patch === undefined ? 'PUT' : 'PATCH';
    case 'delete':
    case 'deletecollection':
      return 'DELETE';
    default:
      return 'GET';
  }
}

function pathOf(r: ApiRequest): string {
  const info = RESOURCES.find((i) => i.resource === r.resource);
  const base = info?.group ? `/apis/${info.group}/${info.version}` : '/api/v1';
  const ns = r.namespace ? `/namespaces/${r.namespace}` : '';
  const name = r.name ? `/${r.name}` : '';
  const sub = r.subresource ? `/${r.subresource}` : '';
  return `${base}${ns}/${r.resource}${name}${sub}${r.verb === 'watch' ? '?watch=true' : ''}`;
}
