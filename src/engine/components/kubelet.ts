/**
 * The kubelet (one per node): registers its Node, renews its Lease, posts node status, watches the
 * pods bound to its node and drives the container runtime through CRI in the real order
 * (RunPodSandbox → PullImage → CreateContainer → StartContainer), restarting containers per
 * restartPolicy with CrashLoopBackOff. Actual container state is always read back from the
 * runtime (as the real kubelet does through PLEG), so the kubelet keeps every pod running and
 * restarts crashed containers on its own while the API server is unreachable, and reconciles
 * once it is back.
 */

import { type KObject, nodeUser } from '../api/types';
import { normalizeImage } from '../model/images';
import { concatExact, isoTime, jsonEqual, objectKey } from '../model/meta';
import { bootIdOf, initialNode, maxPodsOf, nodeConditions } from '../model/nodeObject';
import { runHook } from '../process/hooks';
import { prepareContainer, processWake, specOf, startProcess } from '../process/supervisor';
import { K8S, SIM } from '../sim/defaults';
import { heldPods, holdPod, releasePod } from '../sim/kubeletPods';
import type { Msg } from '../sim/messages';
import type { EventSource, Simulation } from '../sim/simulation';
import type { KubeletPod, NodeState, RuntimeContainer } from '../sim/state';
import { clientLimit, takeToken, tokenWaitMs } from '../sim/tokenBucket';
import { ACTOR, keyName } from '../trace';
import {
  containerProbedReady,
  containerStarted,
  ensureProbes,
  failedProbe,
  type ProberHost,
  probeKillGraceSec,
  probeTick,
  startProbes,
} from './prober';
import * as cri from './runtime';

type KubeletMsg = Extract<Msg, { t: `kubelet/${string}` | `runtime/${string}` }>;

export function handleKubelet(sim: Simulation, msg: KubeletMsg): void {
  const node = sim.state.nodes[msg.node];
  if (!node?.up) return;
  const k = node.kubelet;
  switch (msg.t) {
    case 'runtime/sandboxReady': {
      const sb = node.runtime.sandboxes[msg.uid];
      // (a stopped sandbox: the machine went down before the answer came)
      if (!sb || sb.id !== msg.sandboxId || sb.stopped) return;
      if (node.runtime.broken) {
        delete node.runtime.sandboxes[msg.uid];
      } else {
        sb.ready = true;
        sim.trace(
          ACTOR.runtime(node.name),
          ACTOR.kubelet(node.name),
          'cri',
          podObj(k.pods[msg.uid]),
          `sandbox ready, pod IP ${sb.ip}`,
        );
      }
      return resume(sim, node, msg.uid);
    }
    case 'runtime/containerCreated': {
      const c = node.runtime.containers[msg.containerId];
      const kp = k.pods[msg.uid];
      // Gone, or exited when the machine went down before the answer came.
      if (c?.state !== 'created') return resume(sim, node, msg.uid);
      if (node.runtime.broken) {
        cri.removeContainer(node, msg.containerId);
        return resume(sim, node, msg.uid);
      }
      if (kp && !k.broken)
        event(
          sim,
          node,
          kp.pod,
          'Normal',
          'Created',
          text(CREATED, 'Created container: ', c.name),
          fieldPathOf(kp.pod, c.name),
        );
      cri.startContainer(sim, node, msg.uid, c.name, c.id, podObj(kp));
      return;
    }
    case 'runtime/containerStarted': {
      const c = node.runtime.containers[msg.containerId];
      const kp = k.pods[msg.uid];
      if (c?.state !== 'created') return resume(sim, node, msg.uid);
      if (node.runtime.broken) {
        cri.removeContainer(node, msg.containerId);
        return resume(sim, node, msg.uid);
      }
      const spec = kp ? specOf(kp.pod, c.name) : undefined;
      c.state = 'running';
      c.startedAtMs = sim.state.nowMs;
      const launched = startProcess(sim, node, kp?.pod, spec, c);
      if (!launched.ok) {
        cri.failStart(sim, node, c, launched.message);
        if (kp && !k.broken)
          event(
            sim,
            node,
            kp.pod,
            'Warning',
            'Failed',
            `Error: ${launched.message}`,
            fieldPathOf(kp.pod, c.name),
          );
        return resume(sim, node, msg.uid);
      }
      sim.trace(
        ACTOR.runtime(node.name),
        ACTOR.kubelet(node.name),
        'process',
        podObj(kp),
        `container ${c.name} running`,
      );
      if (kp) {
        if (!k.broken)
          event(
            sim,
            node,
            kp.pod,
            'Normal',
            'Started',
            text(STARTED, 'Started container ', c.name),
            fieldPathOf(kp.pod, c.name),
          );
        startProbes(sim, node, kp, c);
      }
      return resume(sim, node, msg.uid);
    }
    case 'runtime/containerExit': {
      const c = node.runtime.containers[msg.containerId];
      if (!c) return;
      cri.exitContainer(sim, node, c, msg.exitCode, msg.reason);
      return plegSoon(sim, node);
    }
    case 'runtime/stopped':
      return finishKill(sim, node, msg.uid);
    case 'runtime/processWake':
      return processWake(sim, node, msg.containerId, msg.wake);
    case 'runtime/stopTimeout':
      cri.stopTimedOut(sim, node, msg.containerId, msg.killAtMs);
      return plegSoon(sim, node);
    case 'kubelet/stopContainer': {
      const c = node.runtime.containers[msg.containerId];
      if (c) cri.stopOne(sim, node, c, msg.timeoutSec, podObj(k.pods[msg.uid]));
      return;
    }
    case 'kubelet/imagePulled':
      return imagePulled(sim, node, msg.image, msg.error);
  }
  if (k.broken) return;
  switch (msg.t) {
    case 'kubelet/register':
      return register(sim, node);
    case 'kubelet/lease':
      return renewLease(sim, node);
    case 'kubelet/nodeStatus':
      return postNodeStatus(sim, node);
    case 'kubelet/pleg':
      return pleg(sim, node);
    case 'kubelet/relist':
      return relist(sim, node);
    case 'kubelet/statusRetry':
      delete k.pendingStatus['#throttled'];
      return retryPodStatuses(sim, node);
    case 'kubelet/sync': {
      const kp = k.pods[msg.uid];
      if (kp?.wakeAtMs && kp.wakeAtMs <= sim.state.nowMs) kp.wakeAtMs = 0;
      return syncPod(sim, node, msg.uid);
    }
    case 'kubelet/podWatch':
      return podWatch(sim, node, msg.key, msg.uid, msg.ev);
    case 'kubelet/probe':
      return probeTick(sim, node, proberHost(sim, node), msg.uid, msg.container, msg.seq);
  }
}

// ---- events and helpers ---------------------------------------------------------------------

function source(node: NodeState): EventSource {
  return {
    component: 'kubelet',
    host: node.name,
    user: nodeUser(node.name),
    actor: ACTOR.kubelet(node.name),
  };
}

/** The Node as an event's involved object (the kubelet's nodeRef: uid is the node name). */
function nodeRef(nodeObj: KObject, node: NodeState): KObject {
  return { ...nodeObj, metadata: { ...nodeObj.metadata, uid: node.name, namespace: undefined } };
}

/** Every kubelet start records "Starting kubelet." on its Node (kubelet.go Run). */
export function announceStart(sim: Simulation, node: NodeState): void {
  const nodeObj = sim.store('nodes')[node.name];
  if (nodeObj) event(sim, node, nodeRef(nodeObj, node), 'Normal', 'Starting', 'Starting kubelet.');
}

function event(
  sim: Simulation,
  node: NodeState,
  obj: KObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  fieldPath?: string,
): void {
  if (!sim.state.apiserverUp) return; // the event broadcaster drops what it cannot send
  sim.recordEvent(source(node), obj, type, reason, message, fieldPath);
}

function podObj(kp: KubeletPod | undefined): string {
  return kp ? keyName('pod', kp.key, kp.pod.metadata) : '';
}

