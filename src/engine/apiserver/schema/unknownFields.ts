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

/**
 * Walks a value against its type. The path is a stack of keys and indexes, joined only for a
 * report. Where the value is the very object `old` (the stored version) holds at the same place,
 * the walk skips it: stored objects were decoded on their way in and never change.
 */
class Walk {
  readonly paths: string[] = [];
  private readonly stack: (string | number)[] = [];

  private report(field: string): void {
    if (this.paths.length >= MAX_ERRORS) return;
    let path = '';
    for (const seg of this.stack) {
      path += typeof seg === 'number' ? `[${seg}]` : path ? `.${seg}` : seg;
    }
    this.paths.push(path ? `${path}.${field}` : field);
  }

  value(v: unknown, t: FieldType, old: unknown): unknown {
    switch (t.is) {
      case 'leaf':
        return v;
      case 'struct':
        return isMap(v) ? this.object(v, fieldsOf(t), undefined, old) : v;
      case 'map':
        return isMap(v) ? this.object(v, undefined, t.of, old) : v;
      case 'array':
        return Array.isArray(v) ? this.array(v, t.of, old) : v;
    }
  }

  /** A struct (fields given) or a map (every key allowed, each value of type `of`). */
  private object(
    v: JsonMap,
    fields: Map<string, FieldType> | undefined,
    of: FieldType | undefined,
    old: unknown,
  ): JsonMap {
    const was = isMap(old) ? old : undefined;
    let out: JsonMap | undefined;
    for (const key in v) {
      const child = v[key];
      // A key holding undefined is not in the JSON the client would send.
      const t = child === undefined ? LEAF : fields ? fields.get(key) : of;
      if (!t) {
        this.report(key);
        out ??= copyBefore(v, key);
        continue;
      }
      let next = child;
      if (t !== LEAF && typeof child === 'object' && child !== null && was?.[key] !== child) {
        this.stack.push(key);
        next = this.value(child, t, was?.[key]);
        this.stack.pop();
      }
      if (next !== child) out ??= copyBefore(v, key);
      if (out) out[key] = next;
    }
    return out ?? v;
  }

  private array(v: unknown[], of: FieldType, old: unknown): unknown[] {
    if (of === LEAF) return v;
    const was = Array.isArray(old) ? old : undefined;
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const child = v[i];
      if (typeof child !== 'object' || child === null || was?.[i] === child) continue;
      this.stack.push(i);
      const next = this.value(child, of, was?.[i]);
      this.stack.pop();
      if (next !== child) {
        out ??= v.slice();
        out[i] = next;
      }
    }
    return out ?? v;
  }
}

/** The keys of `v` before `key` in a new object (all known: an unknown key starts the copy). */
function copyBefore(v: JsonMap, key: string): JsonMap {
  const out: JsonMap = {};
  for (const k in v) {
    if (k === key) break;
    out[k] = v[k];
  }
  return out;
}

/**
 * The unknown fields of `body` decoded as the named type, and the body without them. `old`, the
 * stored version an update replaces, lets the walk skip what the body shares with it.
 */
export function findUnknownFields(body: unknown, typeName: string, old?: unknown): UnknownFields {
  const walk = new Walk();
  const value = walk.value(body, struct(typeName), old);
  return { paths: walk.paths, value };
}
