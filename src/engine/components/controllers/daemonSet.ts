/**
 * DaemonSet controller: one pod per eligible node, pinned with required node affinity on
 * `metadata.name` and scheduled by the default scheduler (as since v1.12), with the tolerations
 * the controller adds to every daemon pod.
 */
import type { KObject } from '../../api/types';
import { jsonEqual, objectKey } from '../../model/meta';
import { daemonTargetNode, matchNodeSelectorTerms } from '../../model/nodeAffinity';
import { K8S } from '../../sim/defaults';
import type { DaemonPods, Indexes } from '../../sim/indexes';
import type { Simulation } from '../../sim/simulation';
import {
  isActive,
  isReady,
  kcmApi,
  ownedInAnyOrder,
  podFromTemplate,
  requeueLater,
  updateStatus,
} from './common';
import { kcmSource, markDirty } from './manager';
import {
  burstRunning,
  deleteOwnedPod,
  dropExpectations,
  expectationsSatisfied,
  registerBurst,
  startBurst,
} from './podBurst';

/** pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations. */
const DAEMON_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

function tolerated(
  tolerations: { key?: string; operator?: string; value?: string; effect?: string }[],
  taint: { key: string; value?: string; effect: string },
): boolean {
  return tolerations.some(
    (t) =>
      (!t.effect || t.effect === taint.effect) &&
      (t.key
        ? t.key === taint.key &&
          (t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? ''))
        : t.operator === 'Exists'),
  );
}

function shouldRun(ds: KObject, node: KObject, tolerations: { key?: string }[]): boolean {
  for (const taint of node.spec?.taints ?? []) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerated(tolerations, taint)) return false;
  }
  const labels = node.metadata.labels ?? {};
  const sel = ds.spec.template.spec?.nodeSelector ?? {};
  if (!Object.entries(sel).every(([k, v]) => labels[k] === v)) return false;
  const terms =
    ds.spec.template.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms;
  return !terms || matchNodeSelectorTerms(terms, node);
}

/** What a sync needs from the DaemonSet's active pods, read before it writes anything. */
interface ActivePods {
  /** Nodes that active pods run on or are pinned to (currentNumberScheduled). */
  targets: number;
  /** Active pods bound to a node, and those of them Ready. */
  scheduled: number;
  ready: number;
  /** How many active pods a node has, and the pods themselves in store-key order. */
  count(node: string): number;
  on(node: string): KObject[];
}

/** Tests turn `verify` on to compare the indexed view with a scan of the owned pods. */
export const daemonSetChecks = { verify: false };

/**
 * From the indexes (kept current on every write) when they hold every pod the DaemonSet owns;
 * else (a pod with this controller uid but another kind, or one the index could not read) by
 * scanning the owned pods.
 */
function activePods(sim: Simulation, uid: string): ActivePods {
  const index = sim.indexes.daemonPods.get(uid);
  const owned = sim.indexes.ownedKeysInAnyOrder(uid, 'pods');
  if (!daemonSetChecks.verify) return indexedOrScanned(sim, uid, index, owned);
  const fast = indexedOrScanned(sim, uid, index, owned);
  const scan = scannedPods(sim, uid);
  const nodes = new Set([...(index?.byTarget.keys() ?? []), ...sim.state.nodeNames]);
  const same =
    fast.targets === scan.targets &&
    fast.scheduled === scan.scheduled &&
    fast.ready === scan.ready &&
    [...nodes].every(
      (n) =>
        fast.count(n) === scan.count(n) &&
        fast.on(n).length === scan.on(n).length &&
        fast.on(n).every((p, i) => p === scan.on(n)[i]),
    );
  if (!same) throw new Error(`DaemonSet pod index out of date for ${uid}`);
  return fast;
}

function indexedOrScanned(
  sim: Simulation,
  uid: string,
  index: DaemonPods | undefined,
  owned: ReadonlySet<string> | undefined,
): ActivePods {
  if ((index?.total ?? 0) === (owned?.size ?? 0)) {
    const store = sim.store('pods');
    return {
      targets: index?.byTarget.size ?? 0,
      scheduled: index?.scheduled ?? 0,
      ready: index?.ready ?? 0,
      count: (node) => index?.byTarget.get(node)?.size ?? 0,
      on: (node) => {
        const keys = index?.byTarget.get(node);
        if (!keys) return NONE;
        return [...keys].sort().map((k) => store[k]);
      },
    };
  }
  return scannedPods(sim, uid);
}

