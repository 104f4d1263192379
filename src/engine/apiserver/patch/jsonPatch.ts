/**
 * RFC 6902 JSON patch as the API server applies it: gopkg.in/evanphx/json-patch.v4 (patch.go:
 * DecodePatch, Patch.Apply) with its quirks kept — negative array indexes count from the end,
 * `replace` of an object key that is not there adds it, `test` of a missing key against null
 * passes, a path without a leading `/` drops its first segment, and a missing `value` is null.
 * The API server answers every failure of an operation with a bare 422 (see errors.ts), so the
 * texts here only show in tests.
 */
import { PatchFailure } from './errors';
import { copyJson, deepEqual, has, isMap, type JsonMap } from './json';

const ERR_MISSING = 'missing value';
const ERR_INVALID_INDEX = 'invalid index referenced';
const ERR_TEST_FAILED = 'test failed';

function failed(message: string): PatchFailure {
  return new PatchFailure('unprocessable', message);
}

type Container = JsonMap | unknown[];

/** The document with the operations applied in order (the input is not changed). */
export function applyJsonPatch(doc: JsonMap, ops: unknown[]): JsonMap {
  let root: Container = copyJson(doc);
  for (const raw of ops) {
    const op = isMap(raw) ? raw : undefined;
    const kind = op && typeof op.op === 'string' ? op.op : 'unknown';
    switch (kind) {
      case 'add':
        add(root, op as JsonMap);
        break;
      case 'remove':
        remove(root, op as JsonMap);
        break;
      case 'replace':
        root = replace(root, op as JsonMap);
        break;
      case 'move':
        move(root, op as JsonMap);
        break;
      case 'test':
        test(root, op as JsonMap);
        break;
      case 'copy':
        copy(root, op as JsonMap);
        break;
      default:
        throw failed(`Unexpected kind: ${kind}`);
    }
  }
  if (Array.isArray(root)) throw failed('json: cannot unmarshal array into the object');
  return root;
}

/** Operation.Path / From: the string, or the decode error the caller wraps. */
function pointer(op: JsonMap, field: 'path' | 'from'): string | undefined {
  const v = op[field];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : undefined;
}

function missingField(field: 'path' | 'from'): string {
  return field === 'path'
    ? `operation missing path field: ${ERR_MISSING}`
    : `operation, missing from field: ${ERR_MISSING}`;
}

/** The value an operation carries: null when it has none (an absent or null `value`). */
function opValue(op: JsonMap): unknown {
  return has(op, 'value') && op.value !== undefined ? copyJson(op.value) : null;
}

function decodeKey(k: string): string {
  return k.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** strconv.Atoi: an optional sign and decimal digits, nothing else. */
function atoi(key: string): number | undefined {
  return /^[+-]?\d+$/.test(key) ? Number(key) : undefined;
}

/** findObject: the container the path's last segment is in, and that segment. */
function findObject(root: Container, path: string): [Container, string] | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  const parts = split.slice(1, -1);
  const key = split[split.length - 1];
  let doc: Container = root;
  for (const part of parts) {
    const next = get(doc, decodeKey(part));
    if (next.error !== undefined || next.value === null || next.value === undefined)
      return undefined;
    if (Array.isArray(next.value) || isMap(next.value)) doc = next.value;
    else return undefined;
  }
  return [doc, decodeKey(key)];
}

function get(c: Container, key: string): { value?: unknown; error?: string } {
  if (!Array.isArray(c)) return { value: has(c, key) ? c[key] : undefined };
  const n = atoi(key);
  if (n === undefined)
    return { error: `strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax` };
  let idx = n;
  if (idx < 0) {
    if (idx < -c.length)
      return { error: `Unable to access invalid index: ${idx}: ${ERR_INVALID_INDEX}` };
    idx += c.length;
  }
  if (idx >= c.length)
    return { error: `Unable to access invalid index: ${idx}: ${ERR_INVALID_INDEX}` };
  return { value: c[idx] };
}

function addTo(c: Container, key: string, val: unknown): string | undefined {
  if (!Array.isArray(c)) {
    c[key] = val;
    return undefined;
  }
  if (key === '-') {
    c.push(val);
    return undefined;
  }
  const n = atoi(key);
  if (n === undefined)
    return `value was not a proper array index: '${key}': strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`;
  const size = c.length + 1;
  let idx = n;
  if (idx >= size) return `Unable to access invalid index: ${idx}: ${ERR_INVALID_INDEX}`;
  if (idx < 0) {
    if (idx < -size) return `Unable to access invalid index: ${idx}: ${ERR_INVALID_INDEX}`;
    idx += size;
  }
  c.splice(idx, 0, val);
  return undefined;
}

function removeFrom(c: Container, key: string): string | undefined {
  if (!Array.isArray(c)) {
    if (!has(c, key)) return `Unable to remove nonexistent key: ${key}: ${ERR_MISSING}`;
    delete c[key];
    return undefined;
  }
  const n = atoi(key);
  if (n === undefined) return `strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`;
  let idx = n;
  if (idx >= c.length) return `Unable to access invalid index: ${idx}: ${ERR_INVALID_INDEX}`;
  if (idx < 0) {
    if (idx < -c.length) return `Unable to access invalid index: ${idx}: ${ERR_INVALID_INDEX}`;
    idx += c.length;
  }
  c.splice(idx, 1);
  return undefined;
}

