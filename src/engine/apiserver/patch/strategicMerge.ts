/**
 * Applying a strategic merge patch: a port of k8s.io/apimachinery pkg/util/strategicpatch
 * patch.go (StrategicMergeMapPatch → mergeMap and everything it calls), step for step, so that
 * lists come out in the very order the API server leaves them and failures carry its words.
 *
 * Like the Go code, the functions here change the maps and lists they are given;
 * strategicMergeMapPatch works on copies, so callers' values (stored objects among them) are
 * never touched. Go's maps have no order: keys are visited here in the patch's order, and new
 * keys land after the original's.
 */
import { goSortSlice } from '../../kubectl/print/goSort';
import { mergepatchErrors, PatchFailure } from './errors';
import { sliceStable } from './goStableSort';
import {
  copyJson,
  deepEqual,
  goEqual,
  goKindOf,
  goTypeName,
  has,
  isMap,
  type JsonMap,
  sprintV,
} from './json';
import { lookupSlice, lookupStruct, type Schema, schemaName } from './patchMeta';

export const DIRECTIVE_MARKER = '$patch';
export const DELETE_DIRECTIVE = 'delete';
export const REPLACE_DIRECTIVE = 'replace';
export const MERGE_DIRECTIVE = 'merge';
const RETAIN_KEYS_STRATEGY = 'retainKeys';
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList';
export const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder';

export interface MergeOptions {
  /** Merge the parallel lists ($deleteFromPrimitiveList, $setElementOrder) into the object. */
  mergeParallelList: boolean;
  /** Drop nulls that delete nothing (applying); keep them (merging two patches). */
  ignoreUnmatchedNulls: boolean;
}

/**
 * StrategicMergeMapPatch: the patched object. `schema` is the object's type (its name in
 * FIELD_TYPES). Throws PatchFailure.
 */
export function strategicMergeMapPatch(original: JsonMap, patch: JsonMap, schema: Schema): JsonMap {
  return mergeMap(copyJson(original), copyJson(patch), schema, {
    mergeParallelList: true,
    ignoreUnmatchedNulls: true,
  });
}

/** The element kind the list functions switch on: maps, or anything else (scalars). */
type ElementKind = 'map' | 'scalar';

// --- the errors of mergepatch/errors.go that carry values --------------------------------------

export function errBadArgType(expected: string, actual: unknown): PatchFailure {
  return new PatchFailure(
    'unknown',
    `expected a ${expected}, but received a ${goTypeName(actual)}`,
  );
}

export function errNoMergeKey(m: JsonMap, key: string): PatchFailure {
  return new PatchFailure(
    'unknown',
    `map: ${sprintV(m)} does not contain declared merge key: ${key}`,
  );
}

function errBadPatchType(t: unknown, m: JsonMap): PatchFailure {
  const shown = typeof t === 'string' ? t : `%!s(${goTypeName(t)}=${sprintV(t)})`;
  return new PatchFailure('unknown', `unknown patch type: ${shown} in map: ${sprintV(m)}`);
}

const MAP_TYPE = 'map[string]interface {}';
const SLICE_TYPE = '[]interface {}';

// --- shared with the diff side ------------------------------------------------------------------

/**
 * extractRetainKeysPatchStrategy: whether the strategies include retainKeys, and the other one.
 */
export function extractRetainKeysPatchStrategy(strategies: string[]): [boolean, string] {
  switch (strategies.length) {
    case 0:
      return [false, ''];
    case 1:
      return strategies[0] === RETAIN_KEYS_STRATEGY ? [true, ''] : [false, strategies[0]];
    case 2:
      if (strategies[0] === RETAIN_KEYS_STRATEGY) return [true, strategies[1]];
      if (strategies[1] === RETAIN_KEYS_STRATEGY) return [true, strategies[0]];
      break;
  }
  throw new PatchFailure('unknown', `unexpected patch strategy: [${strategies.join(' ')}]`);
}

