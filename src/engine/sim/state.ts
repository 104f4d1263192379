/**
 * The whole simulation state: plain serialisable data (no classes, no closures), so a snapshot is
 * a JSON copy and restore + the same inputs gives the same bytes.
 */
import type { KObject } from '../api/types';
import type { Expectations, PodBurst } from '../components/controllers/podBurst';
import type { ShellState } from '../process/shell';
import type { ProcState } from '../process/types';
import type { ProgrammedRules, ProxyMode } from '../proxy/model';
import type { TraceEntry } from '../trace';
import type { Scheduled } from './eventQueue';
import type { Msg } from './messages';
import type { RngState } from './rng';
import type { TokenBucket } from './tokenBucket';

export interface ClusterConfig {
  workers: number;
  proxyMode: ProxyMode;
  seed: number;
  /**
   * Every component's client QPS and burst instead of its default (kube-controller-manager
   * --kube-api-qps/--kube-api-burst, kube-scheduler clientConnection, kubelet kubeAPIQPS/
   * kubeAPIBurst), as scale tests raise them. A negative QPS disables client-side rate limiting,
   * as in client-go's rest.Config. Absent: each component's default (sim/defaults.ts).
   */
  kubeApi?: { qps: number; burst: number };
}

export interface EtcdState {
  up: boolean;
  revision: number;
  /** resource → store key (`ns/name` or `name`) → object. */
  data: Record<string, Record<string, KObject>>;
  /** Event writes in the order their --event-ttl leases run out (components/eventLeases.ts). */
  eventLeases?: EventLeases;
}

/**
 * Parallel arrays, oldest first from `head`: each Event write's store key, its etcd revision and
 * when its lease runs out. Writes come in time order and every lease is as long, so this is also
 * the expiry order; an entry whose Event was written again since is stale and skipped.
 */
export interface EventLeases {
  keys: string[];
  revisions: number[];
  expiresAtMs: number[];
  head: number;
  /** An etcd/expireEvents message is on its way. */
  scheduled: boolean;
}

export interface SchedulerState {
  up: boolean;
  /** Holds the kube-system/kube-scheduler lease (leader election); only then it schedules. */
  leading: boolean;
  /** Pods waiting for a scheduling attempt, in arrival order (keys `ns/name`). */
  activeQ: string[];
  /** Index of the next pod to take from activeQ (a queue without O(n) shifts). */
  activeHead: number;
  /** Keys currently in activeQ. */
  queued: Record<string, true>;
  /** Pods that failed and wait for back-off or a cluster change: key → earliest retry time. */
  unschedulable: Record<string, { retryAtMs: number; attempts: number }>;
  running: boolean;
  /** Round-robin start index into the node list (nextStartNodeIndex). */
  nextStartNodeIndex: number;
  /** Its clientset's rate limiter, and its event clientset's (absent: full). */
  client?: TokenBucket;
  eventClient?: TokenBucket;
}

export interface NodeHealth {
  /** The controller's own clock reading when it last saw the node heartbeat (lease or status). */
  probeTimestampMs: number;
  readyTransitionTimestampMs: number;
  lastHeartbeatTime: string;
  lastLeaseRenewTime: string;
}

export interface KcmState {
  up: boolean;
  /** Holds the kube-system/kube-controller-manager lease (leader election); only then it acts. */
  leading: boolean;
  /** Look for dependents whose owners are gone at the next monitor pass (after a restart or a failed delete). */
  orphanScanPending: boolean;
  /** Controller work queue: `controller|key` entries waiting for the next reconcile pass. */
  dirty: Record<string, true>;
  reconcileScheduled: boolean;
  nodeHealth: Record<string, NodeHealth>;
  /** Zone → Initial | Normal | PartialDisruption | FullDisruption. */
  zoneStates: Record<string, string>;
  masterDisruptionMode: boolean;
  /** Pods waiting for taint-based eviction: pod key → time it will be deleted. */
  evictAtMs: Record<string, number>;
  /** NoExecute taint rate limiting: when the zone may taint its next node. */
  nextTaintAtMs: Record<string, number>;
  /** Work items the queue holds back (AddAfter): `controller|key` → when they are due. */
  waiting?: Record<string, number>;
  /**
   * The Job controller's pod failure back-off per Job key (its in-memory podBackoffStore):
   * failures since the last success, and when the last of them finished.
   */
  jobBackoff?: Record<string, { failures: number; lastFailureMs: number }>;
  /**
   * The node IPAM range allocator's cidrset (in memory; a new process rebuilds it from the
   * Nodes): the /24s given out (CIDR → node name) and where the next search starts.
   */
  ipam?: { used: Record<string, string>; next: number };
  /** Each controller's clientset's rate limiter (controllers/clientThrottle.ts), by client name. */
  clients?: Record<string, TokenBucket>;
  /** Pod creations or deletions under way, by work item (controllers/podBurst.ts). */
  bursts?: Record<string, PodBurst>;
  /** ControllerExpectations by work item (controllers/podBurst.ts). */
  expectations?: Record<string, Expectations>;
}

