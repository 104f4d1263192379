/**
 * structured-merge-diff's typed operations over plain JSON values and the schema atoms
 * (typed/tofieldset.go, compare.go, merge.go, remove.go, and fieldpath Set
 * EnsureNamedFieldsAreMembers), ported walk for walk. A value that is `undefined` is absent (a Go
 * nil Value); `null` is present and null.
 *
 * compare() takes a short cut the Go walker does not: two values that are the same JS object are
 * equal without a walk (stored objects are never mutated, and a status update shares the stored
 * spec and metadata), so a write costs what it changed.
 */
import {
  emptySet,
  type FieldSet,
  fieldElement,
  has,
  insert,
  isEmpty,
  keyElement,
  pathString,
  valueElement,
  withPrefix,
} from './fieldpath';
import { type Atom, KEY_DEFAULTS, resolve, structField, type TypeRef } from './schema';

/** A value the schema cannot take (typed.ValidationErrors' text: `.spec.x: field not declared in schema`). */
export class TypedError extends Error {}

type Json = unknown;
type JsonObject = Record<string, Json>;

function isObject(v: Json): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The atom a value takes: an untyped value's is deduced from the value itself. */
function atomOf(ref: TypeRef, v: Json): Atom {
  const a = resolve(ref);
  if (a.kind !== 'untyped') return a;
  if (isObject(v)) return { kind: 'map', elem: { t: 'a' }, atomic: false };
  if (Array.isArray(v)) return { kind: 'list', elem: { t: 'a' }, associative: false, keys: [] };
  return { kind: 'scalar' };
}

/** The type of a map or struct entry; undefined for a struct field the schema lacks. */
function entryType(a: Atom, key: string): TypeRef | undefined {
  if (a.kind === 'struct') return structField(a.name, key);
  if (a.kind === 'map') return a.elem;
  return { t: 'a' };
}

function isNamedField(a: Atom, key: string): boolean {
  return a.kind === 'struct' && structField(a.name, key) !== undefined;
}

/** listItemToPathElement: the item's keys (`k:`), or its value for a set (`v:`). */
function itemElement(a: Atom & { kind: 'list' }, item: Json, path: string[]): string {
  if (a.keys.length === 0) {
    if (isObject(item) || Array.isArray(item))
      throw new TypedError(
        `${pathString(path)}: associative list without keys has an element that's a map type`,
      );
    return valueElement(item);
  }
  if (!isObject(item))
    throw new TypedError(
      `${pathString(path)}: associative list with keys has an element that's not a map type`,
    );
  const fields: [string, Json][] = [];
  for (const k of a.keys) {
    let v = item[k];
    if (v === undefined || v === null) v = KEY_DEFAULTS[k];
    if (v === undefined)
      throw new TypedError(
        `${pathString(path)}: associative list with keys has an element that omits key field ${JSON.stringify(k)} (and doesn't have default value)`,
      );
    fields.push([k, v]);
  }
  return keyElement(fields);
}

function checkStructKey(a: Atom, key: string, path: string[], strict: boolean): void {
  if (strict && a.kind === 'struct' && structField(a.name, key) === undefined)
    throw new TypedError(
      `${pathString([...path, fieldElement(key)])}: field not declared in schema`,
    );
}

// ---- ToFieldSet ----

/** typed.ToFieldSet: every leaf, list item and map entry the value has. */
export function toFieldSet(v: Json, ref: TypeRef, strict = false): FieldSet {
  const set = emptySet();
  walkFieldSet(v, ref, [], set, strict);
  return set;
}

