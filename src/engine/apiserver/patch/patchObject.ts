/**
 * The PATCH handler's part before the update (k8s.io/apiserver pkg/endpoints/handlers/patch.go):
 * decode the patch, apply it to the stored object's JSON (jsonPatcher for JSON and merge patches,
 * smpPatcher for strategic merge), decode the result into the kind (unknown fields per the
 * fieldValidation directive, Strict by failing), then check the namespace and name
 * (patcher.applyPatch). What comes out goes through the ordinary update: the resourceVersion
 * precondition (from the patched object), defaulting, admission, validation, no-op detection.
 */
import {
  badRequest,
  invalidPatch,
  requestEntityTooLarge,
  unknownError,
  unprocessablePatch,
} from '../../api/errors';
import { apiVersionOf, type ResourceInfo } from '../../api/resources';
import type { FieldValidation, KObject, PatchType, StatusError } from '../../api/types';
import { decodePatchedFields } from '../fieldValidation';
import { goFormat } from '../goValue';
import { typeOfKind } from '../schema/unknownFields';
import { checkDecodable } from '../validation';
import { PatchFailure } from './errors';
import { isMap, type JsonMap } from './json';
import { applyJsonPatch } from './jsonPatch';
import { applyMergePatch } from './mergePatch';
import { strategicMergeMapPatch } from './strategicMerge';

export type Patched =
  | { ok: true; body: KObject; warnings?: string[] }
  | { ok: false; status: StatusError };

/** patch.go maxJSONPatchOperations. */
const MAX_JSON_PATCH_OPERATIONS = 10000;

/** The fields a JSON patch operation has (handlers.jsonPatchOp); others are strict errors. */
const JSON_PATCH_OP_FIELDS = new Set(['op', 'path', 'from', 'value']);

export interface PatchInput {
  patchType: Exclude<PatchType, 'apply'>;
  patchBody: unknown;
  fieldValidation?: FieldValidation;
  /** The request's namespace (undefined for a cluster-scoped resource) and name. */
  namespace: string | undefined;
  name: string;
}

/** The object `current` becomes under the patch, ready for the update path; or the refusal. */
export function patchObject(current: KObject, r: ResourceInfo, input: PatchInput): Patched {
  // An empty directive is the server's default, Warn (handlers/rest.go fieldValidation).
  const directive = input.fieldValidation ?? 'Warn';
  const strict = directive !== 'Ignore';
  let patched: JsonMap;
  let shown: () => string;
  let prior: string[] = [];
  try {
    switch (input.patchType) {
      case 'json': {
        const ops = input.patchBody ?? [];
        if (strict) {
          const decoded = strictJsonPatchOps(ops);
          if (!decoded.ok) return decoded;
          prior = decoded.errors;
        }
        if (!Array.isArray(ops) || ops.some((op) => op !== null && !isMap(op)))
          return {
            ok: false,
            status: badRequest(
              `json: cannot unmarshal ${jsonKind(Array.isArray(ops) ? ops.find((op) => op !== null && !isMap(op)) : ops)} into Go value of type ${Array.isArray(ops) ? 'jsonpatch.Operation' : 'jsonpatch.Patch'}`,
            ),
          };
        if (ops.length > MAX_JSON_PATCH_OPERATIONS)
          return {
            ok: false,
            status: requestEntityTooLarge(
              `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`,
            ),
          };
        patched = applyJsonPatch(current, ops);
        shown = () => goJson(patched);
        break;
      }
      case 'merge': {
        const patch = input.patchBody;
        if (strict && patch !== null && !isMap(patch))
          return {
            ok: false,
            status: badRequest(
              `error decoding patch: json: cannot unmarshal ${jsonKind(patch)} into Go value of type map[string]interface {}`,
            ),
          };
        if (!isMap(patch)) {
          // jsonpatch.MergePatch: a null or scalar patch is ErrBadJSONPatch; an array (only
          // reachable with Ignore) replaces the whole document, which then cannot decode.
          if (!Array.isArray(patch)) return { ok: false, status: badRequest('Invalid JSON Patch') };
          return {
            ok: false,
            status: invalidPatch(
              goJson(patch),
              `json: cannot unmarshal array into Go value of type ${goTypeOf(r)}`,
            ),
          };
        }
        patched = applyMergePatch(current, patch);
        shown = () => goJson(patched);
        break;
      }
      case 'strategic': {
        const patch = input.patchBody ?? {};
        if (!isMap(patch))
          return {
            ok: false,
            status: badRequest(
              `json: cannot unmarshal ${jsonKind(patch)} into Go value of type map[string]interface {}`,
            ),
          };
        const schema = typeOfKind(apiVersionOf(r), r.kind);
        if (!schema)
          return { ok: false, status: badRequest('strategic merge patch format is not supported') };
        patched = strategicMergeMapPatch(current, patch, schema);
        shown = () => goFormat(patch);
        // TypeMeta is not part of the decoded object: a strategic patch cannot change it.
        patched.apiVersion = current.apiVersion;
        patched.kind = current.kind;
        break;
      }
    }
  } catch (e) {
    if (!(e instanceof PatchFailure)) throw e;
    return { ok: false, status: patchFailureStatus(e) };
  }

  const body = patched as KObject;
  const typeChange = changedType(current, body, r);
  if (typeChange) return { ok: false, status: invalidPatch(shown(), typeChange) };
  // Decoding into the kind: values that cannot decode (quantities, Secret bytes) fail first.
  const undecodable = checkDecodable({
    ...body,
    apiVersion: current.apiVersion,
    kind: current.kind,
  });
  if (undecodable)
    return { ok: false, status: invalidPatch(shown(), decodeDetail(undecodable, r)) };
  const decoded = decodePatchedFields(body, r, directive, shown(), prior, current);
  if (!decoded.ok) return decoded;
  const named = checkNamespaceAndName(decoded.body, input.namespace, input.name);
  if (named) return { ok: false, status: named };
  return decoded;
}