function fieldPathOf(pod: KObject, container: string): string {
  const init = (pod.spec.initContainers ?? []).findIndex(
    (c: { name: string }) => c.name === container,
  );
  const paths = init >= 0 ? initContainerPaths : containerPaths;
  let path = paths.get(container);
  if (path === undefined) {
    path = init >= 0 ? `spec.initContainers{${container}}` : `spec.containers{${container}}`;
    if (paths.size < 4096) paths.set(container, path);
  }
  return path;
}

/** Event messages that repeat for every pod (kept by each Event): one string per name. */
const CREATED = new Map<string, string>();
const STARTED = new Map<string, string>();
const PRESENT = new Map<string, string>();

function text(known: Map<string, string>, before: string, name: string, after = ''): string {
  let t = known.get(name);
  if (t === undefined) {
    t = `${before}${name}${after}`;
    if (known.size < 4096) known.set(name, t);
  }
  return t;
}

/** Field paths are kept by every Event about a container: one string per container name. */
const containerPaths = new Map<string, string>();
const initContainerPaths = new Map<string, string>();

function resume(sim: Simulation, node: NodeState, uid: string): void {
  const kp = node.kubelet.pods[uid];
  if (!kp) return;
  kp.busy = false;
  if (!node.kubelet.broken)
    sim.schedule(SIM.kubeletSyncDelayMs, { t: 'kubelet/sync', node: node.name, uid });
}

function wake(sim: Simulation, node: NodeState, kp: KubeletPod, atMs: number): void {
  if (kp.wakeAtMs === atMs) return;
  kp.wakeAtMs = atMs;
  sim.schedule(atMs - sim.state.nowMs, { t: 'kubelet/sync', node: node.name, uid: kp.uid });
}

/** PLEG relists every second: an exit is noticed at the next relist tick. */
function plegSoon(sim: Simulation, node: NodeState): void {
  const k = node.kubelet;
  if (k.pendingStatus['#pleg']) return;
  k.pendingStatus['#pleg'] = true;
  sim.schedule(nextRelistMs(sim, node) - sim.state.nowMs, { t: 'kubelet/pleg', node: node.name });
}

/** The next PLEG relist tick after now (relists run every second from the kubelet's start). */
function nextRelistMs(sim: Simulation, node: NodeState): number {
  const period = K8S.plegRelistPeriodMs;
  const since = node.kubelet.startedAtMs;
  return Math.ceil((sim.state.nowMs - since + 1) / period) * period + since;
}

function pleg(sim: Simulation, node: NodeState): void {
  delete node.kubelet.pendingStatus['#pleg'];
  for (const kp of Object.values(node.kubelet.pods)) syncPod(sim, node, kp.uid);
}

// ---- probes (components/prober.ts) --------------------------------------------------------------

/** What the prober reports to: the pod's events, and a sync when a result changed. */
function proberHost(sim: Simulation, node: NodeState): ProberHost {
  return {
    event: (kp, container, type, reason, message) =>
      event(sim, node, kp.pod, type, reason, message, fieldPathOf(kp.pod, container)),
    resync: (kp) => syncPod(sim, node, kp.uid),
  };
}

/**
 * A running container in the pod worker's sync: its probe workers exist (after a kubelet
 * restart too), and one whose liveness or startup probe failed is killed
 * (kuberuntime_manager.go computePodActions).
 */
function syncProbes(sim: Simulation, node: NodeState, kp: KubeletPod, c: RuntimeContainer): void {
  ensureProbes(sim, node, kp, c);
  const failed = failedProbe(kp, c);
  if (failed && !c.stopping) killForProbe(sim, node, kp, c, failed);
}

/**
 * kuberuntime_manager.go computePodActions + kuberuntime_container.go killContainer: the
 * `Killing` event says why, the grace period is the probe's terminationGracePeriodSeconds or the
 * pod's, a preStop hook runs first.
 */
function killForProbe(
  sim: Simulation,
  node: NodeState,
  kp: KubeletPod,
  c: RuntimeContainer,
  failed: 'liveness' | 'startup',
): void {
  const restart = (kp.pod.spec.restartPolicy ?? 'Always') !== 'Never';
  const why = `Container ${c.name} failed ${failed} probe`;
  event(
    sim,
    node,
    kp.pod,
    'Normal',
    'Killing',
    restart ? `${why}, will be restarted` : why,
    fieldPathOf(kp.pod, c.name),
  );
  const cp = kp.probes?.[c.name];
  if (cp) cp.killedId = c.id;
  const graceSec = probeKillGraceSec(kp.pod, c.name, failed);
  const hookMs = runPreStop(sim, node, kp, c, graceSec);
  const timeoutSec = Math.max(MIN_STOP_GRACE_SEC, graceSec - Math.ceil(hookMs / 1000));
  if (hookMs > 0)
    sim.schedule(hookMs, {
      t: 'kubelet/stopContainer',
      node: node.name,
      uid: kp.uid,
      containerId: c.id,
      timeoutSec,
    });
  else cri.stopOne(sim, node, c, timeoutSec, podObj(kp));
}

/**
 * When the back-off of a restart counts from. The kubelet restarts a container it killed for a
 * failed probe in the same sync, after the kill, judging the back-off by the container that
 * exited before it (kuberuntime_manager.go doBackOff reads the pod status taken before the kill).
 */
function backOffSinceMs(node: NodeState, kp: KubeletPod, inst: RuntimeContainer): number {
  if (kp.probes?.[inst.name]?.killedId !== inst.id) return inst.finishedAtMs;
  const prev = cri.previousInstance(node, kp.uid, inst.name, inst.id);
  return prev ? prev.finishedAtMs : Number.NEGATIVE_INFINITY;
}

// ---- registration, lease, node status --------------------------------------------------------

function register(sim: Simulation, node: NodeState): void {
  const k = node.kubelet;
  if (k.registered) return;
  const body = initialNode(node, sim.state.nowMs);
  const res = sim.api(ACTOR.kubelet(node.name), nodeUser(node.name), {
    verb: 'create',
    resource: 'nodes',
    body,
  });
  if (res.ok || res.status?.reason === 'AlreadyExists') {
    k.registered = true;
    k.registerBackoffMs = K8S.registerRetryInitialMs;
    const nodeObj = sim.store('nodes')[node.name];
    // A kubelet that finds its Node already there is a restarted one: it says so too.
    if (!res.ok) announceStart(sim, node);
    if (res.ok && nodeObj) {
      const ref = nodeRef(nodeObj, node);
      event(sim, node, ref, 'Normal', 'Starting', 'Starting kubelet.');
      for (const reason of [
        'NodeHasSufficientMemory',
        'NodeHasNoDiskPressure',
        'NodeHasSufficientPID',
      ]) {
        event(sim, node, ref, 'Normal', reason, `Node ${node.name} status is now: ${reason}`);
      }
      event(
        sim,
        node,
        ref,
        'Normal',
        'NodeAllocatableEnforced',
        'Updated Node Allocatable limit across pods',
      );
    }
    k.lastStatusReportMs = sim.state.nowMs;
    sim.schedule(0, { t: 'kubelet/lease', node: node.name });
    // A restarted kubelet syncs its node status at once (syncNodeStatus runs when the loop
    // starts), so a node that was NotReady while it was away turns Ready again without waiting
    // a whole period.
    sim.schedule(res.ok ? K8S.nodeStatusUpdateFrequencyMs : 0, {
      t: 'kubelet/nodeStatus',
      node: node.name,
    });
    sim.schedule(SIM.kubeletSyncDelayMs, { t: 'kubelet/relist', node: node.name });
    for (const kp of Object.values(k.pods)) if (kp.isStatic) syncPod(sim, node, kp.uid);
    return;
  }
  sim.schedule(k.registerBackoffMs, { t: 'kubelet/register', node: node.name });
  k.registerBackoffMs = Math.min(k.registerBackoffMs * 2, K8S.registerRetryMaxMs);
}

