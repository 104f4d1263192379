/**
 * DaemonSet controller: one pod per eligible node, pinned with required node affinity on
 * `metadata.name` and scheduled by the default scheduler (as since v1.12), with the tolerations
 * the controller adds to every daemon pod.
 */
import type { KObject } from '../../api/types';
import { objectKey } from '../../model/meta';
import { matchNodeSelectorTerms } from '../../model/nodeAffinity';
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
import { kcmSource } from './manager';

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

/** targetNode per pod spec (status updates keep the spec object). */
const targetMemo = new WeakMap<object, string | undefined>();

function targetNodeOf(pod: KObject): string | undefined {
  const spec = pod.spec;
  if (!spec || typeof spec !== 'object') return targetNode(pod);
  if (targetMemo.has(spec)) return targetMemo.get(spec);
  const n = targetNode(pod);
  targetMemo.set(spec, n);
  return n;
}

function targetNode(pod: KObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms ?? [];
  for (const t of terms)
    for (const f of t.matchFields ?? []) if (f.key === 'metadata.name') return f.values?.[0];
  return undefined;
}

export function reconcileDaemonSet(sim: Simulation, key: string): void {
  const ds = sim.store('daemonsets')[key];
  if (!ds || ds.metadata.deletionTimestamp) return;
  const src = kcmSource('daemonset-controller');
  const tolerations = [...(ds.spec.template.spec?.tolerations ?? []), ...DAEMON_TOLERATIONS];
  const pods = ownedInAnyOrder(sim, ds.metadata.uid as string, 'pods').filter(isActive);
  const byNode = new Map<string, KObject[]>();
  for (const p of pods) {
    const n = targetNodeOf(p);
    if (!n) continue;
    const list = byNode.get(n);
    if (list) list.push(p);
    else byNode.set(n, [p]);
  }
  // A node's pods in store-key order (what owned() would have listed).
  for (const list of byNode.values()) if (list.length > 1) list.sort(byKey);
  let desired = 0;
  let failed = false;
  const nodes = sim.store('nodes');
  const names = sim.state.nodeNames;
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
    const have = byNode.get(name) ?? NONE;
    if (run) desired++;
    if (run && have.length === 0 && !failed) {
      const body = podFromTemplate(ds, ds.spec.template, `${ds.metadata.name}-`, {
        tolerations: dedupe([...(ds.spec.template.spec?.tolerations ?? []), ...DAEMON_TOLERATIONS]),
        affinity: {
          ...(ds.spec.template.spec?.affinity ?? {}),
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchFields: [{ key: 'metadata.name', operator: 'In', values: [name] }] },
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
      if (res.ok && res.object)
        sim.recordEvent(
          src,
          ds,
          'Normal',
          'SuccessfulCreate',
          `Created pod: ${res.object.metadata.name}`,
        );
      else failed = true;
    } else if (!run && have.length > 0) {
      for (const p of have) {
        const res = kcmApi(sim, {
          verb: 'delete',
          resource: 'pods',
          namespace: p.metadata.namespace,
          name: p.metadata.name,
        });
        if (res.ok)
          sim.recordEvent(src, ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
      }
    }
  }
  if (failed) requeueLater(sim, 'daemonsets', key, ds.metadata.uid as string);
  const scheduled = pods.filter((p) => !!p.spec?.nodeName);
  const ready = scheduled.filter(isReady).length;
  updateStatus(sim, 'daemonsets', ds, {
    currentNumberScheduled: byNode.size,
    desiredNumberScheduled: desired,
    numberAvailable: ready,
    numberMisscheduled: 0,
    numberReady: ready,
    observedGeneration: ds.metadata.generation,
    updatedNumberScheduled: byNode.size,
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
