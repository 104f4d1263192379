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
  const nodeStore = sim.store('nodes');
  const numAll = names.length;
  const toFind = numFeasibleNodesToFind(numAll);
  const start = st.nextStartNodeIndex;
  let feasible: NodeSlot[] = [];
  const reasons = new Map<string, number>();
  const unresolvable = { count: 0 };
  const p = podView(pod);
  const slots = nodeSlots(sim);
  const slotAt = (index: number, obj: KObject): NodeSlot => {
    let slot = slots[index];
    if (!slot || slot.obj !== obj) {
      slot = nodeSlot(names[index], obj);
      slots[index] = slot;
    }
    return slot;
  };
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
      const obj = nodeStore[names[index]];
      if (!obj) continue;
      const slot = slotAt(index, obj);
      if (filterNode(sim, p, slot)) continue;
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
      const obj = nodeStore[names[index]];
      if (!obj) {
        reasons.set('node(s) not found', (reasons.get('node(s) not found') ?? 0) + 1);
        continue;
      }
      const slot = slotAt(index, obj);
      const fail = filterNode(sim, p, slot);
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
 * What the filters and the score read from a Node object, worked out once per object (stored
 * objects are never changed: an update is a new object, which gets a new slot).
 */
interface NodeSlot {
  name: string;
  obj: KObject;
  unschedulable: boolean;
  /** NoSchedule and NoExecute taints, in the node's order. */
  taints: { key: string; value?: string; effect: string }[];
  labels: Record<string, string>;
  alloc: { cpuMilli: number; memoryMilli: number; pods: number };
}

function nodeSlot(name: string, obj: KObject): NodeSlot {
  return {
    name,
    obj,
    unschedulable: !!obj.spec?.unschedulable,
    taints: (obj.spec?.taints ?? []).filter(
      (t: { effect: string }) => t.effect === 'NoSchedule' || t.effect === 'NoExecute',
    ),
    labels: obj.metadata.labels ?? {},
    alloc: allocatableOf(obj),
  };
}

/** One slot per position in state.nodeNames (a restore brings a new list, hence new slots). */
const slotsByNodeList = new WeakMap<string[], NodeSlot[]>();

function nodeSlots(sim: Simulation): NodeSlot[] {
  const names = sim.state.nodeNames;
  let slots = slotsByNodeList.get(names);
  if (!slots) {
    slots = [];
    slotsByNodeList.set(names, slots);
  }
  return slots;
}

const NO_USAGE = { cpuMilli: 0, memoryMilli: 0, pods: 0 };

/** The Filter plugins in order: NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit. */
function filterNode(sim: Simulation, p: PodView, n: NodeSlot): FilterFailure | undefined {
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
  if (!selOk || (p.terms && !matchNodeSelectorTerms(p.terms, n.obj)))
    return { reason: "node(s) didn't match Pod's node affinity/selector", unresolvable: true };
  // NodeResourcesFit
  const alloc = n.alloc;
  const req = p.req;
  const used = sim.indexes.requested.get(n.name) ?? NO_USAGE;
  if (used.pods + 1 > alloc.pods) return { reason: 'Too many pods', unresolvable: false };
  if (req.cpuMilli > 0 && used.cpuMilli + req.cpuMilli > alloc.cpuMilli)
    return { reason: 'Insufficient cpu', unresolvable: false };
  if (req.memoryMilli > 0 && used.memoryMilli + req.memoryMilli > alloc.memoryMilli)
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
  const nodes = sim.state.nodes;
  // Non-zero defaults for pods without requests (100m CPU, 200 MiB), as the scheduler uses.
  const reqCpu = req.cpuMilli || 100;
  const reqMem = req.memoryMilli || 200 * 1024 * 1024 * 1000;
  for (const n of feasible) {
    const alloc = n.alloc;
    const used = sim.indexes.requested.get(n.name) ?? NO_USAGE;
    const cpu = used.cpuMilli + reqCpu + used.pods * 100;
    const mem = used.memoryMilli + reqMem + used.pods * 200 * 1024 * 1024 * 1000;
    const least =
      (Math.max(0, (alloc.cpuMilli - cpu) / alloc.cpuMilli) * 100 +
        Math.max(0, (alloc.memoryMilli - mem) / alloc.memoryMilli) * 100) /
      2;
    const local = nodes[n.name];
    let hasImages = false;
    if (local) {
      const present = local.runtime.images;
      for (const img of images) {
        if (present[img]) {
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
