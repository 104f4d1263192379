/**
 * The API server's field manager (k8s.io/apimachinery pkg/util/managedfields/internal, the chain
 * NewDefaultFieldManager builds): versionCheck → lastAppliedUpdater → lastAppliedManager →
 * capManagers → buildManagerInfo → managedFieldsUpdater → stripMeta → structured merge.
 *
 * `trackUpdate` is FieldManager.UpdateNoErrors, run by create, update and the non-apply patches
 * before admission; `applyPatch` is FieldManager.Apply, the whole of a server-side apply.
 */
import type { ResourceInfo } from '../../api/resources';
import type { KObject, StatusError } from '../../api/types';
import { isoTime } from '../../model/meta';
import { typeOfKind } from '../schema/unknownFields';
import {
  difference,
  type FieldSet,
  intersection,
  isEmpty,
  pathString,
  recursiveDifference,
  setOf,
  union,
} from './fieldpath';
import {
  decodeManagedFields,
  encodeManagedFields,
  type Managed,
  managerIdentifier,
  printManager,
} from './managedFields';
import type { TypeRef } from './schema';
import { compare, TypedError, toFieldSet } from './typed';
import {
  applyConfig,
  type Conflict,
  Conflicts,
  type IgnoreFilter,
  updateOwnership,
} from './updater';
import { zeroObject } from './zeroObjects';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** capmanagers.go DefaultMaxUpdateManagers. */
const MAX_UPDATE_MANAGERS = 10;

/** stripmeta.go: what no manager owns. */
const STRIP = setOf(
  ['f:apiVersion'],
  ['f:kind'],
  ['f:metadata'],
  ['f:metadata', 'f:name'],
  ['f:metadata', 'f:namespace'],
  ['f:metadata', 'f:creationTimestamp'],
  ['f:metadata', 'f:selfLink'],
  ['f:metadata', 'f:uid'],
  ['f:metadata', 'f:clusterName'],
  ['f:metadata', 'f:generation'],
  ['f:metadata', 'f:managedFields'],
  ['f:metadata', 'f:resourceVersion'],
);

/** Kinds whose strategies reset status on the main resource and spec on …/status (GetResetFields). */
const STATUS_KINDS = new Set([
  'Pod',
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'CronJob',
  'Service',
  'Node',
  'Namespace',
]);
const STATUS = setOf(['f:status']);
const SPEC = setOf(['f:spec']);

function ignoreFilter(kind: string, subresource: string | undefined): IgnoreFilter | undefined {
  if (!STATUS_KINDS.has(kind)) return undefined;
  if (subresource === 'status') return (s) => recursiveDifference(s, SPEC);
  return (s) => recursiveDifference(s, STATUS);
}

export interface FieldManagerScope {
  r: ResourceInfo;
  /** The request's subresource (`status`, `scale`), recorded with the manager. */
  subresource?: string;
  nowMs: number;
}

function apiVersionOf(r: ResourceInfo): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

function refOf(r: ResourceInfo): TypeRef {
  return { t: typeOfKind(apiVersionOf(r), r.kind) ?? 'a' };
}