function scannedPods(sim: Simulation, uid: string): ActivePods {
  const pods = ownedInAnyOrder(sim, uid, 'pods').filter(isActive);
  const byNode = new Map<string, KObject[]>();
  for (const p of pods) {
    const n = daemonTargetNode(p);
    if (!n) continue;
    const list = byNode.get(n);
    if (list) list.push(p);
    else byNode.set(n, [p]);
  }
  // A node's pods in store-key order (what owned() would have listed).
  for (const list of byNode.values()) if (list.length > 1) list.sort(byKey);
  const scheduled = pods.filter((p) => !!p.spec?.nodeName);
  return {
    targets: byNode.size,
    scheduled: scheduled.length,
    ready: scheduled.filter(isReady).length,
    count: (node) => byNode.get(node)?.length ?? 0,
    on: (node) => byNode.get(node) ?? NONE,
  };
}

/** Where a DaemonSet's pods should be and are not, and are and should not be. */
interface NodeAnswers {
  desired: number;
  toCreate: string[];
  toDelete: string[];
}

/** The pass over every node (in the node list's order) that a sync makes. */
function passOverNodes(sim: Simulation, ds: KObject, pods: ActivePods): NodeAnswers {
  const tolerations = daemonTolerations(ds);
  const nodes = sim.store('nodes');
  const out: NodeAnswers = { desired: 0, toCreate: [], toDelete: [] };
  for (const name of sim.state.nodeNames) {
    const node = nodes[name];
    if (!node) continue;
    const run = shouldRun(ds, node, tolerations);
    const have = pods.count(name);
    if (run) out.desired++;
    if (run && have === 0) out.toCreate.push(name);
    else if (!run && have > 0)
      for (const p of pods.on(name))
        out.toDelete.push(`${p.metadata.namespace}/${p.metadata.name}`);
  }
  return out;
}

/**
 * A DaemonSet's per-node answers from its last sync, brought up to date at the next one from
 * what changed since: the Nodes written (Indexes.watchNodes) and the nodes that gained their
 * first or lost their last active pod (DaemonPods.changedTargets). A sync reads only those
 * nodes: with thousands of nodes joining one by one, a pass over every node at every sync made
 * a cluster's start quadratic. Derived data, per simulation; rebuilt whenever it cannot be
 * trusted (another spec, cleared indexes, a node list that did not just grow).
 */
interface NodePass {
  uid: string;
  spec: unknown;
  generation: number;
  index: DaemonPods;
  names: readonly string[];
  pos: Map<string, number>;
  changedNodes: Set<string>;
  run: Set<string>;
  missing: Set<string>;
  excess: Set<string>;
}

const nodePasses = new WeakMap<Indexes, Map<string, NodePass>>();

/** Keyed by the DaemonSet's key, so a deleted one's can be dropped. */
function forgetNodePass(sim: Simulation, key: string): void {
  const pass = nodePasses.get(sim.indexes)?.get(key);
  if (!pass) return;
  sim.indexes.unwatchNodes(pass.changedNodes);
  nodePasses.get(sim.indexes)?.delete(key);
}

function refreshNode(
  pass: NodePass,
  name: string,
  ds: KObject,
  tolerations: { key?: string }[],
  nodes: Record<string, KObject>,
  pods: ActivePods,
): void {
  const node = pass.pos.has(name) ? nodes[name] : undefined;
  const run = !!node && shouldRun(ds, node, tolerations);
  const have = !!node && pods.count(name) > 0;
  const put = (set: Set<string>, yes: boolean) => (yes ? set.add(name) : set.delete(name));
  put(pass.run, run);
  put(pass.missing, run && !have);
  put(pass.excess, !run && have);
}

