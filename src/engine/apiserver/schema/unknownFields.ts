/**
 * What the API server's strict JSON decoder (sigs.k8s.io/json UnmarshalStrict, used by
 * k8s.io/apimachinery pkg/runtime/serializer/json/json.go when a request asks for
 * fieldValidation Strict or Warn) finds in a body: every field its Go type does not have, as a
 * path (`spec.containers[0].imagePullPolcy`), in the order the decoder meets them. Decoding into
 * the Go type drops those fields, so the body comes back without them.
 *
 * Paths as sigs.k8s.io/json internal/golang/encoding/json/kubernetes_patch.go builds them: keys
 * joined with `.`, array indexes as `[i]`, map keys like fields. An unknown field's own value is
 * skipped, so nothing inside it is reported; at most 100 are kept (saveStrictError). A value of
 * the wrong JSON kind where an object or a list belongs (a string for a spec) is a type error, not
 * a strict error: the first one is reported as encoding/json words it (UnmarshalTypeError, with
 * errorContext's struct and field names); scalars of the wrong type are not checked.
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
  /**
   * The first value of the wrong JSON kind where an object or a list belongs (a string for a
   * spec), as encoding/json reports it: `json: cannot unmarshal string into Go struct field
   * Deployment.spec of type v1.DeploymentSpec`. Decoding such a body fails whatever the
   * fieldValidation directive.
   */
  typeError?: string;
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
  typeError: string | undefined;
  private readonly stack: (string | number)[] = [];
  /** The struct fields only (encoding/json's errorContext.FieldStack), and their structs. */
  private readonly fieldStack: string[] = [];
  private readonly structStack: string[] = [];

  /** An object or a list expected at `key` of the current object, and something else found. */
  private mismatch(key: string, inStruct: string | undefined, child: unknown, t: FieldType): void {
    if (this.typeError !== undefined) return;
    const field = inStruct === undefined ? this.fieldStack : [...this.fieldStack, key];
    const struct = inStruct ?? this.structStack[this.structStack.length - 1];
    const into = `into Go ${struct ? `struct field ${struct}.${field.join('.')}` : 'value'} of type ${goType(t)}`;
    this.typeError = `json: cannot unmarshal ${jsonKind(child)} ${into}`;
  }

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
        return isMap(v) ? this.object(v, fieldsOf(t), undefined, old, t.name) : v;
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
    structName?: string,
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
        if (t.is === 'leaf' || Array.isArray(child) !== (t.is === 'array')) {
          this.mismatch(key, structName, child, t);
        } else {
          this.stack.push(key);
          if (structName !== undefined) {
            this.fieldStack.push(key);
            this.structStack.push(structName);
          }
          next = this.value(child, t, was?.[key]);
          this.stack.pop();
          if (structName !== undefined) {
            this.fieldStack.pop();
            this.structStack.pop();
          }
        }
      } else if (t !== LEAF && t.is !== 'leaf' && child !== null && typeof child !== 'object') {
        this.mismatch(key, structName, child, t);
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
      if (
        child !== null &&
        (typeof child !== 'object' || Array.isArray(child) !== (of.is === 'array'))
      ) {
        // An element of the wrong kind: reported at the list's field.
        if (of.is !== 'leaf') this.mismatch('', undefined, child, of);
        continue;
      }
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
  return walk.typeError === undefined
    ? { paths: walk.paths, value }
    : { paths: walk.paths, value, typeError: walk.typeError };
}

/** encoding/json's name for a JSON value's kind in an UnmarshalTypeError. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/** The Go type a field decodes into (`v1.DeploymentSpec`, `[]v1.Container`, `map[string]string`). */
function goType(t: FieldType): string {
  switch (t.is) {
    case 'struct':
      return `v1.${t.name.slice(t.name.lastIndexOf('.') + 1)}`;
    case 'array':
      return `[]${goType(t.of)}`;
    case 'map':
      return `map[string]${goType(t.of)}`;
    default:
      return 'string';
  }
}
