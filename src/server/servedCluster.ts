/**
 * The simulation a server serves: its clock follows the wall clock (× speed), and a watch cache
 * (the API server's cacher) keeps the latest stored writes so a watch can start from a
 * resourceVersion a list returned. The wall clock is read here, never in the engine.
 */
import {
  type ApiRequest,
  type ApiResult,
  applyInput,
  type ClusterInput,
  createSimulation,
  EPOCH_MS,
  type ForwardResult,
  type ForwardTarget,
  type SessionOutput,
  type Simulation,
  type StoredWrite,
} from '../engine';

export interface ServedClusterOptions {
  workers?: number;
  proxyMode?: 'iptables' | 'ipvs';
  seed?: number;
  /** Simulated ms per wall ms (1: real time). */
  speed?: number;
  /** The wall clock in ms (tests pass their own). */
  nowMs?: () => number;
  /** How many of the latest writes the watch cache keeps (a watch from an older one gets 410). */
  watchCacheSize?: number;
}

/**
 * The trace entries an attaching page gets: more than its panels show at once (the kitchen's
 * animation looks at the newest 400, the events list 300), enough for the recent history.
 */
export const HELLO_TRACE_ENTRIES = 2_000;

/** kubeadm init and the joins take this long (simulated) before the first client arrives. */
const BOOT_MS = 30_000;

export type WriteListener = (w: StoredWrite) => void;

export type InputListener = (input: ClusterInput) => void;

export class ServedCluster {
  readonly sim: Simulation;
  readonly speed: number;
  private readonly wallNowMs: () => number;
  private readonly wallStartMs: number;
  private readonly simStartMs: number;
  /** The watch cache: the latest writes, oldest first (a ring once full). */
  private readonly cache: StoredWrite[] = [];
  private cacheHead = 0;
  private readonly cacheSize: number;
  private readonly listeners = new Set<WriteListener>();
  private readonly inputListeners = new Set<InputListener>();
  private simOffsetMs = 0;

  constructor(opts: ServedClusterOptions = {}) {
    this.wallNowMs = opts.nowMs ?? Date.now;
    this.speed = opts.speed ?? 1;
    this.cacheSize = opts.watchCacheSize ?? 10_000;
    const wall = this.wallNowMs();
    this.sim = createSimulation({
      workers: opts.workers ?? 2,
      proxyMode: opts.proxyMode ?? 'iptables',
      seed: opts.seed ?? 1,
      // The cluster has just finished booting: its timestamps are the wall clock's.
      startMs: Math.max(0, wall - EPOCH_MS - BOOT_MS),
      bootMs: BOOT_MS,
    });
    this.wallStartMs = wall;
    this.simStartMs = this.sim.nowMs();
    this.sim.onWrite((w) => this.remember(w));
  }

  /** Runs the simulation up to the present (the wall clock × speed since start). */
  catchUp(): void {
    const target =
      this.simStartMs +
      this.simOffsetMs +
      Math.floor((this.wallNowMs() - this.wallStartMs) * this.speed);
    if (target <= this.sim.nowMs()) return;
    const input: ClusterInput = { type: 'advance', toMs: target };
    this.input(input);
    applyInput(this.sim, input);
  }

  /** One API request from a client (as kubectl --as asks, when it does). */
  call(request: ApiRequest, as?: { user: string; groups: string[] }): ApiResult {
    const input: ClusterInput = as
      ? { type: 'request', request, as }
      : { type: 'request', request };
    this.input(input);
    return (applyInput(this.sim, input) as { result: ApiResult }).result;
  }

  /** A line of an interactive exec's stdin (none: stdin ended), as the cluster's input. */
  stdin(session: string, line?: string): SessionOutput {
    this.catchUp();
    const input: ClusterInput =
      line === undefined ? { type: 'stdin', session } : { type: 'stdin', session, line };
    this.input(input);
    return (applyInput(this.sim, input) as { result: SessionOutput }).result;
  }

  /** Bytes on a port-forwarded connection (empty: it opens), as the cluster's input. */
  forward(target: ForwardTarget, port: number, data: string): ForwardResult {
    this.catchUp();
    const input: ClusterInput = { type: 'forward', target, port, data };
    this.input(input);
    return (applyInput(this.sim, input) as { result: ForwardResult }).result;
  }

  /**
   * A lab-script line (kubectl, wait, break, repair, crash, request, …) typed at the server or
   * in an attached page. Time a `wait` lets pass moves the served clock ahead for good.
   */
  runLine(line: string): { output: string; ok: boolean } {
    this.catchUp();
    const before = this.sim.nowMs();
    const input: ClusterInput = { type: 'line', line };
    this.input(input);
    const result = applyInput(this.sim, input) as { output: string; ok: boolean };
    this.simOffsetMs += this.sim.nowMs() - before;
    return { output: result.output, ok: result.ok };
  }

  /** The cluster as it is now, whole. */
  snapshot(): string {
    return this.sim.snapshot();
  }

  /**
   * The cluster as it is now for a page that attaches (its inputs follow): the whole state but
   * the trace, of which only the newest HELLO_TRACE_ENTRIES come (in order). Nothing in the
   * engine reads old entries; the ring (up to SIM.traceCapacity, tens of MB) stays here.
   */
  helloSnapshot(): string {
    const s = this.sim.state;
    const { trace, traceHead } = s;
    s.trace = this.sim.traceTail(HELLO_TRACE_ENTRIES);
    s.traceHead = 0;
    try {
      return this.sim.snapshot();
    } finally {
      s.trace = trace;
      s.traceHead = traceHead;
    }
  }

  /** Follow the inputs from now on; returns the unsubscribe. */
  onInput(listener: InputListener): () => void {
    this.inputListeners.add(listener);
    return () => this.inputListeners.delete(listener);
  }

  private input(i: ClusterInput): void {
    for (const l of this.inputListeners) l(i);
  }

  /** The current etcd revision (what a list says its resourceVersion is). */
  revision(): number {
    return this.sim.state.etcd.revision;
  }

  /** Follow writes from now on; returns the unsubscribe. */
  subscribe(listener: WriteListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The cached writes after `rv`, oldest first; `expired` when the cache no longer reaches back
   * that far (the cacher's "too old resource version").
   */
  writesSince(
    rv: number,
  ): { writes: StoredWrite[]; expired: false } | { expired: true; oldest: number } {
    const n = this.cache.length;
    // The ring read in place, oldest first (cacheHead is the oldest once it is full).
    const at = (i: number) => this.cache[(this.cacheHead + i) % n];
    const oldest = n > 0 ? Number(at(0).resourceVersion) : this.revision() + 1;
    if (rv < oldest - 1 && rv < this.revision()) return { expired: true, oldest: oldest - 1 };
    // Revisions rise along the ring: find the first write after rv by bisection.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (Number(at(mid).resourceVersion) > rv) hi = mid;
      else lo = mid + 1;
    }
    const writes: StoredWrite[] = [];
    for (let i = lo; i < n; i++) writes.push(at(i));
    return { writes, expired: false };
  }

  private remember(w: StoredWrite): void {
    if (this.cache.length < this.cacheSize) this.cache.push(w);
    else {
      this.cache[this.cacheHead] = w;
      this.cacheHead = (this.cacheHead + 1) % this.cacheSize;
    }
    for (const l of this.listeners) l(w);
  }
}