function walkFieldSet(v: Json, ref: TypeRef, path: string[], set: FieldSet, strict: boolean) {
  const a = atomOf(ref, v);
  switch (a.kind) {
    case 'scalar':
    case 'untyped':
      insert(set, path);
      return;
    case 'list': {
      if (!a.associative) {
        insert(set, path);
        return;
      }
      if (!Array.isArray(v)) {
        if (strict && v !== null)
          throw new TypedError(`${pathString(path)}: expected list, got ${goText(v)}`);
        return;
      }
      const seen = new Set<string>();
      const duplicates = new Set<string>();
      const pes = v.map((item) => itemElement(a, item, path));
      for (const pe of pes) {
        if (seen.has(pe) && !duplicates.has(pe)) {
          insert(set, [...path, pe]);
          duplicates.add(pe);
        }
        seen.add(pe);
      }
      v.forEach((item, i) => {
        const pe = pes[i];
        if (duplicates.has(pe)) return;
        const p = [...path, pe];
        walkFieldSet(item, a.elem, p, set, strict);
        insert(set, p);
      });
      return;
    }
    default: {
      if (a.atomic) {
        insert(set, path);
        return;
      }
      if (!isObject(v)) {
        if (strict && v !== null)
          throw new TypedError(`${pathString(path)}: expected map, got ${goText(v)}`);
        return;
      }
      for (const key of Object.keys(v)) {
        const val = v[key];
        if (val === undefined) continue;
        checkStructKey(a, key, path, strict);
        const p = [...path, fieldElement(key)];
        walkFieldSet(val, entryType(a, key) ?? { t: 'a' }, p, set, strict);
        if (val === null || (isObject(val) && Object.keys(val).length === 0)) insert(set, p);
        else if (!isNamedField(a, key)) insert(set, p);
      }
    }
  }
}

/** A value as Go's %v prints what the typed conversion received (close enough for an error). */
function goText(v: Json): string {
  if (Array.isArray(v)) return `&{[${v.map(goText).join(' ')}]}`;
  return `&{${String(v)}}`;
}

// ---- Compare ----

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** typed.Compare: what changed from lhs to rhs, as added, modified and removed paths. */
export function compare(lhs: Json, rhs: Json, ref: TypeRef): Comparison {
  const cmp: Comparison = { added: emptySet(), modified: emptySet(), removed: emptySet() };
  walkCompare(lhs, rhs, ref, [], cmp);
  return cmp;
}

function isEmptyValue(v: Json): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isObject(v)) return Object.keys(v).length === 0;
  return false;
}

function walkCompare(lhs: Json, rhs: Json, ref: TypeRef, path: string[], cmp: Comparison) {
  if (lhs === rhs && lhs !== undefined && typeof lhs === 'object') return;
  const a = atomOf(ref, rhs !== undefined ? rhs : lhs);
  const leaf = () => {
    if (lhs === undefined) insert(cmp.added, path);
    else if (rhs === undefined) insert(cmp.removed, path);
    else if (!deepEqual(lhs, rhs)) insert(cmp.modified, path);
  };
  if (lhs !== undefined && rhs !== undefined && atomOf(ref, lhs).kind !== a.kind) {
    leaf();
    return;
  }
  switch (a.kind) {
    case 'scalar':
    case 'untyped':
      leaf();
      return;
    case 'list': {
      if (!a.associative || (isEmptyValue(lhs) && isEmptyValue(rhs))) {
        leaf();
        return;
      }
      compareListItems(a, Array.isArray(lhs) ? lhs : [], Array.isArray(rhs) ? rhs : [], path, cmp);
      break;
    }
    default: {
      if (a.atomic || (isEmptyValue(lhs) && isEmptyValue(rhs))) {
        leaf();
        return;
      }
      const l = isObject(lhs) ? lhs : {};
      const r = isObject(rhs) ? rhs : {};
      for (const key of Object.keys(l)) {
        if (l[key] === undefined) continue;
        walkCompare(
          l[key],
          r[key],
          entryType(a, key) ?? { t: 'a' },
          [...path, fieldElement(key)],
          cmp,
        );
      }
      for (const key of Object.keys(r)) {
        if (r[key] === undefined || (Object.hasOwn(l, key) && l[key] !== undefined)) continue;
        walkCompare(
          undefined,
          r[key],
          entryType(a, key) ?? { t: 'a' },
          [...path, fieldElement(key)],
          cmp,
        );
      }
    }
  }
  if (lhs === undefined) insert(cmp.added, path);
  else if (rhs === undefined) insert(cmp.removed, path);
}