export interface KubeletPod {
  uid: string;
  key: string;
  /** The pod as the kubelet last saw it (from the API server, or its static manifest). */
  pod: KObject;
  isStatic: boolean;
  /** For a static pod: its mirror pod exists on the API server. */
  mirrorCreated: boolean;
  /** A CRI call for this pod is in flight; its answer resumes the pod worker. */
  busy: boolean;
  /** Condition type → its status and when it last changed (lastTransitionTime). */
  conditions: Record<string, { status: string; sinceMs: number }>;
  startTimeMs: number;
  /** CrashLoopBackOff per container (flowcontrol.Backoff: current delay, last raised). */
  backoff: Record<string, { delayMs: number; updatedMs: number; grantedFor: string }>;
  /** The status last acknowledged by the API server (to post only changes; null before). */
  sentStatus: KObject['status'] | null;
  terminating: boolean;
  /** Image this pod's worker waits for on the serialized puller ('' when none). */
  waitingForImage: string;
  /** When the next timed sync (a back-off end) is due; 0 when none. */
  wakeAtMs: number;
  /** Containers whose image was pulled for this start (imagePullPolicy Always pulls every start). */
  pulledImages?: Record<string, true>;
  pullStartedMs?: number;
  /** The grace period (s) the pod is being stopped with; it only ever shortens. */
  killGraceSec?: number;
  /** The container whose image is being pulled (with waitingForImage). */
  pullFor?: string;
  /**
   * Image pull back-off per image as the pod spells it (the image manager's flowcontrol.Backoff,
   * keyed `podUID_image`), with the last pull's error (prevPullErrMsg, '' once a pull starts).
   */
  imageBackoff?: Record<string, { delayMs: number; updatedMs: number; lastError: string }>;
  /**
   * Containers that could not be started, by name (the kubelet's reasonCache): the waiting reason
   * and message their status shows, and the image they were for.
   */
  startFailures?: Record<string, { reason: string; message: string; image: string }>;
  /** The pod worker's retry after a sync that failed (0 when none). */
  retryAtMs?: number;
  /** The prober's workers of each probed container (components/prober.ts); absent when none. */
  probes?: Record<string, ContainerProbes>;
}

/** A probe's stored result (prober/results: Success, Failure, Unknown). */
export type ProbeResult = 'success' | 'failure' | 'unknown';

/** One probe worker (prober/worker.go): its result, the run of equal results, when it probes next. */
export interface ProbeWorkerState {
  result: ProbeResult;
  /** The last probe's outcome and how many in a row gave it (resultRun). */
  last: '' | 'success' | 'failure';
  run: number;
  /** A liveness/startup failure holds probing until a new container. */
  onHold: boolean;
  /** Simulated ms of its next probe (-1: it probes no more for this container). */
  nextAtMs: number;
}

/** The workers of one container instance and its one timer (`seq` guards stale timers). */
export interface ContainerProbes {
  id: string;
  seq: number;
  /** When its timer is due (0: none armed). */
  atMs: number;
  /** The container instance the kubelet killed for a failed liveness/startup probe. */
  killedId?: string;
  workers: Partial<Record<'startup' | 'liveness' | 'readiness', ProbeWorkerState>>;
}

export interface KubeletState {
  broken: boolean;
  registered: boolean;
  registerBackoffMs: number;
  leaseBackoffMs: number;
  lastStatusReportMs: number;
  /** Needs a fresh pod list from the API server (after a restart or reconnect). */
  needsRelist: boolean;
  pods: Record<string, KubeletPod>;
  /** Entries in `pods` (sim/kubeletPods.ts keeps them together; absent: not counted yet). */
  podCount?: number;
  /** Next host-local IPAM offset in the node's pod CIDR. */
  nextPodIp: number;
  /** Node pod keys whose pod-status PUT failed and must be retried. */
  pendingStatus: Record<string, true>;
  /** Zero-grace deletes that failed (API server down) and are retried: pod key → uid. */
  pendingDeletes?: Record<string, string>;
  startedAtMs: number;
  /** Its clientset's rate limiter (kubeAPIQPS / kubeAPIBurst; absent: full). */
  client?: TokenBucket;
}