/**
 * sliceElementType: the one type every element of the lists has; lists of lists and mixed lists
 * fail, and so do lists with no element at all.
 */
export function sliceElementType(...slices: (unknown[] | undefined)[]): ElementKind {
  let prev: string | undefined;
  for (const s of slices) {
    for (const v of s ?? []) {
      const t = goTypeName(v);
      if (prev === undefined) {
        prev = t;
        if (Array.isArray(v)) throw mergepatchErrors.noListOfLists();
      } else if (prev !== t) {
        throw new PatchFailure(
          'unknown',
          `list element types are not identical: ${sprintV(slices.map((x) => x ?? []))}`,
        );
      }
    }
  }
  if (prev === undefined)
    throw new PatchFailure('unknown', 'no elements in any of the given slices');
  return prev === MAP_TYPE ? 'map' : 'scalar';
}

/** SortableSliceOfScalars with sort.Sort: by %v text. */
export function sortScalars(s: unknown[]): unknown[] {
  goSortSlice(s, (a, b) => sprintV(a) <= sprintV(b));
  return s;
}

/** deduplicateScalars, with its swap-the-last-one-in trick (it changes the order). */
export function deduplicateScalars(input: unknown[]): unknown[] {
  let s = input;
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (goEqual(s[i], s[j])) {
        s[j] = s[length];
        s = s.slice(0, length);
        length--;
        j--;
      }
    }
  }
  return s;
}

/** mergeKeyValueEqual. */
export function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (mergeKey.length === 0) return goEqual(left, right);
  if (!isMap(left)) throw errBadArgType(MAP_TYPE, left);
  if (!isMap(right)) throw errBadArgType(MAP_TYPE, right);
  if (!has(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!has(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return goEqual(left[mergeKey], right[mergeKey]);
}

/** validateMergeKeyInLists. */
function validateMergeKeyInLists(mergeKey: string, ...lists: unknown[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isMap(item)) throw errBadArgType(MAP_TYPE, item);
      if (!has(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    }
  }
}

/** index: where an item (a map by its merge key, else the value) is in a list, or -1. */
function indexIn(l: unknown[], v: unknown, mergeKey: string, kind: ElementKind): number {
  const key = (item: unknown) =>
    kind === 'map' ? (isMap(item) ? item[mergeKey] : undefined) : item;
  const want = key(v);
  for (let i = 0; i < l.length; i++) if (goEqual(want, key(l[i]))) return i;
  return -1;
}

/** extractToDeleteItems: the items to keep and those marked `$patch: delete`. */
function extractToDeleteItems(l: unknown[]): [unknown[], unknown[]] {
  const keep: unknown[] = [];
  const drop: unknown[] = [];
  for (const v of l) {
    if (!isMap(v)) throw errBadArgType(MAP_TYPE, v);
    if (has(v, DIRECTIVE_MARKER) && v[DIRECTIVE_MARKER] === DELETE_DIRECTIVE) drop.push(v);
    else keep.push(v);
  }
  return [keep, drop];
}

/** normalizeSliceOrder: `toSort` in the order of `order`, deletions last. */
export function normalizeSliceOrder(
  input: unknown[],
  order: unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  let toSort = input;
  let toDelete: unknown[] = [];
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, toSort, order);
    [toSort, toDelete] = extractToDeleteItems(toSort);
  } else {
    toSort = toSort.slice();
  }
  sliceStable(toSort, (a, b) => {
    const ia = indexIn(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  });
  return toSort.concat(toDelete);
}

/** normalizeElementOrder: patch items by patchOrder, server-only items by serverOrder, merged. */
function normalizeElementOrder(
  patch: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

/** mergeSortedSlice: each left item before the first right item it comes before in serverOrder. */
function mergeSortedSlice(
  left: unknown[],
  right: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  const size = left.length + right.length;
  const out: unknown[] = new Array(size);
  let i = 0;
  let j = 0;
  for (let k = 0; k < size; k++) {
    if (i >= left.length && j < right.length) out[k] = right[j++];
    else if (j >= right.length && i < left.length) out[k] = left[i++];
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out[k] = left[i++];
      else out[k] = right[j++];
    }
  }
  return out;
}

/** findMapInSliceBasedOnKeyValue: the map whose `key` is `value`, and where it is. */
function findMapInSlice(m: unknown[], key: string, value: unknown): [JsonMap, number] | undefined {
  for (let k = 0; k < m.length; k++) {
    const v = m[k];
    if (!isMap(v)) throw new PatchFailure('unknown', `value for key ${k} is not a map`);
    if (has(v, key) && goEqual(v[key], value)) return [v, k];
  }
  return undefined;
}

/** partitionPrimitivesByPresentInList. */
function partitionPrimitives(original: unknown[], partitionBy: unknown[]): [unknown[], unknown[]] {
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of original) {
    if (partitionBy.some((p) => goEqual(p, v))) inPatch.push(v);
    else serverOnly.push(v);
  }
  return [inPatch, serverOnly];
}

