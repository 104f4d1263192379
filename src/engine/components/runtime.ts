/**
 * The container runtime (containerd behind CRI). The kubelet calls it; each call takes simulated
 * time and answers with a message. Broken: every CRI call fails, but containers already running
 * keep running (their shims keep them alive).
 */
import { imageId, imageSizeBytes, normalizeImage } from '../model/images';
import { lookupImage } from '../model/registry';
import {
  keepVolumes,
  killIsDue,
  SIGKILL_EXIT,
  START_ERROR_EXIT,
  START_ERROR_REASON,
  stopContainer,
  stopSignalOf,
} from '../process/supervisor';
import { EPOCH_MS, PAUSE_IMAGE, SIM } from '../sim/defaults';
import { randHex } from '../sim/rng';
import type { Simulation } from '../sim/simulation';
import type { NodeState, RuntimeContainer } from '../sim/state';
import { ACTOR, keyName } from '../trace';

/** The gRPC error a kubelet gets while containerd is down. */
export const RUNTIME_DOWN =
  'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused"';

/**
 * Each node's containers grouped by pod, in the order the runtime's table holds them: derived,
 * keyed by the table object, so a new table (a restore, a power-off) is indexed afresh on first
 * use. Every add and delete goes through addContainer / removeContainer.
 */
const byPod = new WeakMap<Record<string, RuntimeContainer>, Map<string, RuntimeContainer[]>>();
const NO_CONTAINERS: readonly RuntimeContainer[] = [];

/** Tests turn `verify` on to check the index against a scan of the whole table on every read. */
export const runtimeChecks = { verify: false };

/** A pod's containers (every instance, any state), in table order. */
export function podContainers(node: NodeState, uid: string): readonly RuntimeContainer[] {
  const all = node.runtime.containers;
  let m = byPod.get(all);
  if (!m) {
    m = new Map();
    for (const c of Object.values(all)) addTo(m, c);
    byPod.set(all, m);
  }
  const list = m.get(uid) ?? NO_CONTAINERS;
  if (runtimeChecks.verify) {
    const scan = Object.values(all).filter((c) => c.podUid === uid);
    if (scan.length !== list.length || scan.some((c, i) => c !== list[i]))
      throw new Error(`runtime index out of date for pod ${uid} on ${node.name}`);
  }
  return list;
}

function addTo(m: Map<string, RuntimeContainer[]>, c: RuntimeContainer): void {
  const list = m.get(c.podUid);
  if (list) list.push(c);
  else m.set(c.podUid, [c]);
}

function addContainer(node: NodeState, c: RuntimeContainer): void {
  node.runtime.containers[c.id] = c;
  const m = byPod.get(node.runtime.containers);
  if (m) addTo(m, c);
}

/** Remove a container from the runtime's table. */
export function removeContainer(node: NodeState, id: string): void {
  const all = node.runtime.containers;
  const c = all[id];
  if (!c) return;
  delete all[id];
  const m = byPod.get(all);
  const list = m?.get(c.podUid);
  if (!m || !list) return;
  const rest = list.filter((x) => x !== c);
  if (rest.length) m.set(c.podUid, rest);
  else m.delete(c.podUid);
}

export function hasImage(node: NodeState, image: string): boolean {
  return !!node.runtime.images[normalizeImage(image)];
}

/**
 * The node's image references as a Set (derived, keyed by the image table object; images are
 * only ever added, through addImage).
 */
const imageSets = new WeakMap<object, Set<string>>();

export function imageSet(node: NodeState): ReadonlySet<string> {
  const images = node.runtime.images;
  let set = imageSets.get(images);
  if (!set) {
    set = new Set(Object.keys(images).filter((ref) => !!images[ref]));
    imageSets.set(images, set);
  }
  if (runtimeChecks.verify) {
    const keys = Object.keys(images).filter((ref) => !!images[ref]);
    if (keys.length !== set.size || keys.some((k) => !set.has(k)))
      throw new Error(`image index out of date on ${node.name}`);
  }
  return set;
}

