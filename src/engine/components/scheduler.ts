/**
 * kube-scheduler: takes unscheduled pods one at a time (a scheduling cycle), runs the Filter
 * plugins in their default order (NodeUnschedulable, TaintToleration, NodeAffinity,
 * NodeResourcesFit) over a round-robin sample of nodes (percentageOfNodesToScore), scores the
 * feasible ones (LeastAllocated + ImageLocality), and binds through the Binding subresource.
 * Unschedulable pods wait, and are retried when the cluster changes or after back-off.
 */
import { type KObject, SCHEDULER_USER } from '../api/types';
import { normalizeImage as normalize } from '../model/images';
import { matchNodeSelectorTerms } from '../model/nodeAffinity';
import { allocatableOf, podRequests } from '../model/podResources';
import { K8S, SIM } from '../sim/defaults';
import { crashStaticPod } from '../sim/labVerbs';
import type { Msg } from '../sim/messages';
import type { EventSource, Simulation } from '../sim/simulation';
import { clientLimit, takeToken, tokenWaitMs } from '../sim/tokenBucket';
import { ACTOR } from '../trace';
import { imageSet } from './runtime';

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
  if (msg.t === 'scheduler/leaderCheck') return checkLeadership(sim);
  if (!st.leading) return;
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
  // Each cycle ends in a write (the binding, or the Unschedulable condition): with no token in
  // the client's bucket the cycle waits for one.
  const waitMs = tokenWaitMs(st.client, schedulerLimit(sim), sim.state.nowMs);
  if (waitMs > 0) return kick(sim, waitMs);
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

let feasibleScratch = new Int32Array(0);