/** partitionMapsByPresentInList. */
function partitionMaps(
  original: unknown[],
  partitionBy: unknown[],
  mergeKey: string,
): [unknown[], unknown[]] {
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of original) {
    if (!isMap(v)) throw errBadArgType(MAP_TYPE, v);
    if (!has(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
    if (findMapInSlice(partitionBy, mergeKey, v[mergeKey])) inPatch.push(v);
    else serverOnly.push(v);
  }
  return [inPatch, serverOnly];
}

function partition(merged: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  return mergeKey.length === 0
    ? partitionPrimitives(merged, by)
    : partitionMaps(merged, by, mergeKey);
}

/**
 * removeDirectives: the value without the maps that carry `$patch` (and whether the value itself
 * stays). Only `$patch` maps go: other directive keys stay where they are.
 */
export function removeDirectives(obj: unknown): [unknown, boolean] {
  if (obj === null || obj === undefined) return [obj, true];
  if (isMap(obj)) {
    if (has(obj, DIRECTIVE_MARKER)) return [null, false];
    for (const k of Object.keys(obj)) {
      const [v, keep] = removeDirectives(obj[k]);
      if (keep) obj[k] = v;
      else delete obj[k];
    }
    return [obj, true];
  }
  if (Array.isArray(obj)) {
    const res: unknown[] = [];
    for (const v of obj) {
      const [nv, keep] = removeDirectives(v);
      if (keep) res.push(nv);
    }
    return [res, true];
  }
  return [obj, true];
}

/** discardNullValuesFromPatch. */
function discardNullValues(v: unknown): void {
  if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNullValues(v[k]);
    }
  } else if (Array.isArray(v)) {
    for (const x of v) discardNullValues(x);
  }
}

/** extractKey: the list's key from `PREFIX/key`. */
export function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST_PREFIX)
      throw mergepatchErrors.badPatchFormatForPrimitiveList();
    if (prefix === SET_ELEMENT_ORDER_PREFIX)
      throw mergepatchErrors.badPatchFormatForSetElementOrderList();
    throw new PatchFailure('unknown', `fail to find unknown prefix "${prefix}" in ${s}\n`);
  }
  return s.slice(slash + 1);
}

// --- applying -----------------------------------------------------------------------------------

/**
 * mergeMap: the patch merged into `original` (changed in place and returned). Throws
 * PatchFailure.
 */