function addImage(node: NodeState, ref: string): void {
  node.runtime.images[ref] = { sizeBytes: imageSizeBytes(ref), id: imageId(ref) };
  imageSets.get(node.runtime.images)?.add(ref);
}

export function seedImage(node: NodeState, image: string): void {
  addImage(node, normalizeImage(image));
}

export function runPodSandbox(
  sim: Simulation,
  node: NodeState,
  uid: string,
  podName: string,
  ip: string,
): string {
  const id = randHex(sim.state.rng, 64);
  node.runtime.sandboxes[uid] = { id, podUid: uid, ip, ready: false };
  sim.trace(
    ACTOR.kubelet(node.name),
    ACTOR.runtime(node.name),
    'cri',
    podName,
    `RunPodSandbox (${PAUSE_IMAGE}, IP ${ip})`,
  );
  sim.schedule(sim.int(SIM.sandboxMsMin, SIM.sandboxMsMax), {
    t: 'runtime/sandboxReady',
    node: node.name,
    uid,
    sandboxId: id,
  });
  return id;
}

export function sandboxOf(node: NodeState, uid: string) {
  return node.runtime.sandboxes[uid];
}

/**
 * Queue a pull on the node's serialized puller (serializeImagePulls: one pull at a time). A pull
 * already queued for the same reference serves every pod waiting for it. `withSecrets`: the pod
 * brings imagePullSecrets, so the pull carries credentials.
 */
export function requestPull(
  sim: Simulation,
  node: NodeState,
  image: string,
  podObject: string,
  withSecrets = false,
): void {
  const ref = normalizeImage(image);
  const rt = node.runtime;
  if (withSecrets) {
    rt.pullAuth ??= {};
    rt.pullAuth[ref] = true;
  }
  if (rt.pulling === ref || rt.pullQueue.includes(ref)) return;
  rt.pullQueue.push(ref);
  sim.trace(
    ACTOR.kubelet(node.name),
    ACTOR.runtime(node.name),
    'cri',
    podObject,
    `PullImage ${image}`,
  );
  if (!rt.pulling) startNextPull(sim, node);
}

export function pullDurationMs(sim: Simulation, image: string): number {
  return (
    Math.round(imageSizeBytes(image) / SIM.pullBytesPerMs) +
    sim.int(SIM.pullOverheadMsMin, SIM.pullOverheadMsMax)
  );
}

function startNextPull(sim: Simulation, node: NodeState): void {
  const rt = node.runtime;
  const next = rt.pullQueue.shift();
  if (!next) {
    rt.pulling = '';
    return;
  }
  rt.pulling = next;
  rt.pullingSinceMs = sim.state.nowMs;
  const withSecrets = !!rt.pullAuth?.[next];
  if (withSecrets) delete rt.pullAuth?.[next];
  // The registry answers the manifest request first: a missing image or a refused one fails
  // there, before any layer is fetched; a re-pull of an image whose layers are all present only
  // fetches the manifest.
  const found = lookupImage(next, { pullSecrets: withSecrets ? ['imagePullSecrets'] : [] });
  const durationMs =
    found.ok && !rt.images[next]
      ? pullDurationMs(sim, next)
      : sim.int(SIM.pullOverheadMsMin, SIM.pullOverheadMsMax);
  sim.schedule(durationMs, {
    t: 'kubelet/imagePulled',
    node: node.name,
    image: next,
    ...(found.ok ? {} : { error: found.message }),
  });
}

/**
 * The pull in progress finished: the image is in the node's store (unless the pull failed);
 * start the next one. Returns how long the pull itself took (its wait in the queue not counted).
 */
export function finishPull(sim: Simulation, node: NodeState, image: string, ok = true): number {
  const rt = node.runtime;
  if (rt.pulling !== image) return 0;
  if (ok) addImage(node, image);
  const tookMs = sim.state.nowMs - (rt.pullingSinceMs ?? sim.state.nowMs);
  rt.pulling = '';
  startNextPull(sim, node);
  return tookMs;
}