function renewLease(sim: Simulation, node: NodeState): void {
  const k = node.kubelet;
  const user = nodeUser(node.name);
  const actor = ACTOR.kubelet(node.name);
  const existing = sim.store('leases')[`kube-node-lease/${node.name}`];
  const spec = {
    holderIdentity: node.name,
    leaseDurationSeconds: K8S.nodeLeaseDurationSeconds,
    renewTime: sim.microNow(),
  };
  const body: KObject = existing
    ? { ...existing, spec: { ...existing.spec, ...spec } }
    : {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name: node.name,
          namespace: 'kube-node-lease',
          ownerReferences: [
            {
              apiVersion: 'v1',
              kind: 'Node',
              name: node.name,
              uid: sim.store('nodes')[node.name]?.metadata.uid ?? '',
            },
          ],
        },
        spec,
      };
  const res = sim.api(
    actor,
    user,
    {
      verb: existing ? 'update' : 'create',
      resource: 'leases',
      namespace: 'kube-node-lease',
      name: node.name,
      body,
      typed: true,
    },
    'heartbeat',
  );
  if (res.ok) {
    k.leaseBackoffMs = K8S.leaseRetryInitialMs;
    if (k.needsRelist) sim.schedule(0, { t: 'kubelet/relist', node: node.name });
    sim.schedule(K8S.leaseRenewIntervalMs, { t: 'kubelet/lease', node: node.name });
  } else {
    k.needsRelist = true;
    sim.schedule(k.leaseBackoffMs, { t: 'kubelet/lease', node: node.name });
    k.leaseBackoffMs = Math.min(k.leaseBackoffMs * 2, K8S.leaseRetryMaxMs);
  }
}

/** What the kubelet's runtime-status check finds (kubelet runtimeState.runtimeErrors). */
function readyState(node: NodeState): { ready: boolean; message?: string } {
  return node.runtime.broken
    ? { ready: false, message: 'container runtime is down' }
    : { ready: true };
}

function postNodeStatus(sim: Simulation, node: NodeState): void {
  const k = node.kubelet;
  sim.schedule(K8S.nodeStatusUpdateFrequencyMs, { t: 'kubelet/nodeStatus', node: node.name });
  retryPodStatuses(sim, node);
  const ready = readyState(node);
  for (let attempt = 0; attempt < K8S.nodeStatusUpdateRetry; attempt++) {
    const got = sim.api(
      ACTOR.kubelet(node.name),
      nodeUser(node.name),
      { verb: 'get', resource: 'nodes', name: node.name },
      'heartbeat',
    );
    if (!got.ok || !got.object) {
      if (!got.ok && got.status?.reason === 'NotFound') {
        // The Node object was deleted: register again (kubelet_node_status.go).
        k.registered = false;
        sim.schedule(0, { t: 'kubelet/register', node: node.name });
        return;
      }
      continue;
    }
    const current = got.object;
    const oldReady = (current.status?.conditions ?? []).find(
      (c: { type: string }) => c.type === 'Ready',
    );
    const readyStatus = ready.ready ? 'True' : 'False';
    const changed =
      !oldReady ||
      oldReady.status !== readyStatus ||
      (oldReady.message ?? '') !==
        (ready.ready ? 'kubelet is posting ready status' : ready.message);
    // nodestatus.MachineInfo: a boot ID other than the one on record means the machine rebooted.
    const bootID = bootIdOf(node);
    const recordedBootID: string = current.status?.nodeInfo?.bootID ?? '';
    if (
      !changed &&
      recordedBootID === bootID &&
      sim.state.nowMs - k.lastStatusReportMs < K8S.nodeStatusReportFrequencyMs
    )
      return;
    const transitionMs = changed ? sim.state.nowMs : msOf(oldReady?.lastTransitionTime);
    const conditions = nodeConditions(
      sim.state.nowMs,
      transitionMs,
      ready,
      current.status?.conditions?.[0]?.lastTransitionTime
        ? msOf(current.status.conditions[0].lastTransitionTime)
        : sim.state.nowMs,
    );
    const nodeInfo =
      recordedBootID === bootID
        ? current.status?.nodeInfo
        : { ...current.status?.nodeInfo, bootID };
    const body = {
      ...current,
      status: { ...current.status, conditions, images: imagesOf(node), nodeInfo },
    };
    const limit = kubeletLimit(sim);
    if (limit) node.kubelet.client = takeToken(node.kubelet.client, limit, sim.state.nowMs);
    const res = sim.api(
      ACTOR.kubelet(node.name),
      nodeUser(node.name),
      {
        verb: 'update',
        resource: 'nodes',
        subresource: 'status',
        name: node.name,
        body,
        typed: true,
      },
      'heartbeat',
    );
    if (res.ok) {
      k.lastStatusReportMs = sim.state.nowMs;
      if (recordedBootID && recordedBootID !== bootID)
        event(
          sim,
          node,
          nodeRef(current, node),
          'Warning',
          'Rebooted',
          `Node ${node.name} has been rebooted, boot id: ${bootID}`,
        );
      if (changed && oldReady) {
        const reason = readyStatus === 'True' ? 'NodeReady' : 'NodeNotReady';
        event(
          sim,
          node,
          { ...current, metadata: { ...current.metadata, uid: node.name } },
          'Normal',
          reason,
          `Node ${node.name} status is now: ${reason}`,
        );
      }
      return;
    }
  }
}

function msOf(iso: string | undefined): number {
  return iso ? Date.parse(iso) - Date.parse(isoTime(0)) : 0;
}

function imagesOf(node: NodeState) {
  return Object.entries(node.runtime.images)
    .sort((a, b) => b[1].sizeBytes - a[1].sizeBytes)
    .slice(0, 50)
    .map(([name, img]) => ({
      names: [`${name.split(':')[0]}@${img.id}`, name],
      sizeBytes: img.sizeBytes,
    }));
}

// ---- the pod list ----------------------------------------------------------------------------

function podWatch(sim: Simulation, node: NodeState, key: string, uid: string, ev: string): void {
  const k = node.kubelet;
  const pod = sim.store('pods')[key];
  if (!pod || pod.metadata.uid !== uid) {
    // Gone from the API server (force-deleted or finalised): stop whatever still runs.
    const kp = k.pods[uid];
    if (kp && !kp.isStatic) {
      kp.terminating = true;
      syncPod(sim, node, uid);
    } else if (!kp) {
      // A static pod's mirror went away: the kubelet makes it again.
      const skp = Object.values(k.pods).find((x) => x.isStatic && x.key === key);
      if (skp)
        sim.schedule(SIM.kubeletSyncDelayMs, { t: 'kubelet/sync', node: node.name, uid: skp.uid });
    }
    return;
  }
  if (pod.spec?.nodeName !== node.name) return;
  sim.trace(
    ACTOR.apiserver,
    ACTOR.kubelet(node.name),
    'watch',
    keyName('pod', key, pod.metadata),
    `watch ${ev} pod ${pod.metadata.name}${ev === 'ADDED' ? ` (spec.nodeName=${node.name})` : pod.metadata.deletionTimestamp ? ' (deletionTimestamp set)' : ''}`,
  );
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror']) {
    const skp = Object.values(node.kubelet.pods).find((x) => x.isStatic && x.key === key);
    if (skp)
      sim.schedule(SIM.kubeletSyncDelayMs, { t: 'kubelet/sync', node: node.name, uid: skp.uid });
    return;
  }
  const kp = k.pods[uid];
  if (kp && ev === 'MODIFIED' && !differsSemantically(kp.pod, pod)) {
    // config.go checkAndUpdatePod: an update that changes only the status is a reconcile, not
    // a pod update; the pod worker is not woken (the status manager keeps the kubelet's status
    // the truth). Most such updates are the echo of the kubelet's own status writes.
    kp.pod = pod;
    const apiReady = readyStatusOf(pod);
    if (apiReady !== undefined && kp.conditions.Ready && apiReady !== kp.conditions.Ready.status)
      sim.schedule(SIM.kubeletSyncDelayMs, { t: 'kubelet/sync', node: node.name, uid });
    return;
  }
  admitPod(sim, node, pod);
}

/** config.go podsDifferSemantically: spec, labels, annotations and deletion fields. */
function differsSemantically(existing: KObject, ref: KObject): boolean {
  const a = existing.metadata;
  const b = ref.metadata;
  return (
    !jsonEqual(existing.spec, ref.spec) ||
    !jsonEqual(a.labels, b.labels) ||
    !jsonEqual(a.annotations, b.annotations) ||
    a.deletionTimestamp !== b.deletionTimestamp ||
    a.deletionGracePeriodSeconds !== b.deletionGracePeriodSeconds
  );
}

