/**
 * Derived indexes beside the state (never inside it): rebuilt from the store after a restore, kept
 * current on every write, so that lookups stay O(1) in a 5,000-node cluster.
 */
import type { KObject } from '../api/types';
import { controllerOf, objectKey } from '../model/meta';
import { daemonTargetNode } from '../model/nodeAffinity';
import { holdsResources, podRequests } from '../model/podResources';

export class Indexes {
  /** node → pod keys bound to it. */
  readonly podsByNode = new Map<string, Set<string>>();
  /** owner uid → resource → keys of the objects it controls. */
  readonly byOwner = new Map<string, Map<string, Set<string>>>();
  /** uid → `resource|key`. */
  readonly byUid = new Map<string, string>();
  /** namespace → resource → keys. */
  readonly byNamespace = new Map<string, Map<string, Set<string>>>();
  /** Event de-duplication: aggregation key → event key (the EventCorrelator's cache). */
  readonly eventByAggregate = new Map<string, string>();
  /** DaemonSet uid → its pods as the DaemonSet controller sees them (kept current on every write). */
  readonly daemonPods = new Map<string, DaemonPods>();
  /** controller uid → how many of its pods are active and ready (kept current on every write). */
  readonly ownerPodStats = new Map<string, { active: number; ready: number }>();
  /** pod uid → its resource requests (pod resources are fixed once created). */
  private readonly podRequestCache = new Map<string, { cpuMilli: number; memoryMilli: number }>();
  /** node → resources requested by the pods it holds (the scheduler's NodeInfo). */
  readonly requested = new Map<string, { cpuMilli: number; memoryMilli: number; pods: number }>();
  /** Counts clear()s: a reference to one of the records above is good while this is the same. */
  generation = 0;
  /** Consumers' sets of node names written since they last looked (see watchNodes). */
  private readonly nodeWatchers: Set<string>[] = [];

  /**
   * A set that collects the name of every Node created, updated or deleted from now on, for
   * caches of per-node views (the consumer empties it as it catches up). Good until clear().
   */
  watchNodes(): Set<string> {
    const changed = new Set<string>();
    this.nodeWatchers.push(changed);
    return changed;
  }

  /** The node's usage record (all zero until a pod lands): the same object until clear(). */
  usageOf(node: string): { cpuMilli: number; memoryMilli: number; pods: number } {
    let r = this.requested.get(node);
    if (!r) {
      r = { cpuMilli: 0, memoryMilli: 0, pods: 0 };
      this.requested.set(node, r);
    }
    return r;
  }

  /**
   * Set iteration order depends on history, which a restore does not reproduce: anything that can
   * change what happens next iterates through these sorted views instead.
   */
  podsOn(node: string): readonly string[] {
    return sortedOf(this.podsByNode.get(node));
  }

  keysIn(namespace: string, resource: string): readonly string[] {
    return sortedOf(this.byNamespace.get(namespace)?.get(resource));
  }

  /** `resource|key` of everything the owner controls, sorted. */
  ownedBy(uid: string): readonly string[] {
    const refs: string[] = [];
    for (const [resource, keys] of this.byOwner.get(uid) ?? [])
      for (const key of keys) refs.push(`${resource}|${key}`);
    return refs.sort();
  }

  /** Keys of the owner's objects of one resource, sorted. */
  ownedKeys(uid: string, resource: string): readonly string[] {
    return sortedOf(this.byOwner.get(uid)?.get(resource));
  }

  /** The same keys in the index's own order (for callers whose result does not depend on it). */
  ownedKeysInAnyOrder(uid: string, resource: string): ReadonlySet<string> | undefined {
    return this.byOwner.get(uid)?.get(resource);
  }

  clear(): void {
    this.generation++;
    this.nodeWatchers.length = 0;
    this.podsByNode.clear();
    this.byOwner.clear();
    this.byUid.clear();
    this.byNamespace.clear();
    this.eventByAggregate.clear();
    this.requested.clear();
    this.ownerPodStats.clear();
    this.daemonPods.clear();
    this.podRequestCache.clear();
  }

