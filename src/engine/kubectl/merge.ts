/**
 * Client-side apply's three-way merge, simplified from strategic merge patch
 * (apimachinery pkg/util/strategicpatch): the last-applied configuration (original), the file
 * (modified) and the live object (current).
 *
 * - Maps merge key by key; a key in original but not in modified is removed; a null in
 *   modified removes the key.
 * - Lists of objects with a known merge key (containers by name, container ports by
 *   containerPort, Service ports by port, env and volumes by name, volumeMounts by mountPath)
 *   merge item by item in the file's order; items only the server added are kept, items dropped
 *   from the file are removed.
 * - Every other list, and every scalar, is replaced by the file's value.
 *
 * Not modelled: $patch directives, $setElementOrder, retainKeys, patchStrategy=replace
 * variations per field, and the server-side apply path (--server-side).
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonMap = { [k: string]: Json };

const MERGE_KEYS: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  imagePullSecrets: ['name'],
  hostAliases: ['ip'],
  // Container ports merge by containerPort, Service ports by port.
  ports: ['containerPort', 'port'],
};

function isMap(v: unknown): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mergeKeyFor(field: string, items: Json[]): string | undefined {
  const candidates = MERGE_KEYS[field];
  if (!candidates) return undefined;
  return candidates.find(
    (k) => items.length > 0 && items.every((i) => isMap(i) && i[k] !== undefined),
  );
}

export function threeWayMerge(
  original: unknown,
  modified: unknown,
  current: unknown,
  field = '',
): unknown {
  if (isMap(modified)) {
    const result: JsonMap = isMap(current) ? { ...current } : {};
    for (const [k, v] of Object.entries(modified)) {
      if (v === null) {
        delete result[k];
        continue;
      }
      const o = isMap(original) ? original[k] : undefined;
      result[k] = threeWayMerge(o, v, result[k], k) as Json;
    }
    if (isMap(original)) {
      for (const k of Object.keys(original)) if (!(k in modified)) delete result[k];
    }
    return result;
  }
  if (Array.isArray(modified) && Array.isArray(current)) {
    const key = mergeKeyFor(field, modified);
    if (!key) return modified;
    const id = (item: Json) => JSON.stringify((item as JsonMap)[key]);
    const origItems = new Map(
      (Array.isArray(original) ? original : []).filter(isMap).map((i) => [id(i), i]),
    );
    const curItems = new Map(current.filter(isMap).map((i) => [id(i), i]));
    const modIds = new Set(modified.map(id));
    const merged: Json[] = modified.map(
      (m) => threeWayMerge(origItems.get(id(m)), m, curItems.get(id(m)), field) as Json,
    );
    // Items the server or another client added stay; items this config dropped go.
    for (const c of current) {
      if (!isMap(c) || (!modIds.has(id(c)) && !origItems.has(id(c)))) merged.push(c);
    }
    return merged;
  }
  return modified;
}

/** runtime.Encode of an unstructured object: compact JSON, keys sorted, newline-terminated. */
export function encodeJson(value: unknown): string {
  return `${sortedJson(value)}\n`;
}

function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (isMap(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${sortedJson(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return sortedJson(a) === sortedJson(b);
}

/**
 * The patch kubectl apply sends, after strategicpatch.CreateThreeWayMergePatch: what the file
 * (modified) sets differently from the live object (current), and a null for each field the
 * last-applied configuration (original) had and the file dropped. Fields only the server set are
 * left out. A list with a merge key patches the items that changed (merge key plus their changed
 * fields), deletes dropped ones with `$patch: delete`, and names the file's order in
 * `$setElementOrder/FIELD`; other lists are sent whole.
 */
export function strategicPatch(original: unknown, modified: unknown, current: unknown): unknown {
  if (!isMap(modified)) return modified;
  const o = isMap(original) ? original : {};
  const c = isMap(current) ? current : {};
  const patch: JsonMap = {};
  for (const [k, m] of Object.entries(modified)) {
    if (!(k in c)) {
      patch[k] = m;
      continue;
    }
    const cur = c[k];
    if (isMap(m) && isMap(cur)) {
      const sub = strategicPatch(o[k], m, cur) as JsonMap;
      if (Object.keys(sub).length > 0) patch[k] = sub;
    } else if (Array.isArray(m) && Array.isArray(cur) && mergeKeyFor(k, m)) {
      Object.assign(patch, listPatch(k, mergeKeyFor(k, m) as string, o[k], m, cur));
    } else if (!deepEqual(m, cur)) {
      patch[k] = m;
    }
  }
  for (const k of Object.keys(o)) if (!(k in modified) && k in c) patch[k] = null;
  return patch;
}

function listPatch(
  field: string,
  key: string,
  original: Json | undefined,
  modified: Json[],
  current: Json[],
): JsonMap {
  const id = (item: Json) => JSON.stringify((item as JsonMap)[key]);
  const byId = (items: Json[]) => new Map(items.filter(isMap).map((i) => [id(i), i]));
  const orig = byId(Array.isArray(original) ? original : []);
  const cur = byId(current);
  const modIds = new Set(modified.map(id));
  const items: Json[] = [];
  for (const m of modified) {
    const c = cur.get(id(m));
    if (!c) {
      items.push(m);
      continue;
    }
    const sub = strategicPatch(orig.get(id(m)), m, c) as JsonMap;
    if (Object.keys(sub).length > 0) items.push({ [key]: (m as JsonMap)[key], ...sub });
  }
  for (const [i, o] of orig) {
    if (!modIds.has(i) && cur.has(i)) items.push({ $patch: 'delete', [key]: o[key] });
  }
  if (items.length === 0) return {};
  return {
    [`$setElementOrder/${field}`]: modified.map((m) => ({ [key]: (m as JsonMap)[key] })),
    [field]: items,
  };
}

/** Compact JSON with sorted keys, as Go marshals a map (the patch kubectl prints). */
export function sortedJsonText(value: unknown): string {
  return sortedJson(value);
}
