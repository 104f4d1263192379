/**
 * LIST as kube-apiserver answers it (k8s.io/apiserver pkg/storage/cacher/delegator.go,
 * cacher.go GetList, etcd3/store.go GetList): items in etcd key order, selectors applied, the
 * list's resourceVersion the revision it was read at, and with `limit` a page and a continue
 * token for the rest.
 *
 * Resource versions, without etcd's history: unset (the most recent) and "0" (any) read the
 * current state; NotOlderThan N (or a plain N without a limit) reads it too once the server has
 * reached N, and otherwise is the "Too large resource version" Timeout; an exact revision
 * (Exact, a plain N with a limit, a continue token) is the current state when nothing was
 * written since, else a snapshot kept when an earlier page of a paged list was served, else 410
 * Expired as after a compaction. A paged list's snapshot is kept for etcd's compaction interval
 * (or until its last page is served), so its pages form one consistent list while writes go on.
 * Snapshots are server memory, not cluster state: a restored simulation has none.
 *
 * resourceVersion "0" with a limit is answered whole, as the watch cache does
 * (cacher.go computeListLimit: "the limit is ignored for requests that set RV == 0").
 */
import { badRequest, expired, invalidKind, tooLargeResourceVersion } from '../api/errors';
import type { ResourceInfo } from '../api/resources';
import type { ApiRequest, ApiResult, KObject } from '../api/types';
import {
  decodeContinue,
  encodeContinue,
  parseResourceVersion,
  validateListOptions,
} from '../apiserver/listOptions';
import { matchFieldSelector, parseSelector } from '../model/labels';
import { K8S } from '../sim/defaults';
import type { Simulation } from '../sim/simulation';
import type { ClusterState } from '../sim/state';

/** etcd's wording for reads below the compacted revision (etcd3/errors.go). */
const LIST_EXPIRED = 'The resourceVersion for the provided list is too old.';
const INCONSISTENT_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** A list's items as etcd holds them under its prefix: [key relative to the prefix, object]. */
type Entries = [string, KObject][];

export function listObjects(
  sim: Simulation,
  r: ResourceInfo,
  req: ApiRequest,
  namespace: string | undefined,
): ApiResult {
  const optionErrors = validateListOptions(req);
  if (optionErrors.length > 0)
    return { ok: false, status: invalidKind('meta.k8s.io', 'ListOptions', '', optionErrors) };
  const label = req.labelSelector ? parseSelector(req.labelSelector) : undefined;
  if (label && !label.ok) return { ok: false, status: badRequest(label.error) };
  const current = sim.state.etcd.revision;
  const limit = req.limit !== undefined && req.limit > 0 ? Math.floor(req.limit) : 0;
  // The etcd prefix below /registry/RESOURCE/: the namespace, or none across namespaces.
  const prefix = r.namespaced && req.namespace !== undefined ? (namespace as string) : undefined;

  // storage.ValidateListOptions: which revision the read is pinned to (0: the latest).
  let start = '';
  let exact = 0;
  let minimum = 0;
  if (req.continue) {
    const decoded = decodeContinue(req.continue);
    if ('error' in decoded)
      return { ok: false, status: badRequest(`invalid continue token: ${decoded.error}`) };
    if (req.resourceVersion && req.resourceVersion !== '0')
      return {
        ok: false,
        status: badRequest('specifying resource version is not allowed when using continue'),
      };
    start = decoded.start;
    if (decoded.rv > 0) exact = decoded.rv;
  } else if (req.resourceVersion) {
    const parsed = parseResourceVersion(req.resourceVersion);
    if ('error' in parsed)
      return { ok: false, status: badRequest(`invalid resource version: ${parsed.error}`) };
    if (req.resourceVersionMatch === 'Exact' || (!req.resourceVersionMatch && limit > 0))
      exact = parsed.rv;
    else minimum = parsed.rv;
  }

  if (!limit && !exact && !minimum && !req.continue) {
    // The common case (every in-app kubectl list, the kubelet's relist): no paging, no revision.
    return whole(sim, r, req, prefix, label, current);
  }

  let entries: Entries | undefined;
  if (exact > 0) {
    if (exact > current) return { ok: false, status: tooLargeResourceVersion(exact, current, 0) };
    // A paged list's next pages read the snapshot its first page kept (sorted once).
    entries = snapshot(sim, r, prefix, exact);
    if (!entries && exact !== current) {
      if (!req.continue) return { ok: false, status: expired(LIST_EXPIRED) };
      // handleCompactedErrorForPaging: a token to go on from the latest revision.
      return {
        ok: false,
        status: {
          ...expired(INCONSISTENT_CONTINUE),
          metadata: { continue: encodeContinue(start, -1) },
        },
      };
    }
  } else if (minimum > current) {
    // The watch cache waits for the revision, then tells the client to retry in a second; etcd
    // (a paged read) answers at once.
    return {
      ok: false,
      status: tooLargeResourceVersion(minimum, current, limit > 0 ? 0 : 1),
    };
  }
  const fromSnapshot = entries !== undefined;
  entries ??= prefixEntries(sim, r, prefix);
  const rv = exact > 0 ? exact : current;
  // The watch cache answers rv=0 whole whatever the limit; a continuation is etcd's.
  const pageLimit = req.resourceVersion === '0' && !req.continue ? 0 : limit;

  let i = start ? firstAtOrAfter(entries, start) : 0;
  const from = i;
  const items: KObject[] = [];
  const fs = req.fieldSelector;
  let lastKey = '';
  for (; i < entries.length; i++) {
    if (pageLimit > 0 && items.length >= pageLimit) break;
    const [key, obj] = entries[i];
    if (label && !label.matches(obj.metadata.labels ?? {})) continue;
    if (fs && !matchFieldSelector(fs, obj)) continue;
    items.push(obj);
    lastKey = key;
  }
  // etcd says there is more when any key follows the page, whether or not it would match.
  const more = pageLimit > 0 && items.length >= pageLimit && i < entries.length;
  if (!more) {
    // A paged list's last page: the list is done with its snapshot.
    if (fromSnapshot && req.continue) dropSnapshot(sim, r, prefix, rv);
    return { ok: true, items, resourceVersion: String(rv) };
  }
  if (!fromSnapshot) keepSnapshot(sim, r, prefix, rv, entries);
  const result: ApiResult & { ok: true; items: KObject[] } = {
    ok: true,
    items,
    resourceVersion: String(rv),
    continue: encodeContinue(`${lastKey}\u0000`, rv),
  };
  // Only an unfiltered count is exact (storage.PrepareContinueToken).
  if (!label && !fs) result.remainingItemCount = entries.length - from - pageLimit;
  return result;
}