function incrementalPass(
  sim: Simulation,
  key: string,
  ds: KObject,
  index: DaemonPods,
  pods: ActivePods,
): NodeAnswers {
  let byKey = nodePasses.get(sim.indexes);
  if (!byKey) {
    byKey = new Map();
    nodePasses.set(sim.indexes, byKey);
  }
  const names = sim.state.nodeNames;
  const tolerations = daemonTolerations(ds);
  const nodes = sim.store('nodes');
  let pass = byKey.get(key);
  const seen = pass?.names.length ?? 0;
  const trusted =
    !!pass &&
    pass.uid === ds.metadata.uid &&
    pass.spec === ds.spec &&
    pass.generation === sim.indexes.generation &&
    pass.index === index &&
    names.length >= seen &&
    names[seen - 1] === pass.names[seen - 1];
  if (!pass || !trusted) {
    forgetNodePass(sim, key);
    const fresh: NodePass = {
      uid: ds.metadata.uid as string,
      spec: ds.spec,
      generation: sim.indexes.generation,
      index,
      names,
      pos: new Map(names.map((n, i) => [n, i])),
      changedNodes: sim.indexes.watchNodes(),
      run: new Set(),
      missing: new Set(),
      excess: new Set(),
    };
    pass = fresh;
    byKey.set(key, fresh);
    index.changedTargets.clear();
    for (const name of names) refreshNode(fresh, name, ds, tolerations, nodes, pods);
  } else {
    for (let i = seen; i < names.length; i++) {
      pass.pos.set(names[i], i);
      pass.changedNodes.add(names[i]);
    }
    pass.names = names;
    for (const name of pass.changedNodes) refreshNode(pass, name, ds, tolerations, nodes, pods);
    for (const name of index.changedTargets) refreshNode(pass, name, ds, tolerations, nodes, pods);
    pass.changedNodes.clear();
    index.changedTargets.clear();
  }
  const pos = pass.pos;
  const inOrder = (set: Set<string>) =>
    set.size < 2 ? [...set] : [...set].sort((a, b) => (pos.get(a) ?? 0) - (pos.get(b) ?? 0));
  const toDelete: string[] = [];
  for (const name of inOrder(pass.excess))
    for (const p of pods.on(name)) toDelete.push(`${p.metadata.namespace}/${p.metadata.name}`);
  return { desired: pass.run.size, toCreate: inOrder(pass.missing), toDelete };
}

function daemonTolerations(ds: KObject): { key?: string }[] {
  return [...(ds.spec.template.spec?.tolerations ?? []), ...DAEMON_TOLERATIONS];
}

export function reconcileDaemonSet(sim: Simulation, key: string): void {
  const ds = sim.store('daemonsets')[key];
  if (!ds) {
    forgetNodePass(sim, key);
    return dropExpectations(sim, 'daemonset', key);
  }
  if (ds.metadata.deletionTimestamp) return;
  // The worker is still making this DaemonSet's requests: it syncs again when they are done.
  if (burstRunning(sim, 'daemonset', key)) return;
  const uid = ds.metadata.uid as string;
  const pods = activePods(sim, uid);
  const index = sim.indexes.daemonPods.get(uid);
  // The per-node answers follow the index only while the pods were read from it.
  const indexed =
    !!index && index.total === (sim.indexes.ownedKeysInAnyOrder(uid, 'pods')?.size ?? 0);
  let answers: NodeAnswers;
  if (!indexed) {
    forgetNodePass(sim, key);
    answers = passOverNodes(sim, ds, pods);
  } else {
    answers = incrementalPass(sim, key, ds, index, pods);
    if (daemonSetChecks.verify) {
      const full = passOverNodes(sim, ds, pods);
      if (JSON.stringify(full) !== JSON.stringify(answers))
        throw new Error(
          `DaemonSet ${key}: the incremental pass ${JSON.stringify(answers)} differs from a full one ${JSON.stringify(full)}`,
        );
    }
  }
  const { desired, toCreate, toDelete } = answers;
  const acted = toCreate.length > 0 || toDelete.length > 0;
  // syncNodes: BurstReplicas creations (slow start) or deletions a sync, once the last ones
  // were seen (expectations); the status is written when they are done.
  if (acted && expectationsSatisfied(sim, 'daemonset', key)) {
    const burst = K8S.daemonSetBurstReplicas;
    if (toCreate.length > 0) {
      const targets = toCreate.slice(0, burst);
      startBurst(sim, 'daemonset', key, 'create', targets.length, targets);
    } else {
      const victims = toDelete.slice(0, burst);
      startBurst(sim, 'daemonset', key, 'delete', victims.length, victims);
    }
    // Still waiting for tokens: the status is written when the requests are done.
    if (burstRunning(sim, 'daemonset', key)) return;
  }
  // As the informer's view had it when the pass started (the watch brings the new pods later).
  writeStatus(sim, ds, pods, desired);
}