export interface RuntimeContainer {
  id: string;
  /** Restart attempt (the io.kubernetes.container.restartCount label). */
  attempt: number;
  sandboxId: string;
  podUid: string;
  name: string;
  image: string;
  state: 'created' | 'running' | 'exited';
  startedAtMs: number;
  finishedAtMs: number;
  exitCode: number;
  reason: string;
  /**
   * What the container wrote to stdout and stderr, oldest first, one line each in the CRI log
   * format the kubelet reads (`2026-01-01T09:00:30.123456789Z stdout F text`): written through
   * components/containerLogs.ts appendLog, read by `kubectl logs`. Absent until the first line.
   */
  log?: string[];
  /** How many of the oldest lines the bound has dropped (a follower's cursor counts them). */
  logDropped?: number;
  /**
   * The process's environment (image ENV, then the container's env), set at CreateContainer;
   * `kubectl exec` runs its command with it.
   */
  env?: Record<string, string>;
  /**
   * The container's files that matter to its programs and to `kubectl exec` (path → content),
   * set at CreateContainer; an exec that writes a file (`touch /tmp/healthy`) leaves it here, so
   * a later exec or an exec probe sees it. Replaced, never changed in place (it may be shared).
   */
  fs?: Record<string, string>;
  /** The main process's resumable state (process/types.ts), from StartContainer on. */
  proc?: ProcState;
  /** Why the runtime could not start it (a StartError's `terminated.message`). */
  message?: string;
  /** A StopContainer is under way: the runtime SIGKILLs the process at `killAtMs`. */
  stopping?: { killAtMs: number };
}

export interface RuntimeState {
  broken: boolean;
  images: Record<string, { sizeBytes: number; id: string }>;
  /** Serialized image pulls: the queue and the one in progress. */
  pullQueue: string[];
  pulling: string;
  /** When the pull in progress started (after its wait in the queue). */
  pullingSinceMs?: number;
  /** Queued pulls some waiting pod brings pull secrets for (ref → true). */
  pullAuth?: Record<string, true>;
  /**
   * Pod uid → its sandbox (one at a time). `stopped`: the machine went down under it
   * (SANDBOX_NOTREADY after a reboot); the kubelet makes a new one.
   */
  sandboxes: Record<
    string,
    {
      id: string;
      podUid: string;
      ip: string;
      ready: boolean;
      /** The kubelet is stopping the whole pod: the runtime reports when its last process ends. */
      stopping?: boolean;
      /** emptyDir volumes' files (volume → relative path → content), shared by the pod's containers. */
      volumes?: Record<string, Record<string, string>>;
      stopped?: true;
    }
  >;
  containers: Record<string, RuntimeContainer>;
}

export interface ProxyState {
  broken: boolean;
  rules: ProgrammedRules | null;
  dirty: boolean;
  syncScheduled: boolean;
  lastSyncMs: number;
  /** IPVS round-robin position per virtual server. */
  rr: Record<string, number>;
}

export interface NodeState {
  name: string;
  index: number;
  role: 'control-plane' | 'worker';
  ip: string;
  podCIDR: string;
  zone: string;
  /** The machine is powered and reachable. */
  up: boolean;
  /** How many times the machine has booted (its boot ID follows from this; absent = 1). */
  boots?: number;
  kubelet: KubeletState;
  runtime: RuntimeState;
  proxy: ProxyState;
}

export interface ClusterState {
  format: 1;
  config: ClusterConfig;
  nowMs: number;
  nextSeq: number;
  rng: RngState;
  queue: Scheduled<Msg>[];
  apiserverUp: boolean;
  /** When the API server or etcd became unreachable (-1 while both are up). */
  controlPlaneDownSinceMs: number;
  etcd: EtcdState;
  scheduler: SchedulerState;
  kcm: KcmState;
  nodes: Record<string, NodeState>;
  nodeNames: string[];
  clusterCIDR: string;
  /** Open interactive execs (`kubectl exec -i POD -- sh`) by id (components/execSession.ts). */
  execSessions?: Record<string, ExecSession>;
  /** The trace: chronological until SIM.traceCapacity entries, then a ring (Simulation.traceEntries()). */
  trace: TraceEntry[];
  /** Index of the oldest entry once the trace ring is full (0 before). */
  traceHead: number;
  traceSeq: number;
  eventSeq: number;
  /** Events processed since the cluster started (for figures). */
  processed: number;
  /** Watches kubectl keeps open on the API server (`kubectl get -w`), by id. */
  watches?: Record<string, ApiWatch>;
  /** The number the next watch id takes. */
  watchSeq?: number;
}

/**
 * One open watch (GET …?watch=true): what it selects and every event it has delivered, in order
 * (the stream kubectl reads). A watch that reached its event limit has ended, as when the API
 * server closes a stream.
 */
export interface ApiWatch {
  resource: string;
  /** Undefined: every namespace (or a cluster-scoped resource). */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  events: WatchEventRecord[];
  ended: boolean;
}

export interface WatchEventRecord {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  atMs: number;
  object: KObject;
}

/**
 * An empty record for keys that come and go by the thousand (pod uids, container ids, store
 * keys). Without a prototype V8 makes it a hash table from the start; a plain `{}` would first
 * get a new hidden class for every key added. It serialises to the same JSON.
 */
export function hashRecord<T>(): Record<string, T> {
  return Object.create(null);
}

/** An exec'd shell reading stdin: where it runs and its shell between lines. */
export interface ExecSession {
  node: string;
  containerId: string;
  /** The pod's key (namespace/name) and the container's name, for the trace. */
  pod: string;
  container: string;
  tty: boolean;
  hostname: string;
  shell: ShellState;
}
