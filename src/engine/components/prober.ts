/**
 * The kubelet's prober (pkg/kubelet/prober): startup, liveness and readiness probes of each
 * running container, evaluated against what the container's process really does — httpGet and
 * grpc against the ports its program listens on (process/supervisor.ts podHttp,
 * containerListens), tcpSocket likewise, exec through the containers' shell (runCommand) with the
 * container's environment and files.
 *
 * State is plain data in the kubelet's pod (`KubeletPod.probes`, one entry per probed container):
 * each worker's last result, its run of equal results (worker.go resultRun) and when it probes
 * next. A probed container has one timer at a time (at its earliest due worker); an unprobed one
 * has no entry and costs nothing.
 *
 * Timing: the workers of a container probe first at start + initialDelaySeconds, then every
 * periodSeconds (the real worker ticks from when the pod was added and skips ticks inside the
 * initial delay; anchoring at the container's start gives the same first probe the docs
 * describe). A worker made within one period of the kubelet's own start waits a random part of a
 * period first (worker.go run: "If kubelet restarted the probes could be started in rapid
 * succession").
 */
import type { KObject } from '../api/types';
import { podAtIp } from '../process/network';
import { runCommand } from '../process/shell';
import {
  containerFiles,
  containerListens,
  imageOf,
  podHttp,
  setContainerFiles,
} from '../process/supervisor';
import { EPOCH_MS, K8S } from '../sim/defaults';
import type { Simulation } from '../sim/simulation';
import type {
  KubeletPod,
  NodeState,
  ProbeResult,
  ProbeWorkerState,
  RuntimeContainer,
} from '../sim/state';
import { podContainers } from './runtime';

export type ProbeType = 'startup' | 'liveness' | 'readiness';

/** A worker's nextAtMs once it probes no more for this container (JSON has no Infinity). */
const NEVER = -1;

/** The order the workers of one container run in when due together. */
const TYPES: readonly ProbeType[] = ['startup', 'liveness', 'readiness'];

/** probeType.String() (prober/prober_manager.go): the word events start with. */
const TYPE_NAME: Record<ProbeType, string> = {
  startup: 'Startup',
  liveness: 'Liveness',
  readiness: 'Readiness',
};

/** The value a worker starts with for a new container (worker.go newWorker initialValue). */
const INITIAL: Record<ProbeType, ProbeResult> = {
  readiness: 'failure',
  liveness: 'success',
  startup: 'unknown',
};

/** The kubelet's HTTP prober's User-Agent (pkg/probe/http/request.go: kube-probe/MAJOR.MINOR). */
const PROBE_AGENT = 'kube-probe/1.34';

/** What the kubelet's resolver (systemd-resolved's stub on a kubeadm Ubuntu node) is. */
const NODE_RESOLVER = '127.0.0.53:53';

export interface ProbeSpec {
  exec?: { command?: string[] };
  httpGet?: {
    path?: string;
    port?: number | string;
    host?: string;
    scheme?: string;
  };
  tcpSocket?: { port?: number | string; host?: string };
  grpc?: { port?: number; service?: string };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
}

interface ContainerSpecWithProbes {
  name: string;
  ports?: { name?: string; containerPort?: number }[];
  startupProbe?: ProbeSpec;
  livenessProbe?: ProbeSpec;
  readinessProbe?: ProbeSpec;
}

/** What the kubelet does with the prober's findings (components/kubelet.ts provides it). */
export interface ProberHost {
  event(kp: KubeletPod, container: string, type: 'Warning', reason: string, message: string): void;
  /** A result changed: the pod worker syncs (status, and a kill for a failed liveness/startup). */
  resync(kp: KubeletPod): void;
}

export function specOfContainer(pod: KObject, name: string): ContainerSpecWithProbes | undefined {
  for (const c of pod.spec?.containers ?? []) if (c?.name === name) return c;
  return undefined;
}

function probeOf(
  spec: ContainerSpecWithProbes | undefined,
  type: ProbeType,
): ProbeSpec | undefined {
  if (!spec) return undefined;
  return type === 'startup'
    ? spec.startupProbe
    : type === 'liveness'
      ? spec.livenessProbe
      : spec.readinessProbe;
}

function periodMsOf(p: ProbeSpec): number {
  return Math.max(1, Number(p.periodSeconds) || K8S.probePeriodSeconds) * 1000;
}