export function createContainer(
  sim: Simulation,
  node: NodeState,
  uid: string,
  sandboxId: string,
  name: string,
  image: string,
  podObject: string,
): string {
  const id = randHex(sim.state.rng, 64);
  const prev = latestInstance(node, uid, name);
  const attempt = prev ? prev.attempt + 1 : 0;
  addContainer(node, {
    id,
    attempt,
    sandboxId,
    podUid: uid,
    name,
    image,
    state: 'created',
    startedAtMs: 0,
    finishedAtMs: 0,
    exitCode: 0,
    reason: '',
  });
  pruneExited(node, uid, name, id);
  sim.trace(
    ACTOR.kubelet(node.name),
    ACTOR.runtime(node.name),
    'cri',
    podObject,
    `CreateContainer ${name} (${image})`,
  );
  sim.schedule(sim.int(SIM.createContainerMsMin, SIM.createContainerMsMax), {
    t: 'runtime/containerCreated',
    node: node.name,
    uid,
    name,
    containerId: id,
  });
  return id;
}

export function startContainer(
  sim: Simulation,
  node: NodeState,
  uid: string,
  name: string,
  id: string,
  podObject: string,
): void {
  sim.trace(
    ACTOR.kubelet(node.name),
    ACTOR.runtime(node.name),
    'cri',
    podObject,
    `StartContainer ${name}`,
  );
  sim.schedule(sim.int(SIM.startContainerMsMin, SIM.startContainerMsMax), {
    t: 'runtime/containerStarted',
    node: node.name,
    uid,
    name,
    containerId: id,
  });
}

/** Keep only the newest exited instance of a container (kubelet container GC keeps the last one). */
function pruneExited(node: NodeState, uid: string, name: string, keepId: string): void {
  const instances = podContainers(node, uid).filter(
    (c) => c.name === name && c.id !== keepId && c.state === 'exited',
  );
  instances.sort((a, b) => b.finishedAtMs - a.finishedAtMs);
  for (const old of instances.slice(1)) removeContainer(node, old.id);
}

/** Newest instance of a pod's container (the one whose state the kubelet reports). */
export function latestInstance(
  node: NodeState,
  uid: string,
  name: string,
): RuntimeContainer | undefined {
  let live: RuntimeContainer | undefined;
  let lastExited: RuntimeContainer | undefined;
  for (const c of podContainers(node, uid)) {
    if (c.name !== name) continue;
    if (c.state !== 'exited') live = c;
    else if (!lastExited || c.finishedAtMs > lastExited.finishedAtMs) lastExited = c;
  }
  return live ?? lastExited;
}

/** The last exited instance other than the current one (for lastState). */
export function previousInstance(
  node: NodeState,
  uid: string,
  name: string,
  currentId: string,
): RuntimeContainer | undefined {
  let best: RuntimeContainer | undefined;
  for (const c of podContainers(node, uid)) {
    if (c.name !== name || c.id === currentId || c.state !== 'exited') continue;
    if (!best || c.finishedAtMs > best.finishedAtMs) best = c;
  }
  return best;
}

export function exitContainer(
  sim: Simulation,
  node: NodeState,
  c: RuntimeContainer,
  exitCode: number,
  reason: string,
): void {
  if (c.state !== 'running') return;
  keepVolumes(node, c);
  c.state = 'exited';
  c.exitCode = exitCode;
  c.reason = reason;
  c.finishedAtMs = sim.state.nowMs;
  c.stopping = undefined;
  // The trace names pods `pod/NAMESPACE/NAME` (containerd knows them from the sandbox labels).
  const kp = node.kubelet.pods[c.podUid];
  sim.trace(
    ACTOR.runtime(node.name),
    ACTOR.kubelet(node.name),
    'process',
    kp ? keyName('pod', kp.key, kp.pod.metadata) : `pod/${c.podUid}`,
    `container ${c.name} exited with code ${exitCode} (${reason})`,
    exitCode !== 0,
  );
  const sb = node.runtime.sandboxes[c.podUid];
  if (sb?.stopping && !podContainers(node, c.podUid).some((x) => x.state === 'running'))
    sim.schedule(1, { t: 'runtime/stopped', node: node.name, uid: c.podUid });
}