/** One daemon pod for a node: pinned to it by required node affinity on metadata.name. */
function createDaemonPod(sim: Simulation, key: string, nodeName: string): boolean {
  const ds = sim.store('daemonsets')[key];
  if (!ds || ds.metadata.deletionTimestamp) return false;
  const body = podFromTemplate(ds, ds.spec.template, `${ds.metadata.name}-`, {
    tolerations: dedupe([...(ds.spec.template.spec?.tolerations ?? []), ...DAEMON_TOLERATIONS]),
    affinity: {
      ...(ds.spec.template.spec?.affinity ?? {}),
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] },
          ],
        },
      },
    },
  });
  body.metadata.labels = {
    ...body.metadata.labels,
    'controller-revision-hash': templateRevision(ds),
    'pod-template-generation': String(ds.metadata.generation ?? 1),
  };
  const res = kcmApi(sim, {
    verb: 'create',
    resource: 'pods',
    namespace: ds.metadata.namespace,
    body,
  });
  if (res.ok && res.object) {
    sim.recordEvent(
      kcmSource('daemonset-controller'),
      ds,
      'Normal',
      'SuccessfulCreate',
      `Created pod: ${res.object.metadata.name}`,
    );
    return true;
  }
  return false;
}

function deleteDaemonPod(sim: Simulation, key: string, podKey: string): boolean {
  const ds = sim.store('daemonsets')[key];
  return deleteOwnedPod(sim, ds, podKey, kcmSource('daemonset-controller'));
}

registerBurst('daemonset', {
  create: (sim, key, nodeName) => createDaemonPod(sim, key, nodeName as string),
  remove: deleteDaemonPod,
  finish: (sim, key, failed, waited) => {
    const ds = sim.store('daemonsets')[key];
    if (failed && ds) requeueLater(sim, 'daemonsets', key, ds.metadata.uid as string);
    // After a wait, the status and what changed meanwhile at the next pass (otherwise the
    // pass that started the burst writes the status).
    if (waited) markDirty(sim, 'daemonset', key);
  },
});

function writeStatus(sim: Simulation, ds: KObject, pods: ActivePods, desired: number): void {
  updateStatus(sim, 'daemonsets', ds, {
    currentNumberScheduled: pods.targets,
    desiredNumberScheduled: desired,
    numberAvailable: pods.ready,
    numberMisscheduled: 0,
    numberReady: pods.ready,
    observedGeneration: ds.metadata.generation,
    updatedNumberScheduled: pods.targets,
  });
}

const NONE: KObject[] = [];

function byKey(a: KObject, b: KObject): number {
  const ka = objectKey(a);
  const kb = objectKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function dedupe<T>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((t) => {
    const k = JSON.stringify(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function templateRevision(ds: KObject): string {
  let h = 0x811c9dc5;
  const text = JSON.stringify(ds.spec.template);
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0').slice(0, 10);
}

/**
 * daemon_controller.go updateNode: whether a Node update makes the controller sync any
 * DaemonSet. It does not when shouldIgnoreNodeUpdate holds, nor when no DaemonSet's answer to
 * "should a daemon pod run here?" changes (a new image in the Node's list, say).
 */
export function nodeUpdateConcernsDaemons(sim: Simulation, old: KObject, cur: KObject): boolean {
  if (shouldIgnoreNodeUpdate(old, cur)) return false;
  const daemonSets = sim.store('daemonsets');
  for (const key in daemonSets) {
    const ds = daemonSets[key];
    const tolerations = [...(ds.spec?.template?.spec?.tolerations ?? []), ...DAEMON_TOLERATIONS];
    if (shouldRun(ds, old, tolerations) !== shouldRun(ds, cur, tolerations)) return true;
  }
  return false;
}

/**
 * shouldIgnoreNodeUpdate: a Node update whose True conditions are the same and that changes
 * nothing else but its resourceVersion and conditions (a condition's timestamps, say).
 */
function shouldIgnoreNodeUpdate(old: KObject, cur: KObject): boolean {
  if (!nodeInSameCondition(old.status?.conditions, cur.status?.conditions)) return false;
  const aligned = {
    ...old,
    metadata: { ...old.metadata, resourceVersion: cur.metadata.resourceVersion },
    status: { ...old.status, conditions: cur.status?.conditions },
  };
  if (cur.status?.conditions === undefined) delete aligned.status.conditions;
  return jsonEqual(aligned, cur);
}

/** nodeInSameCondition: the same condition types are True before and after. */
function nodeInSameCondition(
  old: { type: string; status: string }[] | undefined,
  cur: { type: string; status: string }[] | undefined,
): boolean {
  const trueBefore = new Set((old ?? []).filter((c) => c.status === 'True').map((c) => c.type));
  const trueAfter = (cur ?? []).filter((c) => c.status === 'True').map((c) => c.type);
  return trueAfter.length === trueBefore.size && trueAfter.every((t) => trueBefore.has(t));
}