  private countOwner(pod: KObject, sign: 1 | -1): void {
    const owner = controllerOf(pod);
    if (!owner) return;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed' || pod.metadata.deletionTimestamp) return;
    let st = this.ownerPodStats.get(owner.uid);
    if (!st) {
      st = { active: 0, ready: 0 };
      this.ownerPodStats.set(owner.uid, st);
    }
    st.active += sign;
    const ready = (pod.status?.conditions ?? []).some(
      (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
    );
    if (ready) st.ready += sign;
  }

  private countDaemonPod(key: string, pod: KObject, sign: 1 | -1): void {
    const owner = controllerOf(pod);
    if (owner?.kind !== 'DaemonSet') return;
    let facts: { active: boolean; target?: string; scheduled: boolean; ready: boolean };
    try {
      const active =
        pod.status?.phase !== 'Succeeded' &&
        pod.status?.phase !== 'Failed' &&
        !pod.metadata.deletionTimestamp;
      facts = {
        active,
        target: active ? daemonTargetNode(pod) : undefined,
        scheduled: !!pod.spec?.nodeName,
        ready: isReadyPod(pod),
      };
    } catch {
      // The controller's own scan would fail on this pod too: leave it out of the count, so
      // the sync sees the count differ from its owned pods and scans them itself.
      return;
    }
    let d = this.daemonPods.get(owner.uid);
    if (!d) {
      d = { total: 0, byTarget: new Map(), scheduled: 0, ready: 0 };
      this.daemonPods.set(owner.uid, d);
    }
    d.total += sign;
    if (!facts.active) return;
    if (facts.target) {
      if (sign > 0) {
        let keys = d.byTarget.get(facts.target);
        if (!keys) {
          keys = new Set();
          d.byTarget.set(facts.target, keys);
        }
        keys.add(key);
      } else {
        const keys = d.byTarget.get(facts.target);
        keys?.delete(key);
        if (keys?.size === 0) d.byTarget.delete(facts.target);
      }
    }
    if (facts.scheduled) {
      d.scheduled += sign;
      if (facts.ready) d.ready += sign;
    }
  }

  private account(pod: KObject, sign: 1 | -1): void {
    if (!holdsResources(pod)) return;
    const r = this.usageOf(pod.spec.nodeName as string);
    const uid = pod.metadata.uid as string;
    let req = this.podRequestCache.get(uid);
    if (!req) {
      req = podRequests(pod);
      this.podRequestCache.set(uid, req);
    }
    r.cpuMilli += sign * req.cpuMilli;
    r.memoryMilli += sign * req.memoryMilli;
    r.pods += sign;
  }

  onWrite(resource: string, key: string, obj: KObject | undefined, old: KObject | undefined): void {
    if (resource === 'nodes') for (const w of this.nodeWatchers) w.add(key);
    if (obj && old && resource !== 'pods' && sameIndexEntries(obj, old)) return;
    const ref = `${resource}|${key}`;
    if (resource === 'pods') {
      if (old) {
        this.account(old, -1);
        this.countOwner(old, -1);
        this.countDaemonPod(key, old, -1);
      }
      if (obj) {
        this.account(obj, 1);
        this.countOwner(obj, 1);
        this.countDaemonPod(key, obj, 1);
      } else if (old) this.podRequestCache.delete(old.metadata.uid as string);
    }
    if (obj && old && sameIndexEntries(obj, old)) return; // an update that moves no entry
    if (old) {
      if (old.metadata.uid) this.byUid.delete(old.metadata.uid);
      const owner = controllerOf(old);
      if (owner) deleteIn(this.byOwner.get(owner.uid)?.get(resource), key);
      if (resource === 'pods' && old.spec?.nodeName)
        deleteIn(this.podsByNode.get(old.spec.nodeName), key);
      if (old.metadata.namespace && !obj)
        deleteIn(this.byNamespace.get(old.metadata.namespace)?.get(resource), key);
    }
    if (obj) {
      if (obj.metadata.uid) this.byUid.set(obj.metadata.uid, ref);
      const owner = controllerOf(obj);
      if (owner) {
        let m = this.byOwner.get(owner.uid);
        if (!m) {
          m = new Map();
          this.byOwner.set(owner.uid, m);
        }
        setIn(m, resource, key);
      }
      if (resource === 'pods' && obj.spec?.nodeName) setIn(this.podsByNode, obj.spec.nodeName, key);
      const ns = obj.metadata.namespace;
      if (ns) {
        let m = this.byNamespace.get(ns);
        if (!m) {
          m = new Map();
          this.byNamespace.set(ns, m);
        }
        setIn(m, resource, key);
      }
    }
  }

  rebuild(data: Record<string, Record<string, KObject>>): void {
    this.clear();
    for (const [resource, objs] of Object.entries(data)) {
      for (const obj of Object.values(objs)) this.onWrite(resource, objectKey(obj), obj, undefined);
    }
  }
}

/**
 * Whether two versions of an object sit in exactly the same index entries: same uid, same
 * controller, same node, same namespace (the store key is the same for both).
 */
function sameIndexEntries(obj: KObject, old: KObject): boolean {
  const a = obj.metadata;
  const b = old.metadata;
  if (a.uid !== b.uid || a.namespace !== b.namespace) return false;
  if (obj.spec?.nodeName !== old.spec?.nodeName) return false;
  if (a.ownerReferences === b.ownerReferences) return true;
  return controllerOf(obj)?.uid === controllerOf(old)?.uid;
}

/** Sorted copies of the sets, kept until the set changes (callers only read them). */
const sortedCache = new WeakMap<Set<string>, readonly string[]>();
const EMPTY: readonly string[] = [];

function sortedOf(set: Set<string> | undefined): readonly string[] {
  if (!set) return EMPTY;
  let sorted = sortedCache.get(set);
  if (!sorted) {
    sorted = [...set].sort();
    sortedCache.set(set, sorted);
  }
  return sorted;
}

function setIn<K>(m: Map<K, Set<string>>, k: K, v: string): void {
  let s = m.get(k);
  if (!s) {
    s = new Set();
    m.set(k, s);
  }
  if (!s.has(v)) {
    s.add(v);
    sortedCache.delete(s);
  }
}

function deleteIn(s: Set<string> | undefined, v: string): void {
  if (s?.delete(v)) sortedCache.delete(s);
}

/** The DaemonSet controller's view of its pods: counts and the active ones by target node. */
export interface DaemonPods {
  /** Pods with this DaemonSet as controller (any state). */
  total: number;
  /** Active pods (not finished, not being deleted) by the node they run on or are pinned to. */
  byTarget: Map<string, Set<string>>;
  /** Active pods bound to a node, and those of them Ready. */
  scheduled: number;
  ready: number;
}

function isReadyPod(pod: KObject): boolean {
  return (pod.status?.conditions ?? []).some(
    (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
  );
}
