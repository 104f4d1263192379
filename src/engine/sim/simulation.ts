/**
 * The simulation: one event queue ordered by (atMs, seq), one seeded RNG, one trace, and the
 * components that react to what happens. Everything mutable lives in `state` (plain data);
 * `indexes` are derived from it and rebuilt after a restore.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { resourceForKind } from '../api/resources';
import type { ApiRequest, ApiResult, KObject, UserInfo } from '../api/types';
import { expireEvents, handleRequest } from '../components/apiServer';
import { closeWatches, watchEvents } from '../components/apiWatches';
import { nodeUpdateConcernsDaemons } from '../components/controllers/daemonSet';
import { handleKcm } from '../components/controllers/manager';
import { handleKubelet } from '../components/kubelet';
import { handleProxy } from '../components/kubeProxy';
import { handleScheduler } from '../components/scheduler';
import type { Component, Impersonation, LabHost, WatchEvent } from '../kubectl/host';
import { isoMicroTime, isoTime } from '../model/meta';
import { ACTOR, lowerKind, type TraceEntry, type TraceKind, traceName } from '../trace';
import { EPOCH_MS, SIM } from './defaults';
import { heapPop, heapPush } from './eventQueue';
import * as faults from './faults';
import { Indexes } from './indexes';
import { initPhases, joinNode } from './kubeadm';
import * as lab from './labVerbs';
import type { Msg, WatchEventType } from './messages';
import { randInt } from './rng';
import { type ClusterState, hashRecord } from './state';
import { imageOf, type StateImage, stateFrom } from './stateImage';

export interface EventSource {
  component: string;
  host?: string;
  /** Who writes the Event through the API server. */
  user: UserInfo;
  actor: string;
}

/** One stored write, as the watch cache receives it. */
export interface StoredWrite {
  resource: string;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** The new version; for a deletion the last one stored. */
  object: KObject;
  /** The version this write replaced (undefined for a create). */
  old: KObject | undefined;
  resourceVersion: string;
}

export class Simulation implements LabHost {
  state: ClusterState;
  readonly indexes = new Indexes();
  /** Event objects' etcd writes are left out of the trace unless asked for (they would drown it). */
  traceEvents = false;
  /** Manifest reader for `kubectl apply -f` (injected: the engine does no I/O). */
  fileReader: (path: string) => string | undefined = () => undefined;
  /** Trace listeners (the store subscribes; tests too). */
  private traceListeners: ((e: TraceEntry) => void)[] = [];
  /** Listeners to every stored write (a served cluster's watch cache); not state. */
  writeListeners: ((w: StoredWrite) => void)[] = [];

  constructor(state: ClusterState) {
    this.state = state;
    this.rebuildIndexes();
  }

  rebuildIndexes(): void {
    this.indexes.setNodeOrder(this.state.nodeNames);
    this.indexes.rebuild(this.state.etcd.data);
    const events = this.store('events');
    for (const ev of Object.values(events))
      this.indexes.eventAggregates.set(`${ev.involvedObject?.uid}`, `${ev.message}`, ev);
  }

  // ---- primitives -------------------------------------------------------------------------

  store(resource: string): Record<string, KObject> {
    const d = this.state.etcd.data;
    let m = d[resource];
    if (!m) {
      m = hashRecord();
      d[resource] = m;
    }
    return m;
  }

  int(min: number, max: number): number {
    return randInt(this.state.rng, min, max);
  }

  schedule(afterMs: number, msg: Msg): void {
    const s = this.state;
    heapPush(s.queue, { atMs: s.nowMs + Math.max(0, Math.round(afterMs)), seq: s.nextSeq++, msg });
  }

  trace(
    from: string,
    to: string,
    kind: TraceKind,
    object: string,
    summary: string,
    error = false,
  ): void {
    const s = this.state;
    // Entries outlive many collections (the ring keeps 200,000), so their texts are stored as
    // flat strings rather than the trees of pieces the template literals built.
    // (etcd writes come with their summary already laid out: see etcdSummary in apiServer.ts)
    if (kind !== 'etcd') flatten(summary);
    const entry: TraceEntry = {
      seq: s.traceSeq++,
      timeMs: s.nowMs,
      from,
      to,
      kind,
      object,
      summary,
    };
    if (error) entry.error = true;
    // A ring once full: the oldest entry is overwritten in O(1) (see traceEntries()).
    if (s.trace.length < SIM.traceCapacity) s.trace.push(entry);
    else {
      const head = s.traceHead ?? 0;
      s.trace[head] = entry;
      s.traceHead = (head + 1) % SIM.traceCapacity;
    }
    for (const l of this.traceListeners) l(entry);
  }

