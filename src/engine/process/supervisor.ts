/**
 * The runtime's side of a container's main process: what CreateContainer fixes (environment,
 * files), what StartContainer runs (or why runc refuses it), the process's timers, the signals
 * StopContainer sends and the SIGKILL that follows its timeout, the OOM killer, and the
 * process's answers to connections. Every line a program prints goes to the container's log
 * (components/containerLogs.ts). Programs keep their state in `RuntimeContainer.proc` (plain
 * data); an idle server schedules nothing.
 */
import type { KObject } from '../api/types';
import { appendLog } from '../components/containerLogs';
import { parseImageRef } from '../model/imageRef';
import { normalizeImage } from '../model/images';
import { capacityOf } from '../model/nodeObject';
import { parseQuantity } from '../model/quantity';
import { type ImageConfig, imageConfig } from '../model/registry';
import type { Simulation } from '../sim/simulation';
import type { NodeState, RuntimeContainer } from '../sim/state';
import { resolveArgv } from './argv';
import {
  containerEnv,
  emptyDirContents,
  initialFiles,
  mountVolumes,
  podHostname,
} from './environment';
import { httpFromContainer } from './network';
import { chooseProgram, PROGRAMS } from './programs';
import type {
  HttpRequest,
  HttpResponse,
  ProcessContext,
  ProcState,
  Program,
  Signal,
  Step,
  Stream,
} from './types';

/** The kernel release every node reports (nodeInfo.kernelVersion). */
const KERNEL = '6.8.0-49-generic';

/** Exit status of a process ended by SIGKILL (128 + 9). */
export const SIGKILL_EXIT = 137;

/**
 * containerd's StartError (internal/cri/server/helpers.go errorStartExitCode / Reason): the
 * container never ran; its message is the start failure as the kubelet receives it.
 */
export const START_ERROR_EXIT = 128;
export const START_ERROR_REASON = 'StartError';

/** An image this registry does not know still runs: as a busybox-like image with no program. */
const FALLBACK_IMAGE: ImageConfig = {
  entrypoint: [],
  cmd: [],
  env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
  workingDir: '',
  user: '',
  exposedPorts: [],
  stopSignal: 'SIGTERM',
  shell: 'none',
};

export function imageOf(image: string): ImageConfig {
  return imageConfig(image) ?? FALLBACK_IMAGE;
}

export interface ContainerSpec {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  resources?: { limits?: Record<string, string> };
  lifecycle?: { preStop?: Handler; postStart?: Handler };
  volumeMounts?: { name: string; mountPath: string; subPath?: string }[];
  stdin?: boolean;
  stdinOnce?: boolean;
  tty?: boolean;
}

interface Handler {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port?: number | string };
  sleep?: { seconds?: number };
}

/** CreateContainer: the process's environment is fixed now. */
export function prepareContainer(
  node: NodeState,
  pod: KObject,
  spec: ContainerSpec | undefined,
  c: RuntimeContainer,
): void {
  c.env = containerEnv(pod, spec ?? { name: c.name }, imageOf(c.image), node.name);
}

/**
 * The container's files as its processes see them. Until something writes to them they are the
 * image's, with the kubelet's files and the pod's volumes mounted over them — derived, not kept
 * (a thousand nginx containers hold no copies of the welcome page); the first write keeps the
 * container's own whole copy in `RuntimeContainer.fs`. Never change the object returned: give
 * a changed copy to setContainerFiles.
 */
export function containerFiles(
  node: NodeState,
  c: RuntimeContainer,
): Readonly<Record<string, string>> {
  if (c.fs) return c.fs;
  const pod = node.kubelet.pods[c.podUid]?.pod;
  if (!pod) return NO_FILES;
  const sandbox = node.runtime.sandboxes[c.podUid];
  const ip = sandbox?.ip ?? '';
  const hit = baseViews.get(c);
  if (hit && hit.volumes === sandbox?.volumes && hit.ip === ip) return hit.files;
  const files = initialFiles(
    pod,
    parseImageRef(c.image).repository,
    imageOf(c.image),
    ip,
    node.name,
  );
  mountVolumes(files, pod, specOf(pod, c.name)?.volumeMounts, sandbox?.volumes, node.name);
  baseViews.set(c, { volumes: sandbox?.volumes, ip, files });
  return files;
}

