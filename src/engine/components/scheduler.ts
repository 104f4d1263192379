/**
 * kube-scheduler: takes unscheduled pods one at a time (a scheduling cycle), runs the Filter
 * plugins in their default order (NodeUnschedulable, TaintToleration, NodeAffinity,
 * NodeResourcesFit) over a round-robin sample of nodes (percentageOfNodesToScore), scores the
 * feasible ones (LeastAllocated + ImageLocality), and binds through the Binding subresource.
 * Unschedulable pods wait, and are retried when the cluster changes or after back-off.
 */
import { type KObject, SCHEDULER_USER } from '../api/types';
import { matchNodeSelectorTerms } from '../model/nodeAffinity';
import { allocatableOf, podRequests } from '../model/podResources';
import { K8S, SIM } from '../sim/defaults';
import type { Msg } from '../sim/messages';
import type { EventSource, Simulation } from '../sim/simulation';
import { ACTOR } from '../trace';

type SchedulerMsg = Extract<Msg, { t: `scheduler/${string}` }>;

const SOURCE: EventSource = {
  component: 'default-scheduler',
  user: SCHEDULER_USER,
  actor: ACTOR.scheduler,
};
/** Time one scheduling cycle takes. */
const CYCLE_MS = 1;

export function handleScheduler(sim: Simulation, msg: SchedulerMsg): void {
  const st = sim.state.scheduler;
  if (!st.up) return;
  switch (msg.t) {
    case 'scheduler/watch':
      if (msg.resource === 'pods') {
        const pod = sim.store('pods')[msg.key];
        if (pod && needsScheduling(pod)) {
          sim.trace(
            ACTOR.apiserver,
            ACTOR.scheduler,
            'watch',
            `pod/${msg.key}`,
            `watch ${msg.ev} pod ${pod.metadata.name} (no spec.nodeName)`,
          );
          enqueue(sim, msg.key);
        } else if (msg.ev === 'DELETED' || (pod && !needsScheduling(pod))) {
          // A pod left a node or finished: resources freed, retry the waiting ones.
          if (
            msg.ev === 'DELETED' ||
            pod?.status?.phase === 'Succeeded' ||
            pod?.status?.phase === 'Failed'
          )
            flushUnschedulable(sim);
        }
      } else {
        flushUnschedulable(sim);
      }
      return;
    case 'scheduler/run':
      st.running = false;
      return runCycle(sim);
    case 'scheduler/flushUnschedulable':
      return flushUnschedulable(sim, true);
  }
}

