/** Small helpers over ObjectMeta and simulated time. */
import type { KObject } from '../api/types';
import { EPOCH_MS } from '../sim/defaults';

/** RFC 3339 with second precision, as metav1.Time serialises. */
let lastIsoMs = Number.NaN;
let lastIso = '';

export function isoTime(nowMs: number): string {
  // Many objects are stamped in the same simulated second: remember the last one.
  const secondMs = Math.floor(nowMs / 1000) * 1000;
  if (secondMs !== lastIsoMs) {
    lastIsoMs = secondMs;
    lastIso = new Date(EPOCH_MS + secondMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return lastIso;
}

/** RFC 3339 with microseconds, as metav1.MicroTime serialises (Lease renewTime, Event eventTime). */
export function isoMicroTime(nowMs: number): string {
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
  return obj === undefined ? obj : (JSON.parse(JSON.stringify(obj)) as T);
}
