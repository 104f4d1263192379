/**
 * The view model: what the scene and the panels draw, derived from the engine's state at one
 * instant. Views read frames, never the engine. A frame is rebuilt only when the engine did
 * something (its trace moved on, or a seek restored another state); view objects whose source
 * objects did not change are reused, so React can skip them.
 */

import type { Event, Node, Pod, Service, Taint } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import {
  type ClusterState,
  nodeStatus,
  normalizeImage,
  podSummary,
  type Simulation,
} from '../engine';

export type ComponentHealth = 'up' | 'down';

export interface ControlPlaneView {
  apiserver: ComponentHealth;
  etcd: ComponentHealth;
  scheduler: ComponentHealth;
  controllerManager: ComponentHealth;
  /** Holds its leader lease (a restarted one must re-acquire it before acting). */
  schedulerLeading: boolean;
  controllerManagerLeading: boolean;
}

export interface NodeView {
  name: string;
  role: 'control-plane' | 'worker';
  /** `kubectl get nodes` STATUS: Ready, NotReady, Unknown, maybe `,SchedulingDisabled`. */
  status: string;
  ready: boolean;
  taints: Taint[];
  ip: string;
  /** The machine is powered and reachable. */
  up: boolean;
  kubelet: ComponentHealth;
  runtime: ComponentHealth;
  proxy: ComponentHealth;
  /** kube-proxy has programmed rules at least once (the seating chart exists). */
  rulesProgrammed: boolean;
  /** Images (normalised references) the runtime is pulling now or has queued, in order. */
  pulling: string[];
  /** Containers the runtime is running now (lit burners). */
  running: number;
  /** Pod keys (`ns/name`) bound to this node, sorted. */
  podKeys: string[];
  node: Node | undefined;
}

export interface ContainerView {
  name: string;
  image: string;
  /** The image as the runtime names it (`nginx` → `docker.io/library/nginx:latest`). */
  imageRef: string;
  init: boolean;
  state: 'waiting' | 'running' | 'terminated';
  /** Waiting/terminated reason (CrashLoopBackOff, ContainerCreating, Completed, Error…). */
  reason: string;
  ready: boolean;
  restartCount: number;
  /** The kubelet's current restart back-off (`10s`, `5m0s`) while in CrashLoopBackOff, else ''. */
  backOff: string;
}

export interface PodView {
  key: string;
  namespace: string;
  name: string;
  uid: string;
  nodeName: string;
  phase: string;
  /** `kubectl get pods` STATUS, READY and RESTARTS cells. */
  status: string;
  ready: string;
  restarts: string;
  terminating: boolean;
  /** A mirror pod: the API server's copy of a static pod the kubelet runs from a file. */
  mirror: boolean;
  ownerKind: string;
  containers: ContainerView[];
  podIP: string;
  pod: Pod;
}

export interface ServiceView {
  key: string;
  namespace: string;
  name: string;
  clusterIP: string;
  ports: string;
  /** Endpoints from the Service's EndpointSlices. */
  endpoints: { ip: string; podKey: string; nodeName: string; ready: boolean }[];
  service: Service;
}

/** Pending pods of one owner (a ReplicaSet's 99,780 orders are one group with its count). */
export interface PendingGroup {
  /** `ReplicaSet/default/x-5d8f7c9b4`, or the pod's own key when it has no owner. */
  id: string;
  /** The owner's kind and name (`ReplicaSet`, `x-5d8f7c9b4`); '' and the pod's name without one. */
  kind: string;
  name: string;
  namespace: string;
  count: number;
  /** The group's first pod (by key): always among `pods`, so selecting the group inspects it. */
  firstKey: string;
}

/** Pods bound to no node, counted: only the first PENDING_VIEWS of them are in `pods`. */
export interface PendingSummary {
  count: number;
  /** The largest groups first (at most PENDING_GROUPS); `otherCount` pods are in none shown. */
  groups: PendingGroup[];
  otherCount: number;
}