/**
 * A container started (or, after a kubelet restart, was found running): new workers for its
 * probes, their results back at their initial values (worker.go: a new container ID resets the
 * result and ends the hold).
 */
export function startProbes(
  sim: Simulation,
  node: NodeState,
  kp: KubeletPod,
  c: RuntimeContainer,
  readyBefore = false,
): void {
  const spec = specOfContainer(kp.pod, c.name);
  const workers: Partial<Record<ProbeType, ProbeWorkerState>> = {};
  let any = false;
  const now = sim.state.nowMs;
  const justStarted = now - node.kubelet.startedAtMs;
  for (const type of TYPES) {
    const p = probeOf(spec, type);
    if (!p) continue;
    any = true;
    const periodMs = periodMsOf(p);
    const jitterMs = periodMs > justStarted ? sim.int(0, periodMs - 1) : 0;
    const firstMs = c.startedAtMs + Math.max(0, Number(p.initialDelaySeconds) || 0) * 1000;
    workers[type] = {
      result: type === 'readiness' && readyBefore ? 'success' : INITIAL[type],
      last: '',
      run: 0,
      onHold: false,
      nextAtMs: Math.max(now, firstMs) + jitterMs,
    };
  }
  if (!any) {
    if (kp.probes?.[c.name]) delete kp.probes[c.name];
    return;
  }
  const prior = kp.probes?.[c.name];
  kp.probes ??= {};
  kp.probes[c.name] = { id: c.id, seq: (prior?.seq ?? 0) + 1, atMs: 0, workers };
  arm(sim, node, kp, c.name);
}

/** One timer for the container: at its earliest due worker. */
function arm(sim: Simulation, node: NodeState, kp: KubeletPod, name: string): void {
  const cp = kp.probes?.[name];
  if (!cp) return;
  let next = Number.POSITIVE_INFINITY;
  for (const w of Object.values(cp.workers))
    if (w && w.nextAtMs !== NEVER && w.nextAtMs < next) next = w.nextAtMs;
  if (!Number.isFinite(next)) {
    cp.atMs = 0;
    return;
  }
  cp.seq++;
  cp.atMs = next;
  sim.schedule(Math.max(0, next - sim.state.nowMs), {
    t: 'kubelet/probe',
    node: node.name,
    uid: kp.uid,
    container: name,
    seq: cp.seq,
  });
}

/**
 * After a kubelet restart its pods are new objects without workers; the sync that adopts a
 * running container gives it workers again. A timer that went by while the kubelet was down is
 * armed again too.
 */
export function ensureProbes(
  sim: Simulation,
  node: NodeState,
  kp: KubeletPod,
  c: RuntimeContainer,
): void {
  if (c.state !== 'running') return;
  const cp = kp.probes?.[c.name];
  if (cp && cp.id === c.id) {
    if (cp.atMs && cp.atMs < sim.state.nowMs) arm(sim, node, kp, c.name);
    return;
  }
  if (!specOfContainer(kp.pod, c.name)) return;
  startProbes(sim, node, kp, c, wasReady(kp.pod, c.name));
}

/**
 * prober_manager.go setReadyStateOnKubeletRestart: a container the API server last saw ready
 * stays ready across a kubelet restart until its readiness probe says otherwise.
 */
function wasReady(pod: KObject, name: string): boolean {
  for (const s of pod.status?.containerStatuses ?? []) if (s.name === name) return s.ready === true;
  return false;
}

/** A `kubelet/probe` timer: run every due worker of the container, then arm the next one. */
export function probeTick(
  sim: Simulation,
  node: NodeState,
  host: ProberHost,
  uid: string,
  name: string,
  seq: number,
): void {
  const kp = node.kubelet.pods[uid];
  const cp = kp?.probes?.[name];
  if (!kp || !cp || cp.seq !== seq) return;
  cp.atMs = 0;
  const c = node.runtime.containers[cp.id];
  if (c?.state !== 'running') {
    // worker.go: a container that is not running fails every probe; a new one gets new workers.
    let changed = false;
    for (const w of Object.values(cp.workers))
      if (w && w.result !== 'failure') {
        w.result = 'failure';
        changed = true;
      }
    if (changed) host.resync(kp);
    return;
  }
  const spec = specOfContainer(kp.pod, name);
  const now = sim.state.nowMs;
  let changed = false;
  for (const type of TYPES) {
    const w = cp.workers[type];
    const p = probeOf(spec, type);
    if (!w || !p || w.nextAtMs === NEVER || w.nextAtMs > now) continue;
    w.nextAtMs += periodMsOf(p) * Math.max(1, Math.ceil((now - w.nextAtMs + 1) / periodMsOf(p)));
    if (doProbe(sim, node, host, kp, c, type, w, p)) changed = true;
  }
  if (changed) host.resync(kp);
  arm(sim, node, kp, name);
}