function readyStatusOf(pod: KObject): string | undefined {
  for (const c of pod.status?.conditions ?? []) if (c.type === 'Ready') return c.status;
  return undefined;
}

function admitPod(sim: Simulation, node: NodeState, pod: KObject): void {
  const k = node.kubelet;
  const uid = pod.metadata.uid as string;
  let kp = k.pods[uid];
  if (!kp) {
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
    if (!pod.metadata.deletionTimestamp && !admitsAnotherPod(sim, node, pod)) return;
    kp = newKubeletPod(sim, pod, false);
    holdPod(k, kp);
  } else {
    kp.pod = pod;
  }
  if (pod.metadata.deletionTimestamp) kp.terminating = true;
  sim.schedule(SIM.kubeletSyncDelayMs, { t: 'kubelet/sync', node: node.name, uid });
}

/**
 * canAdmitPod's resource check (lifecycle/predicate.go, GeneralPredicates): the pods the kubelet
 * runs and is not stopping, plus this one, must fit the node's allocatable `pods` (maxPods, 110).
 * A pod bound past it (spec.nodeName set by hand) is rejected: Failed, reason OutOfpods
 * (rejectPod). The scheduler never binds one there (NodeResourcesFit: Too many pods).
 */
function admitsAnotherPod(sim: Simulation, node: NodeState, pod: KObject): boolean {
  const capacity = maxPodsOf(node);
  if (heldPods(node.kubelet) + 1 <= capacity) return true;
  let used = 0;
  for (const uid in node.kubelet.pods) {
    const other = node.kubelet.pods[uid];
    const phase = other.sentStatus?.phase ?? other.pod.status?.phase;
    if (!other.terminating && phase !== 'Succeeded' && phase !== 'Failed') used++;
  }
  if (used + 1 <= capacity) return true;
  const message = `Node didn't have enough resource: pods, requested: 1, used: ${used}, capacity: ${capacity}`;
  event(sim, node, pod, 'Warning', 'OutOfpods', message);
  sim.api(ACTOR.kubelet(node.name), nodeUser(node.name), {
    verb: 'update',
    resource: 'pods',
    subresource: 'status',
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    body: {
      ...pod,
      status: {
        phase: 'Failed',
        reason: 'OutOfpods',
        message: `Pod was rejected: ${message}`,
        qosClass: pod.status?.qosClass,
      },
    },
  });
  return false;
}

export function newKubeletPod(sim: Simulation, pod: KObject, isStatic: boolean): KubeletPod {
  return {
    uid: pod.metadata.uid as string,
    key: objectKey(pod),
    pod,
    isStatic,
    mirrorCreated: false,
    busy: false,
    conditions: {},
    // A restarted kubelet keeps the start time the API server has (generateAPIPodStatus).
    startTimeMs: pod.status?.startTime ? msOf(pod.status.startTime) : sim.state.nowMs,
    backoff: {},
    sentStatus: null,
    terminating: false,
    waitingForImage: '',
    wakeAtMs: 0,
  };
}

/** After a restart or a reconnect: list the pods bound to this node and reconcile. */
function relist(sim: Simulation, node: NodeState): void {
  const k = node.kubelet;
  const res = sim.api(ACTOR.kubelet(node.name), nodeUser(node.name), {
    verb: 'list',
    resource: 'pods',
    fieldSelector: `spec.nodeName=${node.name}`,
  });
  if (!res.ok || !res.items) {
    k.needsRelist = true;
    return; // the lease loop notices when the API server is back and asks again
  }
  k.needsRelist = false;
  const seen = new Set<string>();
  for (const pod of res.items) {
    if (pod.metadata.annotations?.['kubernetes.io/config.mirror']) continue;
    seen.add(pod.metadata.uid as string);
    admitPod(sim, node, pod);
  }
  for (const kp of Object.values(k.pods)) {
    if (!kp.isStatic && !seen.has(kp.uid)) {
      kp.terminating = true;
      syncPod(sim, node, kp.uid);
    } else if (kp.isStatic) {
      syncPod(sim, node, kp.uid);
    }
  }
  for (const uid of Object.keys(node.runtime.sandboxes))
    if (!k.pods[uid]) cri.killPod(sim, node, uid, '');
  retryPodStatuses(sim, node);
}

function retryPodStatuses(sim: Simulation, node: NodeState): void {
  for (const key of Object.keys(node.kubelet.pendingStatus)) {
    if (key.startsWith('#')) continue;
    const kp = node.kubelet.pods[key];
    delete node.kubelet.pendingStatus[key];
    if (kp) publishStatus(sim, node, kp);
  }
}

// ---- the pod worker ----------------------------------------------------------------------------

export function syncPod(sim: Simulation, node: NodeState, uid: string): void {
  const k = node.kubelet;
  const kp = k.pods[uid];
  if (!kp || k.broken || !node.up) return;
  if (kp.terminating) return killPod(sim, node, kp);
  if (kp.busy || kp.waitingForImage) return publishStatus(sim, node, kp);
  const rt = node.runtime;
  const pod = kp.pod;
  const obj = podObj(kp);

  const sandbox = cri.sandboxOf(node, uid);
  if (!sandbox?.ready) {
    if (sandbox && !sandbox.stopped) return; // still being created
    if (rt.broken) {
      event(
        sim,
        node,
        pod,
        'Warning',
        'FailedCreatePodSandBox',
        `Failed to create pod sandbox: ${cri.RUNTIME_DOWN}`,
      );
      wake(sim, node, kp, sim.state.nowMs + 10_000);
      return publishStatus(sim, node, kp);
    }
    // A sandbox the kubelet saw ready, or one the runtime kept from before a reboot, is replaced.
    if (hadSandboxBefore(kp) || sandbox?.stopped)
      event(
        sim,
        node,
        pod,
        'Normal',
        'SandboxChanged',
        'Pod sandbox changed, it will be killed and re-created.',
      );
    kp.busy = true;
    cri.runPodSandbox(sim, node, uid, obj, nextPodIp(node, pod));
    return publishStatus(sim, node, kp);
  }

  const policy: string = pod.spec.restartPolicy ?? 'Always';
  // Init containers, in order, each to completion.
  for (const c of pod.spec.initContainers ?? []) {
    const inst = cri.latestInstance(node, uid, c.name);
    if (inst?.state === 'exited' && inst.exitCode === 0) continue;
    if (inst && inst.state !== 'exited') return publishStatus(sim, node, kp);
    if (inst && policy === 'Never') return publishStatus(sim, node, kp);
    if (inst && inBackOff(sim, node, kp, c.name, inst)) return publishStatus(sim, node, kp);
    if (awaitsRetry(sim, kp, c)) return publishStatus(sim, node, kp);
    if (!startContainer(sim, node, kp, c)) publishStatus(sim, node, kp);
    return;
  }
  // Regular containers: SyncPod tries each one to start, even when one of them fails.
  for (const c of pod.spec.containers ?? []) {
    const inst = cri.latestInstance(node, uid, c.name);
    if (inst?.state === 'running') syncProbes(sim, node, kp, inst);
    if (inst && inst.state !== 'exited') continue;
    if (inst) {
      const restart = policy === 'Always' || (policy === 'OnFailure' && inst.exitCode !== 0);
      if (!restart) continue;
      if (inBackOff(sim, node, kp, c.name, inst)) continue;
    }
    if (awaitsRetry(sim, kp, c)) continue;
    if (startContainer(sim, node, kp, c)) return;
  }
  publishStatus(sim, node, kp);
}

/**
 * The container's last start failed and the pod worker has not retried yet: a sync that fails
 * is requeued 10–15 s later (pod_workers.go completeWork), whatever else wakes the pod. A new
 * image (kubectl set image) is a new start, tried at once.
 */
function awaitsRetry(sim: Simulation, kp: KubeletPod, c: ContainerSpec): boolean {
  const failed = kp.startFailures?.[c.name];
  return !!failed && failed.image === c.image && sim.state.nowMs < (kp.retryAtMs ?? 0);
}

/**
 * A container could not be started: kuberuntime's `Error: <reason>` event, the reason and message
 * its status shows until a start succeeds (reasonCache), and the pod worker's retry.
 */