export interface Frame {
  /** Bumps on every rebuild. */
  version: number;
  nowMs: number;
  proxyMode: string;
  control: ControlPlaneView;
  nodes: NodeView[];
  /**
   * Every pod bound to a node (a node takes at most its `pods` allocatable, 110 by default), and
   * of the pods bound to none the first PENDING_VIEWS by key plus each shown group's first:
   * `kubectl scale --replicas=100000` leaves tens of thousands Pending, and the page is sent what
   * it draws, not all of them. `pending` counts them all.
   */
  pods: PodView[];
  pending: PendingSummary;
  services: ServiceView[];
  /** Kubernetes Events, newest last (at most EVENTS_KEPT). */
  events: Event[];
  /**
   * What each node's container runtime is doing right now, by `podUid/containerName` (its latest
   * attempt): `running`, `created`, or `exited:CODE:REASON`. The kitchen shows cooks by this — the
   * node's own truth, which the API server learns only when the kubelet reports it (and not at
   * all while it is down) — while kubectl's STATUS shows what the API server knows.
   */
  runtime: Record<string, string>;
}

export const EVENTS_KEPT = 300;
/** Pending pods given a view of their own (the scene draws at most 12 one by one). */
export const PENDING_VIEWS = 24;
/** Pending groups counted one by one (the rest are `otherCount`). */
export const PENDING_GROUPS = 12;

/** Per-store memo so unchanged objects keep their view object. */
export interface FrameMemo {
  pods: WeakMap<object, PodView>;
  services: WeakMap<object, ServiceView>;
  /** The EndpointSlices each service view was built from. */
  slicesSeen: WeakMap<ServiceView, EndpointSlice[]>;
  /** The last frame's pods, and the Pod writes they include. */
  podsShown?: { indexes: object; version: number; shown: Pod[]; pending: PendingSummary };
  /** The last frame's events (when there are many) and how far the Event write queue was read. */
  events?: { queue: readonly string[]; length: number; kept: [string, Event][] };
}

export function newFrameMemo(): FrameMemo {
  return {
    pods: new WeakMap(),
    services: new WeakMap(),
    slicesSeen: new WeakMap(),
  };
}

export function buildFrame(sim: Simulation, version: number, memo: FrameMemo): Frame {
  const s = sim.state;
  const nowMs = s.nowMs;
  const ix = sim.indexes;
  // Nothing to list again while no Pod was written (a cluster full of Pending pods, waiting).
  const podsAt = memo.podsShown;
  const { shown, pending } =
    podsAt && podsAt.indexes === ix && podsAt.version === ix.podsVersion
      ? podsAt
      : podsShown(
          sim.store('pods') as unknown as Record<string, Pod>,
          ix.podsByNode,
          [...ix.byNamespace.values()].map((m) => m.get('pods')),
        );
  memo.podsShown = { indexes: ix, version: ix.podsVersion, shown, pending };
  const podViews = shown.map((p) => podView(p, nowMs, memo)).sort(byKey);
  const podsByNode = new Map<string, string[]>();
  for (const p of podViews) {
    if (!p.nodeName) continue;
    const list = podsByNode.get(p.nodeName) ?? [];
    list.push(p.key);
    podsByNode.set(p.nodeName, list);
  }
  const nodeObjects = sim.store('nodes') as unknown as Record<string, Node>;
  const runtime = runtimeLooks(s);
  return {
    version,
    nowMs,
    proxyMode: s.config.proxyMode,
    control: controlPlane(s),
    nodes: s.nodeNames.map((name) =>
      nodeView(s, name, nodeObjects[name], podsByNode.get(name) ?? [], runtime.running),
    ),
    pods: podViews,
    pending,
    services: serviceViews(sim, memo),
    events: recentEvents(sim, memo),
    runtime: runtime.looks,
  };
}