/** The unpaged list at the current revision, with the indexes' shortcuts. */
function whole(
  sim: Simulation,
  r: ResourceInfo,
  req: ApiRequest,
  prefix: string | undefined,
  label: ReturnType<typeof parseSelector> | undefined,
  current: number,
): ApiResult {
  const store = sim.store(r.resource);
  let items: KObject[];
  if (prefix !== undefined) {
    const keys = sim.indexes.namespaceKeys(prefix, r.resource, store);
    items = keys ? [...keys].map((k) => store[k]).filter(Boolean) : [];
  } else if (
    r.resource === 'pods' &&
    req.fieldSelector?.startsWith('spec.nodeName=') &&
    !req.fieldSelector.includes(',')
  ) {
    const node = req.fieldSelector.slice('spec.nodeName='.length);
    items = [...(sim.indexes.podsByNode.get(node) ?? [])].map((k) => store[k]).filter(Boolean);
  } else {
    items = Object.values(store);
  }
  if (label?.ok) items = items.filter((o) => label.matches(o.metadata.labels ?? {}));
  if (req.fieldSelector) {
    const fs = req.fieldSelector;
    items = items.filter((o) => matchFieldSelector(fs, o));
  }
  items.sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  return { ok: true, items, resourceVersion: String(current) };
}

function keyOf(obj: KObject): string {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name}` : (obj.metadata.name as string);
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Everything under the list's prefix, in key order, keys relative to the prefix. */
function prefixEntries(sim: Simulation, r: ResourceInfo, prefix: string | undefined): Entries {
  const store = sim.store(r.resource);
  let entries: Entries;
  if (prefix !== undefined) {
    const keys = sim.indexes.namespaceKeys(prefix, r.resource, store);
    const cut = prefix.length + 1;
    entries = [];
    for (const k of keys ?? []) {
      const obj = store[k];
      if (obj) entries.push([k.slice(cut), obj]);
    }
  } else {
    entries = Object.entries(store);
  }
  return entries.sort((a, b) => compareKeys(a[0], b[0]));
}

/** Binary search: the first entry whose key is not below `start`. */
function firstAtOrAfter(entries: Entries, start: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid][0] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Snapshot {
  atMs: number;
  entries: Entries;
}

/**
 * At most this many paged lists are held at once; the oldest goes first (a 410 for its pages).
 * A list's snapshot goes when its last page is served.
 */
const SNAPSHOT_LIMIT = 16;

/** Per cluster state (a restore starts without), by `resource|prefix|revision`. */
const snapshots = new WeakMap<ClusterState, Map<string, Snapshot>>();

function snapshotKey(r: ResourceInfo, prefix: string | undefined, rv: number): string {
  return `${r.resource}|${prefix ?? ''}|${rv}`;
}

function snapshot(
  sim: Simulation,
  r: ResourceInfo,
  prefix: string | undefined,
  rv: number,
): Entries | undefined {
  const held = snapshots.get(sim.state);
  if (!held) return undefined;
  expire(held, sim.state.nowMs);
  return held.get(snapshotKey(r, prefix, rv))?.entries;
}

function keepSnapshot(
  sim: Simulation,
  r: ResourceInfo,
  prefix: string | undefined,
  rv: number,
  entries: Entries,
): void {
  let held = snapshots.get(sim.state);
  if (!held) {
    held = new Map();
    snapshots.set(sim.state, held);
  }
  expire(held, sim.state.nowMs);
  const key = snapshotKey(r, prefix, rv);
  if (held.has(key)) return;
  if (held.size >= SNAPSHOT_LIMIT) held.delete(held.keys().next().value as string);
  // Stored objects are never changed, so the entries are the list as it was at rv.
  held.set(key, { atMs: sim.state.nowMs, entries });
}

function dropSnapshot(
  sim: Simulation,
  r: ResourceInfo,
  prefix: string | undefined,
  rv: number,
): void {
  snapshots.get(sim.state)?.delete(snapshotKey(r, prefix, rv));
}

function expire(held: Map<string, Snapshot>, nowMs: number): void {
  for (const [key, s] of held) {
    if (nowMs - s.atMs < K8S.etcdCompactionIntervalMs) break;
    held.delete(key);
  }
}