/** A container's changed files become its own (the view they were copied from is left as it was). */
export function setContainerFiles(
  c: RuntimeContainer,
  files: Record<string, string>,
  from: Readonly<Record<string, string>>,
): void {
  if (files === from) return;
  const keys = Object.keys(files);
  if (keys.length === Object.keys(from).length && keys.every((k) => from[k] === files[k])) return;
  c.fs = files;
}

/** Derived base views, keyed by the container (a state object) and checked against what they came from. */
const baseViews = new WeakMap<
  RuntimeContainer,
  { volumes: unknown; ip: string; files: Record<string, string> }
>();
const NO_FILES: Readonly<Record<string, string>> = Object.freeze({});

/** A container that ended leaves its emptyDir files to the pod's next containers. */
export function keepVolumes(node: NodeState, c: RuntimeContainer): void {
  const sandbox = node.runtime.sandboxes[c.podUid];
  const pod = node.kubelet.pods[c.podUid]?.pod;
  if (!sandbox || !pod || !c.fs) return;
  const left = emptyDirContents(c.fs, pod, specOf(pod, c.name)?.volumeMounts);
  if (Object.keys(left).length) sandbox.volumes = { ...(sandbox.volumes ?? {}), ...left };
}

export type LaunchResult = { ok: true } | { ok: false; message: string };

/**
 * StartContainer. runc resolves argv[0] in the container first: a name it cannot find fails the
 * start with containerd's and runc's wrapped error (containerd 2.1 internal/cri/server
 * container_start.go "failed to create containerd task", core/runtime/v2 "failed to create shim
 * task", the shim's "OCI runtime create failed", runc 1.3 create.go "runc create failed",
 * libcontainer "unable to start container process: error during container init", Go's
 * exec.LookPath; ": unknown" is the gRPC code the shim's error maps to).
 */
export function startProcess(
  sim: Simulation,
  node: NodeState,
  pod: KObject | undefined,
  spec: ContainerSpec | undefined,
  c: RuntimeContainer,
): LaunchResult {
  const image = imageOf(c.image);
  const env = c.env ?? {};
  const argv = resolveArgv(image, spec ?? {}, env);
  if (!argv.ok) return { ok: false, message: startErrorText(argv.error) };
  const repository = parseImageRef(c.image).repository;
  const choice = chooseProgram(repository, image, argv.argv);
  if (!choice.ok) return { ok: false, message: startErrorText(choice.error) };
  const p: ProcState = {
    program: choice.program,
    argv: choice.argv,
    wake: 0,
    memBytes: 0,
  };
  if (choice.program === 'missing') p.data = { script: 'script' in choice ? choice.script : '' };
  c.proc = p;
  const program = programOf(p);
  const ctx = contextFor(sim, node, c, pod, spec);
  if (ctx.memoryLimitBytes > 0 && program.baseMemBytes > ctx.memoryLimitBytes) {
    applyStep(sim, node, c, { kind: 'oom', afterMs: 1 });
    return { ok: true };
  }
  applyStep(sim, node, c, program.start(ctx, p));
  return { ok: true };
}