/**
 * The pods the page is sent: every bound one (by the index of pods per node), and of those bound
 * to none only the first PENDING_VIEWS by key and each shown group's first. One pass over the
 * index of keys per namespace (a Set: listing the store itself, a dictionary of 100,000 keys,
 * costs V8 a sort of them all), no view and no string built for the others.
 */
export function podsShown(
  store: Record<string, Pod>,
  podsByNode: ReadonlyMap<string, ReadonlySet<string>>,
  keysByNamespace: Iterable<ReadonlySet<string> | undefined>,
): { shown: Pod[]; pending: PendingSummary } {
  const shown: Pod[] = [];
  for (const keys of podsByNode.values()) for (const key of keys) shown.push(store[key]);
  /** The smallest pending keys so far, ascending (a short insertion list). */
  const first: string[] = [];
  const groups = new Map<string, { pod: Pod; key: string; count: number }>();
  let count = 0;
  for (const keys of keysByNamespace) {
    if (!keys) continue;
    for (const key of keys) {
      const pod = store[key];
      if (!pod || pod.spec?.nodeName) continue;
      count++;
      if (first.length < PENDING_VIEWS || key < first[first.length - 1]) {
        let i = first.length;
        while (i > 0 && first[i - 1] > key) i--;
        first.splice(i, 0, key);
        if (first.length > PENDING_VIEWS) first.pop();
      }
      const id = pod.metadata?.ownerReferences?.[0]?.uid ?? key;
      const g = groups.get(id);
      if (!g) groups.set(id, { pod, key, count: 1 });
      else {
        g.count++;
        if (key < g.key) {
          g.key = key;
          g.pod = pod;
        }
      }
    }
  }
  const ranked = [...groups.values()].map(({ pod, key, count }): PendingGroup => {
    const meta = pod.metadata ?? {};
    const owner = meta.ownerReferences?.[0];
    const ns = meta.namespace ?? 'default';
    return {
      id: owner ? `${owner.kind}/${ns}/${owner.name}` : key,
      kind: owner?.kind ?? '',
      name: owner?.name ?? meta.name ?? '',
      namespace: ns,
      count,
      firstKey: key,
    };
  });
  ranked.sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const kept = ranked.slice(0, PENDING_GROUPS);
  const keys = new Set(first);
  for (const g of kept) keys.add(g.firstKey);
  for (const key of keys) shown.push(store[key]);
  let otherCount = 0;
  for (const g of ranked.slice(PENDING_GROUPS)) otherCount += g.count;
  return { shown, pending: { count, groups: kept, otherCount } };
}

/** One pass over every runtime's containers: each container's latest look, running per node. */
function runtimeLooks(s: ClusterState): {
  looks: Record<string, string>;
  running: Map<string, number>;
} {
  const latest = new Map<string, { attempt: number; look: string }>();
  const running = new Map<string, number>();
  for (const name of s.nodeNames) {
    // A powered-off machine runs nothing; what containerd keeps on its disk is not drawn.
    if (!s.nodes[name].up) continue;
    for (const c of Object.values(s.nodes[name].runtime.containers)) {
      if (c.state === 'running') running.set(name, (running.get(name) ?? 0) + 1);
      const key = `${c.podUid}/${c.name}`;
      const seen = latest.get(key);
      if (seen && seen.attempt > c.attempt) continue;
      const look = c.state === 'exited' ? `exited:${c.exitCode}:${c.reason}` : c.state;
      latest.set(key, { attempt: c.attempt, look });
    }
  }
  const looks: Record<string, string> = {};
  for (const [key, v] of latest) looks[key] = v.look;
  return { looks, running };
}

function controlPlane(s: ClusterState): ControlPlaneView {
  const health = (up: boolean): ComponentHealth => (up ? 'up' : 'down');
  return {
    apiserver: health(s.apiserverUp),
    etcd: health(s.etcd.up),
    scheduler: health(s.scheduler.up),
    controllerManager: health(s.kcm.up),
    schedulerLeading: s.scheduler.leading,
    controllerManagerLeading: s.kcm.leading,
  };
}

