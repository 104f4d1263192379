/**
 * RFC 7386 JSON merge patch as the API server applies it: evanphx/json-patch v4 merge.go
 * (MergePatch → mergeDocs): objects merge key by key, null deletes, anything else replaces; a
 * value merged in where there was no object has its nulls pruned.
 */
import { copyJson, deepEqual, isMap, type JsonMap } from './json';

/** The document with the patch merged in (neither input is changed). */
export function applyMergePatch(doc: JsonMap, patch: JsonMap): JsonMap {
  const out = copyJson(doc);
  mergeDocs(out, copyJson(patch));
  return out;
}

function mergeDocs(doc: JsonMap, patch: JsonMap): void {
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null) {
      delete doc[k];
      continue;
    }
    const cur = doc[k];
    if (cur === undefined || cur === null) {
      pruneNulls(v);
      doc[k] = v;
    } else {
      doc[k] = merge(cur, v);
    }
  }
}

function merge(cur: unknown, patch: unknown): unknown {
  if (!isMap(cur)) {
    pruneNulls(patch);
    return patch;
  }
  if (!isMap(patch)) return patch;
  mergeDocs(cur, patch);
  return cur;
}

/** pruneNulls: null members of objects go, at every depth (null array items stay). */
export function pruneNulls(v: unknown): void {
  if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else pruneNulls(v[k]);
    }
  } else if (Array.isArray(v)) {
    for (const x of v) if (x !== null) pruneNulls(x);
  }
}

/**
 * jsonpatch.CreateMergePatch of two objects (merge.go getDiff): what `modified` sets differently
 * from `original` (objects recursively, anything else whole), and null for each key it dropped.
 */
export function createMergePatch(original: JsonMap, modified: JsonMap): JsonMap {
  const into: JsonMap = {};
  for (const key of Object.keys(modified)) {
    const b = modified[key];
    if (!Object.hasOwn(original, key)) {
      into[key] = b;
      continue;
    }
    const a = original[key];
    if (isMap(a) && isMap(b)) {
      const sub = createMergePatch(a, b);
      if (Object.keys(sub).length > 0) into[key] = sub;
    } else if (!deepEqual(a, b)) {
      into[key] = b;
    }
  }
  for (const key of Object.keys(original)) if (!Object.hasOwn(modified, key)) into[key] = null;
  return into;
}
