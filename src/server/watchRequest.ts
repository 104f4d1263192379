/**
 * GET …?watch=true, as the watch cache serves it (apiserver pkg/storage/cacher): the request is
 * checked like a list (selectors, authorization), then the stream starts — from the present
 * with the current objects as ADDED (no resourceVersion, or "0"), or from a given
 * resourceVersion with the cached writes after it (410 Expired, as an ERROR event, when the
 * cache no longer reaches back that far). Each write becomes ADDED / MODIFIED / DELETED as it
 * enters, changes within or leaves what the watch selects (cache_watcher.go convertToWatchEvent).
 *
 * A watch-list (sendInitialEvents=true, resourceVersionMatch=NotOlderThan; the WatchList feature
 * is on, so a watch from "" or "0" is one by default: SetListOptionsDefaults) starts with the
 * objects as ADDED at a revision not older than the one asked, and, when the client allows
 * bookmarks, a BOOKMARK at that revision annotated `k8s.io/initial-events-end: "true"`
 * (cacher.go setInitialEventsEndBookmarkIfRequested, storage/util.go
 * AnnotateInitialEventsEndBookmark). The options are checked first (validateWatchOptions).
 */
import {
  type IncludeObject,
  type KObject,
  type StoredWrite,
  tableOf,
  watchMatcher,
  watchOptionsDefaults,
  watchOptionsError,
} from '../engine';
import type { Identity } from './auth';
import { call, json, type Reply, type ServerContext } from './handler';
import type { Representation } from './negotiate';
import type { ListQuery } from './query';
import type { ResourceTarget } from './routes';
import { onWire, tooOldResourceVersion } from './status';

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: unknown;
}

export interface WatchOpen {
  /** Sent as soon as the stream opens. */
  initial: WatchEvent[];
  /** Ends the stream after sending `initial` (an ERROR event). */
  endAfterInitial: boolean;
  /** A later write, as this watch sees it (undefined: not its business). */
  convert(w: StoredWrite): WatchEvent | undefined;
  timeoutSeconds?: number;
  /** For BOOKMARK events: the kind's type meta. */
  bookmark?: { kind: string; apiVersion: string };
}

export function watchRequest(
  ctx: ServerContext,
  t: ResourceTarget,
  q: ListQuery,
  representation: Representation,
  who: Identity,
  includeObject: IncludeObject | undefined,
): Reply {
  const r = t.resource;
  const opts = watchOptionsDefaults({
    ...q.request,
    ...(q.resourceVersion !== undefined ? { resourceVersion: q.resourceVersion } : {}),
  });
  const refused = watchOptionsError(opts);
  if (refused) return json(refused.code, onWire(refused));
  const initialEvents = opts.sendInitialEvents === true;
  // The list is what a watch is checked as: the selectors parse, the user may see them. For a
  // watch-list it is also the initial state: not older than the revision asked for.
  const { sendInitialEvents: _watchOnly, resourceVersionMatch: _match, ...listOptions } = opts;
  const listed = call(ctx, who, {
    verb: 'list',
    resource: r.resource,
    namespace: t.namespace,
    ...listOptions,
    // "" is the most recent already; NotOlderThan needs a revision to be not older than.
    ...(initialEvents && opts.resourceVersion ? { resourceVersionMatch: 'NotOlderThan' } : {}),
  });
  if (!listed.ok) {
    if (listed.network !== undefined) return { kind: 'refuse' };
    return json(listed.status.code, { ...listed.status, metadata: {} });
  }
  const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
  const matches = watchMatcher(
    r.namespaced ? t.namespace : undefined,
    q.request.labelSelector,
    q.request.fieldSelector,
  );
  // As a Table (kubectl get -w), each event's object is a one-row table; only the first
  // carries the column definitions (handlers/response.go).
  let headersSent = false;
  const typed = (obj: KObject, rv?: string): unknown => {
    const object: KObject = {
      ...obj,
      apiVersion,
      kind: r.kind,
      ...(rv ? { metadata: { ...obj.metadata, resourceVersion: rv } } : {}),
    };
    if (representation.as !== 'table') return object;
    const table = tableOf(r.resource, [object], {
      nowMs: ctx.cluster.sim.nowMs(),
      includeObject,
      version: representation.version,
      noHeaders: headersSent,
    });
    headersSent = true;
    return table;
  };
  const convert = (w: StoredWrite): WatchEvent | undefined => {
    if (w.resource !== r.resource) return undefined;
    const now = w.type !== 'DELETED' && matches(w.object);
    const before = w.old !== undefined && matches(w.old);
    if (now) return { type: before ? 'MODIFIED' : 'ADDED', object: typed(w.object) };
    if (!before) return undefined;
    // Left the selection (or deleted): its last matching state, at the revision it left.
    const last = w.type === 'DELETED' ? w.object : (w.old as KObject);
    return { type: 'DELETED', object: typed(last, w.resourceVersion) };
  };
  const open: WatchOpen = {
    initial: [],
    endAfterInitial: false,
    convert,
    ...(q.timeoutSeconds !== undefined ? { timeoutSeconds: q.timeoutSeconds } : {}),
    ...(q.allowWatchBookmarks ? { bookmark: { kind: r.kind, apiVersion } } : {}),
  };
  if (initialEvents) {
    for (const item of listed.items ?? [])
      open.initial.push({ type: 'ADDED', object: typed(item) });
    if (q.allowWatchBookmarks)
      open.initial.push({
        type: 'BOOKMARK',
        object: {
          kind: r.kind,
          apiVersion,
          metadata: {
            resourceVersion:
              (listed.items !== undefined ? listed.resourceVersion : undefined) ??
              String(ctx.cluster.revision()),
            annotations: { [INITIAL_EVENTS_END]: 'true' },
          },
        },
      });
    return { kind: 'watch', open };
  }
  const rv = opts.resourceVersion;
  // sendInitialEvents=false from "" or "0": from now on, nothing before.
  if (rv === undefined || rv === '0') return { kind: 'watch', open };
  const from = Number(rv);
  if (!/^\d+$/.test(rv)) return json(400, invalidResourceVersion(rv));
  const since = ctx.cluster.writesSince(from);
  if (since.expired) {
    open.initial.push({ type: 'ERROR', object: tooOldResourceVersion(from, since.oldest) });
    open.endAfterInitial = true;
    return { kind: 'watch', open };
  }
  for (const w of since.writes) {
    const e = convert(w);
    if (e) open.initial.push(e);
  }
  return { kind: 'watch', open };
}

/** metav1.InitialEventsAnnotationKey. */
export const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

function invalidResourceVersion(rv: string) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `resourceVersion: Invalid value: ${JSON.stringify(rv)}: strconv.ParseUint: parsing ${JSON.stringify(rv)}: invalid syntax`,
    reason: 'BadRequest',
    code: 400,
  };
}