function startFailed(
  sim: Simulation,
  node: NodeState,
  kp: KubeletPod,
  c: ContainerSpec,
  reason: string,
  message: string,
): void {
  event(sim, node, kp.pod, 'Warning', 'Failed', `Error: ${reason}`, fieldPathOf(kp.pod, c.name));
  const firstStart = !kp.startFailures?.[c.name] && !cri.latestInstance(node, kp.uid, c.name);
  kp.startFailures = { ...(kp.startFailures ?? {}), [c.name]: { reason, message, image: c.image } };
  if (firstStart) {
    // The pod's first start also created its sandbox: the PLEG relist that reports the new
    // sandbox queues another sync, which runs as soon as this one ends (pod_workers.go keeps a
    // pending update), so the back-off shows at once instead of 10–15 s later.
    kp.retryAtMs = nextRelistMs(sim, node);
  } else {
    const base = K8S.podWorkerBackOffMs;
    kp.retryAtMs = sim.state.nowMs + sim.int(base, base + base * K8S.podWorkerBackOffJitter);
  }
  wake(sim, node, kp, kp.retryAtMs);
}

/** The container started (or is being created): its status no longer shows the failure. */
function startSucceeded(kp: KubeletPod, name: string): void {
  if (!kp.startFailures?.[name]) return;
  const { [name]: _gone, ...rest } = kp.startFailures;
  kp.startFailures = rest;
}

/** Image back-off per pod and image as written (image_manager.go backOffKey). */
function imageInBackOff(sim: Simulation, kp: KubeletPod, image: string): boolean {
  const b = kp.imageBackoff?.[image];
  return !!b && sim.state.nowMs - b.updatedMs < b.delayMs;
}

/** flowcontrol.Backoff.Next after a failed pull: 10 s, doubling to 300 s; reset after 2 × max idle. */
function raiseImageBackOff(sim: Simulation, kp: KubeletPod, image: string, lastError: string) {
  const now = sim.state.nowMs;
  const b = kp.imageBackoff?.[image];
  const delayMs =
    !b || now - b.updatedMs > 2 * K8S.imageBackOffMaxMs
      ? K8S.imageBackOffInitialMs
      : Math.min(b.delayMs * 2, K8S.imageBackOffMaxMs);
  kp.imageBackoff = { ...(kp.imageBackoff ?? {}), [image]: { delayMs, updatedMs: now, lastError } };
}

/**
 * getPullSecretsForPod: the pod's imagePullSecrets the kubelet can read (the ServiceAccount's were
 * copied into the pod by admission). A named Secret that does not exist is reported and skipped;
 * only docker-config Secrets carry registry credentials (credentialprovider/secrets).
 */
function pullSecretsOf(sim: Simulation, node: NodeState, kp: KubeletPod): string[] {
  const names: string[] = (kp.pod.spec.imagePullSecrets ?? [])
    .map((s: { name?: string }) => s?.name ?? '')
    .filter((n: string) => n !== '');
  if (names.length === 0) return names;
  const store = sim.store('secrets');
  const ns = kp.pod.metadata.namespace;
  const missing = names.filter((n) => !store[`${ns}/${n}`]);
  if (missing.length)
    event(
      sim,
      node,
      kp.pod,
      'Warning',
      'FailedToRetrieveImagePullSecret',
      `Unable to retrieve some image pull secrets (${missing.join(', ')}); attempting to pull the image may not succeed.`,
    );
  return names.filter((n) => DOCKER_CONFIG_TYPES.has(store[`${ns}/${n}`]?.type));
}

const DOCKER_CONFIG_TYPES = new Set(['kubernetes.io/dockerconfigjson', 'kubernetes.io/dockercfg']);

function hadSandboxBefore(kp: KubeletPod): boolean {
  return kp.conditions.PodReadyToStartContainers?.status === 'True';
}

function nextPodIp(node: NodeState, pod: KObject): string {
  if (pod.spec?.hostNetwork) return node.ip;
  const k = node.kubelet;
  const [a, b, c] = node.podCIDR.split('/')[0].split('.');
  const host = 2 + (k.nextPodIp++ % 252);
  return `${a}.${b}.${c}.${host}`;
}