function nodeView(
  s: ClusterState,
  name: string,
  node: Node | undefined,
  podKeys: string[],
  running: ReadonlyMap<string, number>,
) {
  const n = s.nodes[name];
  const ready = node?.status?.conditions?.find((c) => c.type === 'Ready');
  // kubectl's own STATUS cell; a node that has not registered yet has no object at all.
  const status = node ? nodeStatus(node) : 'Unknown';
  const view: NodeView = {
    name,
    role: n.role,
    status,
    ready: ready?.status === 'True',
    taints: node?.spec?.taints ?? [],
    ip: n.ip,
    up: n.up,
    kubelet: n.up && !n.kubelet.broken ? 'up' : 'down',
    runtime: n.up && !n.runtime.broken ? 'up' : 'down',
    proxy: n.up && !n.proxy.broken ? 'up' : 'down',
    rulesProgrammed: n.proxy.rules !== null,
    pulling: n.runtime.pulling
      ? [n.runtime.pulling, ...n.runtime.pullQueue]
      : [...n.runtime.pullQueue],
    running: running.get(name) ?? 0,
    podKeys,
    node,
  };
  return view;
}

function podView(pod: Pod, nowMs: number, memo: FrameMemo): PodView {
  const cached = memo.pods.get(pod);
  // Stored objects are never mutated: the same pod prints the same cells, but for the age of its
  // last restart (`3 (36s ago)`).
  if (cached && cached.restarts === '0') return cached;
  const summary = podSummary(pod, nowMs);
  if (
    cached &&
    cached.status === summary.status &&
    cached.ready === summary.ready &&
    cached.restarts === summary.restarts
  ) {
    return cached;
  }
  const meta = pod.metadata ?? {};
  const statuses = new Map(
    [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].map(
      (c) => [c.name, c],
    ),
  );
  const containers: ContainerView[] = [
    ...(pod.spec?.initContainers ?? []).map((c) => ({ c, init: true })),
    ...(pod.spec?.containers ?? []).map((c) => ({ c, init: false })),
  ].map(({ c, init }) => {
    const st = statuses.get(c.name);
    const state = st?.state?.running ? 'running' : st?.state?.terminated ? 'terminated' : 'waiting';
    const reason =
      st?.state?.waiting?.reason ?? st?.state?.terminated?.reason ?? (st ? '' : 'Pending');
    return {
      name: c.name,
      image: c.image ?? '',
      imageRef: normalizeImage(c.image ?? ''),
      init,
      state,
      reason,
      ready: st?.ready ?? false,
      restartCount: st?.restartCount ?? 0,
      backOff: backOffOf(st?.state?.waiting?.message),
    };
  });
  const view: PodView = {
    key: `${meta.namespace ?? 'default'}/${meta.name ?? ''}`,
    namespace: meta.namespace ?? 'default',
    name: meta.name ?? '',
    uid: meta.uid ?? '',
    nodeName: pod.spec?.nodeName ?? '',
    phase: pod.status?.phase ?? 'Pending',
    status: summary.status,
    ready: summary.ready,
    restarts: summary.restarts,
    terminating: meta.deletionTimestamp !== undefined,
    mirror: meta.annotations?.['kubernetes.io/config.mirror'] !== undefined,
    ownerKind: meta.ownerReferences?.[0]?.kind ?? '',
    containers,
    podIP: pod.status?.podIP ?? '',
    pod,
  };
  memo.pods.set(pod, view);
  return view;
}