/** The object as the comparison sees it: managedFields are the field manager's own, not data. */
function withoutManagedFields(obj: KObject): KObject {
  if (obj.metadata?.managedFields === undefined) return obj;
  const { managedFields: _, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

function withManagedFields(obj: KObject, managed: Managed): KObject {
  const encoded = encodeManagedFields(managed);
  // In place when the metadata has them already: no-op detection compares key order too.
  const metadata = { ...obj.metadata };
  if (encoded) metadata.managedFields = encoded as never;
  else delete metadata.managedFields;
  return { ...obj, metadata };
}

/**
 * The object as Go's typed value has it: a struct field that is no pointer is always there
 * (`status: {}` before any status is written), so its first write modifies it and does not add
 * it (no `.` under `f:status`).
 */
function typedView(obj: KObject, kind: string): KObject {
  const zero = zeroObject(kind);
  let view: KObject | undefined;
  for (const key of Object.keys(zero)) {
    if (obj[key] !== undefined || zero[key] === null || typeof zero[key] !== 'object') continue;
    view ??= { ...obj };
    view[key] = {};
  }
  return view ?? obj;
}

/** stripMetaManager.stripFields. */
function strip(managed: Managed, id: string): void {
  const vs = managed.fields.get(id);
  if (!vs) return;
  const set = difference(vs.set, STRIP);
  if (isEmpty(set)) managed.fields.delete(id);
  else managed.fields.set(id, { ...vs, set });
}

/** isResetManagedFields: `[]`, or one empty entry, asks for the managed fields to be reset. */
function isReset(entries: unknown): boolean {
  if (!Array.isArray(entries)) return false;
  if (entries.length === 0) return true;
  return (
    entries.length === 1 &&
    entries[0] !== null &&
    typeof entries[0] === 'object' &&
    Object.keys(entries[0]).length === 0
  );
}

/** decodeLiveOrNew: the request's managedFields when it sends readable ones, else the live object's. */
function decodeLiveOrNew(live: KObject | undefined, next: KObject, subresource: boolean): Managed {
  const empty = (): Managed => ({ fields: new Map(), times: new Map() });
  const liveManaged = () => decodeManagedFields(live?.metadata?.managedFields) ?? empty();
  if (subresource) return liveManaged();
  const sent = next.metadata?.managedFields;
  if (isReset(sent)) return empty();
  const decoded = decodeManagedFields(sent);
  if (!decoded || decoded.fields.size === 0) return liveManaged();
  return decoded;
}

/**
 * FieldManager.UpdateNoErrors: `next` with its managedFields, the writer owning what it changed
 * from `live` (undefined on create: the kind's empty object, as the create handler compares to).
 */
export function trackUpdate(
  live: KObject | undefined,
  next: KObject,
  manager: string,
  scope: FieldManagerScope,
): KObject {
  const { r, subresource } = scope;
  const managed = decodeLiveOrNew(live, next, subresource !== undefined);
  const version = apiVersionOf(r);
  const id = managerIdentifier({
    manager: manager || 'unknown',
    operation: 'Update',
    apiVersion: version,
    subresource,
  });
  const ref = refOf(r);
  const current = '{"manager":"current-operation"}';
  const before = live ? typedView(withoutManagedFields(live), r.kind) : zeroObject(r.kind);
  try {
    updateOwnership(
      before,
      typedView(withoutManagedFields(next), r.kind),
      ref,
      version,
      managed.fields,
      current,
      ignoreFilter(r.kind, subresource),
    );
  } catch (e) {
    // UpdateNoErrors: a failure keeps the live object's managedFields.
    if (!(e instanceof TypedError)) throw e;
    return withManagedFields(
      next,
      decodeManagedFields(live?.metadata?.managedFields) ?? {
        fields: new Map(),
        times: new Map(),
      },
    );
  }
  strip(managed, current);
  const vs = managed.fields.get(current);
  if (vs) {
    managed.fields.delete(current);
    const previous = managed.fields.get(id);
    managed.fields.set(id, previous ? { ...vs, set: union(vs.set, previous.set) } : vs);
    managed.times.set(id, isoTime(scope.nowMs));
  }
  capUpdateManagers(managed);
  return withManagedFields(next, managed);
}

/** capManagersManager: past ten Update managers, the oldest merge into `ancient-changes`. */
function capUpdateManagers(managed: Managed): void {
  const updaters = [...managed.fields].filter(([, vs]) => !vs.applied).map(([id]) => id);
  if (updaters.length <= MAX_UPDATE_MANAGERS) return;
  const seconds = (id: string) => {
    const t = managed.times.get(id);
    return t ? Math.floor(Date.parse(t) / 1000) : 0;
  };
  updaters.sort((a, b) => seconds(a) - seconds(b) || (a < b ? -1 : a > b ? 1 : 0));
  const firstByVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > MAX_UPDATE_MANAGERS; i++) {
    const id = updaters[i];
    const vs = managed.fields.get(id);
    if (!vs) continue;
    const time = managed.times.get(id);
    const bucket = managerIdentifier({
      manager: 'ancient-changes',
      operation: 'Update',
      apiVersion: vs.apiVersion,
    });
    const first = firstByVersion.get(vs.apiVersion);
    if (first === undefined) {
      firstByVersion.set(vs.apiVersion, id);
      continue;
    }
    if (!managed.fields.has(bucket)) {
      const s = managed.fields.get(first);
      managed.fields.delete(first);
      if (s) managed.fields.set(bucket, s);
    }
    const into = managed.fields.get(bucket) ?? vs;
    managed.fields.set(bucket, { ...vs, set: union(vs.set, into.set) });
    managed.fields.delete(id);
    length--;
    managed.times.set(bucket, time);
  }
}

export type Applied =
  | { ok: true; object: KObject; changed: boolean }
  | { ok: false; status: StatusError };

function failure(
  code: number,
  reason: StatusError['reason'],
  message: string,
  causes?: StatusError['details'],
): Applied {
  return {
    ok: false,
    status: {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message,
      reason,
      code,
      ...(causes ? { details: causes } : {}),
    },
  };
}

/** schema.GroupVersionKind.String(): `apps/v1, Kind=Deployment`, `/v1, Kind=Pod`. */
function gvkString(apiVersion: unknown, kind: unknown): string {
  const av = typeof apiVersion === 'string' ? apiVersion : '';
  const k = typeof kind === 'string' ? kind : '';
  const slash = av.indexOf('/');
  const group = slash >= 0 ? av.slice(0, slash) : '';
  const version = slash >= 0 ? av.slice(slash + 1) : av;
  return `${group}/${version}, Kind=${k}`;
}

/** Go's typed conversion drops nulls (a nil pointer, an omitted field) from the merged object. */
function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = dropNulls(x);
  return out;
}