/** worker.go doProbe: one probe and its bookkeeping; says whether the stored result changed. */
function doProbe(
  sim: Simulation,
  node: NodeState,
  host: ProberHost,
  kp: KubeletPod,
  c: RuntimeContainer,
  type: ProbeType,
  w: ProbeWorkerState,
  p: ProbeSpec,
): boolean {
  if (w.onHold) return false;
  // Graceful shutdown: liveness and startup end quietly, as a success.
  if ((kp.terminating || kp.pod.metadata.deletionTimestamp) && type !== 'readiness') {
    w.nextAtMs = NEVER;
    const was = w.result;
    w.result = 'success';
    return was !== 'success';
  }
  const started = containerStarted(kp, c);
  if (type === 'startup' && started) {
    // Startup probing ends once the container has started (until a new container).
    w.nextAtMs = NEVER;
    return false;
  }
  if (type !== 'startup' && !started) return false;

  const outcome = runProbe(sim, node, kp, c, p);
  if (outcome.kind === 'error') {
    // prober.go: an error is reported and the result thrown away (worker.go "Prober error").
    host.event(
      kp,
      c.name,
      'Warning',
      'Unhealthy',
      `${TYPE_NAME[type]} probe errored and resulted in unknown state: ${outcome.output}`,
    );
    return false;
  }
  const result: ProbeResult = outcome.kind;
  if (result === 'failure')
    host.event(
      kp,
      c.name,
      'Warning',
      'Unhealthy',
      `${TYPE_NAME[type]} probe failed: ${outcome.output}`,
    );
  if (w.last === result) w.run++;
  else {
    w.last = result;
    w.run = 1;
  }
  const failureThreshold = Math.max(1, Number(p.failureThreshold) || 3);
  const successThreshold = Math.max(1, Number(p.successThreshold) || 1);
  if (
    (result === 'failure' && w.run < failureThreshold) ||
    (result === 'success' && w.run < successThreshold)
  )
    return false;
  const was = w.result;
  w.result = result;
  if (type !== 'readiness' && result === 'failure') {
    // The container will be restarted: no probing until a new container ID.
    w.onHold = true;
    w.run = 0;
  }
  return was !== result;
}

type Outcome = { kind: 'success' | 'failure' | 'error'; output: string };

/** prober.go runProbe: the handler the probe names, against the container's pod. */
function runProbe(
  sim: Simulation,
  node: NodeState,
  kp: KubeletPod,
  c: RuntimeContainer,
  p: ProbeSpec,
): Outcome {
  const podIp = node.runtime.sandboxes[kp.uid]?.ip ?? '';
  const spec = specOfContainer(kp.pod, c.name);
  const timeoutMs = Math.max(1, Number(p.timeoutSeconds) || 1) * 1000;
  if (p.exec) return execProbe(sim, node, c, p.exec.command ?? [], timeoutMs);
  if (p.httpGet) {
    const port = resolvePort(p.httpGet.port, spec);
    if (typeof port === 'string') return { kind: 'error', output: port };
    return httpProbe(sim, node, kp, p.httpGet, p.httpGet.host || podIp, port, timeoutMs);
  }
  if (p.tcpSocket) {
    const port = resolvePort(p.tcpSocket.port, spec);
    if (typeof port === 'string') return { kind: 'error', output: port };
    return tcpProbe(sim, node, kp, p.tcpSocket.host || podIp, port);
  }
  if (p.grpc) return grpcProbe(sim, node, kp, podIp, Number(p.grpc.port), timeoutMs);
  return {
    kind: 'error',
    output: `missing probe handler for ${kp.pod.metadata.name}_${kp.pod.metadata.namespace}(${kp.uid}):${c.name}`,
  };
}

/**
 * pkg/probe/util.go ResolveContainerPort: a number, a named port of the container, or a number
 * written as a string; otherwise the error text (which the prober reports as an error).
 */
