/**
 * Making strategic merge patches: a port of the diff half of k8s.io/apimachinery
 * pkg/util/strategicpatch patch.go — CreateTwoWayMergeMapPatch, CreateThreeWayMergePatch (what
 * `kubectl apply` sends: the changes from the live object to the file, plus the deletions from
 * the last-applied configuration to the file) and MergingMapsHaveConflicts.
 *
 * The inputs are never changed (the diff reads them; the three-way merge works on copies).
 */
import { goSortSlice } from '../../kubectl/print/goSort';
import { PatchFailure } from './errors';
import {
  copyJson,
  deepEqual,
  goKindOf,
  goTypeName,
  has,
  isMap,
  type JsonMap,
  sprintV,
} from './json';
import { lookupSlice, lookupStruct, type Schema } from './patchMeta';
import {
  DELETE_DIRECTIVE,
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  DIRECTIVE_MARKER,
  deduplicateScalars,
  errBadArgType,
  errNoMergeKey,
  extractRetainKeysPatchStrategy,
  MERGE_DIRECTIVE,
  mergeKeyValueEqual,
  mergeMap,
  normalizeSliceOrder,
  REPLACE_DIRECTIVE,
  RETAIN_KEYS_DIRECTIVE,
  SET_ELEMENT_ORDER_PREFIX,
  sliceElementType,
  sortScalars,
} from './strategicMerge';

export interface DiffOptions {
  /** Generate the `$setElementOrder` parallel lists. */
  setElementOrder?: boolean;
  /** Leave changes and additions out of the patch. */
  ignoreChangesAndAdditions?: boolean;
  /** Leave deletions out of the patch. */
  ignoreDeletions?: boolean;
  /** Build a `$retainKeys` directive (fields with the retainKeys strategy). */
  buildRetainKeysDirective?: boolean;
}

/** CreateTwoWayMergeMapPatch: the patch that turns `original` into `modified`. */
export function createTwoWayMergePatch(
  original: JsonMap,
  modified: JsonMap,
  schema: Schema,
): JsonMap {
  return diffMaps(original, modified, schema, { setElementOrder: true });
}

/** The three-way patch failed for a conflict (mergepatch.ErrConflict), with the YAML of both. */
export class MergeConflict extends PatchFailure {}

/**
 * CreateThreeWayMergePatch: the changes from `current` (the live object) to `modified` (the new
 * configuration) without deletions, plus the deletions from `original` (the last applied
 * configuration) to `modified`. With `overwrite` false, a key the patch changes that also changed
 * from original to current is a conflict. `toYaml` renders the two maps of a conflict's message.
 */
export function createThreeWayMergePatch(
  original: JsonMap,
  modified: JsonMap,
  current: JsonMap,
  schema: Schema,
  overwrite: boolean,
  toYaml: (v: unknown) => string = (v) => JSON.stringify(v),
): JsonMap {
  const delta = diffMaps(current, modified, schema, {
    ignoreDeletions: true,
    setElementOrder: true,
  });
  const deletions = diffMaps(original, modified, schema, {
    setElementOrder: true,
    ignoreChangesAndAdditions: true,
  });
  const patch = mergeMap(copyJson(deletions), copyJson(delta), schema, {
    mergeParallelList: false,
    ignoreUnmatchedNulls: false,
  });
  if (!overwrite) {
    const changed = diffMaps(original, current, schema, {});
    if (mergingMapsHaveConflicts(patch, changed, schema)) {
      throw new MergeConflict(
        'unknown',
        `patch:\n${toYaml(patch)}\nconflicts with changes made from original to current:\n${toYaml(changed)}\n`,
      );
    }
  }
  return patch;
}

/**
 * diffMaps: additions, changes (recursively), and nulls for deletions; `$retainKeys` where the
 * field's strategy asks for it.
 */
