/**
 * The kubelet's HTTPS server on port 10250, the two handlers kube-apiserver proxies pods/log and
 * pods/exec to (pkg/kubelet/server/server.go getContainerLogs and getExec):
 *
 * - `/containerLogs/NS/POD/CONTAINER`: the pod from the kubelet's pod manager (404 `pod "x" does
 *   not exist`), the container instance its status names (validateContainerLogStatus in
 *   pkg/kubelet/kubelet_pods.go, 400 with its text), then ReadLogs over that instance's log. The
 *   response is already 200 when the runtime is asked for the log (a zero-byte write first), so a
 *   runtime failure then is text in the body: `unable to retrieve container logs for …`
 *   (kuberuntime GetContainerLogs).
 * - `/exec/NS/POD/CONTAINER`: GetExec finds the container among the runtime's running ones
 *   (`container not found ("x")` otherwise), the runtime's streaming server runs the command:
 *   a program the image does not have fails to start with runc's error, wrapped by containerd
 *   and the streaming server (`Internal error occurred: error executing command in container:
 *   …`); a command that ran ends with its exit code on the error channel.
 */
import type {
  LogFollow,
  PodAttachOptions,
  PodExecOptions,
  PodLogOptions,
  PodStream,
  StreamChunk,
} from '../api/types';
import { imageConfig } from '../model/registry';
import { podHostname } from '../process/environment';
import { httpFromContainer } from '../process/network';
import { containerFiles, readsStdin, setContainerFiles, specOf } from '../process/supervisor';
import { EPOCH_MS } from '../sim/defaults';
import { randHex } from '../sim/rng';
import type { Simulation } from '../sim/simulation';
import type { KubeletPod, NodeState, RuntimeContainer } from '../sim/state';
import { ACTOR, keyName } from '../trace';
import { logCursor, readLogs, readLogsAfter, readStreamsAfter } from './containerLogs';
import {
  hasExecutable,
  runCommand,
  type ShellWorld,
  sessionPrompt,
  shellFlavorOf,
  startSession,
} from './containerShell';
import { attachSessionId } from './execSession';
import { latestInstance, RUNTIME_DOWN } from './runtime';

/** An HTTP answer: a status code and a plain-text body. */
export interface KubeletResponse {
  code: number;
  body: string;
  /** A followed log: where reading goes on. */
  follow?: LogFollow;
}

/** The pod manager's GetPodByName. */
function podByName(node: NodeState, namespace: string, name: string): KubeletPod | undefined {
  const key = `${namespace}/${name}`;
  for (const kp of Object.values(node.kubelet.pods)) if (kp.key === key) return kp;
  return undefined;
}

interface ContainerStatusView {
  name: string;
  containerID?: string;
  state?: {
    waiting?: { reason?: string };
    running?: object;
    terminated?: { containerID?: string };
  };
  lastState?: { terminated?: { containerID?: string } };
}

/**
 * validateContainerLogStatus: the container ID whose log to read, or the error text. The status
 * is the one the kubelet last reported (its status manager's copy).
 */
export function containerIdForLogs(
  podName: string,
  status: { containerStatuses?: unknown[]; initContainerStatuses?: unknown[] } | undefined,
  container: string,
  previous: boolean,
): { id: string } | { error: string } {
  const find = (list: unknown[] | undefined) =>
    (list as ContainerStatusView[] | undefined)?.find((s) => s.name === container);
  const cs = find(status?.containerStatuses) ?? find(status?.initContainerStatuses);
  const names = `${JSON.stringify(container)} in pod ${JSON.stringify(podName)}`;
  if (!cs) return { error: `container ${names} is not available` };
  const last = cs.lastState?.terminated;
  const { waiting, running, terminated } = cs.state ?? {};
  if (previous) {
    if (!last?.containerID) return { error: `previous terminated container ${names} not found` };
    return { id: last.containerID };
  }
  if (running) return { id: cs.containerID ?? '' };
  if (terminated) {
    if (terminated.containerID) return { id: terminated.containerID };
    if (last?.containerID) return { id: last.containerID };
    return { error: `container ${names} is terminated` };
  }
  if (last) {
    if (!last.containerID) return { error: `container ${names} is terminated` };
    return { id: last.containerID };
  }
  if (waiting) {
    switch (waiting.reason) {
      case 'ErrImagePull':
        return { error: `container ${names} is waiting to start: image can't be pulled` };
      case 'ImagePullBackOff':
        return {
          error: `container ${names} is waiting to start: trying and failing to pull image`,
        };
      default:
        return { error: `container ${names} is waiting to start: ${waiting.reason ?? ''}` };
    }
  }
  return { error: `container ${names} is waiting to start - no logs yet` };
}

function statusOf(kp: KubeletPod) {
  return kp.sentStatus ?? kp.pod.status;
}

function specHas(kp: KubeletPod, container: string): boolean {
  const spec = kp.pod.spec ?? {};
  return [...(spec.containers ?? []), ...(spec.initContainers ?? [])].some(
    (c: { name: string }) => c.name === container,
  );
}