export function resolvePort(
  port: number | string | undefined,
  spec: ContainerSpecWithProbes | undefined,
): number | string {
  let n: number;
  if (typeof port === 'number') n = port;
  else {
    const s = String(port ?? '');
    const named = (spec?.ports ?? []).find((x) => x.name === s);
    if (named) n = Number(named.containerPort);
    else if (/^[+-]?\d+$/.test(s)) n = Number(s);
    else return `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`;
  }
  if (n > 0 && n < 65536) return n;
  return `invalid port number: ${n}`;
}

/**
 * Where a host:port leads: the containers of the pod at that IP; the node's own address and
 * 127.0.0.1 (the kubelet's loopback: kubeadm's static pods probe there) reach the pods on the
 * host network; any other address leads nowhere.
 */
function target(sim: Simulation, node: NodeState, kp: KubeletPod, host: string) {
  const own = node.runtime.sandboxes[kp.uid];
  if (own && own.ip === host) return { node, containers: podContainers(node, kp.uid) };
  if (host === node.ip || host === '127.0.0.1' || host === 'localhost') {
    const containers: RuntimeContainer[] = [];
    for (const sb of Object.values(node.runtime.sandboxes))
      if (sb.ip === node.ip) containers.push(...podContainers(node, sb.podUid));
    return { node, containers };
  }
  const other = podAtIp(sim, host);
  if (other?.node.up) return { node: other.node, containers: podContainers(other.node, other.uid) };
  return undefined;
}

function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

/**
 * pkg/probe/http/http.go DoHTTPProbe with Go's net/http client errors: 200–399 succeed; another
 * status is `HTTP probe failed with statuscode: N`; a transport error is the client's own text.
 */
function httpProbe(
  sim: Simulation,
  node: NodeState,
  kp: KubeletPod,
  get: NonNullable<ProbeSpec['httpGet']>,
  host: string,
  port: number,
  timeoutMs: number,
): Outcome {
  const scheme = String(get.scheme || 'HTTP').toLowerCase();
  let path = get.path || '/';
  if (!path.startsWith('/')) path = `/${path}`;
  const addr = `${host}:${port}`;
  const url = `${scheme}://${addr}${path}`;
  const fail = (why: string): Outcome => ({
    kind: 'failure',
    output: `Get ${JSON.stringify(url)}: ${why}`,
  });
  if (!isIp(host) && host !== 'localhost')
    return fail(`dial tcp: lookup ${host} on ${NODE_RESOLVER}: no such host`);
  const to = target(sim, node, kp, host);
  if (!to) return fail(clientTimeout(timeoutMs));
  const res = podHttp(sim, to.node, to.containers, port, {
    method: 'GET',
    path,
    clientIp: node.ip,
    userAgent: PROBE_AGENT,
    host: addr,
  });
  if (res === 'refused') return fail(`dial tcp ${addr}: connect: connection refused`);
  // A listener that does not speak HTTP closes the connection without an answer.
  if (res.status === 0) return fail('EOF');
  if (res.status >= 200 && res.status < 400) return { kind: 'success', output: res.body };
  return { kind: 'failure', output: `HTTP probe failed with statuscode: ${res.status}` };
}

/** net/http's Client.Timeout error for a request nobody answers. */
function clientTimeout(_timeoutMs: number): string {
  return 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)';
}

/** pkg/probe/tcp/tcp.go DoTCPProbe: net.DialTimeout's error is the output. */
function tcpProbe(
  sim: Simulation,
  node: NodeState,
  kp: KubeletPod,
  host: string,
  port: number,
): Outcome {
  const addr = `${host}:${port}`;
  if (!isIp(host))
    return {
      kind: 'failure',
      output: `dial tcp: lookup ${host} on ${NODE_RESOLVER}: no such host`,
    };
  const to = target(sim, node, kp, host);
  if (!to) return { kind: 'failure', output: `dial tcp ${addr}: i/o timeout` };
  if (listens(to.containers, port)) return { kind: 'success', output: '' };
  return { kind: 'failure', output: `dial tcp ${addr}: connect: connection refused` };
}

function listens(containers: readonly RuntimeContainer[], port: number): boolean {
  for (const c of containers) if (containerListens(c, port, 'TCP')) return true;
  return false;
}

/**
 * gRPC health checks are not simulated: a port something listens on counts as SERVING. A port
 * nobody listens on fails as pkg/probe/grpc/grpc.go reports it (the blocking dial retries until
 * the probe's timeout).
 */