/** How a library failure reaches the client (see errors.ts). */
export function patchFailureStatus(e: PatchFailure): StatusError {
  switch (e.kind) {
    case 'badRequest':
      return badRequest(e.message);
    case 'unprocessable':
      return unprocessablePatch();
    default:
      return unknownError(e.message);
  }
}

/**
 * kjson.UnmarshalStrict of a JSON patch into []handlers.jsonPatchOp: type errors fail the
 * request (400), unknown fields of the operations are strict errors (`json patch unknown field
 * "[0].x"`).
 */
function strictJsonPatchOps(
  ops: unknown,
): { ok: true; errors: string[] } | { ok: false; status: StatusError } {
  const fail = (message: string) => ({
    ok: false as const,
    status: badRequest(`error decoding patch: ${message}`),
  });
  if (ops === null) return { ok: true, errors: [] };
  if (!Array.isArray(ops))
    return fail(
      `json: cannot unmarshal ${jsonKind(ops)} into Go value of type []handlers.jsonPatchOp`,
    );
  const errors: string[] = [];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (op === null) continue;
    if (!isMap(op))
      return fail(
        `json: cannot unmarshal ${jsonKind(op)} into Go value of type handlers.jsonPatchOp`,
      );
    for (const [k, v] of Object.entries(op)) {
      if (!JSON_PATCH_OP_FIELDS.has(k)) {
        if (errors.length < 100) errors.push(`json patch unknown field "[${i}].${k}"`);
        continue;
      }
      if (k !== 'value' && v !== null && typeof v !== 'string')
        return fail(
          `json: cannot unmarshal ${jsonKind(v)} into Go struct field jsonPatchOp.${k} of type string`,
        );
    }
  }
  return { ok: true, errors };
}

/** encoding/json's name for a JSON value's kind in its type errors. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/**
 * A JSON or merge patch that changed the kind or apiVersion: the codec decodes the JSON as the
 * kind it names and cannot convert it into the resource's type (scheme.Convert), or finds no such
 * kind at all. A missing kind or apiVersion is defaulted from the resource, as the decoder does.
 */
function changedType(current: KObject, patched: KObject, r: ResourceInfo): string | undefined {
  const kind = typeof patched.kind === 'string' && patched.kind ? patched.kind : current.kind;
  const apiVersion =
    typeof patched.apiVersion === 'string' && patched.apiVersion
      ? patched.apiVersion
      : current.apiVersion;
  if (kind === current.kind && apiVersion === current.apiVersion) return undefined;
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  const served = typeOfKind(apiVersion, kind);
  if (!served)
    return `no kind ${JSON.stringify(kind)} is registered for version ${JSON.stringify(apiVersion)} in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30"`;
  return `converting (${version}.${kind}) to (${internalPackage(r)}.${r.kind}): unknown conversion`;
}

/** The Go package of a resource's internal type (core.Pod, apps.Deployment). */
function internalPackage(r: ResourceInfo): string {
  return r.group === '' ? 'core' : r.group.split('.')[0];
}

/** The Go type a kind decodes into (`v1.Pod`), for the decoder's type errors. */
function goTypeOf(r: ResourceInfo): string {
  return `${r.version}.${r.kind}`;
}

/** The decoder's own error inside checkDecodable's create-handler wording. */
function decodeDetail(status: StatusError, r: ResourceInfo): string {
  const marker = `cannot be handled as a ${r.kind}: `;
  const at = status.message.indexOf(marker);
  return at >= 0 ? status.message.slice(at + marker.length) : status.message;
}

/**
 * rest.EnsureObjectNamespaceMatchesRequestNamespace (an empty namespace takes the request's, a
 * cluster-scoped object's is cleared), then handlers.checkName.
 */
export function checkNamespaceAndName(
  body: KObject,
  namespace: string | undefined,
  name: string,
): StatusError | undefined {
  const meta = isMap(body.metadata) ? body.metadata : undefined;
  const objNamespace = typeof meta?.namespace === 'string' ? meta.namespace : '';
  const requestNamespace = namespace ?? '';
  if (objNamespace !== requestNamespace) {
    if (objNamespace === '' || requestNamespace === '') {
      if (!meta) body.metadata = {};
      if (requestNamespace) body.metadata.namespace = requestNamespace;
      else delete body.metadata.namespace;
    } else {
      return badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
  }
  const objName = typeof body.metadata?.name === 'string' ? body.metadata.name : '';
  if (objName !== name)
    return badRequest(
      `the name of the object (${objName}) does not match the name on the URL (${name})`,
    );
  return undefined;
}

/**
 * json.Marshal of the patched document as evanphx/json-patch returns it: compact, object keys
 * sorted (Go marshals its maps so).
 */
export function goJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (isMap(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${goJson(v[k])}`)
      .join(',')}}`;
  return goString(v);
}

/** encoding/json's scalars: HTML characters escaped in strings, as Go does by default. */
function goString(v: unknown): string {
  const text = JSON.stringify(v ?? null);
  return typeof v === 'string'
    ? text.replace(
        /[<>&\u2028\u2029]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      )
    : text;
}