/** conflict.go NewConflictError: 409 with one cause per conflict and the summary message. */
export function conflictStatus(conflicts: Conflict[]): StatusError {
  let message: string;
  if (conflicts.length === 1) {
    const c = conflicts[0];
    message = `Apply failed with 1 conflict: conflict with ${printManager(c.manager)}: ${pathString(c.path)}`;
  } else {
    const byManager = new Map<string, string[][]>();
    for (const c of conflicts)
      byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.path]);
    const lines: string[] = [];
    for (const m of [...byManager.keys()].sort()) {
      lines.push(`conflicts with ${printManager(m)}:`);
      for (const p of byManager.get(m) ?? []) lines.push(`- ${pathString(p)}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return {
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    message,
    reason: 'Conflict',
    code: 409,
    details: {
      causes: conflicts.map((c) => ({
        reason: 'FieldManagerConflict',
        message: `conflict with ${printManager(c.manager)}`,
        field: pathString(c.path),
      })),
    },
  };
}

/**
 * FieldManager.Apply: the applied configuration merged into `live` (undefined: the object is
 * created), with ownership recorded; a 409 when it changes fields other managers own and
 * `force` is not set.
 */
export function applyPatch(
  live: KObject | undefined,
  patch: unknown,
  manager: string,
  force: boolean,
  scope: FieldManagerScope,
): Applied {
  const { r } = scope;
  const version = apiVersionOf(r);
  const config = (patch ?? {}) as KObject;
  if (
    typeof config !== 'object' ||
    Array.isArray(config) ||
    config.apiVersion !== version ||
    config.kind !== r.kind
  )
    return failure(
      400,
      'BadRequest',
      `invalid object type: ${gvkString(config?.apiVersion, config?.kind)}`,
    );
  if (config.metadata?.managedFields !== undefined && config.metadata.managedFields !== null)
    return failure(400, 'BadRequest', 'metadata.managedFields must be nil');
  const managed = decodeManagedFields(live?.metadata?.managedFields);
  if (!managed) return failure(500, '', 'failed to decode managed fields: invalid managedFields');
  const ref = refOf(r);
  const name = `${config.metadata?.namespace ?? live?.metadata?.namespace ?? ''}/${config.metadata?.name ?? ''}`;
  try {
    toFieldSet(config, ref, true);
  } catch (e) {
    if (!(e instanceof TypedError)) throw e;
    return failure(
      500,
      '',
      `failed to create typed patch object (${name}; ${gvkString(version, r.kind)}): ${e.message}`,
    );
  }
  const base = live ? withoutManagedFields(live) : (zeroObject(r.kind) as KObject);
  const id = managerIdentifier({ manager, operation: 'Apply' });
  const ignore = ignoreFilter(r.kind, scope.subresource);
  const attempt = (forced: boolean) => {
    const fields = new Map(managed.fields);
    const next = applyConfig(base, config, ref, version, fields, id, forced, ignore);
    return { next, fields };
  };
  let result: ReturnType<typeof attempt>;
  try {
    result = attempt(force);
  } catch (e) {
    if (e instanceof TypedError) return failure(500, '', `failed to merge config: ${e.message}`);
    if (!(e instanceof Conflicts)) throw e;
    // lastAppliedManager: for kubectl's own manager, conflicts with what the last client-side
    // apply set (and the live object still has) are not conflicts.
    const remaining =
      manager === 'kubectl' ? beyondLastApplied(e.conflicts, live, ref) : e.conflicts;
    if (remaining.length > 0) return { ok: false, status: conflictStatus(remaining) };
    result = attempt(true);
  }
  const out: Managed = { fields: result.fields, times: new Map(managed.times) };
  strip(out, id);
  const changed = result.next !== undefined;
  if (changed) out.times.set(id, isoTime(scope.nowMs));
  let object = changed ? (dropNulls(result.next) as KObject) : (base as KObject);
  if (manager === 'kubectl' && live?.metadata?.annotations?.[LAST_APPLIED]) {
    // lastAppliedUpdater: kubectl's server-side apply keeps the annotation current.
    object = {
      ...object,
      metadata: {
        ...object.metadata,
        annotations: { ...object.metadata?.annotations, [LAST_APPLIED]: lastAppliedOf(config) },
      },
    };
  }
  return { ok: true, object: withManagedFields(object, out), changed };
}

/** buildLastApplied: the applied object without the annotation, as JSON (Go map order: sorted). */
function lastAppliedOf(config: KObject): string {
  const copy = JSON.parse(JSON.stringify(config)) as KObject;
  if (copy.metadata?.annotations) {
    delete copy.metadata.annotations[LAST_APPLIED];
    if (Object.keys(copy.metadata.annotations).length === 0) delete copy.metadata.annotations;
  }
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sorted(copy));
}

/** allowedConflictsFromLastApplied: the conflicts the last-applied configuration does not excuse. */
function beyondLastApplied(
  conflicts: Conflict[],
  live: KObject | undefined,
  ref: TypeRef,
): Conflict[] {
  const text = live?.metadata?.annotations?.[LAST_APPLIED];
  if (!live || !text) return conflicts;
  let last: KObject;
  try {
    last = JSON.parse(text);
  } catch {
    return conflicts;
  }
  if (last?.apiVersion !== live.apiVersion) return conflicts;
  let allowed: FieldSet;
  try {
    const lastSet = toFieldSet(last, ref);
    const cmp = compare(last, withoutManagedFields(live), ref);
    allowed = difference(difference(difference(lastSet, cmp.modified), cmp.added), cmp.removed);
  } catch {
    return conflicts;
  }
  return conflicts.filter((c) => isEmpty(intersection(setOf(c.path), allowed)));
}