export function mergeMap(
  originalIn: JsonMap | null | undefined,
  patch: JsonMap,
  schema: Schema,
  options: MergeOptions,
): JsonMap {
  if (has(patch, DIRECTIVE_MARKER))
    return handleDirectiveInMergeMap(patch[DIRECTIVE_MARKER], patch);
  const original = originalIn ?? {};
  applyRetainKeysDirective(original, patch, options);
  mergePatchIntoOriginal(original, patch, schema, options);

  for (const patchKey of Object.keys(patch)) {
    const patchV = patch[patchKey];
    let k = patchKey;
    // preprocessDeletionListForMerging
    let isDeleteList = false;
    if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
      if (!options.mergeParallelList) {
        original[k] = patchV;
        continue;
      }
      k = extractKey(k, DELETE_FROM_PRIMITIVE_LIST_PREFIX);
      isDeleteList = true;
    }

    if (patchV === null) {
      delete original[k];
      if (options.ignoreUnmatchedNulls) continue;
    }

    if (!has(original, k) || goTypeName(original[k]) !== goTypeName(patchV)) {
      if (!isDeleteList) {
        if (options.ignoreUnmatchedNulls) discardNullValues(patchV);
        setOrDelete(original, k, patchV);
      }
      continue;
    }

    switch (goKindOf(original[k])) {
      case 'map': {
        const { schema: sub, meta } = lookupStruct(schema, k);
        const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
        original[k] = mergeMapHandler(original[k], patchV, sub, strategy, options);
        break;
      }
      case 'slice': {
        const { schema: sub, meta } = lookupSlice(schema, k);
        const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
        original[k] = mergeSliceHandler(
          original[k],
          patchV,
          sub,
          strategy,
          meta.mergeKey,
          isDeleteList,
          options,
        );
        break;
      }
      default:
        setOrDelete(original, k, patchV);
    }
  }
  return original;
}

/** `original[k], ok = removeDirectives(patchV); if !ok { delete(original, k) }`. */
function setOrDelete(original: JsonMap, k: string, patchV: unknown): void {
  const [v, keep] = removeDirectives(patchV);
  if (keep) original[k] = v;
  else delete original[k];
}

/** handleDirectiveInMergeMap: `$patch: replace` keeps the patch, `delete` empties the map. */
function handleDirectiveInMergeMap(directive: unknown, patch: JsonMap): JsonMap {
  if (directive === REPLACE_DIRECTIVE) {
    delete patch[DIRECTIVE_MARKER];
    return patch;
  }
  if (directive === DELETE_DIRECTIVE) return {};
  throw errBadPatchType(directive, patch);
}

/**
 * applyRetainKeysDirective: with `$retainKeys`, keys of the original not in the list go, and
 * every key the patch sets must be in it.
 */
function applyRetainKeysDirective(original: JsonMap, patch: JsonMap, options: MergeOptions): void {
  if (!has(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const inPatch = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!options.mergeParallelList) {
    if (has(original, RETAIN_KEYS_DIRECTIVE)) {
      if (!deepEqual(original[RETAIN_KEYS_DIRECTIVE], inPatch)) {
        throw new PatchFailure(
          'unknown',
          `${sprintV(original[RETAIN_KEYS_DIRECTIVE])} and ${sprintV(inPatch)} are not deep equal: this may happen when calculating the 3-way diff patch`,
        );
      }
    } else {
      original[RETAIN_KEYS_DIRECTIVE] = inPatch;
    }
    return;
  }
  if (!Array.isArray(inPatch)) throw mergepatchErrors.badPatchFormatForRetainKeys();
  const keep = (k: string) => inPatch.some((v) => goEqual(v, k));
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (
      v === null ||
      k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) ||
      k.startsWith(SET_ELEMENT_ORDER_PREFIX)
    )
      continue;
    if (!keep(k)) throw mergepatchErrors.badPatchFormatForRetainKeys();
  }
  for (const k of Object.keys(original)) if (!keep(k)) delete original[k];
}

/**
 * mergePatchIntoOriginal: each `$setElementOrder/FIELD` with its list, merged and put in the
 * order it names (then the patch's order, then the live object's).
 */