function compareListItems(
  a: Atom & { kind: 'list' },
  lhs: Json[],
  rhs: Json[],
  path: string[],
  cmp: Comparison,
) {
  const order: string[] = [];
  const lValues = new Map<string, Json[]>();
  const rValues = new Map<string, Json[]>();
  for (const item of lhs) {
    const pe = itemElement(a, item, path);
    const got = lValues.get(pe);
    if (got) got.push(item);
    else {
      lValues.set(pe, [item]);
      order.push(pe);
    }
  }
  for (const item of rhs) {
    const pe = itemElement(a, item, path);
    const got = rValues.get(pe);
    if (got) got.push(item);
    else {
      rValues.set(pe, [item]);
      if (!lValues.has(pe)) order.push(pe);
    }
  }
  for (const pe of order) {
    const l = lValues.get(pe) ?? [];
    const r = rValues.get(pe) ?? [];
    const p = [...path, pe];
    if (l.length <= 1 && r.length <= 1) {
      walkCompare(l[0], r[0], a.elem, p, cmp);
    } else if (l.length >= 2 && r.length >= 2) {
      if (l.length !== r.length || l.some((x, i) => !deepEqual(x, r[i]))) insert(cmp.modified, p);
    } else if (l.length >= 2) {
      if (r.length) walkCompare(undefined, r[0], a.elem, p, cmp);
      insert(cmp.removed, p);
    } else {
      if (l.length) walkCompare(l[0], undefined, a.elem, p, cmp);
      insert(cmp.added, p);
    }
  }
}

// ---- Merge ----

/** typed.Merge: rhs merged over lhs (leaves from rhs, maps by key, map lists by their keys). */
export function merge(lhs: Json, rhs: Json, ref: TypeRef): Json {
  return walkMerge(lhs, rhs, ref, []);
}

function walkMerge(lhs: Json, rhs: Json, ref: TypeRef, path: string[]): Json {
  const a = atomOf(ref, rhs !== undefined ? rhs : lhs);
  const keepRhs = () => (rhs !== undefined ? rhs : lhs);
  if (lhs !== undefined && rhs !== undefined && atomOf(ref, lhs).kind !== a.kind) return keepRhs();
  switch (a.kind) {
    case 'scalar':
    case 'untyped':
      return keepRhs();
    case 'list':
      if (!a.associative || (isEmptyValue(lhs) && isEmptyValue(rhs))) return keepRhs();
      return mergeListItems(a, Array.isArray(lhs) ? lhs : [], Array.isArray(rhs) ? rhs : [], path);
    default: {
      if (a.atomic || (isEmptyValue(lhs) && isEmptyValue(rhs))) return keepRhs();
      const l = isObject(lhs) ? lhs : {};
      const r = isObject(rhs) ? rhs : {};
      const out: JsonObject = {};
      for (const key of Object.keys(l)) {
        if (l[key] === undefined) continue;
        const m = walkMerge(l[key], r[key], entryType(a, key) ?? { t: 'a' }, [
          ...path,
          fieldElement(key),
        ]);
        if (m !== undefined) out[key] = m;
      }
      for (const key of Object.keys(r)) {
        if (r[key] === undefined || (Object.hasOwn(l, key) && l[key] !== undefined)) continue;
        const m = walkMerge(undefined, r[key], entryType(a, key) ?? { t: 'a' }, [
          ...path,
          fieldElement(key),
        ]);
        if (m !== undefined) out[key] = m;
      }
      return Object.keys(out).length > 0 ? out : undefined;
    }
  }
}