export function diffMaps(
  original: JsonMap,
  modified: JsonMap,
  schema: Schema,
  options: DiffOptions,
): JsonMap {
  const patch: JsonMap = {};
  const retainKeys: unknown[] = [];
  for (const key of Object.keys(modified)) {
    const modifiedValue = modified[key];
    if (options.buildRetainKeysDirective && modifiedValue !== null) retainKeys.push(key);
    if (!has(original, key)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key];
    if (key === DIRECTIVE_MARKER) {
      // handleDirectiveMarker
      if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string')
        throw new PatchFailure('unknown', `invalid value for special key: ${DIRECTIVE_MARKER}`);
      if (modifiedValue !== originalValue) patch[DIRECTIVE_MARKER] = modifiedValue;
      continue;
    }
    if (goTypeName(originalValue) !== goTypeName(modifiedValue)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    switch (goKindOf(originalValue)) {
      case 'map':
        handleMapDiff(
          key,
          originalValue as JsonMap,
          modifiedValue as JsonMap,
          patch,
          schema,
          options,
        );
        break;
      case 'slice':
        handleSliceDiff(
          key,
          originalValue as unknown[],
          modifiedValue as unknown[],
          patch,
          schema,
          options,
        );
        break;
      default:
        replaceIfNotEqual(key, originalValue, modifiedValue, patch, options);
    }
  }
  if (!options.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!has(modified, key)) patch[key] = null;
  }
  if (
    retainKeys.length > 0 &&
    (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))
  )
    patch[RETAIN_KEYS_DIRECTIVE] = sortScalars(retainKeys);
  return patch;
}

function handleMapDiff(
  key: string,
  original: JsonMap,
  modified: JsonMap,
  patch: JsonMap,
  schema: Schema,
  options: DiffOptions,
): void {
  let sub: Schema;
  let strategies: string[];
  try {
    const found = lookupStruct(schema, key);
    sub = found.schema;
    strategies = found.meta.strategies;
  } catch (e) {
    if (deepEqual(original, modified)) return;
    throw e;
  }
  const [retainKeys, strategy] = extractRetainKeysPatchStrategy(strategies);
  const opts = { ...options, buildRetainKeysDirective: retainKeys };
  if (strategy === REPLACE_DIRECTIVE) {
    if (!opts.ignoreChangesAndAdditions) patch[key] = modified;
    return;
  }
  const value = diffMaps(original, modified, sub, opts);
  if (Object.keys(value).length > 0) patch[key] = value;
}

