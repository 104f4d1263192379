/**
 * structured-merge-diff merge/update.go: the Updater's Update (a write that is not an apply: the
 * writer owns what it changed, and takes it from everyone else) and Apply (the applier owns
 * exactly its configuration; fields it owned before and no one owns now are removed; a change to
 * another manager's field is a conflict unless forced). Every manager here works at the object's
 * one served version, so no conversion happens between versions.
 */
import { difference, type FieldSet, intersection, isEmpty, paths, union } from './fieldpath';
import type { TypeRef } from './schema';
import {
  type Comparison,
  compare,
  deepEqual,
  ensureNamedFieldsAreMembers,
  merge,
  removeItems,
  toFieldSet,
} from './typed';

export interface VersionedSet {
  set: FieldSet;
  apiVersion: string;
  applied: boolean;
}

/** fieldpath.ManagedFields: each manager's identifier and what it owns. */
export type ManagedFields = Map<string, VersionedSet>;

/** One conflict (merge.Conflict): the manager's identifier and the path. */
export interface Conflict {
  manager: string;
  path: string[];
}

/** merge.Conflicts, thrown by apply when it may not take fields over. */
export class Conflicts extends Error {
  constructor(readonly conflicts: Conflict[]) {
    super('conflicts');
  }
}

/**
 * The paths a strategy resets (GetResetFields), left out of every comparison: the main resource
 * ignores status, the status subresource everything but status.
 */
export type IgnoreFilter = (s: FieldSet) => FieldSet;

function filtered(c: Comparison, ignore: IgnoreFilter | undefined): Comparison {
  if (!ignore) return c;
  return { added: ignore(c.added), modified: ignore(c.modified), removed: ignore(c.removed) };
}

/** Updater.update: what each other manager loses (conflicts, when forced; removals always). */
function updateManagers(
  oldObj: unknown,
  newObj: unknown,
  ref: TypeRef,
  version: string,
  managers: ManagedFields,
  workflow: string,
  force: boolean,
  ignore: IgnoreFilter | undefined,
): Comparison {
  const cmp = filtered(compare(oldObj, newObj, ref), ignore);
  const changed = union(cmp.modified, cmp.added);
  const conflicts = new Map<string, FieldSet>();
  for (const [manager, vs] of managers) {
    if (manager === workflow || vs.apiVersion !== version) continue;
    const c = intersection(vs.set, changed);
    if (!isEmpty(c)) conflicts.set(manager, c);
  }
  if (!force && conflicts.size > 0) {
    const list: Conflict[] = [];
    for (const manager of [...conflicts.keys()].sort())
      for (const path of paths(conflicts.get(manager) as FieldSet)) list.push({ manager, path });
    throw new Conflicts(list);
  }
  for (const [manager, c] of conflicts) {
    const vs = managers.get(manager) as VersionedSet;
    managers.set(manager, { ...vs, set: difference(vs.set, c) });
  }
  if (!isEmpty(cmp.removed)) {
    for (const [manager, vs] of managers) {
      if (manager === workflow || vs.apiVersion !== version) continue;
      managers.set(manager, { ...vs, set: difference(vs.set, cmp.removed) });
    }
  }
  for (const [manager, vs] of managers) if (isEmpty(vs.set)) managers.delete(manager);
  return cmp;
}

/** Updater.Update: the manager now owns what it added or modified, and no longer what it removed. */
export function updateOwnership(
  live: unknown,
  next: unknown,
  ref: TypeRef,
  version: string,
  managers: ManagedFields,
  manager: string,
  ignore?: IgnoreFilter,
): void {
  const cmp = updateManagers(live, next, ref, version, managers, manager, true, ignore);
  const before = managers.get(manager)?.set;
  let set = union(cmp.modified, cmp.added);
  if (before) set = union(difference(before, cmp.removed), set);
  if (ignore) set = ignore(set);
  if (isEmpty(set)) managers.delete(manager);
  else managers.set(manager, { set, apiVersion: version, applied: false });
}

/**
 * Updater.Apply: the configuration merged into the live object, what the manager applied before
 * and no one owns now pruned, ownership updated. Undefined when nothing changed.
 */
export function applyConfig(
  live: unknown,
  config: unknown,
  ref: TypeRef,
  version: string,
  managers: ManagedFields,
  manager: string,
  force: boolean,
  ignore?: IgnoreFilter,
): unknown {
  let next = merge(live, config, ref);
  const lastSet = managers.get(manager);
  let set = toFieldSet(config, ref, true);
  if (ignore) set = ignore(set);
  managers.set(manager, { set, apiVersion: version, applied: true });
  next = prune(next, managers, lastSet, ref);
  updateManagers(live, next, ref, version, managers, manager, force, ignore);
  return deepEqual(live, next) ? undefined : next;
}

/** Updater.prune with addBackOwnedItems and addBackDanglingItems, at one version. */
function prune(
  merged: unknown,
  managers: ManagedFields,
  lastSet: VersionedSet | undefined,
  ref: TypeRef,
): unknown {
  if (!lastSet || isEmpty(lastSet.set)) return merged;
  const named = (s: FieldSet) => ensureNamedFieldsAreMembers(s, ref);
  let pruned = removeItems(merged, named(lastSet.set), ref);
  // addBackOwnedItems: what anyone still owns comes back.
  let managed: FieldSet | undefined;
  for (const vs of managers.values()) managed = managed ? union(managed, vs.set) : vs.set;
  const mergedSet = named(toFieldSet(merged, ref));
  pruned = removeItems(
    merged,
    difference(mergedSet, union(named(toFieldSet(pruned, ref)), named(managed ?? lastSet.set))),
    ref,
  );
  // addBackDanglingItems: only what the manager itself had is removed.
  const prunedSet = named(toFieldSet(pruned, ref));
  return removeItems(
    merged,
    intersection(difference(mergedSet, prunedSet), named(lastSet.set)),
    ref,
  );
}
