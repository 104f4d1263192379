/**
 * What the API server's strict JSON decoder (sigs.k8s.io/json UnmarshalStrict, used by
 * k8s.io/apimachinery pkg/runtime/serializer/json/json.go when a request asks for
 * fieldValidation Strict or Warn) finds in a body: every field its Go type does not have, as a
 * path (`spec.containers[0].imagePullPolcy`), in the order the decoder meets them. Decoding into
 * the Go type drops those fields, so the body comes back without them.
 *
 * Paths as sigs.k8s.io/json internal/golang/encoding/json/kubernetes_patch.go builds them: keys
 * joined with `.`, array indexes as `[i]`, map keys like fields. An unknown field's own value is
 * skipped, so nothing inside it is reported; at most 100 are kept (saveStrictError). Values of
 * the wrong JSON type (a string where an object belongs) are type errors, not strict errors, and
 * are left as they are here.
 */
import { FIELD_TYPES, KIND_TYPES } from './fieldTypes.generated';

/** A field type, parsed once from its string in FIELD_TYPES. */
type FieldType =
  | { is: 'struct'; fields: Map<string, FieldType> | undefined; name: string }
  | { is: 'array' | 'map'; of: FieldType }
  | { is: 'leaf' };

const LEAF: FieldType = { is: 'leaf' };
const structs = new Map<string, FieldType & { is: 'struct' }>();

function parse(code: string): FieldType {
  if (code[0] === '[') return { is: 'array', of: parse(code.slice(1)) };
  if (code[0] === '{') return { is: 'map', of: parse(code.slice(1)) };
  if (code.length === 1) return LEAF;
  return struct(code);
}

/** A struct type by name; its fields are parsed the first time a body reaches it. */
function struct(name: string): FieldType & { is: 'struct' } {
  let t = structs.get(name);
  if (!t) {
    t = { is: 'struct', fields: undefined, name };
    structs.set(name, t);
  }
  return t;
}

function fieldsOf(t: FieldType & { is: 'struct' }): Map<string, FieldType> {
  if (!t.fields) {
    const table = FIELD_TYPES[t.name];
    if (!table) throw new Error(`no field types for ${t.name}`);
    t.fields = new Map(Object.entries(table).map(([f, code]) => [f, parse(code)]));
  }
  return t.fields;
}

/** The type name of `apiVersion`/`kind` (`apps/v1`, `Deployment`), if the schema has it. */
export function typeOfKind(apiVersion: string, kind: string): string | undefined {
  const key = `${apiVersion}/${kind}`;
  return Object.hasOwn(KIND_TYPES, key) ? KIND_TYPES[key] : undefined;
}

/** sigs.k8s.io/json saveStrictError keeps no more than this many. */
const MAX_ERRORS = 100;

export interface UnknownFields {
  /** Paths of the fields the type does not have, in decoding order. */
  paths: string[];
  /** The body without them (the same object when there were none; unchanged parts shared). */
  value: unknown;
}

type JsonMap = Record<string, unknown>;

function isMap(v: unknown): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Walks a value against its type; the path is a stack of segments, joined only for a report. */
class Walk {
  readonly paths: string[] = [];
  private readonly stack: string[] = [];

  private report(field: string): void {
    if (this.paths.length >= MAX_ERRORS) return;
    this.paths.push(this.stack.length > 0 ? `${this.stack.join('')}.${field}` : field);
  }

  private pushKey(key: string): void {
    this.stack.push(this.stack.length > 0 ? `.${key}` : key);
  }

  value(v: unknown, t: FieldType): unknown {
    switch (t.is) {
      case 'leaf':
        return v;
      case 'struct':
        return isMap(v) ? this.object(v, fieldsOf(t), undefined) : v;
      case 'map':
        return isMap(v) ? this.object(v, undefined, t.of) : v;
      case 'array':
        return Array.isArray(v) ? this.array(v, t.of) : v;
    }
  }

  /** A struct (fields given) or a map (every key allowed, each value of type `of`). */
  private object(
    v: JsonMap,
    fields: Map<string, FieldType> | undefined,
    of: FieldType | undefined,
  ): JsonMap {
    let out: JsonMap | undefined;
    const keys = Object.keys(v);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const child = v[key];
      // A key holding undefined is not in the JSON the client would send.
      const t = child === undefined ? LEAF : fields ? fields.get(key) : of;
      if (!t) {
        this.report(key);
        out ??= copyKeys(v, keys, i);
        continue;
      }
      let next = child;
      if (t !== LEAF && typeof child === 'object' && child !== null) {
        this.pushKey(key);
        next = this.value(child, t);
        this.stack.pop();
      }
      if (next !== child) out ??= copyKeys(v, keys, i);
      if (out) out[key] = next;
    }
    return out ?? v;
  }

  private array(v: unknown[], of: FieldType): unknown[] {
    if (of === LEAF) return v;
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const child = v[i];
      if (typeof child !== 'object' || child === null) continue;
      this.stack.push(`[${i}]`);
      const next = this.value(child, of);
      this.stack.pop();
      if (next !== child) {
        out ??= v.slice();
        out[i] = next;
      }
    }
    return out ?? v;
  }
}

/** The first `n` keys of `v` in a new object (the known ones: unknown keys were never copied). */
function copyKeys(v: JsonMap, keys: string[], n: number): JsonMap {
  const out: JsonMap = {};
  for (let i = 0; i < n; i++) out[keys[i]] = v[keys[i]];
  return out;
}

/** The unknown fields of `body` decoded as the named type, and the body without them. */
export function findUnknownFields(body: unknown, typeName: string): UnknownFields {
  const walk = new Walk();
  const value = walk.value(body, struct(typeName));
  return { paths: walk.paths, value };
}
