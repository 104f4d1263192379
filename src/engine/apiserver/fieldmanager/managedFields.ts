/**
 * metadata.managedFields ⇄ the updater's ManagedFields, as k8s.io/apimachinery
 * pkg/util/managedfields/internal/managedfields.go decodes and encodes them: each entry keyed by
 * its manager identifier (BuildManagerIdentifier: the entry's JSON without fieldsType, fieldsV1
 * and time, and without apiVersion for Apply), entries sorted by operation (Apply first), time,
 * manager, apiVersion, subresource.
 */
import { type FieldsV1, fromFieldsV1, toFieldsV1 } from './fieldpath';
import type { ManagedFields } from './updater';

/** metav1.ManagedFieldsEntry, in its JSON field order. */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: FieldsV1;
  subresource?: string;
}

export interface Managed {
  fields: ManagedFields;
  /** Each manager's last-change time (RFC 3339), by identifier. */
  times: Map<string, string | undefined>;
}

/** BuildManagerIdentifier: json.Marshal of the entry's identity (omitempty fields). */
export function managerIdentifier(e: {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  subresource?: string;
}): string {
  const id: Record<string, string> = {};
  if (e.manager) id.manager = e.manager;
  if (e.operation) id.operation = e.operation;
  if (e.apiVersion && e.operation !== 'Apply') id.apiVersion = e.apiVersion;
  if (e.subresource) id.subresource = e.subresource;
  return JSON.stringify(id);
}

function parseIdentifier(id: string): ManagedFieldsEntry {
  try {
    return JSON.parse(id) as ManagedFieldsEntry;
  } catch {
    return {};
  }
}

/** DecodeManagedFields; an entry it cannot read makes the whole list unreadable (undefined). */
export function decodeManagedFields(entries: unknown): Managed | undefined {
  const managed: Managed = { fields: new Map(), times: new Map() };
  if (entries === undefined || entries === null) return managed;
  if (!Array.isArray(entries)) return undefined;
  for (const raw of entries) {
    if (raw === null || typeof raw !== 'object') return undefined;
    const e = raw as ManagedFieldsEntry;
    if (e.operation !== 'Apply' && e.operation !== 'Update') return undefined;
    if (!e.apiVersion) return undefined;
    if (e.fieldsType !== 'FieldsV1') return undefined;
    const id = managerIdentifier(e);
    try {
      managed.fields.set(id, {
        set: fromFieldsV1(e.fieldsV1 ?? {}),
        apiVersion: e.apiVersion,
        applied: e.operation === 'Apply',
      });
    } catch {
      return undefined;
    }
    managed.times.set(id, e.time);
  }
  return managed;
}

/** encodeManagedFields: undefined when no one manages anything. */
export function encodeManagedFields(managed: Managed): ManagedFieldsEntry[] | undefined {
  if (managed.fields.size === 0) return undefined;
  const out: ManagedFieldsEntry[] = [];
  for (const [id, vs] of managed.fields) {
    const ident = parseIdentifier(id);
    const e: ManagedFieldsEntry = {};
    if (ident.manager) e.manager = ident.manager;
    e.operation = vs.applied ? 'Apply' : (ident.operation ?? 'Update');
    e.apiVersion = vs.apiVersion;
    const time = managed.times.get(id);
    if (time) e.time = time;
    e.fieldsType = 'FieldsV1';
    e.fieldsV1 = toFieldsV1(vs.set);
    if (ident.subresource) e.subresource = ident.subresource;
    out.push(e);
  }
  const seconds = (t: string | undefined) => (t ? Math.floor(Date.parse(t) / 1000) : 0);
  const cmp = (a: string | undefined, b: string | undefined) =>
    (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
  // sortEncodedManagedFields (sort.Slice: equal entries cannot occur, identifiers are unique).
  return out.sort(
    (p, q) =>
      cmp(p.operation, q.operation) ||
      seconds(p.time) - seconds(q.time) ||
      cmp(p.manager, q.manager) ||
      cmp(p.apiVersion, q.apiVersion) ||
      cmp(p.subresource, q.subresource),
  );
}

/**
 * conflict.go printManager: `"name"`, plus ` with subresource "status"`, plus for an Update
 * ` using apps/v1` (and ` at TIME` when the identifier carries one: it never does here).
 */
export function printManager(id: string): string {
  const e = parseIdentifier(id);
  if (!e.manager && !e.operation) return JSON.stringify(id);
  let text = JSON.stringify(e.manager ?? '');
  if (e.subresource) text = `${text} with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update') return `${text} using ${e.apiVersion ?? ''}`;
  return text;
}
