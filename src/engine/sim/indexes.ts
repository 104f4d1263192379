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
  /** namespace → resource → keys. */
  readonly byNamespace = new Map<string, Map<string, Set<string>>>();
  /** Event de-duplication (the EventCorrelator's cache): see EventAggregates. */
  readonly eventAggregates = new EventAggregates();
  /** DaemonSet uid → its pods as the DaemonSet controller sees them (kept current on every write). */
  readonly daemonPods = new Map<string, DaemonPods>();
  /** Bumped by every Pod write (and every rebuild): equal counts mean the same Pod objects. */
  podsVersion = 0;
  /** controller uid → how many of its pods are active and ready (kept current on every write). */
  readonly ownerPodStats = new Map<string, { active: number; ready: number }>();
  /** pod uid → its resource requests (pod resources are fixed once created). */
  private readonly podRequestCache = new Map<string, { cpuMilli: number; memoryMilli: number }>();
  /** node → resources requested by the pods it holds (the scheduler's NodeInfo). */
  readonly requested = new Map<string, { cpuMilli: number; memoryMilli: number; pods: number }>();
  /** Node name → position in the cluster's node list (state.nodeNames; see setNodeOrder). */
  private nodePos = new Map<string, number>();
  /** The usage records above by node position (what the scheduler's hot loop reads). */
  usedPods = new Float64Array(0);
  usedCpuMilli = new Float64Array(0);
  usedMemoryMilli = new Float64Array(0);

  /** Positions for the usage arrays: the cluster's node list (set again when a node joins). */
  setNodeOrder(names: readonly string[]): void {
    this.nodePos = new Map(names.map((n, i) => [n, i]));
    this.usedPods = new Float64Array(names.length);
    this.usedCpuMilli = new Float64Array(names.length);
    this.usedMemoryMilli = new Float64Array(names.length);
    for (const [node, r] of this.requested) {
      const i = this.nodePos.get(node);
      if (i === undefined) continue;
      this.usedPods[i] = r.pods;
      this.usedCpuMilli[i] = r.cpuMilli;
      this.usedMemoryMilli[i] = r.memoryMilli;
    }
  }

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

  /** Stops filling a set watchNodes() gave. */
  unwatchNodes(changed: Set<string>): void {
    const i = this.nodeWatchers.indexOf(changed);
    if (i >= 0) this.nodeWatchers.splice(i, 1);
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

  /**
   * Keys of the namespace's objects of a resource, in no particular order (events are not
   * indexed by namespace: they are found by a scan of their store).
   */
  namespaceKeys(
    namespace: string,
    resource: string,
    store: Record<string, KObject>,
  ): Iterable<string> | undefined {
    if (resource !== 'events') return this.byNamespace.get(namespace)?.get(resource);
    if (!namespace) return undefined;
    const keys: string[] = [];
    for (const key in store) if (store[key].metadata.namespace === namespace) keys.push(key);
    return keys;
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
    this.podsVersion++;
    this.nodeWatchers.length = 0;
    this.podsByNode.clear();
    this.byOwner.clear();
    this.byNamespace.clear();
    this.eventAggregates.clear();
    this.requested.clear();
    this.usedPods.fill(0);
    this.usedCpuMilli.fill(0);
    this.usedMemoryMilli.fill(0);
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
      d = {
        total: 0,
        byTarget: new Map(),
        changedTargets: new Set(),
        scheduled: 0,
        ready: 0,
      };
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
          d.changedTargets.add(facts.target);
        }
        keys.add(key);
      } else {
        const keys = d.byTarget.get(facts.target);
        keys?.delete(key);
        if (keys?.size === 0) {
          d.byTarget.delete(facts.target);
          d.changedTargets.add(facts.target);
        }
      }
    }
    if (facts.scheduled) {
      d.scheduled += sign;
      if (facts.ready) d.ready += sign;
    }
  }

  /**
   * account(old, -1) then account(obj, 1) for a new version of a pod that holds the same node's
   * resources as before (the same arithmetic, in the same order, with one lookup); false when
   * the two versions do not both hold resources on the same node.
   */
  private accountUpdate(obj: KObject, old: KObject): boolean {
    const node = obj.spec?.nodeName;
    const uid = obj.metadata.uid as string;
    if (node !== old.spec?.nodeName || uid !== old.metadata.uid) return false;
    if (!holdsResources(obj) || !holdsResources(old)) return false;
    const req = this.podRequestCache.get(uid);
    if (!req) return false;
    const r = this.usageOf(node);
    r.cpuMilli = r.cpuMilli + -1 * req.cpuMilli + 1 * req.cpuMilli;
    r.memoryMilli = r.memoryMilli + -1 * req.memoryMilli + 1 * req.memoryMilli;
    r.pods = r.pods + -1 + 1;
    const i = this.nodePos.get(node);
    if (i !== undefined) {
      this.usedPods[i] = r.pods;
      this.usedCpuMilli[i] = r.cpuMilli;
      this.usedMemoryMilli[i] = r.memoryMilli;
    }
    return true;
  }

  private account(pod: KObject, sign: 1 | -1): void {
    if (!holdsResources(pod)) return;
    const node = pod.spec.nodeName as string;
    const r = this.usageOf(node);
    const uid = pod.metadata.uid as string;
    let req = this.podRequestCache.get(uid);
    if (!req) {
      req = podRequests(pod);
      this.podRequestCache.set(uid, req);
    }
    r.cpuMilli += sign * req.cpuMilli;
    r.memoryMilli += sign * req.memoryMilli;
    r.pods += sign;
    const i = this.nodePos.get(node);
    if (i !== undefined) {
      this.usedPods[i] = r.pods;
      this.usedCpuMilli[i] = r.cpuMilli;
      this.usedMemoryMilli[i] = r.memoryMilli;
    }
  }

  onWrite(resource: string, key: string, obj: KObject | undefined, old: KObject | undefined): void {
    if (resource === 'nodes') {
      for (const w of this.nodeWatchers) w.add(key);
    }
    if (resource === 'events' && old) this.eventAggregates.onEventWrite(key, obj, old);
    if (obj && old && resource !== 'pods' && sameIndexEntries(obj, old)) return;
    if (resource === 'pods') {
      this.podsVersion++;
      const accounted = !!obj && !!old && this.accountUpdate(obj, old);
      if (old) {
        if (!accounted) this.account(old, -1);
        this.countOwner(old, -1);
        this.countDaemonPod(key, old, -1);
      }
      if (obj) {
        if (!accounted) this.account(obj, 1);
        this.countOwner(obj, 1);
        this.countDaemonPod(key, obj, 1);
      } else if (old) this.podRequestCache.delete(old.metadata.uid as string);
    }
    if (obj && old && sameIndexEntries(obj, old)) return; // an update that moves no entry
    if (old) {
      const owner = controllerOf(old);
      if (owner) deleteIn(this.byOwner.get(owner.uid)?.get(resource), key);
      if (resource === 'pods' && old.spec?.nodeName)
        deleteIn(this.podsByNode.get(old.spec.nodeName), key);
      if (old.metadata.namespace && !obj)
        deleteIn(this.byNamespace.get(old.metadata.namespace)?.get(resource), key);
    }
    if (obj) {
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
      // Events are listed by a scan instead (see eventsIn): hundreds of thousands of them, listed
      // only by kubectl.
      if (ns && resource !== 'events') {
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

/** A set of keys that remembers its sorted copy until it changes (callers only read it). */
class KeySet extends Set<string> {
  sorted: readonly string[] | undefined = undefined;
}

const EMPTY: readonly string[] = [];

function sortedOf(set: Set<string> | undefined): readonly string[] {
  if (!set) return EMPTY;
  if (!(set instanceof KeySet)) return [...set].sort();
  if (!set.sorted) set.sorted = [...set].sort();
  return set.sorted;
}

function setIn<K>(m: Map<K, Set<string>>, k: K, v: string): void {
  let s = m.get(k);
  if (!s) {
    s = new KeySet();
    m.set(k, s);
  }
  const size = s.size;
  s.add(v);
  if (s.size !== size) (s as KeySet).sorted = undefined;
}

function deleteIn(s: Set<string> | undefined, v: string): void {
  if (s?.delete(v)) (s as KeySet).sorted = undefined;
}

/** The DaemonSet controller's view of its pods: counts and the active ones by target node. */
export interface DaemonPods {
  /** Pods with this DaemonSet as controller (any state). */
  total: number;
  /** Active pods (not finished, not being deleted) by the node they run on or are pinned to. */
  byTarget: Map<string, Set<string>>;
  /**
   * Nodes that joined or left `byTarget` (gained their first pod or lost their last) since the
   * DaemonSet controller last looked (it empties the set).
   */
  changedTargets: Set<string>;
  /** Active pods bound to a node, and those of them Ready. */
  scheduled: number;
  ready: number;
}

function isReadyPod(pod: KObject): boolean {
  return (pod.status?.conditions ?? []).some(
    (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
  );
}

/** What the EventCorrelator keys on: field path, reason, message and source component. */
interface Tuple {
  fieldPath: string;
  reason: string;
  message: string;
  component: string;
}

/**
 * An entry: the event recorded with the tuple, as it is stored now (it still holds that tuple;
 * the common case, no copy kept), or its key with the tuple it was recorded with, once that
 * event has been changed or deleted.
 */
type Entry = KObject | { key: string; t: Tuple };

/** Past this many entries for one uid, they are looked up by message instead of scanned. */
const SCAN_LIMIT = 16;

function tupleOf(ev: KObject): Tuple & { uid: string } {
  const io = ev.involvedObject ?? {};
  return {
    uid: `${io.uid}`,
    fieldPath: `${io.fieldPath ?? ''}`,
    reason: `${ev.reason}`,
    message: `${ev.message}`,
    component: `${ev.source?.component}`,
  };
}

function isKept(e: Entry): e is { key: string; t: Tuple } {
  return (e as { t?: Tuple }).t !== undefined;
}

/**
 * The EventCorrelator's cache: for an involved object uid, field path, reason, message and
 * source component, the event last recorded with them. Kept as the stored events per uid
 * (grouped by message for a uid with many, such as a ReplicaSet's "Created pod: ..." events)
 * whose tuple is read from the event itself, rather than one joined key string per event; an
 * entry follows its event through updates that keep the tuple, and the few events that are
 * changed otherwise or deleted after being recorded leave their key and the tuple they were
 * recorded with.
 */
export class EventAggregates {
  private readonly byUid = new Map<string, Entry[] | Map<string, Entry[]>>();

  clear(): void {
    this.byUid.clear();
  }

  private list(uid: string, message: string): Entry[] | undefined {
    const entries = this.byUid.get(uid);
    return Array.isArray(entries) ? entries : entries?.get(message);
  }

  /** The key last recorded for the tuple (its event may since have gone), if any. */
  get(
    uid: string,
    fieldPath: string,
    reason: string,
    message: string,
    component: string,
  ): string | undefined {
    const list = this.list(uid, message);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i];
      if (isKept(e)) {
        const t = e.t;
        if (
          t.message === message &&
          t.fieldPath === fieldPath &&
          t.reason === reason &&
          t.component === component
        )
          return e.key;
        continue;
      }
      // The tuple of the event itself (as stored now), read as tupleOf() reads it.
      if (
        `${e.message}` === message &&
        `${e.involvedObject?.fieldPath ?? ''}` === fieldPath &&
        `${e.reason}` === reason &&
        `${e.source?.component}` === component
      )
        return objectKey(e);
    }
    return undefined;
  }

  /** Record the stored event `ev` for its tuple (`uid` and `message` are those of the tuple). */
  set(uid: string, message: string, ev: KObject): void {
    // Lists are copied to their exact length as they grow: most stay at one to five entries.
    const entries = this.byUid.get(uid);
    if (!entries) this.byUid.set(uid, [ev]);
    else if (!Array.isArray(entries)) {
      const list = entries.get(message);
      entries.set(message, list ? list.concat(ev) : [ev]);
    } else if (entries.length < SCAN_LIMIT) this.byUid.set(uid, entries.concat(ev));
    else {
      const byMessage = new Map<string, Entry[]>();
      this.byUid.set(uid, byMessage);
      for (const e of entries) {
        const m = isKept(e) ? e.t.message : tupleOf(e).message;
        const list = byMessage.get(m);
        if (list) list.push(e);
        else byMessage.set(m, [e]);
      }
      const list = byMessage.get(message);
      if (list) list.push(ev);
      else byMessage.set(message, [ev]);
    }
  }

  /**
   * The event stored under `key` changed or went: an entry that holds it follows the new version
   * when that keeps the tuple, else keeps the key and the tuple it was recorded with (the
   * version before this write, which still held it).
   */
  onEventWrite(key: string, obj: KObject | undefined, old: KObject): void {
    const before = tupleOf(old);
    let same = false;
    if (obj) {
      const after = tupleOf(obj);
      same =
        after.uid === before.uid &&
        after.fieldPath === before.fieldPath &&
        after.reason === before.reason &&
        after.message === before.message &&
        after.component === before.component;
    }
    const list = this.list(before.uid, before.message);
    if (!list) return;
    for (let i = 0; i < list.length; i++)
      if (list[i] === old) list[i] = same ? (obj as KObject) : { key, t: before };
  }
}
