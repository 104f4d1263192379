/** Small helpers over ObjectMeta and simulated time. */
import type { KObject } from '../api/types';
import { EPOCH_MS } from '../sim/defaults';

/** RFC 3339 with second precision, as metav1.Time serialises. */
const ISO_SLOTS = 256;
const isoSeconds: number[] = new Array(ISO_SLOTS).fill(Number.NaN);
const isoTexts: string[] = new Array(ISO_SLOTS).fill('');

export function isoTime(nowMs: number): string {
  // Objects are stamped with a few recent seconds over and over: remember them (direct-mapped).
  const second = Math.floor(nowMs / 1000);
  const slot = second & (ISO_SLOTS - 1);
  if (isoSeconds[slot] !== second) {
    isoSeconds[slot] = second;
    isoTexts[slot] = new Date(EPOCH_MS + second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return isoTexts[slot];
}

/** RFC 3339 with microseconds, as metav1.MicroTime serialises (Lease renewTime, Event eventTime). */
export function isoMicroTime(nowMs: number): string {
  if (Number.isSafeInteger(nowMs) && nowMs >= 0) {
    // The second's text with the milliseconds (and three zeros) before the Z.
    const ms = nowMs % 1000;
    return `${isoTime(nowMs).slice(0, -1)}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}000Z`;
  }
  return new Date(EPOCH_MS + nowMs).toISOString().replace(/(\.\d{3})Z$/, '$1000Z');
}

/** Simulated ms of a timestamp written by isoTime / isoMicroTime. */
export function timeMsOf(iso: string | undefined): number {
  if (!iso) return 0;
  return Date.parse(iso) - EPOCH_MS;
}

/** `namespace/name`, or `name` for cluster-scoped objects: the store key. */
export function objectKey(obj: KObject): string {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name}` : (obj.metadata.name as string);
}

export function splitKey(key: string): { namespace?: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/** How the trace names an object: `pod/default/nginx`, `node/worker-1`. */
export function traceObject(kind: string, key: string): string {
  return `${kind.toLowerCase()}/${key}`;
}

export function labelsOf(obj: KObject): Record<string, string> {
  return obj.metadata.labels ?? {};
}

export function controllerOf(
  obj: KObject,
): { kind: string; name: string; uid: string } | undefined {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller);
  return ref ? { kind: ref.kind, name: ref.name, uid: ref.uid } : undefined;
}

/** A structural copy for objects that are about to be changed (stored objects are never mutated). */
export function clone<T>(obj: T): T {
  return obj === undefined ? obj : jsonClone(obj);
}

/**
 * Exactly `JSON.parse(JSON.stringify(value))` for JSON data (plain objects, arrays, strings,
 * finite numbers, booleans, null), without the text in between: undefined, functions and symbols
 * are dropped from objects and become null in arrays, non-finite numbers become null, -0 becomes
 * 0, key order is kept. Anything with a toJSON method goes through JSON itself.
 */
export function jsonClone<T>(value: T): T {
  return copyJson(value) as T;
}

// biome-ignore lint/suspicious/noExplicitAny: JSON walks free-form data
function copyJson(v: any): any {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number') return Number.isFinite(v) ? v + 0 : null;
    return v;
  }
  if (typeof v.toJSON === 'function') return JSON.parse(JSON.stringify(v));
  if (Array.isArray(v)) {
    const n = v.length;
    const out = new Array(n);
    for (let i = 0; i < n; i++) {
      const x = v[i];
      out[i] =
        x === undefined || typeof x === 'function' || typeof x === 'symbol' ? null : copyJson(x);
    }
    return out;
  }
  // biome-ignore lint/suspicious/noExplicitAny: JSON walks free-form data
  const out: any = {};
  for (const k of Object.keys(v)) {
    const x = v[k];
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    if (k === '__proto__')
      Object.defineProperty(out, k, {
        value: copyJson(x),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[k] = copyJson(x);
  }
  return out;
}

/**
 * `value` itself when the JSON round trip would give an equal copy (plain objects and arrays of
 * strings, finite numbers, booleans and null, nothing undefined), else `jsonClone(value)`. For
 * request bodies whose parts may be stored as they are: stored objects are never mutated, and
 * the caller must not change what it sent.
 */
export function jsonData<T>(value: T): T {
  return value === undefined || isJsonData(value) ? value : jsonClone(value);
}

/**
 * jsonData(value) for a new version of part of a stored object: the parts of `value` that are
 * the very objects `stored` holds at the same place are stored JSON data already (and never
 * changed), so they are not walked again.
 */
export function jsonDataBeside<T>(value: T, stored: unknown): T {
  return value === undefined || isJsonDataBeside(value, stored) ? value : jsonClone(value);
}

// biome-ignore lint/suspicious/noExplicitAny: JSON walks free-form data
function isJsonDataBeside(v: any, s: any): boolean {
  if (typeof v !== 'object' || v === null || typeof s !== 'object' || s === null)
    return isJsonData(v);
  if (v === s) return true;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) return false;
    for (let i = 0; i < v.length; i++) if (!(i in v) || !isJsonDataBeside(v[i], s[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype || typeof v.toJSON === 'function') return false;
  for (const k in v) {
    if (!Object.hasOwn(v, k) || !isJsonDataBeside(v[k], Object.hasOwn(s, k) ? s[k] : undefined))
      return false;
  }
  return true;
}

// biome-ignore lint/suspicious/noExplicitAny: JSON walks free-form data
function isJsonData(v: any): boolean {
  if (v === null) return true;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0);
    case 'object':
      break;
    default:
      return false;
  }
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) return false;
    for (let i = 0; i < v.length; i++) if (!(i in v) || !isJsonData(v[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype || typeof v.toJSON === 'function') return false;
  for (const k in v) {
    if (!Object.hasOwn(v, k) || !isJsonData(v[k])) return false;
  }
  return true;
}

/**
 * `{ ...o }` for JSON data (own enumerable string keys, in order), built key by key. Copies of
 * objects that have the same keys then share one hidden class in V8, which spreads at a site
 * that sees many shapes do not guarantee; objects the pipeline extends after copying (a pod's
 * spec, its containers) stay fast to read and to copy again.
 */
export function shallowCopy<T extends object>(o: T): T {
  // Object.assign would set the prototype for an own `__proto__` key: copy those key by key.
  if (!Object.hasOwn(o, '__proto__')) return { ...o };
  // biome-ignore lint/suspicious/noExplicitAny: copies free-form JSON
  const src = o as any;
  // biome-ignore lint/suspicious/noExplicitAny: copies free-form JSON
  const out: any = {};
  for (const k of Object.keys(src)) {
    if (k === '__proto__')
      Object.defineProperty(out, k, {
        value: src[k],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[k] = src[k];
  }
  return out;
}

/**
 * `[...a, ...b]`, as an array of exactly that length: an array literal with spreads (or one grown
 * by pushes) keeps room for more elements, for as long as it is kept (a stored object's lists).
 */
export function concatExact<T>(a: readonly T[], b: readonly T[]): T[] {
  if (!Array.isArray(a) || !Array.isArray(b)) return [...a, ...b];
  const n = a.length;
  const out = new Array<T>(n + b.length);
  for (let i = 0; i < n; i++) out[i] = a[i];
  for (let i = 0; i < b.length; i++) out[n + i] = b[i];
  return out;
}

/** Exactly `JSON.stringify(a) === JSON.stringify(b)`, without building the strings. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // At the top, what JSON cannot print gives no text at all: equal only to another such value.
  const sa = isSkipped(a);
  if (sa || isSkipped(b)) return sa && isSkipped(b);
  return sameJson(a, b);
}

/** Nested values: undefined, functions and symbols are skipped in objects and null in arrays. */
// biome-ignore lint/suspicious/noExplicitAny: JSON walks free-form data
function sameJson(a: any, b: any): boolean {
  if (a === b) return true;
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'number' || tb === 'number') {
    // Non-finite numbers print as null; -0 prints as 0 (and -0 === 0).
    const na = ta === 'number' && !Number.isFinite(a) ? null : a;
    const nb = tb === 'number' && !Number.isFinite(b) ? null : b;
    return na === nb;
  }
  if (ta !== 'object' || tb !== 'object' || a === null || b === null) {
    // In arrays undefined, functions and symbols print as null.
    return (
      (a === null || ta === 'undefined' || ta === 'function' || ta === 'symbol') &&
      (b === null || tb === 'undefined' || tb === 'function' || tb === 'symbol')
    );
  }
  if (typeof a.toJSON === 'function' || typeof b.toJSON === 'function')
    return JSON.stringify(a) === JSON.stringify(b);
  const arr = Array.isArray(a);
  if (arr !== Array.isArray(b)) return false;
  if (arr) {
    const n = a.length;
    if (n !== b.length) return false;
    for (let i = 0; i < n; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  // The printed keys of `b` (own, in order, values JSON prints) go on a shared stack instead of
  // into a new array per object; `a`'s are matched against them in order.
  const base = keyTop;
  for (const k in b) if (Object.hasOwn(b, k) && !isSkipped(b[k])) keyStack[keyTop++] = k;
  const end = keyTop;
  let j = base;
  try {
    for (const k in a) {
      if (!Object.hasOwn(a, k) || isSkipped(a[k])) continue;
      if (j === end || keyStack[j] !== k || !sameJson(a[k], b[k])) return false;
      j++;
    }
    return j === end;
  } finally {
    keyTop = base;
  }
}

/** The key stack of sameJson (each call uses the part above where its caller's keys end). */
const keyStack: string[] = [];
let keyTop = 0;

function isSkipped(x: unknown): boolean {
  const t = typeof x;
  return t === 'undefined' || t === 'function' || t === 'symbol';
}