function mergePatchIntoOriginal(
  original: JsonMap,
  patch: JsonMap,
  schema: Schema,
  options: MergeOptions,
): void {
  for (const key of Object.keys(patch)) {
    if (!has(patch, key) || !key.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    const setOrder = patch[key];
    if (!options.mergeParallelList) {
      if (has(original, key)) {
        if (!deepEqual(original[key], setOrder))
          throw mergepatchErrors.badPatchFormatForSetElementOrderList();
      } else {
        original[key] = setOrder;
      }
    }
    delete patch[key];

    if (!Array.isArray(setOrder)) throw errBadArgType(SLICE_TYPE, setOrder);
    const originalKey = extractKey(key, SET_ELEMENT_ORDER_PREFIX);
    const foundOriginal = has(original, originalKey);
    const foundPatch = has(patch, originalKey);
    const originalList = original[originalKey];
    const patchList = patch[originalKey];
    let originalValue: unknown[] | undefined;
    let patchValue: unknown[] | undefined;
    if (foundOriginal) {
      if (!Array.isArray(originalList)) throw errBadArgType(SLICE_TYPE, originalList);
      originalValue = originalList;
    }
    if (foundPatch) {
      if (!Array.isArray(patchList)) throw errBadArgType(SLICE_TYPE, patchList);
      patchValue = patchList;
    }
    const { schema: sub, meta } = lookupSlice(schema, originalKey);
    const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
    validatePatchWithSetOrderList(patchValue ?? [], setOrder, meta.mergeKey);

    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalValue as unknown[];
    else if (!foundOriginal && foundPatch) {
      const [v, keep] = removeDirectives(patchValue);
      if (!keep) continue;
      merged = v as unknown[];
    } else if (foundOriginal && foundPatch) {
      merged = mergeSliceHandler(
        originalList,
        patchList,
        sub,
        strategy,
        meta.mergeKey,
        false,
        options,
      );
    } else continue;

    const [patchItems, serverOnly] = partition(merged, setOrder, meta.mergeKey);
    const kind = sliceElementType(originalValue, patchValue);
    original[originalKey] = normalizeElementOrder(
      patchItems,
      serverOnly,
      setOrder,
      originalValue ?? [],
      meta.mergeKey,
      kind,
    );
    delete patch[originalKey];
  }
}

/**
 * validatePatchWithSetOrderList: the patch's items (deletions aside) come in the relative order
 * the `$setElementOrder` list gives them, and are all in it.
 */
function validatePatchWithSetOrderList(
  patchList: unknown[],
  setOrderList: unknown[],
  mergeKey: string,
): void {
  if (setOrderList.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey.length > 0 ? extractToDeleteItems(patchList)[0] : patchList;
  let p = 0;
  let s = 0;
  while (p < nonDelete.length && s < setOrderList.length) {
    const item = nonDelete[p];
    if (isMap(item) && has(item, DIRECTIVE_MARKER)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(item, setOrderList[s], mergeKey)) p++;
    s++;
  }
  if (p < nonDelete.length && s >= setOrderList.length) {
    throw new PatchFailure(
      'unknown',
      `The order in patch list:\n${sprintV(patchList)}\n doesn't match ${SET_ELEMENT_ORDER_PREFIX} list:\n${sprintV(setOrderList)}\n`,
    );
  }
}

/** mergeMapHandler: a map field merges, unless its strategy is replace. */
function mergeMapHandler(
  original: unknown,
  patch: unknown,
  schema: Schema,
  strategy: string,
  options: MergeOptions,
): JsonMap {
  if (!isMap(original)) throw errBadArgType(MAP_TYPE, original);
  if (!isMap(patch)) throw errBadArgType(MAP_TYPE, patch);
  if (strategy !== REPLACE_DIRECTIVE) return mergeMap(original, patch, schema, options);
  return patch;
}

/** mergeSliceHandler: a list merges with the merge strategy (or as a deletion list), else is replaced. */
function mergeSliceHandler(
  original: unknown,
  patch: unknown,
  schema: Schema,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  options: MergeOptions,
): unknown[] {
  if (!Array.isArray(original)) throw errBadArgType(SLICE_TYPE, original);
  if (!Array.isArray(patch)) throw errBadArgType(SLICE_TYPE, patch);
  if (strategy === MERGE_DIRECTIVE || isDeleteList)
    return mergeSlice(original, patch, schema, mergeKey, options, isDeleteList);
  return patch;
}

/**
 * mergeSlice: two lists merged by merge key (maps) or as sets (scalars), then ordered.
 *
 * Go's slices share their backing array: deleting items (`append(s[:k], s[k+1:]...)`) shifts the
 * caller's list left in place, and items appended after that land in the freed tail, where the
 * caller (mergePatchIntoOriginal, which orders the merged list by the original one) sees them.
 * `original` is changed the same way here, so the order comes out as the API server's does.
 */
function mergeSlice(
  original: unknown[],
  patchIn: unknown[],
  schema: Schema,
  mergeKey: string,
  options: MergeOptions,
  isDeleteList: boolean,
): unknown[] {
  let patch = patchIn;
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementType(original, patch);
  let merged: unknown[];
  let serverOrder: unknown[];
  if (kind !== 'map') {
    if (options.mergeParallelList && isDeleteList) return deleteFromSlice(original, patch);
    merged = deduplicateScalars(original.concat(patch));
    serverOrder = original;
  } else {
    if (mergeKey === '')
      throw new PatchFailure(
        'unknown',
        `cannot merge lists without merge key for ${schemaName(schema)}`,
      );
    const special = mergeSliceWithSpecialElements(original, patch, mergeKey);
    patch = special.patch;
    merged = mergeSliceWithoutSpecialElements(special.list, patch, mergeKey, schema, options);
    serverOrder = special.list.items.slice(0, special.list.len);
  }
  const [patchItems, serverOnly] = partition(merged, patch, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, patch, serverOrder, mergeKey, kind);
}

/** A Go slice over a JS array: its first `len` items (the array is the backing array). */
interface GoSlice {
  items: unknown[];
  len: number;
}

/** mergeSliceWithSpecialElements: `$patch: delete` items delete, `$patch: replace` replaces. */
function mergeSliceWithSpecialElements(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
): { list: GoSlice; patch: unknown[] } {
  const list: GoSlice = { items: original, len: original.length };
  const plain: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const m = v as JsonMap;
    if (!has(m, DIRECTIVE_MARKER)) {
      plain.push(v);
      continue;
    }
    const directive = m[DIRECTIVE_MARKER];
    if (directive === DELETE_DIRECTIVE) {
      if (!has(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
      deleteMatchingEntries(list, mergeKey, m[mergeKey]);
    } else if (directive === REPLACE_DIRECTIVE) {
      replace = true;
    } else if (directive === MERGE_DIRECTIVE) {
      throw new PatchFailure('unknown', 'merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, m);
    }
  }
  if (replace) return { list: { items: plain, len: plain.length }, patch: [] };
  return { list, patch: plain };
}

/** deleteMatchingEntries, in place: the items after each match move left over it. */
function deleteMatchingEntries(list: GoSlice, mergeKey: string, value: unknown): void {
  for (;;) {
    const found = findMapInSlice(list.items.slice(0, list.len), mergeKey, value);
    if (!found) return;
    list.items.copyWithin(found[1], found[1] + 1, list.len);
    list.len--;
  }
}

/**
 * mergeSliceWithoutSpecialElements: each patch item merges into its match, or is appended (into
 * the backing array while it has room, as Go's append does).
 */
function mergeSliceWithoutSpecialElements(
  list: GoSlice,
  patch: unknown[],
  mergeKey: string,
  schema: Schema,
  options: MergeOptions,
): unknown[] {
  let items = list.items;
  let len = list.len;
  for (const v of patch) {
    const m = v as JsonMap;
    if (!has(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
    const found = findMapInSlice(items.slice(0, len), mergeKey, m[mergeKey]);
    if (found) {
      items[found[1]] = mergeMap(found[0], m, schema, options);
    } else {
      if (len >= items.length) items = items.slice(0, len);
      items[len] = v;
      len++;
    }
  }
  return items.slice(0, len);
}

/** deleteFromSlice: the scalars not in the deletion list. */
function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  return current.filter((v) => !toDelete.some((d) => goEqual(d, v)));
}