function add(root: Container, op: JsonMap): void {
  const path = pointer(op, 'path');
  if (path === undefined) throw failed(`add operation failed to decode path: ${ERR_MISSING}`);
  const found = findObject(root, path);
  if (!found)
    throw failed(`add operation does not apply: doc is missing path: "${path}": ${ERR_MISSING}`);
  const err = addTo(found[0], found[1], opValue(op));
  if (err) throw failed(`error in add for path: '${path}': ${err}`);
}

function remove(root: Container, op: JsonMap): void {
  const path = pointer(op, 'path');
  if (path === undefined) throw failed(`remove operation failed to decode path: ${ERR_MISSING}`);
  const found = findObject(root, path);
  if (!found)
    throw failed(`remove operation does not apply: doc is missing path: "${path}": ${ERR_MISSING}`);
  const err = removeFrom(found[0], found[1]);
  if (err) throw failed(`error in remove for path: '${path}': ${err}`);
}

function replace(root: Container, op: JsonMap): Container {
  const path = pointer(op, 'path');
  if (path === undefined)
    throw failed(`replace operation failed to decode path: ${missingField('path')}`);
  if (path === '') {
    const v = opValue(op);
    if (isMap(v) || Array.isArray(v)) return v;
    throw failed('replace operation value must be object or array: <nil>');
  }
  const found = findObject(root, path);
  if (!found)
    throw failed(`replace operation does not apply: doc is missing path: ${path}: ${ERR_MISSING}`);
  const [c, key] = found;
  const cur = get(c, key);
  if (cur.error !== undefined)
    throw failed(`replace operation does not apply: doc is missing key: ${path}: ${ERR_MISSING}`);
  if (Array.isArray(c)) {
    let idx = atoi(key) as number;
    if (idx < 0) idx += c.length;
    c[idx] = opValue(op);
  } else {
    c[key] = opValue(op);
  }
  return root;
}

function move(root: Container, op: JsonMap): void {
  const from = pointer(op, 'from');
  if (from === undefined)
    throw failed(`move operation failed to decode from: ${missingField('from')}`);
  const src = findObject(root, from);
  if (!src)
    throw failed(
      `move operation does not apply: doc is missing from path: ${from}: ${ERR_MISSING}`,
    );
  const val = get(src[0], src[1]);
  if (val.error !== undefined) throw failed(`error in move for path: '${src[1]}': ${val.error}`);
  const removed = removeFrom(src[0], src[1]);
  if (removed) throw failed(`error in move for path: '${src[1]}': ${removed}`);
  const path = pointer(op, 'path');
  if (path === undefined)
    throw failed(`move operation failed to decode path: ${missingField('path')}`);
  const dst = findObject(root, path);
  if (!dst)
    throw failed(
      `move operation does not apply: doc is missing destination path: ${path}: ${ERR_MISSING}`,
    );
  const err = addTo(dst[0], dst[1], val.value ?? null);
  if (err) throw failed(`error in move for path: '${path}': ${err}`);
}

function test(root: Container, op: JsonMap): void {
  const path = pointer(op, 'path');
  if (path === undefined)
    throw failed(`test operation failed to decode path: ${missingField('path')}`);
  const fail = () => failed(`testing value ${path} failed: ${ERR_TEST_FAILED}`);
  if (path === '') {
    if (!deepEqual(root, opValue(op))) throw fail();
    return;
  }
  const found = findObject(root, path);
  if (!found)
    throw failed(`test operation does not apply: is missing path: ${path}: ${ERR_MISSING}`);
  const val = get(found[0], found[1]);
  if (val.error !== undefined) throw failed(`error in test for path: '${path}': ${val.error}`);
  const hasValue = has(op, 'value') && op.value !== undefined;
  if (val.value === undefined || val.value === null) {
    if (!hasValue || op.value === null) return;
    throw fail();
  }
  if (!hasValue || !deepEqual(val.value, op.value)) throw fail();
}

function copy(root: Container, op: JsonMap): void {
  const from = pointer(op, 'from');
  if (from === undefined)
    throw failed(`copy operation failed to decode from: ${missingField('from')}`);
  const src = findObject(root, from);
  if (!src)
    throw failed(
      `copy operation does not apply: doc is missing from path: ${from}: ${ERR_MISSING}`,
    );
  const val = get(src[0], src[1]);
  if (val.error !== undefined) throw failed(`error in copy for from: '${from}': ${val.error}`);
  const path = pointer(op, 'path');
  if (path === undefined) throw failed(`copy operation failed to decode path: ${ERR_MISSING}`);
  const dst = findObject(root, path);
  if (!dst)
    throw failed(
      `copy operation does not apply: doc is missing destination path: ${path}: ${ERR_MISSING}`,
    );
  const value = copyJson(val.value ?? null);
  const err = addTo(dst[0], dst[1], value);
  if (err) throw failed(`error while adding value during copy: ${err}`);
}