function handleSliceDiff(
  key: string,
  original: unknown[],
  modified: unknown[],
  patch: JsonMap,
  schema: Schema,
  options: DiffOptions,
): void {
  let sub: Schema;
  let strategies: string[];
  let mergeKey: string;
  try {
    const found = lookupSlice(schema, key);
    sub = found.schema;
    strategies = found.meta.strategies;
    mergeKey = found.meta.mergeKey;
  } catch (e) {
    if (deepEqual(original, modified)) return;
    throw e;
  }
  const [retainKeys, strategy] = extractRetainKeysPatchStrategy(strategies);
  if (strategy !== MERGE_DIRECTIVE) {
    replaceIfNotEqual(key, original, modified, patch, options);
    return;
  }
  const opts = { ...options, buildRetainKeysDirective: retainKeys };
  const [add, deletion, setOrder] = diffLists(original, modified, sub, mergeKey, opts);
  if (add.length > 0) patch[key] = add;
  if (deletion.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST_PREFIX}/${key}`] = deletion;
  if (setOrder.length > 0) patch[`${SET_ELEMENT_ORDER_PREFIX}/${key}`] = setOrder;
}

function replaceIfNotEqual(
  key: string,
  original: unknown,
  modified: unknown,
  patch: JsonMap,
  options: DiffOptions,
): void {
  if (options.ignoreChangesAndAdditions || deepEqual(original, modified)) return;
  patch[key] = modified;
}

function hasAdditionalNewField(original: JsonMap, modified: JsonMap): boolean {
  for (const k of Object.keys(original)) {
    if (original[k] !== null && !has(modified, k)) return true;
  }
  return false;
}

/** diffLists: the patch list, the parallel deletion list and the `$setElementOrder` list. */
function diffLists(
  original: unknown[],
  modified: unknown[],
  schema: Schema,
  mergeKey: string,
  options: DiffOptions,
): [unknown[], unknown[], unknown[]] {
  if (original.length === 0) {
    if (modified.length === 0 || options.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = sliceElementType(original, modified);
  let patchList: unknown[];
  let deleteList: unknown[];
  let setOrderList: unknown[] = [];
  if (kind === 'map') {
    [patchList, deleteList] = diffListsOfMaps(original, modified, schema, mergeKey, options);
    patchList = normalizeSliceOrder(patchList, modified, mergeKey, kind);
    const orderSame = isOrderSame(original, modified, mergeKey);
    patchList = patchList.concat(deleteList);
    deleteList = [];
    if (
      options.setElementOrder &&
      ((!options.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) ||
        (!options.ignoreDeletions && patchList.length > 0))
    ) {
      setOrderList = modified.map((v) => ({ [mergeKey]: (v as JsonMap)[mergeKey] }));
    }
  } else {
    [patchList, deleteList] = diffListsOfScalars(original, modified, options);
    patchList = normalizeSliceOrder(patchList, modified, mergeKey, kind);
    if (
      options.setElementOrder &&
      ((!options.ignoreDeletions && deleteList.length > 0) ||
        (!options.ignoreChangesAndAdditions && !deepEqual(original, modified)))
    ) {
      setOrderList = modified;
    }
  }
  return [patchList, deleteList, setOrderList];
}

function isOrderSame(original: unknown[], modified: unknown[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  for (let i = 0; i < modified.length; i++) {
    if (!mergeKeyValueEqual(original[i], modified[i], mergeKey)) return false;
  }
  return true;
}

/** diffListsOfScalars: additions and (deduplicated) deletions, compared by %v over sorted lists. */
function diffListsOfScalars(
  original: unknown[],
  modified: unknown[],
  options: DiffOptions,
): [unknown[], unknown[]] {
  const o = sortScalars(original.slice());
  const m = sortScalars(modified.slice());
  let oi = 0;
  let mi = 0;
  const add: unknown[] = [];
  const del: unknown[] = [];
  for (;;) {
    const oIn = oi < o.length;
    const mIn = mi < m.length;
    if (!oIn && !mIn) break;
    const os = oIn ? sprintV(o[oi]) : '';
    const ms = mIn ? sprintV(m[mi]) : '';
    if (oIn && mIn && os === ms) {
      oi++;
      mi++;
    } else if (!oIn || (oIn && mIn && os > ms)) {
      if (!options.ignoreChangesAndAdditions) add.push(m[mi]);
      mi++;
    } else {
      if (!options.ignoreDeletions) del.push(o[oi]);
      oi++;
    }
  }
  return [add, deduplicateScalars(del)];
}

/** diffListsOfMaps: walks both lists sorted by merge key; changed items carry their merge key. */
function diffListsOfMaps(
  original: unknown[],
  modified: unknown[],
  schema: Schema,
  mergeKey: string,
  options: DiffOptions,
): [unknown[], unknown[]] {
  const patch: unknown[] = [];
  const deletions: unknown[] = [];
  const o = sortMapsByField(original, mergeKey);
  const m = sortMapsByField(modified, mergeKey);
  let oi = 0;
  let mi = 0;
  for (;;) {
    const oIn = oi < o.length;
    const mIn = mi < m.length;
    if (!oIn && !mIn) break;
    let oElem: JsonMap | undefined;
    let mElem: JsonMap | undefined;
    let oKey = '';
    let mKey = '';
    if (oIn) {
      oElem = mapAndMergeKey(o[oi], mergeKey);
      oKey = sprintV(oElem[mergeKey]);
    }
    if (mIn) {
      mElem = mapAndMergeKey(m[mi], mergeKey);
      mKey = sprintV(mElem[mergeKey]);
    }
    if (oIn && mIn && oKey === mKey) {
      const value = diffMaps(oElem as JsonMap, mElem as JsonMap, schema, options);
      if (Object.keys(value).length > 0) {
        value[mergeKey] = (mElem as JsonMap)[mergeKey];
        patch.push(value);
      }
      oi++;
      mi++;
    } else if (!oIn || (oIn && mIn && oKey > mKey)) {
      if (!options.ignoreChangesAndAdditions) patch.push(mElem);
      mi++;
    } else {
      if (!options.ignoreDeletions)
        deletions.push({
          [mergeKey]: (oElem as JsonMap)[mergeKey],
          [DIRECTIVE_MARKER]: DELETE_DIRECTIVE,
        });
      oi++;
    }
  }
  return [patch, deletions];
}

function mapAndMergeKey(v: unknown, mergeKey: string): JsonMap {
  if (!isMap(v)) throw errBadArgType('map[string]interface {}', v);
  if (!has(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
  return v;
}

/**
 * sortMergeListsByNameArray without recursion, as diffListsOfMaps calls it: scalars deduplicated
 * and sorted, maps sorted by their merge key's %v (sortMapsBasedOnField, sort.Sort).
 */
function sortMapsByField(s: unknown[], mergeKey: string): unknown[] {
  if (s.length === 0) return s;
  const kind = sliceElementType(s);
  if (kind !== 'map') return sortScalars(deduplicateScalars(s.slice()));
  const sorted = s.slice();
  goSortSlice(
    sorted,
    (a, b) => sprintV((a as JsonMap)[mergeKey]) <= sprintV((b as JsonMap)[mergeKey]),
  );
  return sorted;
}

// --- conflicts ----------------------------------------------------------------------------------

/** MergingMapsHaveConflicts: the two patches set some key differently. */
export function mergingMapsHaveConflicts(left: JsonMap, right: JsonMap, schema: Schema): boolean {
  return fieldsHaveConflicts(left, right, schema, '', '');
}

function fieldsHaveConflicts(
  left: unknown,
  right: unknown,
  schema: Schema,
  strategy: string,
  mergeKey: string,
): boolean {
  if (isMap(left)) {
    if (!isMap(right)) return true;
    const lm = has(left, DIRECTIVE_MARKER);
    const rm = has(right, DIRECTIVE_MARKER);
    if (lm || rm) {
      if (lm !== rm) return true;
      if (left[DIRECTIVE_MARKER] !== right[DIRECTIVE_MARKER]) return true;
    }
    if (strategy === REPLACE_DIRECTIVE) return false;
    return mapsHaveConflicts(left, right, schema);
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right)) return true;
    return slicesHaveConflicts(left, right, schema, strategy, mergeKey);
  }
  return !deepEqual(left, right) && !(left === null && right === null);
}

function mapsHaveConflicts(left: JsonMap, right: JsonMap, schema: Schema): boolean {
  for (const key of Object.keys(left)) {
    if (key === DIRECTIVE_MARKER || key === RETAIN_KEYS_DIRECTIVE || !has(right, key)) continue;
    const lv = left[key];
    let sub = '';
    let strategy = '';
    let mergeKey = '';
    if (Array.isArray(lv)) {
      const found = lookupSlice(schema, key);
      sub = found.schema;
      [, strategy] = extractRetainKeysPatchStrategy(found.meta.strategies);
      mergeKey = found.meta.mergeKey;
    } else if (isMap(lv)) {
      const found = lookupStruct(schema, key);
      sub = found.schema;
      [, strategy] = extractRetainKeysPatchStrategy(found.meta.strategies);
      mergeKey = found.meta.mergeKey;
    }
    if (fieldsHaveConflicts(lv, right[key], sub, strategy, mergeKey)) return true;
  }
  return false;
}

function slicesHaveConflicts(
  leftIn: unknown[],
  rightIn: unknown[],
  schema: Schema,
  strategy: string,
  mergeKey: string,
): boolean {
  let left = leftIn;
  let right = rightIn;
  const kind = sliceElementType(left, right);
  if (strategy === MERGE_DIRECTIVE) {
    if (kind !== 'map') return false;
    const l = sliceOfMapsToMapOfMaps(left, mergeKey);
    const r = sliceOfMapsToMapOfMaps(right, mergeKey);
    for (const [k, lv] of l) {
      if (r.has(k) && fieldsHaveConflicts(lv, r.get(k), schema, '', '')) return true;
    }
    return false;
  }
  if (left.length !== right.length) return true;
  if (kind !== 'map') {
    left = sortScalars(deduplicateScalars(left.slice()));
    right = sortScalars(deduplicateScalars(right.slice()));
  }
  for (let i = 0; i < left.length; i++) {
    if (fieldsHaveConflicts(left[i], right[i], schema, '', '')) return true;
  }
  return false;
}

function sliceOfMapsToMapOfMaps(slice: unknown[], mergeKey: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const v of slice) {
    if (!isMap(v))
      throw new PatchFailure('unknown', `invalid element type in merging list:${sprintV(slice)}`);
    if (!has(v, mergeKey))
      throw new PatchFailure(
        'unknown',
        `cannot find merge key \`${mergeKey}\` in merging list element:${sprintV(v)}`,
      );
    out.set(sprintV(v[mergeKey]), v);
  }
  return out;
}