/** mergingWalker.visitListItems: rhs's order for the items it has, lhs's items kept around them. */
function mergeListItems(
  a: Atom & { kind: 'list' },
  lhs: Json[],
  rhs: Json[],
  path: string[],
): Json {
  const rhsPEs: string[] = [];
  const observedRHS = new Map<string, Json>();
  for (const item of rhs) {
    const pe = itemElement(a, item, path);
    if (observedRHS.has(pe))
      throw new TypedError(`${pathString(path)}: duplicate entries for key ${pathString([pe])}`);
    observedRHS.set(pe, item);
    rhsPEs.push(pe);
  }
  const lhsPEs: string[] = [];
  const observedLHS = new Map<string, Json>();
  for (const item of lhs) {
    const pe = itemElement(a, item, path);
    observedLHS.set(pe, observedLHS.has(pe) ? null : item);
    lhsPEs.push(pe);
  }
  const sharedOrder = rhsPEs.filter((pe) => observedLHS.has(pe));
  let nextShared = sharedOrder.shift();
  const mergedRHS = new Set<string>();
  const out: Json[] = [];
  const mergeItem = (pe: string, l: Json, r: Json) => {
    const m = walkMerge(l, r, a.elem, [...path, pe]);
    if (m !== undefined) out.push(m);
  };
  let lI = 0;
  let rI = 0;
  while (lI < lhsPEs.length || rI < rhsPEs.length) {
    if (lI < lhsPEs.length && rI < rhsPEs.length) {
      const pe = lhsPEs[lI];
      if (pe === rhsPEs[rI]) {
        mergedRHS.add(pe);
        mergeItem(pe, observedLHS.get(pe) ?? undefined, observedRHS.get(pe));
        lI++;
        rI++;
        nextShared = sharedOrder.shift();
        continue;
      }
      if (observedRHS.has(pe) && nextShared !== undefined && nextShared !== pe) {
        lI++;
        continue;
      }
    }
    if (lI < lhsPEs.length) {
      const pe = lhsPEs[lI];
      if (!observedRHS.has(pe)) {
        mergeItem(pe, lhs[lI], undefined);
        lI++;
        continue;
      }
      if (mergedRHS.has(pe)) lI++;
    }
    if (rI < rhsPEs.length) {
      const pe = rhsPEs[rI];
      mergedRHS.add(pe);
      mergeItem(pe, observedLHS.get(pe) ?? undefined, observedRHS.get(pe));
      rI++;
      if (nextShared !== undefined && nextShared === pe) nextShared = sharedOrder.shift();
    }
  }
  return out.length > 0 ? out : undefined;
}

// ---- RemoveItems ----

/** typed.RemoveItems: the value without the set's members (whole subtrees) and with its children trimmed. */
export function removeItems(v: Json, toRemove: FieldSet, ref: TypeRef, path: string[] = []): Json {
  const a = atomOf(ref, v);
  switch (a.kind) {
    case 'scalar':
    case 'untyped':
      return v;
    case 'list': {
      if (!Array.isArray(v) || v.length === 0 || !a.associative) return v;
      const out: Json[] = [];
      for (const item of v) {
        const pe = itemElement(a, item, path);
        if (has(toRemove, [pe])) continue;
        const sub = withPrefix(toRemove, pe);
        const kept = isEmpty(sub) ? item : removeItems(item, sub, a.elem, [...path, pe]);
        if (kept !== undefined) out.push(kept);
      }
      return out.length > 0 ? out : undefined;
    }
    default: {
      if (!isObject(v) || Object.keys(v).length === 0 || a.atomic) return v;
      const out: JsonObject = {};
      for (const key of Object.keys(v)) {
        if (v[key] === undefined) continue;
        const pe = fieldElement(key);
        if (has(toRemove, [pe])) continue;
        const sub = withPrefix(toRemove, pe);
        const kept = isEmpty(sub)
          ? v[key]
          : removeItems(v[key], sub, entryType(a, key) ?? { t: 'a' }, [...path, pe]);
        if (kept !== undefined) out[key] = kept;
      }
      return Object.keys(out).length > 0 ? out : undefined;
    }
  }
}

/**
 * Set.EnsureNamedFieldsAreMembers: the set, plus each struct field that has members below it
 * (a set owning `a.b.c` owns the field `a` too, not a map entry).
 */
export function ensureNamedFieldsAreMembers(s: FieldSet, ref: TypeRef): FieldSet {
  const a = resolve(ref);
  const out: FieldSet = { members: new Set(s.members), children: new Map() };
  for (const [pe, child] of s.children) {
    let childRef: TypeRef = { t: 'a' };
    if (pe.startsWith('f:')) {
      const name = pe.slice(2);
      if (a.kind === 'struct') {
        const f = structField(a.name, name);
        if (f) {
          out.members.add(pe);
          childRef = f;
        }
      } else if (a.kind === 'map') childRef = a.elem;
    } else if (a.kind === 'list') childRef = a.elem;
    out.children.set(pe, ensureNamedFieldsAreMembers(child, childRef));
  }
  return out;
}

/** value.Equals over JSON: deep, key order ignored. */
export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (ak.length !== bk.length) return false;
  for (const k of ak) if (!deepEqual(ao[k], bo[k])) return false;
  return true;
}