/**
 * StartContainer failed (runc could not exec the process): containerd marks the container
 * exited with StartError, exit code 128 and the error as its message; it never started, so its
 * start time is the zero time (1970-01-01T00:00:00Z).
 */
export function failStart(
  sim: Simulation,
  node: NodeState,
  c: RuntimeContainer,
  message: string,
): void {
  c.state = 'exited';
  c.exitCode = START_ERROR_EXIT;
  c.reason = START_ERROR_REASON;
  c.message = message;
  c.startedAtMs = -EPOCH_MS;
  c.finishedAtMs = sim.state.nowMs;
  const kp = node.kubelet.pods[c.podUid];
  sim.trace(
    ACTOR.runtime(node.name),
    ACTOR.kubelet(node.name),
    'cri',
    kp ? keyName('pod', kp.key, kp.pod.metadata) : `pod/${c.podUid}`,
    `StartContainer ${c.name} failed: ${message}`,
    true,
  );
}

/**
 * StopContainer(timeout) for each running container of a pod that is going away: the stop
 * signal now, SIGKILL at the timeout; the runtime says `runtime/stopped` when the last one has
 * ended (at once when none runs).
 */
export function stopPod(
  sim: Simulation,
  node: NodeState,
  uid: string,
  podObject: string,
  stops: { c: RuntimeContainer; timeoutSec: number }[],
): void {
  const sb = node.runtime.sandboxes[uid];
  if (sb) sb.stopping = true;
  for (const { c, timeoutSec } of stops) stopOne(sim, node, c, timeoutSec, podObject);
  if (!podContainers(node, uid).some((x) => x.state === 'running'))
    sim.schedule(1, { t: 'runtime/stopped', node: node.name, uid });
}

export function stopOne(
  sim: Simulation,
  node: NodeState,
  c: RuntimeContainer,
  timeoutSec: number,
  podObject: string,
): void {
  if (c.state !== 'running') return;
  sim.trace(
    ACTOR.kubelet(node.name),
    ACTOR.runtime(node.name),
    'cri',
    podObject,
    `StopContainer ${c.name} (timeout ${timeoutSec}s, ${stopSignalOf(c)})`,
  );
  stopContainer(sim, node, c, timeoutSec);
}

/** StopContainer's timeout ran out: SIGKILL (exit status 137, reason Error). */
export function stopTimedOut(
  sim: Simulation,
  node: NodeState,
  containerId: string,
  killAtMs: number,
): void {
  const c = node.runtime.containers[containerId];
  if (!killIsDue(c, killAtMs)) return;
  exitContainer(sim, node, c, SIGKILL_EXIT, 'Error');
}

/** StopContainer / StopPodSandbox / RemovePodSandbox for a whole pod: everything of it goes. */
export function killPod(sim: Simulation, node: NodeState, uid: string, podObject: string): void {
  const rt = node.runtime;
  for (const c of podContainers(node, uid)) {
    if (c.state === 'running') {
      // Whatever still runs when the sandbox goes is killed with it.
      sim.trace(
        ACTOR.kubelet(node.name),
        ACTOR.runtime(node.name),
        'cri',
        podObject,
        `StopContainer ${c.name}`,
      );
      c.state = 'exited';
      c.exitCode = SIGKILL_EXIT;
      c.reason = 'Error';
      c.finishedAtMs = sim.state.nowMs;
      c.stopping = undefined;
    }
  }
  const sb = sandboxOf(node, uid);
  if (sb) {
    sim.trace(
      ACTOR.kubelet(node.name),
      ACTOR.runtime(node.name),
      'cri',
      podObject,
      'StopPodSandbox, RemovePodSandbox',
    );
    delete rt.sandboxes[uid];
  }
  for (const c of [...podContainers(node, uid)]) removeContainer(node, c.id);
}