function serviceViews(sim: Simulation, memo: FrameMemo): ServiceView[] {
  const slices = Object.values(sim.store('endpointslices')) as unknown as EndpointSlice[];
  const slicesBySvc = new Map<string, EndpointSlice[]>();
  for (const sl of slices) {
    const svc = sl.metadata?.labels?.['kubernetes.io/service-name'];
    if (!svc) continue;
    const key = `${sl.metadata?.namespace}/${svc}`;
    slicesBySvc.set(key, [...(slicesBySvc.get(key) ?? []), sl]);
  }
  const services = Object.values(sim.store('services')) as unknown as Service[];
  return services
    .map((svc) => {
      const key = `${svc.metadata?.namespace}/${svc.metadata?.name}`;
      const own = slicesBySvc.get(key) ?? [];
      const cached = memo.services.get(svc);
      if (cached && sameSlices(memo.slicesSeen.get(cached), own)) return cached;
      const view: ServiceView = {
        key,
        namespace: svc.metadata?.namespace ?? 'default',
        name: svc.metadata?.name ?? '',
        clusterIP: svc.spec?.clusterIP ?? '',
        ports: (svc.spec?.ports ?? []).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(','),
        endpoints: own.flatMap((sl) =>
          (sl.endpoints ?? []).map((e) => ({
            ip: e.addresses[0] ?? '',
            podKey: e.targetRef ? `${e.targetRef.namespace}/${e.targetRef.name}` : '',
            nodeName: e.nodeName ?? '',
            ready: e.conditions?.ready !== false,
          })),
        ),
        service: svc,
      };
      memo.slicesSeen.set(view, own);
      memo.services.set(svc, view);
      return view;
    })
    .sort(byKey);
}

function sameSlices(seen: EndpointSlice[] | undefined, slices: EndpointSlice[]): boolean {
  return !!seen && seen.length === slices.length && seen.every((s, i) => s === slices[i]);
}

const when = (e: Event) => e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '';

const byTime = (a: Event, b: Event) => (when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : 0);

/** By time, then by key: the same order whichever way the candidates were gathered. */
const byTimeThenKey = ([ka, a]: [string, Event], [kb, b]: [string, Event]) =>
  byTime(a, b) || (ka < kb ? -1 : ka > kb ? 1 : 0);

/** Below this many Events, all are sorted (as they always were); above, the incremental way. */
const EVENTS_SCANNED = 2_000;

/**
 * The newest EVENTS_KEPT events, oldest first. A cluster of 100,000 pods keeps a hundred
 * thousand Events, and listing their store costs V8 a sort of every key: the candidates are the
 * last frame's events and the ones written since (the --event-ttl lease queue has every Event
 * write in order). A restore (a new state), a compacted queue or deleted events start over.
 */
function recentEvents(sim: Simulation, memo: FrameMemo): Event[] {
  const store = sim.store('events') as unknown as Record<string, Event>;
  const leases = sim.state.etcd.eventLeases;
  const seen = memo.events;
  if (leases && seen && seen.queue === leases.keys && seen.length <= leases.keys.length) {
    const candidates = new Map<string, Event>();
    for (const [key] of seen.kept) if (store[key]) candidates.set(key, store[key]);
    for (let i = seen.length; i < leases.keys.length; i++) {
      const key = leases.keys[i];
      if (store[key]) candidates.set(key, store[key]);
    }
    if (candidates.size >= EVENTS_KEPT) {
      const kept = [...candidates].sort(byTimeThenKey);
      const tail = kept.slice(-EVENTS_KEPT);
      memo.events = { queue: leases.keys, length: leases.keys.length, kept: tail };
      return tail.map(([, e]) => e);
    }
  }
  const all = Object.values(store);
  if (all.length <= EVENTS_SCANNED || !leases) {
    memo.events = undefined;
    return all.sort(byTime).slice(-EVENTS_KEPT);
  }
  const kept = Object.entries(store).sort(byTimeThenKey).slice(-EVENTS_KEPT);
  memo.events = { queue: leases.keys, length: leases.keys.length, kept };
  return kept.map(([, e]) => e);
}

function byKey<T extends { key: string }>(a: T, b: T): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** `back-off 20s restarting failed container=…` (kuberuntime_manager.go doBackOff) → `20s`. */
function backOffOf(message: string | undefined): string {
  return message?.match(/^back-off (\S+) restarting failed container/)?.[1] ?? '';
}