export function needsScheduling(pod: KObject): boolean {
  return (
    !pod.spec?.nodeName &&
    !pod.metadata.deletionTimestamp &&
    (pod.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler' &&
    !(pod.spec?.schedulingGates?.length > 0)
  );
}

export function enqueue(sim: Simulation, key: string): void {
  const st = sim.state.scheduler;
  if (st.unschedulable[key] || st.queued[key]) return;
  st.queued[key] = true;
  st.activeQ.push(key);
  kick(sim);
}

function kick(sim: Simulation, afterMs: number = SIM.reconcileDelayMs): void {
  const st = sim.state.scheduler;
  if (st.running || st.activeHead >= st.activeQ.length) return;
  st.running = true;
  sim.schedule(afterMs, { t: 'scheduler/run' });
}

/** A cluster event moves unschedulable pods back to the active queue (after their back-off). */
function flushUnschedulable(sim: Simulation, timer = false): void {
  const st = sim.state.scheduler;
  const now = sim.state.nowMs;
  let nextRetry = Number.POSITIVE_INFINITY;
  for (const [key, u] of Object.entries(st.unschedulable)) {
    if (u.retryAtMs <= now) {
      delete st.unschedulable[key];
      if (!st.queued[key]) {
        st.queued[key] = true;
        st.activeQ.push(key);
      }
    } else nextRetry = Math.min(nextRetry, u.retryAtMs);
  }
  if (nextRetry !== Number.POSITIVE_INFINITY && !timer)
    sim.schedule(nextRetry - now, { t: 'scheduler/flushUnschedulable' });
  kick(sim);
}

function runCycle(sim: Simulation): void {
  const st = sim.state.scheduler;
  if (st.activeHead >= st.activeQ.length) return;
  const key = st.activeQ[st.activeHead++];
  delete st.queued[key];
  if (st.activeHead > 1024 && st.activeHead * 2 > st.activeQ.length) {
    st.activeQ = st.activeQ.slice(st.activeHead);
    st.activeHead = 0;
  }
  const pod = sim.store('pods')[key];
  if (pod && needsScheduling(pod)) scheduleOne(sim, key, pod);
  kick(sim, CYCLE_MS);
}

function scheduleOne(sim: Simulation, key: string, pod: KObject): void {
  const st = sim.state.scheduler;
  const names = sim.state.nodeNames;
  sim.store('nodes'); // (creates the store if missing, as reading it always did)
  const numAll = names.length;
  const toFind = numFeasibleNodesToFind(numAll);
  const start = st.nextStartNodeIndex;
  let feasible: NodeSlot[] = [];
  const reasons = new Map<string, number>();
  const unresolvable = { count: 0 };
  const p = podView(pod);
  const slots = nodeSlots(sim);
  let processed = 0;
  if (p.pinnedTo && toFind > 0) {
    // Required affinity on metadata.name (a daemon pod): only the named nodes can pass the
    // NodeAffinity filter, so only they are filtered; the walk over the others changes nothing
    // but the count of nodes processed, which is worked out from the positions.
    const offsets = pinnedIndexes(names, p.pinnedTo)
      .map((index) => (index - start + numAll) % numAll)
      .sort((a, b) => a - b);
    processed = numAll;
    for (const offset of offsets) {
      const index = (start + offset) % numAll;
      const slot = slots[index] ?? newSlot(sim, slots, index);
      if (!slot.obj) continue;
      if (filterNode(p, slot)) continue;
      feasible.push(slot);
      if (feasible.length === toFind) {
        processed = offset + 1;
        break;
      }
    }
    // No node fits: the full walk below gives the per-reason counts of the message.
    if (feasible.length === 0) processed = 0;
  }
  if (feasible.length === 0) {
    feasible = [];
    for (let i = 0; i < numAll && feasible.length < toFind; i++) {
      const index = (start + i) % numAll;
      processed++;
      const slot = slots[index] ?? newSlot(sim, slots, index);
      if (!slot.obj) {
        reasons.set('node(s) not found', (reasons.get('node(s) not found') ?? 0) + 1);
        continue;
      }
      const fail = filterNode(p, slot);
      if (!fail) feasible.push(slot);
      else {
        reasons.set(fail.reason, (reasons.get(fail.reason) ?? 0) + 1);
        if (fail.unresolvable) unresolvable.count++;
      }
    }
  }
  st.nextStartNodeIndex = numAll ? (st.nextStartNodeIndex + processed) % numAll : 0;

  if (feasible.length === 0) {
    const parts = [...reasons.entries()].map(([r, c]) => `${c} ${r}`).sort();
    const resolvable = numAll - unresolvable.count;
    const pre = [
      unresolvable.count ? `${unresolvable.count} Preemption is not helpful for scheduling` : '',
      resolvable ? `${resolvable} No preemption victims found for incoming pod` : '',
    ].filter(Boolean);
    const message = `0/${numAll} nodes are available: ${parts.join(', ')}. preemption: 0/${numAll} nodes are available: ${pre.join(', ')}.`;
    sim.trace(
      ACTOR.scheduler,
      ACTOR.scheduler,
      'api',
      `pod/${key}`,
      `no feasible node: ${message}`,
      true,
    );
    if (sim.state.apiserverUp) sim.recordEvent(SOURCE, pod, 'Warning', 'FailedScheduling', message);
    setUnschedulable(sim, key, pod, message);
    return;
  }
  const chosen = selectHost(sim, p, feasible);
  const res = sim.api(ACTOR.scheduler, SCHEDULER_USER, {
    verb: 'create',
    resource: 'pods',
    subresource: 'binding',
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    body: {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: {
        name: pod.metadata.name,
        namespace: pod.metadata.namespace,
        uid: pod.metadata.uid,
      },
      target: { apiVersion: 'v1', kind: 'Node', name: chosen.name },
    },
  });
  if (res.ok) {
    sim.recordEvent(
      SOURCE,
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${chosen.name}`,
    );
    delete st.unschedulable[key];
  } else {
    // Binding failed (API server gone, or a conflict): back off and try again.
    const u = st.unschedulable[key];
    const attempts = (u?.attempts ?? 0) + 1;
    st.unschedulable[key] = { retryAtMs: sim.state.nowMs + backoffMs(attempts), attempts };
    sim.schedule(backoffMs(attempts), { t: 'scheduler/flushUnschedulable' });
  }
}

function backoffMs(attempts: number): number {
  return Math.min(
    K8S.schedulerPodInitialBackoffMs * 2 ** (attempts - 1),
    K8S.schedulerPodMaxBackoffMs,
  );
}

function setUnschedulable(sim: Simulation, key: string, pod: KObject, message: string): void {
  const st = sim.state.scheduler;
  const u = st.unschedulable[key];
  const attempts = (u?.attempts ?? 0) + 1;
  st.unschedulable[key] = { retryAtMs: sim.state.nowMs + backoffMs(attempts), attempts };
  const conds = pod.status?.conditions ?? [];
  const old = conds.find((c: { type: string }) => c.type === 'PodScheduled');
  if (old && old.status === 'False' && old.message === message) return;
  const cond = {
    type: 'PodScheduled',
    status: 'False',
    lastProbeTime: null,
    lastTransitionTime:
      old?.status === 'False' ? old.lastTransitionTime : sim.microNow().replace(/\.\d+Z$/, 'Z'),
    reason: 'Unschedulable',
    message,
  };
  const body = {
    ...pod,
    status: {
      ...pod.status,
      conditions: [...conds.filter((c: { type: string }) => c.type !== 'PodScheduled'), cond],
    },
  };
  sim.api(ACTOR.scheduler, SCHEDULER_USER, {
    verb: 'update',
    resource: 'pods',
    subresource: 'status',
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    body,
  });
}

/** schedule_one.go numFeasibleNodesToFind with the adaptive percentage. */
function numFeasibleNodesToFind(numAll: number): number {
  if (numAll < K8S.minFeasibleNodesToFind) return numAll;
  let pct = 50 - numAll / 125;
  if (pct < K8S.minFeasibleNodesPercentageToFind) pct = K8S.minFeasibleNodesPercentageToFind;
  const n = Math.floor((numAll * pct) / 100);
  return Math.max(n, K8S.minFeasibleNodesToFind);
}

interface FilterFailure {
  reason: string;
  unresolvable: boolean;
}

function tolerates(pod: KObject, taint: { key: string; value?: string; effect: string }): boolean {
  return (pod.spec?.tolerations ?? []).some(
    (t: { key?: string; operator?: string; value?: string; effect?: string }) => {
      if (t.effect && t.effect !== taint.effect) return false;
      if (!t.key) return t.operator === 'Exists';
      if (t.key !== taint.key) return false;
      if (t.operator === 'Exists') return true;
      if (t.operator === 'Gt' || t.operator === 'Lt') {
        const a = Number(taint.value);
        const b = Number(t.value);
        return Number.isFinite(a) && Number.isFinite(b) && (t.operator === 'Gt' ? a > b : a < b);
      }
      return (t.value ?? '') === (taint.value ?? '');
    },
  );
}

/** What the filters and the score read from a pod: worked out once per scheduling cycle. */
interface PodView {
  pod: KObject;
  req: { cpuMilli: number; memoryMilli: number };
  toleratesUnschedulable: boolean;
  nodeSelector: [string, unknown][];
  terms: Parameters<typeof matchNodeSelectorTerms>[0] | undefined;
  /** The containers' images, normalised (ImageLocality). */
  images: string[];
  /** When required node affinity pins the pod to named nodes (matchFields metadata.name In). */
  pinnedTo: string[] | undefined;
}

/**
 * The only node names that can satisfy the terms, when every term that can match at all has a
 * `metadata.name In (...)` field requirement; undefined otherwise.
 */
function pinnedNames(terms: unknown): string[] | undefined {
  if (!Array.isArray(terms)) return undefined;
  const out: string[] = [];
  for (const term of terms) {
    const exprs = term?.matchExpressions ?? [];
    const fields = term?.matchFields ?? [];
    if (!Array.isArray(exprs) || !Array.isArray(fields)) return undefined;
    if (exprs.length === 0 && fields.length === 0) continue; // an empty term matches nothing
    const byName = fields.find(
      (r: { key?: string; operator?: string }) => r?.key === 'metadata.name' && r.operator === 'In',
    );
    if (!byName || !Array.isArray(byName.values)) return undefined;
    out.push(...byName.values);
  }
  return out;
}

const nodeIndexes = new WeakMap<string[], Map<string, number>>();

/** Positions in the node list of the given names (each once). */
function pinnedIndexes(names: string[], pinned: string[]): number[] {
  let byName = nodeIndexes.get(names);
  if (!byName) {
    byName = new Map(names.map((n, i) => [n, i]));
    nodeIndexes.set(names, byName);
  }
  const out = new Set<number>();
  for (const n of pinned) {
    const i = byName.get(n);
    if (i !== undefined) out.add(i);
  }
  return [...out];
}

function podView(pod: KObject): PodView {
  return {
    pod,
    req: podRequests(pod),
    toleratesUnschedulable: tolerates(pod, {
      key: 'node.kubernetes.io/unschedulable',
      effect: 'NoSchedule',
    }),
    nodeSelector: Object.entries(pod.spec?.nodeSelector ?? {}),
    terms:
      pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
        ?.nodeSelectorTerms,
    images: (pod.spec?.containers ?? []).map((c: { image: string }) => normalize(c.image)),
    pinnedTo: pinnedNames(
      pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
        ?.nodeSelectorTerms,
    ),
  };
}

/**
 * What the filters and the score read from the Node object stored under one name (stored objects
 * never change: a write brings a new object, and the slot is dropped and built again).
 */
interface NodeSlot {
  name: string;
  /** Undefined when no Node object is stored under the name. */
  obj: KObject | undefined;
  unschedulable: boolean;
  /** NoSchedule and NoExecute taints, in the node's order. */
  taints: { key: string; value?: string; effect: string }[];
  labels: Record<string, string>;
  allocPods: number;
  allocCpuMilli: number;
  allocMemoryMilli: number;
  /** The node's usage record in the indexes (the same object until they are cleared). */
  used: { cpuMilli: number; memoryMilli: number; pods: number };
  /** The node's image table as a Set (images are only ever added), for ImageLocality. */
  images: ReadonlySet<string> | undefined;
  /** An image known to be on the node (it stays there): the last one found. */
  knownImage: string;
}

function newSlot(sim: Simulation, slots: NodeSlot[], index: number): NodeSlot {
  const name = sim.state.nodeNames[index];
  const obj: KObject | undefined = sim.store('nodes')[name];
  const machine = sim.state.nodes[name];
  const alloc = obj ? allocatableOf(obj) : { cpuMilli: 0, memoryMilli: 0, pods: 0 };
  const slot: NodeSlot = {
    name,
    obj,
    unschedulable: !!obj?.spec?.unschedulable,
    taints: (obj?.spec?.taints ?? []).filter(
      (t: { effect: string }) => t.effect === 'NoSchedule' || t.effect === 'NoExecute',
    ),
    labels: obj?.metadata.labels ?? {},
    allocPods: alloc.pods,
    allocCpuMilli: alloc.cpuMilli,
    allocMemoryMilli: alloc.memoryMilli,
    used: sim.indexes.usageOf(name),
    images: machine ? imageSet(machine) : undefined,
    knownImage: '',
  };
  slots[index] = slot;
  return slot;
}

/**
 * One slot per position in state.nodeNames, dropped when the Node under that name is written
 * (the indexes report every node write); a restore or a rebuild of the indexes starts afresh.
 */
interface SlotCache {
  names: string[];
  generation: number;
  slots: NodeSlot[];
  changed: Set<string>;
  indexOf: Map<string, number>;
}

const slotCaches = new WeakMap<object, SlotCache>();

/** Tests turn `verify` on to check every cached slot against the store before each cycle. */
export const schedulerChecks = { verify: false };

function nodeSlots(sim: Simulation): NodeSlot[] {
  const names = sim.state.nodeNames;
  let c = slotCaches.get(sim.indexes);
  if (!c || c.names !== names || c.generation !== sim.indexes.generation) {
    c = {
      names,
      generation: sim.indexes.generation,
      slots: [],
      changed: sim.indexes.watchNodes(),
      indexOf: new Map(names.map((n, i) => [n, i])),
    };
    slotCaches.set(sim.indexes, c);
  }
  if (c.changed.size > 0) {
    for (const name of c.changed) {
      const i = c.indexOf.get(name);
      if (i !== undefined) delete c.slots[i];
    }
    c.changed.clear();
  }
  if (schedulerChecks.verify) {
    const store = sim.store('nodes');
    c.slots.forEach((slot, i) => {
      if (slot.obj !== store[names[i]] || slot.used !== sim.indexes.usageOf(names[i]))
        throw new Error(`scheduler slot for ${names[i]} is out of date`);
    });
  }
  return c.slots;
}

/** The Filter plugins in order: NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit. */
function filterNode(p: PodView, n: NodeSlot): FilterFailure | undefined {
  // NodeUnschedulable
  if (n.unschedulable && !p.toleratesUnschedulable)
    return { reason: 'node(s) were unschedulable', unresolvable: true };
  // TaintToleration: NoSchedule and NoExecute taints must be tolerated.
  for (const taint of n.taints) {
    if (!tolerates(p.pod, taint))
      return {
        reason: `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`,
        unresolvable: true,
      };
  }
  // NodeAffinity (nodeSelector and required node affinity)
  const labels = n.labels;
  let selOk = true;
  for (const [k, v] of p.nodeSelector) {
    if (labels[k] !== v) {
      selOk = false;
      break;
    }
  }
  if (!selOk || (p.terms && !matchNodeSelectorTerms(p.terms, n.obj as KObject)))
    return { reason: "node(s) didn't match Pod's node affinity/selector", unresolvable: true };
  // NodeResourcesFit
  const req = p.req;
  const used = n.used;
  if (used.pods + 1 > n.allocPods) return { reason: 'Too many pods', unresolvable: false };
  if (req.cpuMilli > 0 && used.cpuMilli + req.cpuMilli > n.allocCpuMilli)
    return { reason: 'Insufficient cpu', unresolvable: false };
  if (req.memoryMilli > 0 && used.memoryMilli + req.memoryMilli > n.allocMemoryMilli)
    return { reason: 'Insufficient memory', unresolvable: false };
  return undefined;
}

/** Score (NodeResourcesFit LeastAllocated + ImageLocality-lite) and pick the best, ties at random. */
function selectHost(sim: Simulation, p: PodView, feasible: NodeSlot[]): NodeSlot {
  if (feasible.length === 1) return feasible[0];
  let best: NodeSlot = feasible[0];
  let bestScore = -1;
  let ties = 0;
  const req = p.req;
  const images = p.images;
  // Non-zero defaults for pods without requests (100m CPU, 200 MiB), as the scheduler uses.
  const reqCpu = req.cpuMilli || 100;
  const reqMem = req.memoryMilli || 200 * 1024 * 1024 * 1000;
  for (const n of feasible) {
    const used = n.used;
    const cpu = used.cpuMilli + reqCpu + used.pods * 100;
    const mem = used.memoryMilli + reqMem + used.pods * 200 * 1024 * 1024 * 1000;
    const least =
      (Math.max(0, (n.allocCpuMilli - cpu) / n.allocCpuMilli) * 100 +
        Math.max(0, (n.allocMemoryMilli - mem) / n.allocMemoryMilli) * 100) /
      2;
    let hasImages = false;
    const present = n.images;
    if (present) {
      for (const img of images) {
        if (n.knownImage === img || present.has(img)) {
          n.knownImage = img;
          hasImages = true;
          break;
        }
      }
    }
    const score = Math.floor(least) + (hasImages ? 5 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = n;
      ties = 1;
    } else if (score === bestScore) {
      ties++;
      if (sim.int(0, ties - 1) === 0) best = n;
    }
  }
  return best;
}

import { normalizeImage as normalize } from '../model/images';
import { imageSet } from './runtime';
