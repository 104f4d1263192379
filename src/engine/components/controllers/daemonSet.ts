/**
 * DaemonSet controller: one pod per eligible node, pinned with required node affinity on
 * `metadata.name` and scheduled by the default scheduler (as since v1.12), with the tolerations
 * the controller adds to every daemon pod.
 */
import type { KObject } from '../../api/types';
import { jsonEqual, objectKey } from '../../model/meta';
import { daemonTargetNode, matchNodeSelectorTerms } from '../../model/nodeAffinity';
import { K8S } from '../../sim/defaults';
import type { DaemonPods } from '../../sim/indexes';
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

/**
 * shouldRun for each position in the node list, remembered per pod template spec: the answer
 * holds as long as the Node object at that position is the same (stored objects never change).
 */
const shouldRunSlots = new WeakMap<
  string[],
  WeakMap<object, ({ node: KObject; run: boolean } | undefined)[]>
>();

function runSlotsFor(names: string[], spec: unknown) {
  if (!spec || typeof spec !== 'object') return undefined;
  let bySpec = shouldRunSlots.get(names);
  if (!bySpec) {
    bySpec = new WeakMap();
    shouldRunSlots.set(names, bySpec);
  }
  let slots = bySpec.get(spec);
  if (!slots) {
    slots = [];
    bySpec.set(spec, slots);
  }
  return slots;
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

/**
 * What the last full pass over the nodes found for a DaemonSet spec, when it found nothing to
 * create or delete. While the Node objects and the set of nodes with active daemon pods stay the
 * same, another pass would find the same: the sync skips straight to the status. (Keyed by the
 * stored spec object, which status writes share: stored objects are never changed.)
 */
interface SettledPass {
  uid: string;
  nodesVersion: number;
  targetsChanged: number;
  nodeCount: number;
  desired: number;
}

const settledPasses = new WeakMap<object, SettledPass>();

export function reconcileDaemonSet(sim: Simulation, key: string): void {
  const ds = sim.store('daemonsets')[key];
  if (!ds) return dropExpectations(sim, 'daemonset', key);
  if (ds.metadata.deletionTimestamp) return;
  // The worker is still making this DaemonSet's requests: it syncs again when they are done.
  if (burstRunning(sim, 'daemonset', key)) return;
  const uid = ds.metadata.uid as string;
  const pods = activePods(sim, uid);
  const names = sim.state.nodeNames;
  const index = sim.indexes.daemonPods.get(uid);
  const settled = settledPasses.get(ds.spec);
  const unchanged =
    settled?.uid === uid &&
    !!index &&
    index.total === (sim.indexes.ownedKeysInAnyOrder(uid, 'pods')?.size ?? 0) &&
    settled.nodesVersion === sim.indexes.nodesVersion &&
    settled.targetsChanged === index.targetsChanged &&
    settled.nodeCount === names.length;
  if (unchanged && !daemonSetChecks.verify)
    return writeStatus(sim, ds, pods, (settled as SettledPass).desired);
  const tolerations = [...(ds.spec.template.spec?.tolerations ?? []), ...DAEMON_TOLERATIONS];
  let desired = 0;
  const toCreate: string[] = [];
  const toDelete: string[] = [];
  const nodes = sim.store('nodes');
  const slots = runSlotsFor(names, ds.spec.template.spec);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const node = nodes[name];
    if (!node) continue;
    let run: boolean;
    const slot = slots?.[i];
    if (slot && slot.node === node) run = slot.run;
    else {
      run = shouldRun(ds, node, tolerations);
      if (slots) slots[i] = { node, run };
    }
    const have = pods.count(name);
    if (run) desired++;
    if (run && have === 0) toCreate.push(name);
    else if (!run && have > 0)
      for (const p of pods.on(name)) toDelete.push(`${p.metadata.namespace}/${p.metadata.name}`);
  }
  const acted = toCreate.length > 0 || toDelete.length > 0;
  if (unchanged && (acted || desired !== (settled as SettledPass).desired))
    throw new Error(`DaemonSet ${key}: a pass skipped as settled had work to do`);
  if (!acted && index)
    settledPasses.set(ds.spec, {
      uid,
      nodesVersion: sim.indexes.nodesVersion,
      targetsChanged: index.targetsChanged,
      nodeCount: names.length,
      desired,
    });
  else settledPasses.delete(ds.spec);
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