/** GET /containerLogs/NS/POD/CONTAINER. */
export function serveContainerLogs(
  sim: Simulation,
  node: NodeState,
  namespace: string,
  podName: string,
  container: string,
  opts: PodLogOptions,
): KubeletResponse {
  const kp = podByName(node, namespace, podName);
  if (!kp) return { code: 404, body: `pod ${JSON.stringify(podName)} does not exist` };
  if (!specHas(kp, container))
    return {
      code: 404,
      body: `container ${JSON.stringify(container)} not found in pod ${JSON.stringify(podName)}`,
    };
  const found = containerIdForLogs(podName, statusOf(kp), container, !!opts.previous);
  if ('error' in found) return { code: 400, body: found.error };
  const id = found.id.replace(/^containerd:\/\//, '');
  const c: RuntimeContainer | undefined = node.runtime.containers[id];
  if (node.runtime.broken || !c)
    return { code: 200, body: `unable to retrieve container logs for ${found.id}` };
  return {
    code: 200,
    body: readLogs(c, {
      tailLines: opts.tailLines,
      sinceSeconds: opts.sinceSeconds,
      timestamps: opts.timestamps,
      limitBytes: opts.limitBytes,
      nowMs: sim.state.nowMs,
    }),
    ...(opts.follow ? { follow: { node: node.name, containerId: id, cursor: logCursor(c) } } : {}),
  };
}

/**
 * ReadLogs with follow, after what was read: the lines written since, and whether the stream is
 * over — the container instance no longer runs (its log read to the end first), or the kubelet
 * or the runtime that serve it are gone (logs.go waitLogs, isContainerRunning). A read: it
 * changes nothing, so a server may call it as often as it likes.
 */
export function followLog(
  sim: Simulation,
  follow: LogFollow,
  timestamps: boolean,
): { text: string; follow: LogFollow; ended: boolean } {
  const node = sim.state.nodes[follow.node];
  const c: RuntimeContainer | undefined = node?.runtime.containers[follow.containerId];
  if (!c) return { text: '', follow, ended: true };
  const read = readLogsAfter(c, follow.cursor, timestamps);
  const ended = !node.up || node.kubelet.broken || node.runtime.broken || c.state !== 'running';
  return { text: read.text, follow: { ...follow, cursor: read.cursor }, ended };
}

/**
 * An attach's output since it last read: what the container wrote, stream by stream, and
 * whether the attach is over (the container instance stopped, or the kubelet or the runtime
 * serving it went). A read, like followLog.
 */
export function followOutput(
  sim: Simulation,
  follow: LogFollow,
): { chunks: StreamChunk[]; follow: LogFollow; ended: boolean } {
  const node = sim.state.nodes[follow.node];
  const c: RuntimeContainer | undefined = node?.runtime.containers[follow.containerId];
  if (!c) return { chunks: [], follow, ended: true };
  const read = readStreamsAfter(c, follow.cursor);
  const ended = !node.up || node.kubelet.broken || node.runtime.broken || c.state !== 'running';
  return { chunks: read.chunks, follow: { ...follow, cursor: read.cursor }, ended };
}

/**
 * An exec'd process's environment when the runtime did not record the container's: the image's
 * ENV and the HOSTNAME containerd's CRI plugin adds.
 */
function fallbackEnv(image: string, hostname: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const kv of imageConfig(image)?.env ?? []) {
    const eq = kv.indexOf('=');
    if (eq > 0) env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  env.HOSTNAME = hostname;
  return env;
}

/** POST /exec/NS/POD/CONTAINER: the upgraded stream, or the kubelet's refusal. */
export function serveExec(
  sim: Simulation,
  node: NodeState,
  namespace: string,
  podName: string,
  container: string,
  opts: PodExecOptions,
): PodStream {
  const kp = podByName(node, namespace, podName);
  if (!kp) return { kind: 'upgradeFailed', code: 404, body: 'pod does not exist' };
  // GetRunningPods lists the runtime's containers: with containerd down that call fails.
  if (node.runtime.broken) return { kind: 'upgradeFailed', code: 503, body: RUNTIME_DOWN };
  const c = latestInstance(node, kp.uid, container);
  if (c?.state !== 'running')
    return {
      kind: 'upgradeFailed',
      code: 500,
      body: `container not found (${JSON.stringify(container)})`,
    };
  const object = keyName('pod', kp.key, kp.pod.metadata);
  const argv = opts.command;
  const hostname = kp.pod.spec?.hostNetwork ? node.name : podHostname(kp.pod);
  // The container's files as its processes see them; a copy, kept only if the command changed it.
  const files = containerFiles(node, c);
  const world = execWorld(sim, node, c, hostname, files);
  if (!hasExecutable(argv[0] ?? '', world)) {
    const execId = randHex(sim.state.rng, 64);
    const message = `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec ${JSON.stringify(execId)}: OCI runtime exec failed: exec failed: unable to start container process: exec: ${JSON.stringify(argv[0] ?? '')}: executable file not found in $PATH: unknown`;
    sim.trace(
      ACTOR.kubelet(node.name),
      ACTOR.runtime(node.name),
      'cri',
      object,
      `Exec ${container}: ${commandText(argv)} — executable file not found`,
      true,
    );
    return { kind: 'exec', output: [], exit: { message }, sleptMs: 0 };
  }
  sim.trace(
    ACTOR.kubelet(node.name),
    ACTOR.runtime(node.name),
    'cri',
    object,
    `Exec ${container}: ${commandText(argv)}`,
  );
  // With stdin, a shell reads its commands from it, line by line (execSession.ts).
  const shell = opts.stdin ? startSession(argv, world) : null;
  if (shell) {
    const id = `${node.name}/${c.id}/${sim.state.traceSeq}`;
    sim.state.execSessions ??= {};
    sim.state.execSessions[id] = {
      node: node.name,
      containerId: c.id,
      pod: kp.key,
      container,
      tty: !!opts.tty,
      hostname,
      shell,
    };
    return {
      kind: 'exec',
      output: [],
      exit: { code: 0 },
      sleptMs: 0,
      session: { id, ...(opts.tty ? { prompt: sessionPrompt(shell, hostname) } : {}) },
    };
  }
  const output: StreamChunk[] = [];
  // With a TTY the process has one stream: everything arrives on stdout.
  const result = runCommand(argv, world, (stream, line) =>
    output.push({ stream: opts.tty ? 'stdout' : stream, text: `${line}\n` }),
  );
  setContainerFiles(c, world.fs, files);
  return { kind: 'exec', output, exit: { code: result.code }, sleptMs: result.sleptMs };
}

/** The world an exec'd process sees: the container's environment, files, name and network. */
export function execWorld(
  sim: Simulation,
  node: NodeState,
  c: RuntimeContainer,
  hostname: string,
  files: Record<string, string>,
): ShellWorld {
  return {
    env: c.env ?? fallbackEnv(c.image, hostname),
    fs: { ...files },
    hostname,
    nowMs: EPOCH_MS + sim.state.nowMs,
    flavor: shellFlavorOf(c.image),
    http: (url) => httpFromContainer(sim, node, c, url),
  };
}

/** The command as the trace shows it: at most 120 characters (an argument may be huge). */
function commandText(argv: string[]): string {
  const text = argv.join(' ');
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * POST /attach/NS/POD/CONTAINER: GetAttach finds the container among the runtime's running ones
 * (`container NAME not found in pod POD_NS`, kubelet.go GetAttach, podFullName), then containerd
 * joins the attach to the container's I/O from now on (internal/cri/io container_io.go Attach:
 * no history: a shell's earlier prompt is not shown again, hence kubectl's "If you don't see a
 * command prompt, try pressing enter."). Its stdin reaches the process only when the spec opened it (`stdin: true`);
 * otherwise containerd has no stdin to copy to and drops it. The TTY is the spec's, whatever
 * the client asked (the process's terminal cannot change after it started).
 */
export function serveAttach(
  sim: Simulation,
  node: NodeState,
  namespace: string,
  podName: string,
  container: string,
  opts: PodAttachOptions,
): PodStream {
  const kp = podByName(node, namespace, podName);
  if (!kp) return { kind: 'upgradeFailed', code: 404, body: 'pod does not exist' };
  if (node.runtime.broken) return { kind: 'upgradeFailed', code: 503, body: RUNTIME_DOWN };
  const c = latestInstance(node, kp.uid, container);
  if (c?.state !== 'running')
    return {
      kind: 'upgradeFailed',
      code: 500,
      body: `container ${container} not found in pod ${podName}_${namespace}`,
    };
  const spec = specOf(kp.pod, container);
  const tty = spec?.tty === true;
  sim.trace(
    ACTOR.kubelet(node.name),
    ACTOR.runtime(node.name),
    'cri',
    keyName('pod', kp.key, kp.pod.metadata),
    `Attach ${container}${opts.stdin ? ' (stdin)' : ''}`,
  );
  const follow: LogFollow = { node: node.name, containerId: c.id, cursor: logCursor(c) };
  if (!opts.stdin || !readsStdin(c)) return { kind: 'attach', follow, tty };
  return {
    kind: 'attach',
    follow,
    tty,
    session: {
      id: attachSessionId(node.name, c.id),
      // stdinOnce without a TTY: the attach's end of stdin closes the container's (Attach).
      closeOnDetach: spec?.stdinOnce === true && !tty,
    },
  };
}

/**
 * POST /portForward/NS/POD: the pod from the pod manager (`pod does not exist`, 404), then the
 * upgraded stream whose forwarded connections enter its network namespace
 * (components/portForward.ts).
 */
export function servePortForward(
  sim: Simulation,
  node: NodeState,
  namespace: string,
  podName: string,
): PodStream {
  const kp = podByName(node, namespace, podName);
  if (!kp) return { kind: 'upgradeFailed', code: 404, body: 'pod does not exist' };
  sim.trace(
    ACTOR.kubelet(node.name),
    ACTOR.runtime(node.name),
    'cri',
    keyName('pod', kp.key, kp.pod.metadata),
    'PortForward',
  );
  const sandboxId = node.runtime.sandboxes[kp.uid]?.id ?? '';
  return { kind: 'portforward', target: { node: node.name, podUid: kp.uid, sandboxId } };
}