  /**
   * The trace kept (the last SIM.traceCapacity entries), oldest first. `state.trace` is in this
   * order until it is full; then it is a ring whose oldest entry is at `state.traceHead`.
   */
  traceEntries(): TraceEntry[] {
    const t = this.state.trace;
    const head = this.state.traceHead ?? 0;
    return head === 0 ? t.slice() : t.slice(head).concat(t.slice(0, head));
  }

  /** The newest `n` trace entries, oldest first. */
  traceTail(n: number): TraceEntry[] {
    const t = this.state.trace;
    const head = this.state.traceHead ?? 0;
    if (n <= 0) return [];
    if (head === 0) return t.slice(-n);
    const newer = t.slice(Math.max(0, head - n), head);
    return newer.length >= n ? newer : t.slice(t.length - (n - newer.length)).concat(newer);
  }

  onTrace(listener: (e: TraceEntry) => void): () => void {
    this.traceListeners.push(listener);
    return () => {
      this.traceListeners = this.traceListeners.filter((l) => l !== listener);
    };
  }

  /**
   * Every write the API server stores, after it is stored: what a watch cache sees (a deletion
   * carries the object's last state and the deletion's revision).
   */
  onWrite(listener: (w: StoredWrite) => void): () => void {
    this.writeListeners.push(listener);
    return () => {
      this.writeListeners = this.writeListeners.filter((l) => l !== listener);
    };
  }

  /** A traced REST call from a component to the API server. */
  api(actor: string, user: UserInfo, req: ApiRequest, traceKind: TraceKind = 'api'): ApiResult {
    const result = handleRequest(this, user, req);
    if (req.verb === 'get' || req.verb === 'list') {
      // Reads are only traced when they fail or come from kubectl: controllers read from caches.
      if (result.ok && actor !== ACTOR.kubectl) return result;
    }
    if (req.resource === 'events' && result.ok && !this.traceEvents) return result;
    // A create with generateName is about the object the server named.
    const name =
      req.name ??
      req.body?.metadata?.name ??
      (result.ok ? result.object?.metadata?.name : '') ??
      '';
    const ns = req.namespace ?? req.body?.metadata?.namespace;
    const kind = resourceForKind(req.body?.kind ?? '')?.kind ?? singularKind(req.resource);
    const object = !name
      ? ''
      : typeof name === 'string' && (ns === undefined || typeof ns === 'string')
        ? traceName(lowerKind(kind), ns || undefined, name)
        : `${kind.toLowerCase()}/${ns ? `${ns}/` : ''}${name}`;
    const what = `${req.verb}${req.subresource ? ` ${req.subresource}` : ''} ${req.resource}${name ? `/${name}` : ''}`;
    const outcome = result.ok
      ? ''
      : ` — ${result.network ?? (result.status.reason ? `${result.status.reason}: ${result.status.message}` : result.status.message)}`;
    this.trace(actor, ACTOR.apiserver, traceKind, object, `${what}${outcome}`, !result.ok);
    return result;
  }

  /** Watch fan-out: each watcher whose watch covers the object gets the event after a network hop. */
  notify(
    resource: string,
    ev: WatchEventType,
    key: string,
    obj: KObject,
    old: KObject | undefined,
    rv: string,
  ): void {
    // Events have no watchers here. Helpers are methods and module functions, not closures made
    // per write.
    if (resource === 'events') return;
    const s = this.state;
    switch (resource) {
      case 'pods': {
        this.schedule(this.hop(), { t: 'scheduler/watch', ev, resource: 'pods', key });
        this.schedule(this.hop(), kcmWatch(ev, resource, key, obj));
        const node = obj.spec?.nodeName as string | undefined;
        const oldNode = old?.spec?.nodeName as string | undefined;
        const uid = obj.metadata.uid as string;
        if (node && s.nodes[node])
          this.schedule(this.hop(), {
            t: 'kubelet/podWatch',
            node,
            ev: oldNode === node || ev === 'DELETED' ? ev : 'ADDED',
            key,
            uid,
            rv,
          });
        break;
      }
      case 'nodes': {
        this.schedule(this.hop(), { t: 'scheduler/watch', ev, resource: 'nodes', key });
        const msg = kcmWatch(ev, resource, key, obj);
        // The informer hands the controller both versions; the message carries what it needs.
        if (
          ev === 'MODIFIED' &&
          old &&
          msg.t === 'kcm/watch' &&
          !nodeUpdateConcernsDaemons(this, old, obj)
        )
          msg.sameForDaemons = true;
        this.schedule(this.hop(), msg);
        break;
      }
      case 'services':
      case 'endpointslices':
        if (resource === 'services') this.schedule(this.hop(), kcmWatch(ev, resource, key, obj));
        for (const node of s.nodeNames)
          this.schedule(this.hop(), { t: 'proxy/watch', node, resource, key });
        break;
      case 'jobs': {
        const msg = kcmWatch(ev, resource, key, obj);
        // The Job controller batches syncs for updates that did not touch the spec.
        if (
          ev === 'MODIFIED' &&
          old?.metadata.generation === obj.metadata.generation &&
          msg.t === 'kcm/watch'
        )
          msg.sameGeneration = true;
        this.schedule(this.hop(), msg);
        break;
      }
      default:
        this.schedule(this.hop(), kcmWatch(ev, resource, key, obj));
    }
  }