function scheduleOne(sim: Simulation, key: string, pod: KObject): void {
  const st = sim.state.scheduler;
  const names = sim.state.nodeNames;
  sim.store('nodes'); // (creates the store if missing, as reading it always did)
  const numAll = names.length;
  const toFind = numFeasibleNodesToFind(numAll);
  const start = st.nextStartNodeIndex;
  // Positions of the feasible nodes: a scratch buffer reused by every cycle (read before the next).
  if (feasibleScratch.length < toFind) feasibleScratch = new Int32Array(Math.max(toFind, 1024));
  const feasible = feasibleScratch;
  let found = 0;
  let reasons: Map<string, number> | undefined;
  let unresolvable = 0;
  const p = podView(pod);
  const t = nodeTable(sim);
  const kind = t.kind;
  const usedPods = sim.indexes.usedPods;
  const usedCpu = sim.indexes.usedCpuMilli;
  const usedMem = sim.indexes.usedMemoryMilli;
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
      if (kind[index] === UNKNOWN) buildEntry(sim, t, index);
      if (kind[index] === MISSING) continue;
      if (filterNode(p, t, index, usedPods, usedCpu, usedMem)) continue;
      feasible[found++] = index;
      if (found === toFind) {
        processed = offset + 1;
        break;
      }
    }
    // No node fits: the full walk below gives the per-reason counts of the message.
    if (found === 0) processed = 0;
  }
  if (found === 0) {
    let index = start;
    for (let i = 0; i < numAll && found < toFind; i++) {
      if (i > 0 && ++index === numAll) index = 0;
      processed++;
      if (kind[index] === UNKNOWN) buildEntry(sim, t, index);
      if (kind[index] === MISSING) {
        reasons ??= new Map();
        reasons.set('node(s) not found', (reasons.get('node(s) not found') ?? 0) + 1);
        continue;
      }
      const fail = filterNode(p, t, index, usedPods, usedCpu, usedMem);
      if (!fail) feasible[found++] = index;
      else {
        reasons ??= new Map();
        reasons.set(fail.reason, (reasons.get(fail.reason) ?? 0) + 1);
        if (fail.unresolvable) unresolvable++;
      }
    }
  }
  st.nextStartNodeIndex = numAll ? (st.nextStartNodeIndex + processed) % numAll : 0;

  if (found === 0) {
    const parts = [...(reasons ?? new Map<string, number>()).entries()]
      .map(([r, c]) => `${c} ${r}`)
      .sort();
    const resolvable = numAll - unresolvable;
    const pre = [
      unresolvable ? `${unresolvable} Preemption is not helpful for scheduling` : '',
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
    if (sim.state.apiserverUp && eventToken(sim))
      sim.recordEvent(SOURCE, pod, 'Warning', 'FailedScheduling', message);
    setUnschedulable(sim, key, pod, message);
    return;
  }
  const chosen = { name: names[selectHost(sim, p, t, feasible, found)] };
  charge(sim);
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
    if (eventToken(sim))
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

/**
 * Events go through their own clientset (createClients: eventClient, with the same QPS and
 * burst). The broadcaster's queue drops what its sink cannot keep up with; here an event that
 * finds the bucket empty is dropped.
 */
function eventToken(sim: Simulation): boolean {
  const st = sim.state.scheduler;
  const limit = schedulerLimit(sim);
  if (!limit) return true;
  if (tokenWaitMs(st.eventClient, limit, sim.state.nowMs) > 0) return false;
  st.eventClient = takeToken(st.eventClient, limit, sim.state.nowMs);
  return true;
}

/** A request of the scheduler's clientset takes a token (its events go through another one). */
function charge(sim: Simulation): void {
  const st = sim.state.scheduler;
  const limit = schedulerLimit(sim);
  if (limit) st.client = takeToken(st.client, limit, sim.state.nowMs);
}

function schedulerLimit(sim: Simulation) {
  return clientLimit(sim.state.config.kubeApi, K8S.schedulerClient);
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
  charge(sim);
  sim.api(ACTOR.scheduler, SCHEDULER_USER, {
    verb: 'update',
    resource: 'pods',
    subresource: 'status',
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    body,
    typed: true,
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
  /** No node selector and no required node affinity: only taints and resources can refuse. */
  anyNode: boolean;
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
  const view = {
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
    anyNode: false,
  };
  view.anyNode = view.nodeSelector.length === 0 && !view.terms;
  return view;
}

/** What the detailed filters read from the Node object stored under one name. */
interface NodeSlot {
  obj: KObject;
  unschedulable: boolean;
  /** NoSchedule and NoExecute taints, in the node's order. */
  taints: { key: string; value?: string; effect: string }[];
  labels: Record<string, string>;
}

/** Table entry states: not read yet, no Node object, a plain node, one the filters must read. */
const UNKNOWN = 0;
const MISSING = 1;
const PLAIN = 2;
const DETAILED = 3;

/**
 * What the filters and the score read from each node, by position in state.nodeNames, in
 * arrays for the scheduling loop. An entry is read from the Node object when first needed and
 * dropped when that Node is written (the indexes report every node write); a restore or a
 * rebuild of the indexes starts a new table.
 */
interface NodeTable {
  names: string[];
  generation: number;
  changed: Set<string>;
  indexOf: Map<string, number>;
  kind: Uint8Array;
  /** The Node object details, for DETAILED entries and pods with node selectors or affinity. */
  slots: (NodeSlot | undefined)[];
  allocPods: Float64Array;
  allocCpuMilli: Float64Array;
  allocMemoryMilli: Float64Array;
  /** Each node's image set (images are only ever added), and images known to be there. */
  images: (ReadonlySet<string> | undefined)[];
  known: Map<string, Uint8Array>;
}

const tables = new WeakMap<object, NodeTable>();

/** Tests turn `verify` on to check the whole table against the store before each cycle. */
export const schedulerChecks = { verify: false };

function nodeTable(sim: Simulation): NodeTable {
  const names = sim.state.nodeNames;
  let t = tables.get(sim.indexes);
  if (!t || t.names !== names || t.generation !== sim.indexes.generation) {
    const n = names.length;
    t = {
      names,
      generation: sim.indexes.generation,
      changed: sim.indexes.watchNodes(),
      indexOf: new Map(names.map((name, i) => [name, i])),
      kind: new Uint8Array(n),
      slots: new Array(n),
      allocPods: new Float64Array(n),
      allocCpuMilli: new Float64Array(n),
      allocMemoryMilli: new Float64Array(n),
      images: names.map((name) => {
        const machine = sim.state.nodes[name];
        return machine ? imageSet(machine) : undefined;
      }),
      known: new Map(),
    };
    tables.set(sim.indexes, t);
  }
  if (t.changed.size > 0) {
    for (const name of t.changed) {
      const i = t.indexOf.get(name);
      if (i !== undefined) t.kind[i] = UNKNOWN;
    }
    t.changed.clear();
  }
  if (schedulerChecks.verify) verifyTable(sim, t);
  return t;
}

function buildEntry(sim: Simulation, t: NodeTable, index: number): void {
  const obj: KObject | undefined = sim.store('nodes')[t.names[index]];
  if (!obj) {
    t.kind[index] = MISSING;
    t.slots[index] = undefined;
    return;
  }
  const slot: NodeSlot = {
    obj,
    unschedulable: !!obj.spec?.unschedulable,
    taints: (obj.spec?.taints ?? []).filter(
      (taint: { effect: string }) => taint.effect === 'NoSchedule' || taint.effect === 'NoExecute',
    ),
    labels: obj.metadata.labels ?? {},
  };
  const alloc = allocatableOf(obj);
  t.slots[index] = slot;
  t.allocPods[index] = alloc.pods;
  t.allocCpuMilli[index] = alloc.cpuMilli;
  t.allocMemoryMilli[index] = alloc.memoryMilli;
  t.kind[index] = slot.unschedulable || slot.taints.length > 0 ? DETAILED : PLAIN;
}

function verifyTable(sim: Simulation, t: NodeTable): void {
  const store = sim.store('nodes');
  t.names.forEach((name, i) => {
    const r = sim.indexes.requested.get(name) ?? { cpuMilli: 0, memoryMilli: 0, pods: 0 };
    const stale =
      (t.kind[i] === MISSING && store[name]) ||
      (t.kind[i] >= PLAIN && t.slots[i]?.obj !== store[name]) ||
      sim.indexes.usedPods[i] !== r.pods ||
      sim.indexes.usedCpuMilli[i] !== r.cpuMilli ||
      sim.indexes.usedMemoryMilli[i] !== r.memoryMilli ||
      (sim.state.nodes[name] && t.images[i] !== imageSet(sim.state.nodes[name]));
    if (stale) throw new Error(`scheduler table entry for ${name} is out of date`);
  });
}

const TOO_MANY_PODS: FilterFailure = { reason: 'Too many pods', unresolvable: false };
const INSUFFICIENT_CPU: FilterFailure = { reason: 'Insufficient cpu', unresolvable: false };
const INSUFFICIENT_MEMORY: FilterFailure = { reason: 'Insufficient memory', unresolvable: false };

/** The Filter plugins in order: NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit. */
function filterNode(
  p: PodView,
  t: NodeTable,
  i: number,
  usedPods: Float64Array,
  usedCpu: Float64Array,
  usedMem: Float64Array,
): FilterFailure | undefined {
  // A plain node (schedulable, no NoSchedule/NoExecute taint) passes the first three for a pod
  // without node selector or required affinity.
  if (t.kind[i] === DETAILED || !p.anyNode) {
    const fail = filterDetails(p, t.slots[i] as NodeSlot);
    if (fail) return fail;
  }
  // NodeResourcesFit
  const req = p.req;
  if (usedPods[i] + 1 > t.allocPods[i]) return TOO_MANY_PODS;
  if (req.cpuMilli > 0 && usedCpu[i] + req.cpuMilli > t.allocCpuMilli[i]) return INSUFFICIENT_CPU;
  if (req.memoryMilli > 0 && usedMem[i] + req.memoryMilli > t.allocMemoryMilli[i])
    return INSUFFICIENT_MEMORY;
  return undefined;
}

/** NodeUnschedulable, TaintToleration and NodeAffinity. */
function filterDetails(p: PodView, n: NodeSlot): FilterFailure | undefined {
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
  return undefined;
}

/**
 * Score (NodeResourcesFit LeastAllocated + ImageLocality-lite) and pick the best, ties at random.
 * Returns the chosen node's position.
 */
function selectHost(
  sim: Simulation,
  p: PodView,
  t: NodeTable,
  feasible: Int32Array,
  count: number,
): number {
  if (count === 1) return feasible[0];
  let best = feasible[0];
  let bestScore = -1;
  let ties = 0;
  const req = p.req;
  const images = p.images;
  const usedPods = sim.indexes.usedPods;
  const usedCpu = sim.indexes.usedCpuMilli;
  const usedMem = sim.indexes.usedMemoryMilli;
  const allocCpu = t.allocCpuMilli;
  const allocMem = t.allocMemoryMilli;
  const known = images.map((img) => {
    let bits = t.known.get(img);
    if (!bits) {
      bits = new Uint8Array(t.names.length);
      t.known.set(img, bits);
    }
    return bits;
  });
  // Non-zero defaults for pods without requests (100m CPU, 200 MiB), as the scheduler uses.
  const reqCpu = req.cpuMilli || 100;
  const reqMem = req.memoryMilli || 200 * 1024 * 1024 * 1000;
  for (let f = 0; f < count; f++) {
    const i = feasible[f];
    const cpu = usedCpu[i] + reqCpu + usedPods[i] * 100;
    const mem = usedMem[i] + reqMem + usedPods[i] * 200 * 1024 * 1024 * 1000;
    const least =
      (Math.max(0, (allocCpu[i] - cpu) / allocCpu[i]) * 100 +
        Math.max(0, (allocMem[i] - mem) / allocMem[i]) * 100) /
      2;
    let hasImages = false;
    const present = t.images[i];
    if (present) {
      for (let k = 0; k < images.length; k++) {
        if (known[k][i] === 1 || present.has(images[k])) {
          known[k][i] = 1;
          hasImages = true;
          break;
        }
      }
    }
    const score = Math.floor(least) + (hasImages ? 5 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = i;
      ties = 1;
    } else if (score === bestScore) {
      ties++;
      if (sim.int(0, ties - 1) === 0) best = i;
    }
  }
  return best;
}

/** leaderelection, as for the controller manager: past the renew deadline the scheduler exits. */
function checkLeadership(sim: Simulation): void {
  const s = sim.state;
  const st = s.scheduler;
  if (!st.leading || s.controlPlaneDownSinceMs < 0) return;
  if (s.nowMs - s.controlPlaneDownSinceMs < K8S.leaderElectionRenewDeadlineMs) return;
  st.leading = false;
  st.activeQ = [];
  st.activeHead = 0;
  st.queued = {};
  st.unschedulable = {};
  st.running = false;
  delete st.client;
  delete st.eventClient;
  sim.trace(
    ACTOR.scheduler,
    ACTOR.scheduler,
    'process',
    'lease/kube-system/kube-scheduler',
    'leaderelection lost: cannot renew the lease, exiting',
    true,
  );
  crashStaticPod(sim, 'kube-system/kube-scheduler-control-plane');
}
