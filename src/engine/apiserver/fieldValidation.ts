/**
 * Field validation while a create or update body is decoded, before defaulting, admission and
 * validation (k8s.io/apiserver pkg/endpoints/handlers create.go, update.go, patch.go, rest.go):
 *
 * - Strict: a field the kind does not have fails the request. A create or update answers 400
 *   `Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field
 *   "spec.contianers", unknown field "…"` (transformDecodeError; the fields in decoding order);
 *   a strategic-merge patch answers 422 ` "" is invalid: patch: Invalid value: "map[…]": strict
 *   decoding error: …` with the fields sorted (runtime/converter.go FromUnstructuredWithValidation).
 * - Warn (the server's default when a client names none): the request goes on without those
 *   fields and the response carries a warning `unknown field "spec.contianers"` for each.
 * - Ignore: the request goes on without them, silently.
 *
 * Whatever the directive, the object decoded into the kind's Go type has no unknown fields, so
 * none is ever stored. Duplicate fields are strict errors too (`duplicate field "x"`), but they
 * only exist in a raw request body: kubectl decodes a manifest into a map first (the last value
 * wins), and bodies here are already objects.
 */
import { badRequest, invalidPatch } from '../api/errors';
import { apiVersionOf, type ResourceInfo } from '../api/resources';
import type { FieldValidation, KObject, StatusError } from '../api/types';
import { goFormat } from './goValue';
import { findUnknownFields, typeOfKind } from './schema/unknownFields';

export type Decoded =
  | { ok: true; body: KObject; warnings?: string[] }
  | { ok: false; status: StatusError };

/** sigs.k8s.io/json strictError.Error(): `unknown field "path"` (strconv.Quote). */
function unknownField(path: string): string {
  return `unknown field ${JSON.stringify(path)}`;
}

/**
 * `body` as the decoder leaves it for resource `r`, or the error it fails with. `patch` (the
 * patch a client sent, when this update stands in for a PATCH) selects the PATCH handler's
 * wording. `old`, the stored object an update replaces, spares the walk what the body shares
 * with it (stored objects never have unknown fields).
 */
export function decodeFields(
  body: KObject,
  r: ResourceInfo,
  directive: FieldValidation = 'Warn',
  patch?: unknown,
  old?: KObject,
): Decoded {
  const apiVersion = typeof body.apiVersion === 'string' ? body.apiVersion : apiVersionOf(r);
  const kind = typeof body.kind === 'string' && body.kind ? body.kind : r.kind;
  const type = typeOfKind(apiVersion, kind) ?? typeOfKind(apiVersionOf(r), r.kind);
  if (!type) return { ok: true, body };
  const found = findUnknownFields(body, type, old);
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  const refuse = (detail: string): Decoded =>
    patch !== undefined
      ? { ok: false, status: invalidPatch(goFormat(patch), detail) }
      : {
          ok: false,
          status: badRequest(
            `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${r.kind}: ${detail}`,
          ),
        };
  // A value of the wrong kind fails decoding whatever the directive (transformDecodeError).
  if (found.typeError !== undefined) return refuse(found.typeError);
  if (found.paths.length === 0) return { ok: true, body };
  const pruned = found.value as KObject;
  const errors = (patch === undefined ? found.paths : [...found.paths].sort()).map(unknownField);
  if (directive === 'Ignore') return { ok: true, body: pruned };
  if (directive === 'Warn') return { ok: true, body: pruned, warnings: errors };
  return refuse(`strict decoding error: ${errors.join(', ')}`);
}

/**
 * decodeFields for the object a PATCH made (patch.go applyPatchToCurrentObject /
 * applyPatchToObject): its unknown fields sorted, after `prior` (the strict errors decoding the
 * patch itself found: a JSON patch's operations' unknown fields); Strict fails with 422
 * ` "" is invalid: patch: Invalid value: "SHOWN": strict decoding error: …`, where SHOWN is the
 * patched object's JSON (JSON and merge patches) or the patch as Go prints it (strategic).
 */
export function decodePatchedFields(
  body: KObject,
  r: ResourceInfo,
  directive: FieldValidation,
  shown: string,
  prior: readonly string[],
  old: KObject,
): Decoded {
  const type = typeOfKind(apiVersionOf(r), r.kind);
  const found = type ? findUnknownFields(body, type, old) : { paths: [], value: body };
  // Non-strict decoding errors trump the strict ones (patch.go).
  if (found.typeError !== undefined)
    return { ok: false, status: invalidPatch(shown, found.typeError) };
  const errors = [...prior, ...[...found.paths].sort().map(unknownField)];
  const pruned = found.value as KObject;
  if (errors.length === 0) return { ok: true, body: pruned };
  if (directive === 'Ignore') return { ok: true, body: pruned };
  if (directive === 'Warn') return { ok: true, body: pruned, warnings: errors };
  return {
    ok: false,
    status: invalidPatch(shown, `strict decoding error: ${errors.join(', ')}`),
  };
}
