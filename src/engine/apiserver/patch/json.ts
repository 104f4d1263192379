/**
 * JSON values as Go's encoding/json decodes them into interface{} (map[string]interface{},
 * []interface{}, string, float64 or — integers preserved, as the API server decodes patches —
 * int64, bool, nil), and the bits of Go's runtime the patch libraries lean on: type identity
 * (reflect.TypeOf), `==` on interface values, reflect.DeepEqual, fmt's %v.
 */
import { goFormat } from '../goValue';

export type JsonMap = Record<string, unknown>;

export function isMap(v: unknown): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** reflect.TypeOf(v).String() for a decoded value (`<nil>` for nil, as %s prints a nil Type). */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return '[]interface {}';
  switch (typeof v) {
    case 'object':
      return 'map[string]interface {}';
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(v) ? 'int64' : 'float64';
    case 'boolean':
      return 'bool';
    default:
      return typeof v;
  }
}

/** reflect.Kind of a decoded value: what strategic merge patch switches on. */
export type GoKind = 'map' | 'slice' | 'scalar' | 'nil';

export function goKindOf(v: unknown): GoKind {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  return typeof v === 'object' ? 'map' : 'scalar';
}

/** Go's `==` on two interface values holding decoded scalars (same type and value). */
export function goEqual(a: unknown, b: unknown): boolean {
  if (a === b) return goTypeName(a) === goTypeName(b);
  return (a === null || a === undefined) && (b === null || b === undefined);
}

/** reflect.DeepEqual of two decoded values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (isMap(a)) {
    if (!isMap(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!Object.hasOwn(b, k) || !deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** fmt's %v of a decoded value (`map[a:1 b:x]`, `[a b]`, `<nil>`). */
export function sprintV(v: unknown): string {
  return goFormat(v);
}

/** A deep copy of JSON data (undefined-valued keys dropped, as they are not in the JSON). */
export function copyJson<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : copyJson(x))) as T;
  if (isMap(v)) {
    const out: JsonMap = {};
    for (const k of Object.keys(v)) if (v[k] !== undefined) out[k] = copyJson(v[k]);
    return out as T;
  }
  return v;
}

export function has(m: JsonMap, key: string): boolean {
  return Object.hasOwn(m, key);
}