function grpcProbe(
  sim: Simulation,
  node: NodeState,
  kp: KubeletPod,
  host: string,
  port: number,
  timeoutMs: number,
): Outcome {
  const to = target(sim, node, kp, host);
  if (to && listens(to.containers, port)) return { kind: 'success', output: '' };
  return {
    kind: 'failure',
    output: `timeout: failed to connect service ${JSON.stringify(`${host}:${port}`)} within ${timeoutMs / 1000}s: context deadline exceeded`,
  };
}

/**
 * pkg/probe/exec/exec.go through the runtime's ExecSync: the combined output is the message; a
 * command that outlives timeoutSeconds fails with `command "…" timed out`
 * (cri-client remote_runtime.go); a program the image lacks is an error from containerd, which the
 * prober reports and throws away.
 */
function execProbe(
  sim: Simulation,
  node: NodeState,
  c: RuntimeContainer,
  command: string[],
  timeoutMs: number,
): Outcome {
  const argv = command.map(String);
  const before = containerFiles(node, c);
  const world = {
    env: c.env ?? {},
    fs: { ...before },
    hostname: node.kubelet.pods[c.podUid]?.pod.metadata.name ?? c.name,
    nowMs: EPOCH_MS + sim.state.nowMs,
    flavor: imageOf(c.image).shell,
  };
  const lines: string[] = [];
  const r = runCommand(argv, world, (_stream, line) => {
    if (lines.length < 200) lines.push(line);
  });
  setContainerFiles(c, world.fs, before);
  if (r.sleptMs > timeoutMs)
    return { kind: 'failure', output: `command ${JSON.stringify(argv.join(' '))} timed out` };
  const output = lines.join('\n');
  if (r.code === 126 && output.startsWith('OCI runtime exec failed')) {
    return {
      kind: 'error',
      output: `rpc error: code = Unknown desc = failed to exec in container: failed to start exec ${JSON.stringify(execId(sim, c))}: ${output}`,
    };
  }
  return { kind: r.code === 0 ? 'success' : 'failure', output };
}

/** containerd's exec IDs are random 64-hex strings: one from the simulation's generator. */
function execId(sim: Simulation, _c: RuntimeContainer): string {
  let id = '';
  for (let i = 0; i < 8; i++) id += sim.int(0, 0xffffffff).toString(16).padStart(8, '0');
  return id;
}

// ---- what the status reads ---------------------------------------------------------------------

function workersOf(kp: KubeletPod, c: RuntimeContainer) {
  const cp = kp.probes?.[c.name];
  return cp && cp.id === c.id ? cp.workers : undefined;
}

/** prober_manager.go isContainerStarted: running, and its startup probe (if any) has passed. */
export function containerStarted(kp: KubeletPod, c: RuntimeContainer): boolean {
  if (c.state !== 'running') return false;
  const spec = specOfContainer(kp.pod, c.name);
  if (!spec?.startupProbe) return true;
  return workersOf(kp, c)?.startup?.result === 'success';
}

/** prober_manager.go UpdatePodStatus: started, and its readiness probe (if any) passes. */
export function containerProbedReady(kp: KubeletPod, c: RuntimeContainer): boolean {
  if (!containerStarted(kp, c)) return false;
  const spec = specOfContainer(kp.pod, c.name);
  if (!spec?.readinessProbe) return true;
  return workersOf(kp, c)?.readiness?.result === 'success';
}

/** A running container whose liveness or startup probe has failed: which one, else undefined. */
export function failedProbe(
  kp: KubeletPod,
  c: RuntimeContainer,
): 'liveness' | 'startup' | undefined {
  const w = workersOf(kp, c);
  if (!w || c.state !== 'running') return undefined;
  if (w.liveness?.result === 'failure') return 'liveness';
  if (w.startup?.result === 'failure') return 'startup';
  return undefined;
}

/** The grace period a probe kill uses: the probe's own, else the pod's (kuberuntime_container.go killContainer). */
export function probeKillGraceSec(
  pod: KObject,
  name: string,
  type: 'liveness' | 'startup',
): number {
  const spec = specOfContainer(pod, name);
  const own = probeOf(spec, type)?.terminationGracePeriodSeconds;
  if (typeof own === 'number') return own;
  return pod.spec?.terminationGracePeriodSeconds ?? K8S.terminationGracePeriodSeconds;
}