  /** A watch event's network hop. */
  private hop(): number {
    return this.int(SIM.watchLatencyMsMin, SIM.watchLatencyMsMax);
  }

  /**
   * record.EventRecorder + EventCorrelator: a repeat of the same reason and message for the same
   * object bumps `count` and `lastTimestamp` instead of creating a new Event.
   */
  recordEvent(
    source: EventSource,
    involved: KObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    fieldPath?: string,
  ): void {
    const s = this.state;
    const ns = involved.metadata.namespace ?? 'default';
    const ref = involvedRef(involved, fieldPath);
    // The correlator's key: the involved uid, field path, reason, message and component.
    const uid = `${ref.uid}`;
    const events = this.store('events');
    const existingKey = this.indexes.eventAggregates.get(
      uid,
      `${fieldPath ?? ''}`,
      `${reason}`,
      message,
      `${source.component}`,
    );
    const existing = existingKey ? events[existingKey] : undefined;
    const now = isoTime(s.nowMs);
    if (existing) {
      const updated = {
        ...existing,
        count: (existing.count ?? 1) + 1,
        lastTimestamp: now,
        metadata: { ...existing.metadata },
      };
      this.api(source.actor, source.user, {
        verb: 'update',
        resource: 'events',
        namespace: ns,
        name: existing.metadata.name,
        body: updated,
        typed: true,
      });
      return;
    }
    const name = `${involved.metadata.name}.${(BigInt(EPOCH_MS + s.nowMs) * 1_000_000n + BigInt(s.eventSeq++ % 1_000_000)).toString(16)}`;
    // Both are kept as long as the Event: one flat string each, not trees of pieces.
    flatten(name);
    flatten(message);
    const event: KObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject: ref,
      reason,
      message,
      source: eventSource(source.component, source.host),
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    // The body is built for this request only: the API server may store it as it is, sharing
    // the involved-object reference and the source with other Events (stored objects are never
    // changed).
    const result = this.api(source.actor, source.user, {
      verb: 'create',
      resource: 'events',
      namespace: ns,
      body: event,
      handOver: true,
      typed: true,
    });
    if (result.ok && result.object) this.indexes.eventAggregates.set(uid, message, result.object);
  }

  microNow(): string {
    return isoMicroTime(this.state.nowMs);
  }

  // ---- running ----------------------------------------------------------------------------

  /** Deliver the next scheduled message. Returns false when the queue is empty. */
  step(): boolean {
    const s = this.state;
    const next = heapPop(s.queue);
    if (!next) return false;
    s.nowMs = next.atMs;
    s.processed++;
    this.dispatch(next.msg);
    return true;
  }

  private dispatch(msg: Msg): void {
    const t = msg.t;
    if (t.startsWith('kubelet/') || t.startsWith('runtime/')) handleKubelet(this, msg as never);
    else if (t.startsWith('scheduler/')) handleScheduler(this, msg as never);
    else if (t.startsWith('kcm/')) handleKcm(this, msg as never);
    else if (t.startsWith('proxy/')) handleProxy(this, msg as never);
    else if (t === 'etcd/expireEvents') expireEvents(this);
    else if (t === 'kubeadm/init') initPhases(this);
  }