/** kuberuntime_manager.go doBackOff: restart now and raise the back-off, or wait it out. */
function inBackOff(
  sim: Simulation,
  node: NodeState,
  kp: KubeletPod,
  name: string,
  inst: RuntimeContainer,
): boolean {
  const now = sim.state.nowMs;
  const b = kp.backoff[name];
  const sinceMs = backOffSinceMs(node, kp, inst);
  if (b && b.grantedFor !== inst.id && now - sinceMs < b.delayMs) {
    const pod = kp.pod;
    event(
      sim,
      node,
      pod,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${name} in pod ${podDesc(pod)}`,
      fieldPathOf(pod, name),
    );
    wake(sim, node, kp, sinceMs + b.delayMs);
    return true;
  }
  // flowcontrol.Backoff.Next: start at 10 s, double up to 300 s; reset after 2 × max untouched.
  if (b?.grantedFor === inst.id) return false; // this exit already earned its restart
  if (!b || now - b.updatedMs > 2 * K8S.containerBackOffMaxMs)
    kp.backoff[name] = {
      delayMs: K8S.containerBackOffInitialMs,
      updatedMs: now,
      grantedFor: inst.id,
    };
  else
    kp.backoff[name] = {
      delayMs: Math.min(b.delayMs * 2, K8S.containerBackOffMaxMs),
      updatedMs: now,
      grantedFor: inst.id,
    };
  return false;
}

function podDesc(pod: KObject): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
}

interface ContainerSpec {
  name: string;
  image: string;
  imagePullPolicy?: string;
}

/**
 * kuberuntime startContainer's first step, EnsureImageExists (images/image_manager.go), then
 * CreateContainer. Returns whether CRI work is under way (the pod worker waits for it); false
 * when the start failed at once (ErrImageNeverPull, ImagePullBackOff) and SyncPod goes on.
 */
function startContainer(
  sim: Simulation,
  node: NodeState,
  kp: KubeletPod,
  c: ContainerSpec,
): boolean {
  const rt = node.runtime;
  const pod = kp.pod;
  const fieldPath = fieldPathOf(pod, c.name);
  if (rt.broken) {
    event(sim, node, pod, 'Warning', 'Failed', `Error: ${cri.RUNTIME_DOWN}`, fieldPath);
    wake(sim, node, kp, sim.state.nowMs + 10_000);
    publishStatus(sim, node, kp);
    return true;
  }
  const present = cri.hasImage(node, c.image);
  const policy = c.imagePullPolicy ?? 'IfNotPresent';
  const pulledFor = kp.pulledImages?.[c.name];
  if (policy === 'Never' && !present) {
    const message = `Container image "${c.image}" is not present with pull policy of Never`;
    event(sim, node, pod, 'Warning', 'ErrImageNeverPull', message, fieldPath);
    startFailed(sim, node, kp, c, 'ErrImageNeverPull', message);
    return false;
  }
  const mustPull = !present || (policy === 'Always' && !pulledFor);
  if (mustPull) {
    const b = kp.imageBackoff?.[c.image];
    if (imageInBackOff(sim, kp, c.image)) {
      const message = `Back-off pulling image "${c.image}"`;
      event(sim, node, pod, 'Normal', 'BackOff', message, fieldPath);
      // Since v1.32 the waiting message carries the last pull's error (image_manager.go
      // prevPullErrMsg: `<err>: <msg>`); the event does not.
      const full = b?.lastError ? `${message}: ${b.lastError}` : message;
      startFailed(sim, node, kp, c, 'ImagePullBackOff', full);
      return false;
    }
    if (b?.lastError) b.lastError = '';
    kp.waitingForImage = normalizeImage(c.image);
    kp.pullFor = c.name;
    kp.pullStartedMs = sim.state.nowMs;
    const secrets = pullSecretsOf(sim, node, kp);
    event(sim, node, pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, fieldPath);
    cri.requestPull(sim, node, c.image, podObj(kp), secrets.length > 0);
    publishStatus(sim, node, kp);
    return true;
  }
  if (!pulledFor) {
    event(
      sim,
      node,
      pod,
      'Normal',
      'Pulled',
      text(PRESENT, 'Container image "', c.image, '" already present on machine'),
      fieldPath,
    );
  }
  if (kp.pulledImages) delete kp.pulledImages[c.name];
  startSucceeded(kp, c.name);
  const sandbox = cri.sandboxOf(node, kp.uid);
  kp.busy = true;
  const id = cri.createContainer(sim, node, kp.uid, sandbox?.id ?? '', c.name, c.image, podObj(kp));
  prepareContainer(node, pod, c, node.runtime.containers[id]);
  publishStatus(sim, node, kp);
  return true;
}

function imagePulled(sim: Simulation, node: NodeState, image: string, error?: string): void {
  const nowMs = sim.state.nowMs;
  const pullMs = cri.finishPull(sim, node, image, !error);
  const rt = node.runtime;
  sim.trace(
    ACTOR.runtime(node.name),
    ACTOR.kubelet(node.name),
    'cri',
    '',
    error ? `PullImage ${image} failed: ${error}` : `image ${image} pulled`,
    !!error,
  );
  for (const kp of Object.values(node.kubelet.pods)) {
    if (kp.waitingForImage !== image) continue;
    kp.waitingForImage = '';
    const specs: ContainerSpec[] = [
      ...(kp.pod.spec.initContainers ?? []),
      ...(kp.pod.spec.containers ?? []),
    ];
    const spec =
      specs.find((c) => c.name === kp.pullFor && normalizeImage(c.image) === image) ??
      specs.find((c) => normalizeImage(c.image) === image);
    // Unset rather than deleted: a delete leaves the pod's record a slow dictionary object (the
    // snapshot's JSON is the same either way).
    kp.pullFor = undefined;
    if (spec && !node.kubelet.broken) {
      const fieldPath = fieldPathOf(kp.pod, spec.name);
      if (error) {
        event(
          sim,
          node,
          kp.pod,
          'Warning',
          'Failed',
          `Failed to pull image "${spec.image}": ${error}`,
          fieldPath,
        );
        raiseImageBackOff(sim, kp, spec.image, `ErrImagePull: ${error}`);
        startFailed(sim, node, kp, spec, 'ErrImagePull', error);
      } else {
        // The pull itself, then the time since this pod asked (its wait on the serial puller too).
        const withWaitMs = nowMs - (kp.pullStartedMs ?? nowMs);
        const tookMs = Math.min(pullMs, withWaitMs);
        const size = rt.images[image]?.sizeBytes ?? 0;
        event(
          sim,
          node,
          kp.pod,
          'Normal',
          'Pulled',
          `Successfully pulled image "${spec.image}" in ${goDuration(tookMs)} (${goDuration(withWaitMs)} including waiting). Image size: ${size} bytes.`,
          fieldPath,
        );
        kp.pulledImages = { ...(kp.pulledImages ?? {}), [spec.name]: true };
        gcImageBackOff(sim, kp);
      }
    }
    sim.schedule(SIM.kubeletSyncDelayMs, { t: 'kubelet/sync', node: node.name, uid: kp.uid });
  }
}

/** Go's time.Duration String() for whole milliseconds: `775ms`, `1.523s`, `1m2.5s`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(3).replace(/\.?0+$/, '');
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

/** flowcontrol.Backoff.GC after a successful pull: entries idle for 2 × max are forgotten. */
function gcImageBackOff(sim: Simulation, kp: KubeletPod): void {
  if (!kp.imageBackoff) return;
  const now = sim.state.nowMs;
  const keep = Object.entries(kp.imageBackoff).filter(
    ([, b]) => now - b.updatedMs <= 2 * K8S.imageBackOffMaxMs,
  );
  if (keep.length) kp.imageBackoff = Object.fromEntries(keep);
  else delete kp.imageBackoff;
}

/**
 * The pod worker's termination (pod_workers.go calculateEffectiveGracePeriod, then
 * kuberuntime killContainer for each running container): the grace period the API server set
 * (deletionGracePeriodSeconds; a pod already gone from it had 0), else the pod's
 * terminationGracePeriodSeconds, at least 1 s; each container's preStop hook runs first within
 * it, then StopContainer gets what is left, never under minimumGracePeriodInSeconds (2 s). The
 * grace period only ever shortens: a second, shorter delete brings the SIGKILLs forward.
 */
function killPod(sim: Simulation, node: NodeState, kp: KubeletPod): void {
  const graceSec = effectiveGraceSec(sim, kp);
  if (kp.busy) {
    // A stop under way: a shorter grace period brings its SIGKILLs forward.
    if (kp.killGraceSec !== undefined && graceSec < kp.killGraceSec) {
      kp.killGraceSec = graceSec;
      for (const c of cri.podContainers(node, kp.uid))
        if (c.state === 'running')
          cri.stopOne(sim, node, c, Math.max(MIN_STOP_GRACE_SEC, graceSec), podObj(kp));
    }
    return;
  }
  kp.busy = true;
  if (node.runtime.broken) {
    // StopContainer fails while the runtime is down: finishKill tries again later.
    sim.schedule(1, { t: 'runtime/stopped', node: node.name, uid: kp.uid });
    return;
  }
  kp.killGraceSec = Math.min(kp.killGraceSec ?? graceSec, graceSec);
  const stops: { c: RuntimeContainer; timeoutSec: number }[] = [];
  for (const c of cri.podContainers(node, kp.uid)) {
    if (c.state !== 'running') continue;
    event(
      sim,
      node,
      kp.pod,
      'Normal',
      'Killing',
      `Stopping container ${c.name}`,
      fieldPathOf(kp.pod, c.name),
    );
    const hookMs = runPreStop(sim, node, kp, c, graceSec);
    const timeoutSec = Math.max(MIN_STOP_GRACE_SEC, graceSec - Math.ceil(hookMs / 1000));
    if (hookMs > 0)
      sim.schedule(hookMs, {
        t: 'kubelet/stopContainer',
        node: node.name,
        uid: kp.uid,
        containerId: c.id,
        timeoutSec,
      });
    else stops.push({ c, timeoutSec });
  }
  cri.stopPod(sim, node, kp.uid, podObj(kp), stops);
}

/** kuberuntime_container.go minimumGracePeriodInSeconds: "A minimal shutdown window for avoiding unnecessary SIGKILLs". */
const MIN_STOP_GRACE_SEC = 2;

function effectiveGraceSec(sim: Simulation, kp: KubeletPod): number {
  const current = sim.store('pods')[kp.key];
  const gone = !kp.isStatic && (!current || current.metadata.uid !== kp.uid);
  if (gone) return 1;
  const pod = current && !kp.isStatic ? current : kp.pod;
  const deletion = pod.metadata.deletionGracePeriodSeconds;
  const grace =
    typeof deletion === 'number'
      ? deletion
      : (pod.spec?.terminationGracePeriodSeconds ?? K8S.terminationGracePeriodSeconds);
  return Math.max(1, grace);
}

/**
 * A container's preStop hook (exec, httpGet or sleep), run by the kubelet before the stop
 * signal; returns how long it took, bounded by the grace period (the kubelet stops waiting for it
 * then).
 */
function runPreStop(
  sim: Simulation,
  node: NodeState,
  kp: KubeletPod,
  c: RuntimeContainer,
  graceSec: number,
): number {
  const hook = specOf(kp.pod, c.name)?.lifecycle?.preStop;
  if (!hook) return 0;
  const tookMs = runHook(sim, node, c, hook);
  return Math.min(tookMs, graceSec * 1000);
}

function finishKill(sim: Simulation, node: NodeState, uid: string): void {
  const kp = node.kubelet.pods[uid];
  // (not terminating: a kill from before the machine rebooted answers a pod worker that is new)
  if (!kp?.terminating) return;
  if (node.runtime.broken) {
    // StopContainer fails while the runtime is down; try again later.
    kp.busy = false;
    wake(sim, node, kp, sim.state.nowMs + 10_000);
    return;
  }
  cri.killPod(sim, node, uid, podObj(kp));
  releasePod(node.kubelet, uid);
  const current = sim.store('pods')[kp.key];
  if (current && current.metadata.uid === uid && current.metadata.deletionTimestamp) {
    // The status manager finishes a graceful deletion with a zero-grace delete.
    const res = sim.api(ACTOR.kubelet(node.name), nodeUser(node.name), {
      verb: 'delete',
      resource: 'pods',
      namespace: current.metadata.namespace,
      name: current.metadata.name,
      gracePeriodSeconds: 0,
    });
    if (!res.ok)
      node.kubelet.pendingDeletes = { ...(node.kubelet.pendingDeletes ?? {}), [kp.key]: uid };
  }
}

// ---- status --------------------------------------------------------------------------------

/** kubelet generateAPIPodStatus + getPhase, read from the runtime's actual containers. */
export function computePodStatus(
  sim: Simulation,
  node: NodeState,
  kp: KubeletPod,
): KObject['status'] {
  const pod = kp.pod;
  const uid = kp.uid;
  const now = sim.state.nowMs;
  const policy: string = pod.spec.restartPolicy ?? 'Always';
  const sandbox = cri.sandboxOf(node, uid);
  const sandboxReady = !!sandbox?.ready;
  const initSpecs: ContainerSpec[] = pod.spec.initContainers ?? [];
  const specs: ContainerSpec[] = pod.spec.containers ?? [];

  // Parts that come out the same JSON as in the status last sent are those very objects (stored,
  // never changed): the versions of the pod share them, and comparisons stop at them.
  const sent = kp.sentStatus;
  const initStatuses = initSpecs.map((c, i) =>
    same(containerStatus(sim, node, kp, c, true), sent?.initContainerStatuses?.[i]),
  );
  const initDone = initSpecs.every((c) => {
    const inst = cri.latestInstance(node, uid, c.name);
    return inst?.state === 'exited' && inst.exitCode === 0;
  });
  const statuses = specs.map((c, i) =>
    same(containerStatus(sim, node, kp, c, false, !initDone), sent?.containerStatuses?.[i]),
  );

  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const st of statuses) {
    if (st.state.running) running++;
    else if (st.state.terminated) {
      stopped++;
      if (st.state.terminated.exitCode === 0) succeeded++;
    } else if (st.lastState.terminated) stopped++;
    else waiting++;
  }
  const initFailed = initSpecs.some((c) => {
    const inst = cri.latestInstance(node, uid, c.name);
    return inst?.state === 'exited' && inst.exitCode !== 0;
  });
  let phase = 'Pending';
  if (!initDone) phase = initFailed && policy === 'Never' ? 'Failed' : 'Pending';
  else if (waiting > 0) phase = 'Pending';
  else if (running > 0) phase = 'Running';
  else if (stopped > 0) {
    if (policy === 'Always') phase = 'Running';
    else if (stopped === succeeded) phase = 'Succeeded';
    else if (policy === 'Never') phase = 'Failed';
    else phase = 'Running';
  }

  const allReady = statuses.length > 0 && statuses.every((s) => s.ready);
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  setCond(kp, 'PodReadyToStartContainers', sandboxReady && !terminal ? 'True' : 'False', now);
  setCond(kp, 'Initialized', initSpecs.length === 0 || initDone ? 'True' : 'False', now);
  setCond(kp, 'ContainersReady', allReady ? 'True' : 'False', now);
  setCond(kp, 'Ready', allReady ? 'True' : 'False', now);
  // Exactly as long as it is (the status is stored): the kubelet's four, then PodScheduled.
  // generateAPIPodStatus: "When kubelet sees the pod, `PodScheduled` condition must be true", so
  // a pod that never met the scheduler (spec.nodeName set, static pods) gets it from the kubelet.
  let scheduled = (pod.status?.conditions ?? []).filter(
    (c: { type: string }) => c.type === 'PodScheduled',
  );
  if (scheduled.length === 0) {
    setCond(kp, 'PodScheduled', 'True', now);
    const since = kp.conditions.PodScheduled.sinceMs;
    const prev = sent?.conditions?.[CONDITION_ORDER.length];
    scheduled = [
      same(
        {
          type: 'PodScheduled',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: isoTime(since),
        },
        prev,
      ),
    ];
  }
  const conditions: Record<string, unknown>[] = new Array(
    CONDITION_ORDER.length + scheduled.length,
  );
  let at = 0;
  for (const type of CONDITION_ORDER) {
    const c = kp.conditions[type];
    const out: Record<string, unknown> = {
      type,
      status: c.status,
      lastProbeTime: null,
      lastTransitionTime: isoTime(c.sinceMs),
    };
    if (c.status === 'False' && (type === 'Ready' || type === 'ContainersReady')) {
      out.reason = terminal ? 'PodCompleted' : 'ContainersNotReady';
      if (!terminal) {
        const notReady = statuses.filter((s) => !s.ready).map((s) => s.name);
        out.message = `containers with unready status: [${notReady.join(' ')}]`;
      }
    }
    if (c.status === 'False' && type === 'Initialized') {
      out.reason = 'ContainersNotInitialized';
      out.message = `containers with incomplete status: [${initSpecs
        .filter(
          (c2) =>
            cri.latestInstance(node, uid, c2.name)?.exitCode !== 0 ||
            cri.latestInstance(node, uid, c2.name)?.state !== 'exited',
        )
        .map((c2) => c2.name)
        .join(' ')}]`;
    }
    conditions[at] = same(out, sent?.conditions?.[at]);
    at++;
  }
  for (const c of scheduled) conditions[at++] = c;
  const status: KObject['status'] = {
    phase,
    conditions,
    hostIP: node.ip,
    hostIPs: hostIPsOf(node.ip),
    startTime: isoTime(kp.startTimeMs),
    containerStatuses: statuses,
    qosClass: pod.status?.qosClass,
  };
  if (sandbox?.ready) {
    status.podIP = sandbox.ip;
    status.podIPs = same([{ ip: sandbox.ip }], sent?.podIPs);
  }
  if (initStatuses.length) status.initContainerStatuses = initStatuses;
  return status;
}

/** `prev` when it is the same JSON as `fresh` (a part of the status last sent), else `fresh`. */
function same<T>(fresh: T, prev: unknown): T {
  return prev !== undefined && jsonEqual(fresh, prev) ? (prev as T) : fresh;
}

/** The order the kubelet lists the conditions it owns (PodScheduled, the scheduler's, follows). */
const CONDITION_ORDER = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady'];

function setCond(kp: KubeletPod, type: string, status: string, now: number): void {
  const c = kp.conditions[type];
  if (!c || c.status !== status) kp.conditions[type] = { status, sinceMs: now };
}

function containerStatus(
  sim: Simulation,
  node: NodeState,
  kp: KubeletPod,
  c: ContainerSpec,
  isInit: boolean,
  podInitializing = false,
) {
  const inst = cri.latestInstance(node, kp.uid, c.name);
  const image = normalizeImage(c.image);
  const img = node.runtime.images[image];
  // Objects written out key by key in the order the spreads of `base` and `out` gave.
  const name = c.name;
  const imageID = img && inst ? imageIdOf(image, img.id) : '';
  // A start that failed shows its reason and message until a start succeeds (reasonCache).
  const failed = kp.startFailures?.[c.name];
  if (!inst) {
    const reason = podInitializing && !isInit ? 'PodInitializing' : 'ContainerCreating';
    return {
      name,
      image,
      imageID,
      ready: false,
      restartCount: 0,
      started: false,
      state: failed
        ? { waiting: { reason: failed.reason, message: failed.message } }
        : { waiting: { reason } },
      lastState: NO_LAST_STATE,
    };
  }
  const prev = cri.previousInstance(node, kp.uid, c.name, inst.id);
  const policy: string = kp.pod.spec.restartPolicy ?? 'Always';
  const restartable =
    inst.state === 'exited' &&
    (policy === 'Always' || (policy === 'OnFailure' && inst.exitCode !== 0)) &&
    !(isInit && inst.exitCode === 0);
  const containerID = `containerd://${inst.id}`;
  if (inst.state === 'exited' && restartable) {
    const b = kp.backoff[c.name];
    const waitingBackoff =
      b && b.grantedFor !== inst.id && sim.state.nowMs - backOffSinceMs(node, kp, inst) < b.delayMs;
    return {
      name,
      image,
      imageID,
      containerID,
      ready: false,
      restartCount: inst.attempt,
      started: false,
      state: waitingBackoff
        ? {
            waiting: {
              reason: 'CrashLoopBackOff',
              message: `back-off ${b.delayMs / 1000}s restarting failed container=${c.name} pod=${podDesc(kp.pod)}`,
            },
          }
        : failed
          ? { waiting: { reason: failed.reason, message: failed.message } }
          : inst.reason === 'StartError'
            ? // The kubelet's reasonCache: the last sync's start failure (ErrRunContainer).
              { waiting: { reason: 'RunContainerError', message: inst.message } }
            : { waiting: { reason: 'ContainerCreating' } },
      lastState: { terminated: terminatedOf(inst) },
    };
  }
  const lastState = prev ? { terminated: terminatedOf(prev) } : NO_LAST_STATE;
  // One object shape for every state keeps the status objects cheap to compare and copy.
  const running = inst.state === 'running';
  return {
    name,
    image,
    imageID,
    containerID,
    restartCount: inst.attempt,
    lastState,
    ready: running && containerProbedReady(kp, inst),
    started: running && containerStarted(kp, inst),
    state: running
      ? { running: { startedAt: isoTime(inst.startedAtMs) } }
      : inst.state === 'created'
        ? { waiting: { reason: 'ContainerCreating' } }
        : { terminated: terminatedOf(inst) },
  };
}

function terminatedOf(x: RuntimeContainer) {
  const t = {
    exitCode: x.exitCode,
    reason: x.reason,
    startedAt: isoTime(x.startedAtMs),
    finishedAt: isoTime(x.finishedAtMs),
    containerID: `containerd://${x.id}`,
  };
  return x.message ? { ...t, message: x.message } : t;
}

/** A pod's hostIPs: one frozen list per node IP, shared by the statuses that store it. */
const hostIPLists = new Map<string, readonly { ip: string }[]>();

function hostIPsOf(ip: string): readonly { ip: string }[] {
  let list = hostIPLists.get(ip);
  if (!list) {
    list = Object.freeze([Object.freeze({ ip })]);
    if (hostIPLists.size < 100_000) hostIPLists.set(ip, list);
  }
  return list;
}

/** An empty lastState, shared (statuses are never changed once built). */
const NO_LAST_STATE: Record<string, unknown> = Object.freeze({});

/** `repository@id` for a normalised image reference, one string for each (bounded). */
const imageIds = new Map<string, Map<string, string>>();

function imageIdOf(image: string, id: string): string {
  let byId = imageIds.get(image);
  if (!byId) {
    if (imageIds.size >= 4096) imageIds.clear();
    byId = new Map();
    imageIds.set(image, byId);
  }
  let ref = byId.get(id);
  if (ref === undefined) {
    ref = `${image.split(':')[0]}@${id}`;
    byId.set(id, ref);
  }
  return ref;
}

/** The status manager: PUT pods/NAME/status when it changed; on failure retry at the next tick. */
function publishStatus(sim: Simulation, node: NodeState, kp: KubeletPod): void {
  const k = node.kubelet;
  if (kp.isStatic && kp.mirrorCreated) syncMirror(sim, node, kp);
  const status = computePodStatus(sim, node, kp);
  if (!(kp.isStatic && !kp.mirrorCreated)) {
    const cur = sim.store('pods')[kp.key];
    const apiReady = (cur?.status?.conditions ?? []).find(
      (c: { type: string }) => c.type === 'Ready',
    )?.status;
    if (
      jsonEqual(status, kp.sentStatus) &&
      (!cur ||
        (!kp.isStatic && cur.metadata.uid !== kp.uid) ||
        apiReady === kp.conditions.Ready?.status)
    )
      return;
  }
  if (kp.isStatic && !kp.mirrorCreated) {
    if (!k.registered || !createMirror(sim, node, kp)) return;
  }
  const current = sim.store('pods')[kp.key];
  if (!sim.state.apiserverUp || !current) {
    if (!current && sim.state.apiserverUp && !kp.isStatic) return;
    k.pendingStatus[kp.uid] = true;
    // The attempt is made (and fails) even while the API server is down: visible in the trace.
    sim.api(ACTOR.kubelet(node.name), nodeUser(node.name), {
      verb: 'update',
      resource: 'pods',
      subresource: 'status',
      namespace: kp.pod.metadata.namespace,
      name: kp.pod.metadata.name,
      body: { ...kp.pod, status },
      typed: true,
    });
    return;
  }
  if (!kp.isStatic && current.metadata.uid !== kp.uid) return;
  // The status manager's client waits for a token; the newest status goes out then.
  const limit = kubeletLimit(sim);
  const waitMs = tokenWaitMs(k.client, limit, sim.state.nowMs);
  if (waitMs > 0) {
    k.pendingStatus[kp.uid] = true;
    if (!k.pendingStatus['#throttled']) {
      k.pendingStatus['#throttled'] = true;
      sim.schedule(waitMs, { t: 'kubelet/statusRetry', node: node.name });
    }
    return;
  }
  if (limit) k.client = takeToken(k.client, limit, sim.state.nowMs);
  const res = sim.api(ACTOR.kubelet(node.name), nodeUser(node.name), {
    verb: 'update',
    resource: 'pods',
    subresource: 'status',
    namespace: current.metadata.namespace,
    name: current.metadata.name,
    body: {
      ...current,
      status: {
        ...status,
        qosClass: current.status?.qosClass,
        conditions: mergeScheduled(status.conditions, current.status?.conditions),
      },
    },
    typed: true,
  });
  if (res.ok) kp.sentStatus = status;
  else k.pendingStatus[kp.uid] = true;
}

function mergeScheduled(conds: { type: string }[], apiConds: { type: string }[] | undefined) {
  const scheduled = (apiConds ?? []).find((c) => c.type === 'PodScheduled');
  // The scheduler's condition wins; without one, the kubelet's own PodScheduled=True stays.
  if (!scheduled) return conds;
  const rest = conds.filter((c) => c.type !== 'PodScheduled');
  return concatExact(rest, scheduled ? [scheduled] : []);
}

/**
 * A mirror pod being deleted is deleted at once (grace 0) and made again; one that is gone is
 * made again (kubelet syncPod: DeleteMirrorPod, then CreateMirrorPod). Deleting a mirror pod does
 * not stop its static pod.
 */
function syncMirror(sim: Simulation, node: NodeState, kp: KubeletPod): void {
  if (!sim.state.apiserverUp || !node.kubelet.registered) return;
  const mirror = sim.store('pods')[kp.key];
  if (!mirror) {
    kp.mirrorCreated = false;
    return;
  }
  if (!mirror.metadata.deletionTimestamp) return;
  const res = sim.api(ACTOR.kubelet(node.name), nodeUser(node.name), {
    verb: 'delete',
    resource: 'pods',
    namespace: mirror.metadata.namespace,
    name: mirror.metadata.name,
    gracePeriodSeconds: 0,
  });
  if (res.ok || res.status?.reason === 'NotFound') kp.mirrorCreated = false;
}

/** Static pods show up on the API server as mirror pods (kubelet pod/mirror_client.go). */
function createMirror(sim: Simulation, node: NodeState, kp: KubeletPod): boolean {
  const pod = kp.pod;
  const existing = sim.store('pods')[kp.key];
  if (existing) {
    kp.mirrorCreated = true;
    return true;
  }
  const body: KObject = {
    ...pod,
    metadata: {
      ...pod.metadata,
      uid: undefined,
      annotations: {
        ...(pod.metadata.annotations ?? {}),
        'kubernetes.io/config.mirror':
          pod.metadata.annotations?.['kubernetes.io/config.hash'] ?? '',
      },
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Node',
          name: node.name,
          uid: sim.store('nodes')[node.name]?.metadata.uid ?? '',
          controller: true,
        },
      ],
    },
    status: undefined,
  };
  const res = sim.api(ACTOR.kubelet(node.name), nodeUser(node.name), {
    verb: 'create',
    resource: 'pods',
    namespace: pod.metadata.namespace,
    body,
  });
  kp.mirrorCreated = res.ok || res.status?.reason === 'AlreadyExists';
  return kp.mirrorCreated;
}

function kubeletLimit(sim: Simulation) {
  return clientLimit(sim.state.config.kubeApi, K8S.kubeletClient);
}