function startErrorText(error: string): string {
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${error}: unknown`;
}

function programOf(p: ProcState): Program {
  return PROGRAMS[p.program] ?? PROGRAMS.unknown;
}

/** A wake the process asked for. */
export function processWake(
  sim: Simulation,
  node: NodeState,
  containerId: string,
  wake: number,
): void {
  const c = node.runtime.containers[containerId];
  const p = c?.proc;
  if (!c || !p || c.state !== 'running' || p.wake !== wake) return;
  const program = programOf(p);
  if (!program.wake) return;
  applyStep(sim, node, c, program.wake(contextFor(sim, node, c), p));
}

/** Whether the container's main process reads the stdin an attach would write to. */
export function readsStdin(c: RuntimeContainer): boolean {
  const p = c.proc;
  if (!p || c.state !== 'running') return false;
  return programOf(p).readsStdin?.(p) ?? false;
}

/**
 * A line written to the main process's stdin (`kubectl attach -i`; none: the attach closed it):
 * the program reads it and goes on, and with a terminal prompts again. Dropped (undefined) when
 * the process does not read stdin.
 */
export function processStdin(
  sim: Simulation,
  node: NodeState,
  c: RuntimeContainer,
  line?: string,
): { exited: boolean; prompt?: string } | undefined {
  const p = c.proc;
  if (!p || c.state !== 'running') return undefined;
  const program = programOf(p);
  if (!program.stdin || !program.readsStdin?.(p)) return undefined;
  const { step, prompt } = program.stdin(contextFor(sim, node, c), p, line);
  applyStep(sim, node, c, step);
  const exited = step.kind === 'exit' || step.kind === 'oom';
  return exited ? { exited } : { exited, ...(prompt !== undefined ? { prompt } : {}) };
}

/** Does what the program said it does next. */
function applyStep(sim: Simulation, node: NodeState, c: RuntimeContainer, step: Step): void {
  const p = c.proc;
  if (!p) return;
  switch (step.kind) {
    case 'run':
      return;
    case 'sleep':
      p.wake++;
      sim.schedule(step.ms, {
        t: 'runtime/processWake',
        node: node.name,
        containerId: c.id,
        wake: p.wake,
      });
      return;
    case 'exit':
      p.wake++;
      sim.schedule(step.afterMs ?? 0, {
        t: 'runtime/containerExit',
        node: node.name,
        containerId: c.id,
        exitCode: step.code,
        reason: step.code === 0 ? 'Completed' : 'Error',
      });
      return;
    case 'oom':
      p.wake++;
      sim.schedule(step.afterMs ?? 0, {
        t: 'runtime/containerExit',
        node: node.name,
        containerId: c.id,
        exitCode: SIGKILL_EXIT,
        reason: 'OOMKilled',
      });
      return;
  }
}

/** The signal StopContainer sends: the image's STOPSIGNAL, else SIGTERM. */
export function stopSignalOf(c: RuntimeContainer): Signal {
  return (imageOf(c.image).stopSignal || 'SIGTERM') as Signal;
}

/**
 * StopContainer(timeout): the stop signal now, SIGKILL when the timeout runs out. A second call
 * with an earlier deadline brings the SIGKILL forward (a shortened grace period).
 */
export function stopContainer(
  sim: Simulation,
  node: NodeState,
  c: RuntimeContainer,
  timeoutSec: number,
): void {
  if (c.state !== 'running') return;
  const killAtMs = sim.state.nowMs + Math.max(0, timeoutSec) * 1000;
  if (c.stopping && c.stopping.killAtMs <= killAtMs) return;
  const first = !c.stopping;
  c.stopping = { killAtMs };
  sim.schedule(killAtMs - sim.state.nowMs, {
    t: 'runtime/stopTimeout',
    node: node.name,
    containerId: c.id,
    killAtMs,
  });
  if (first) signalProcess(sim, node, c, stopSignalOf(c));
}

/** A signal to the container's PID 1. */
export function signalProcess(
  sim: Simulation,
  node: NodeState,
  c: RuntimeContainer,
  sig: Signal,
): void {
  const p = c.proc;
  if (!p || c.state !== 'running') return;
  p.signalled = { signal: sig, atMs: sim.state.nowMs };
  const answer = programOf(p).signal(contextFor(sim, node, c), p, sig);
  if (answer !== 'ignored') applyStep(sim, node, c, answer);
}

/** Whether the SIGKILL at a stop's deadline is still due (the container runs, the deadline holds). */
export function killIsDue(
  c: RuntimeContainer | undefined,
  killAtMs: number,
): c is RuntimeContainer {
  return !!c && c.state === 'running' && c.stopping?.killAtMs === killAtMs;
}

// ---- the context a program runs in ------------------------------------------------------------

function contextFor(
  sim: Simulation,
  node: NodeState,
  c: RuntimeContainer,
  pod?: KObject,
  spec?: ContainerSpec,
): ProcessContext {
  if (!c.env) c.env = {};
  return new Context(sim, node, c, pod, spec);
}

/**
 * What a program sees, worked out only when it looks: most calls (a probe's request to an idle
 * server, a wake) read one or two fields, and the kubelet makes thousands of them an hour.
 */
class Context implements ProcessContext {
  readonly nowMs: number;
  readonly env: Record<string, string>;
  readonly kernel = KERNEL;
  #pod: KObject | undefined | null;
  #spec: ContainerSpec | undefined | null;
  #fs: Readonly<Record<string, string>> | undefined;

  constructor(
    private readonly sim: Simulation,
    private readonly node: NodeState,
    private readonly c: RuntimeContainer,
    pod: KObject | undefined,
    spec: ContainerSpec | undefined,
  ) {
    this.nowMs = sim.state.nowMs;
    this.env = c.env ?? {};
    this.#pod = pod ?? null;
    this.#spec = spec ?? null;
  }

  private get pod(): KObject | undefined {
    if (this.#pod === null) this.#pod = this.node.kubelet.pods[this.c.podUid]?.pod;
    return this.#pod;
  }

  private get spec(): ContainerSpec | undefined {
    if (this.#spec === null) {
      const pod = this.pod;
      this.#spec = pod ? specOf(pod, this.c.name) : undefined;
    }
    return this.#spec;
  }

  get fs(): Readonly<Record<string, string>> {
    this.#fs ??= containerFiles(this.node, this.c);
    return this.#fs;
  }

  setFiles(changed: Record<string, string>): void {
    setContainerFiles(this.c, changed, this.fs);
  }

  get hostname(): string {
    const pod = this.pod;
    if (!pod) return this.c.name;
    return pod.spec?.hostNetwork ? this.node.name : podHostname(pod);
  }

  get image(): ImageConfig {
    return imageOf(this.c.image);
  }

  get imageRef(): string {
    return normalizeImage(this.c.image);
  }

  get cpus(): number {
    return Number(capacityOf(this.node).capacity.cpu) || 1;
  }

  get podIp(): string {
    return this.node.runtime.sandboxes[this.c.podUid]?.ip ?? '';
  }

  get memoryLimitBytes(): number {
    const pod = this.pod;
    return pod ? memoryLimitBytes(pod, this.spec) : 0;
  }

  http = (url: string) => httpFromContainer(this.sim, this.node, this.c, url);

  get stdinOpen(): boolean {
    return this.spec?.stdin === true;
  }

  write(stream: Stream, line: string): void {
    appendLog(this.c, this.sim.state.nowMs, stream, line);
  }
}

export function specOf(pod: KObject, name: string): ContainerSpec | undefined {
  for (const list of [pod.spec?.containers, pod.spec?.initContainers])
    for (const c of list ?? []) if (c?.name === name) return c;
  return undefined;
}

/** The container's memory limit, or the pod-level one when it is lower (bytes; 0: none). */
export function memoryLimitBytes(pod: KObject, spec: ContainerSpec | undefined): number {
  const own = bytesOf(spec?.resources?.limits?.memory);
  const podLevel = bytesOf(pod.spec?.resources?.limits?.memory);
  if (own && podLevel) return Math.min(own, podLevel);
  return own || podLevel;
}

function bytesOf(q: string | number | undefined): number {
  if (q === undefined || q === null) return 0;
  const parsed = parseQuantity(q);
  return parsed.ok ? Math.max(0, Math.floor(parsed.milli / 1000)) : 0;
}

// ---- connections ------------------------------------------------------------------------------

/** Whether the container's process accepts connections on this port now. */
export function containerListens(
  c: RuntimeContainer,
  port: number,
  protocol: 'TCP' | 'UDP' = 'TCP',
): boolean {
  const p = c.proc;
  if (!p || c.state !== 'running') return false;
  return programOf(p).listens?.(p, port, protocol) ?? false;
}

/**
 * An HTTP request to one of the pod's ports: the container listening there answers (and logs
 * it), `refused` when none listens, an empty reply (status 0) from a listener that does not
 * speak HTTP.
 */
export function podHttp(
  sim: Simulation,
  node: NodeState,
  containers: readonly RuntimeContainer[],
  port: number,
  req: HttpRequest,
): HttpResponse | 'refused' {
  for (const c of containers) {
    if (!containerListens(c, port, 'TCP')) continue;
    const p = c.proc as ProcState;
    const res = programOf(p).http?.(contextFor(sim, node, c), p, port, req);
    return res ?? { status: 0, body: '' };
  }
  return 'refused';
}
