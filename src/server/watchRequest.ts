/**
 * GET …?watch=true, as the watch cache serves it (apiserver pkg/storage/cacher): the request is
 * checked like a list (selectors, authorization), then the stream starts — from the present
 * with the current objects as ADDED (no resourceVersion, or "0"), or from a given
 * resourceVersion with the cached writes after it (410 Expired, as an ERROR event, when the
 * cache no longer reaches back that far). Each write becomes ADDED / MODIFIED / DELETED as it
 * enters, changes within or leaves what the watch selects (cache_watcher.go convertToWatchEvent).
 */
import {
  type IncludeObject,
  type KObject,
  type StoredWrite,
  tableOf,
  watchMatcher,
} from '../engine';
import type { Identity } from './auth';
import { call, json, type Reply, type ServerContext } from './handler';
import type { Representation } from './negotiate';
import type { ListQuery } from './query';
import type { ResourceTarget } from './routes';
import { tooOldResourceVersion } from './status';

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
  // The list is what a watch is checked as: the selectors parse, the user may see them.
  const listed = call(ctx, who, {
    verb: 'list',
    resource: r.resource,
    namespace: t.namespace,
    ...q.request,
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
  const rv = q.resourceVersion;
  if (rv === undefined || rv === '0') {
    for (const item of listed.items ?? [])
      open.initial.push({ type: 'ADDED', object: typed(item) });
    return { kind: 'watch', open };
  }
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
