/**
 * The watches clients keep open on kube-apiserver (`kubectl get -w`): each write is offered to
 * them as the watch cache does it (k8s.io/apiserver pkg/storage/cacher/cache_watcher.go
 * convertToWatchEvent): an object that starts matching the watch's namespace and selectors is
 * ADDED, one that still matches is MODIFIED, one that stops matching (or is deleted) is DELETED
 * with its last content. Events are kept in the state, stamped with the simulated time, so a
 * snapshot holds the stream as far as it got. The components' own watches do not come here:
 * they are messages on the event queue (Simulation.notify).
 */
import type { ResourceInfo } from '../api/resources';
import type { KObject } from '../api/types';
import { matchFieldSelector, parseSelector } from '../model/labels';
import type { Simulation } from '../sim/simulation';
import type { ApiWatch, WatchEventRecord } from '../sim/state';

/**
 * A stream holds at most this many events; then the watch ends (kubectl exits, as when the API
 * server closes a watch after its timeout). Keeps a forgotten `get -w` from growing the state.
 */
export const WATCH_EVENT_LIMIT = 2000;

export function openWatch(
  sim: Simulation,
  r: ResourceInfo,
  namespace: string | undefined,
  labelSelector: string | undefined,
  fieldSelector: string | undefined,
): string {
  const s = sim.state;
  const seq = s.watchSeq ?? 1;
  s.watchSeq = seq + 1;
  const id = `watch-${seq}`;
  const watch: ApiWatch = {
    resource: r.resource,
    ...(namespace !== undefined && r.namespaced ? { namespace } : {}),
    ...(labelSelector ? { labelSelector } : {}),
    ...(fieldSelector ? { fieldSelector } : {}),
    events: [],
    ended: false,
  };
  s.watches = { ...(s.watches ?? {}), [id]: watch };
  return id;
}

/** Called by the API server after each write (obj undefined: deleted). */
export function offerToWatches(
  sim: Simulation,
  resource: string,
  obj: KObject | undefined,
  old: KObject | undefined,
): void {
  const watches = sim.state.watches;
  if (!watches) return;
  for (const watch of Object.values(watches)) {
    if (watch.resource !== resource || watch.ended) continue;
    const now = obj ? matches(watch, obj) : false;
    const before = old ? matches(watch, old) : false;
    let event: WatchEventRecord | undefined;
    const atMs = sim.state.nowMs;
    if (obj && now) event = { type: before ? 'MODIFIED' : 'ADDED', atMs, object: obj };
    else if (before && old) {
      // A deletion carries the object as stored last, with the revision of its removal.
      const last = obj ?? {
        ...old,
        metadata: { ...old.metadata, resourceVersion: String(sim.state.etcd.revision) },
      };
      event = { type: 'DELETED', atMs, object: last };
    }
    if (!event) continue;
    watch.events.push(event);
    if (watch.events.length >= WATCH_EVENT_LIMIT) watch.ended = true;
  }
}

function matches(watch: ApiWatch, obj: KObject): boolean {
  let m = matchers.get(watch);
  if (!m) {
    m = watchMatcher(watch.namespace, watch.labelSelector, watch.fieldSelector);
    matchers.set(watch, m);
  }
  return m(obj);
}

/** Each open watch's matcher, its selector parsed once (keyed by the state's watch object). */
const matchers = new WeakMap<ApiWatch, (obj: KObject) => boolean>();

/**
 * What a watch with this namespace and these selectors covers (the selectors already checked
 * by the request's validation; an invalid one matches nothing).
 */
export function watchMatcher(
  namespace: string | undefined,
  labelSelector: string | undefined,
  fieldSelector: string | undefined,
): (obj: KObject) => boolean {
  const sel = labelSelector ? parseSelector(labelSelector) : undefined;
  return (obj) => {
    if (namespace !== undefined && obj.metadata.namespace !== namespace) return false;
    if (sel && (!sel.ok || !sel.matches(obj.metadata.labels ?? {}))) return false;
    if (fieldSelector && !matchFieldSelector(fieldSelector, obj)) return false;
    return true;
  };
}

/** The events of an open watch, oldest first; undefined once it is closed. */
export function watchEvents(
  sim: Simulation,
  id: string,
): { events: readonly WatchEventRecord[]; ended: boolean } | undefined {
  const w = sim.state.watches?.[id];
  return w ? { events: w.events, ended: w.ended } : undefined;
}

/** The client went away (the lab's next command interrupts kubectl): every stream closes. */
export function closeWatches(sim: Simulation): void {
  if (sim.state.watches) delete sim.state.watches;
}