  /** Run every message due at or before `targetMs`, then set the clock to `targetMs`. */
  advanceTo(targetMs: number): void {
    const s = this.state;
    let budget = SIM.maxEventsPerAdvance;
    while (s.queue.length > 0 && s.queue[0].atMs <= targetMs) {
      if (--budget < 0)
        throw new Error(
          `simulation runaway: more than ${SIM.maxEventsPerAdvance} events before ${targetMs} ms`,
        );
      this.step();
    }
    if (targetMs > s.nowMs) s.nowMs = Math.round(targetMs);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.state.nowMs + ms);
  }

  /** Time of the next scheduled message, if any. */
  nextEventAtMs(): number | undefined {
    return this.state.queue[0]?.atMs;
  }

  // ---- snapshots ---------------------------------------------------------------------------

  /** The whole state as a string: restore(snapshot()) continues byte for byte the same. */
  snapshot(): string {
    return JSON.stringify(this.state);
  }

  /** The whole state as an image (stateImage.ts): cheaper to take and restore than a snapshot. */
  image(): StateImage {
    return imageOf(this.state);
  }

  /** Continue from a snapshot or an image, exactly as the simulation it came from. */
  restore(from: string | StateImage): void {
    this.state = stateFrom(from);
    this.rebuildIndexes();
  }

  // ---- views (read-only) ---------------------------------------------------------------------

  nowMs(): number {
    return this.state.nowMs;
  }

  listNodes(): Node[] {
    return Object.values(this.store('nodes')) as unknown as Node[];
  }

  listPods(): Pod[] {
    return Object.values(this.store('pods')) as unknown as Pod[];
  }

  // ---- LabHost ------------------------------------------------------------------------------

  serverAddress = '172.18.0.2:6443';

  call(req: ApiRequest, as?: Impersonation): ApiResult {
    return lab.kubectlCall(this, req, as);
  }

  readFile(path: string): string | undefined {
    return this.fileReader(path);
  }

  watchEvents(id: string): { events: readonly WatchEvent[]; ended: boolean } | undefined {
    return watchEvents(this, id);
  }

  stopWatches(): void {
    closeWatches(this);
  }

  nodeNames(): string[] {
    return [...this.state.nodeNames];
  }

  breakComponent(component: Component, node?: string): string[] {
    return faults.breakComponent(this, component, node);
  }

  repairComponent(component: Component, node?: string): string[] {
    return faults.repairComponent(this, component, node);
  }

  crash(pod: string, container?: string): string[] {
    return lab.crash(this, pod, container);
  }

  request(service: string, count: number): string[] {
    return lab.request(this, service, count);
  }

  proxyRules(node: string): string[] {
    return lab.proxyRules(this, node);
  }

  joinNode(name: string): string[] {
    return joinNode(this, name);
  }
}

/** The controller manager's watch message for a write. */
function kcmWatch(ev: WatchEventType, resource: string, key: string, obj: KObject): Msg {
  const ctrl = obj.metadata.ownerReferences?.find((r: { controller?: boolean }) => r.controller);
  return {
    t: 'kcm/watch',
    ev,
    resource,
    key,
    uid: obj.metadata.uid as string,
    owner: ctrl ? { kind: ctrl.kind, name: ctrl.name } : undefined,
  };
}

/**
 * Makes V8 store `s` as one flat string (reading a character flattens a string built by
 * concatenation; the pieces become garbage at once instead of living as long as the text).
 */
function flatten(s: string): void {
  s.charCodeAt(0);
}

function singularKind(resource: string): string {
  return resource.endsWith('s') ? resource.slice(0, -1) : resource;
}

type ObjectReference = Record<string, string | undefined>;

/** An Event's involvedObject for an object version and field path, built once for each. */
const involvedRefs = new WeakMap<KObject, Map<string | undefined, ObjectReference>>();

function involvedRef(involved: KObject, fieldPath: string | undefined): ObjectReference {
  let byPath = involvedRefs.get(involved);
  let ref = byPath?.get(fieldPath);
  if (ref) return ref;
  // What the JSON copy of the full reference would be: fields that are undefined are left out.
  const m = involved.metadata;
  if (
    involved.kind !== undefined &&
    m.namespace !== undefined &&
    m.name !== undefined &&
    m.uid !== undefined &&
    involved.apiVersion !== undefined &&
    m.resourceVersion !== undefined
  ) {
    // The usual case, built as one literal (the same keys in the same order).
    const { kind, apiVersion } = involved;
    const { namespace, name, uid, resourceVersion } = m;
    ref =
      fieldPath === undefined
        ? { kind, namespace, name, uid, apiVersion, resourceVersion }
        : { kind, namespace, name, uid, apiVersion, resourceVersion, fieldPath };
  } else ref = referenceOf(involved, fieldPath);
  if (!byPath) {
    byPath = new Map();
    involvedRefs.set(involved, byPath);
  }
  byPath.set(fieldPath, ref);
  return ref;
}

function referenceOf(involved: KObject, fieldPath: string | undefined): ObjectReference {
  const ref: ObjectReference = {};
  const m = involved.metadata;
  const fields: [string, unknown][] = [
    ['kind', involved.kind],
    ['namespace', m.namespace],
    ['name', m.name],
    ['uid', m.uid],
    ['apiVersion', involved.apiVersion],
    ['resourceVersion', m.resourceVersion],
    ['fieldPath', fieldPath],
  ];
  for (const [k, v] of fields) if (v !== undefined) ref[k] = v as string;
  return ref;
}

/** An Event's source, one object per component and host. */
const sources = new Map<string, Map<string, { component: string; host?: string }>>();

function eventSource(component: string, host: string | undefined) {
  let byHost = sources.get(component);
  if (!byHost) {
    byHost = new Map();
    sources.set(component, byHost);
  }
  let src = byHost.get(host ?? '');
  if (!src) {
    src = host ? { component, host } : { component };
    byHost.set(host ?? '', src);
  }
  return src;
}
