/**
 * PATCH (k8s.io/apiserver pkg/endpoints/handlers/patch.go PatchResource): the patch is applied to
 * the stored object (apiserver/patch/) and the result goes through the very update path a PUT
 * takes — resourceVersion precondition, defaulting, admission, validation, no-op detection,
 * storage and watch fan-out. `status` patches the status subresource the same way.
 */
import { notFound, unsupportedMediaType } from '../api/errors';
import type { ResourceInfo } from '../api/resources';
import {
  type ApiRequest,
  type ApiResult,
  type KObject,
  PATCH_CONTENT_TYPES,
  type StatusError,
  type UserInfo,
} from '../api/types';
import { patchObject } from '../apiserver/patch/patchObject';
import type { Simulation } from '../sim/simulation';

/** The update path (apiServer.ts update), handed in so that this file does not import it back. */
export type Update = (
  sim: Simulation,
  user: UserInfo,
  r: ResourceInfo,
  namespace: string | undefined,
  name: string,
  req: ApiRequest,
) => ApiResult;

/** ValidatePatchOptions: `force` belongs to apply. */
function forceForbidden(): StatusError {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    message:
      'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
    reason: 'Invalid',
    code: 422,
    details: {
      group: 'meta.k8s.io',
      kind: 'PatchOptions',
      causes: [
        {
          reason: 'FieldValueForbidden',
          message: 'Forbidden: may not be specified for non-apply patch',
          field: 'force',
        },
      ],
    },
  };
}

/**
 * The Content-Types a PATCH is answered for here, in the handler's order (endpoints/installer.go
 * lists apply-patch+yaml too: it is answered in apiApply.ts, except for the scale subresource,
 * whose apply is not simulated and refused as a type the handler does not accept).
 */
const ACCEPTED = Object.keys(PATCH_CONTENT_TYPES).filter((t) => PATCH_CONTENT_TYPES[t] !== 'apply');

export function patchRequest(
  sim: Simulation,
  user: UserInfo,
  r: ResourceInfo,
  namespace: string | undefined,
  name: string,
  req: ApiRequest,
  update: Update,
  /** What the patch applies to, when it is not the stored object itself (a Scale). */
  read?: () => ApiResult,
): ApiResult {
  const patchType = req.patchType;
  if (patchType !== 'json' && patchType !== 'merge' && patchType !== 'strategic') {
    // Server-side apply is components/apiApply.ts; it reaches here only for the scale subresource.
    const status = unsupportedMediaType(ACCEPTED);
    if (patchType === 'apply')
      status.message = `${status.message} (server-side apply of the scale subresource is not simulated)`;
    return { ok: false, status };
  }
  if (req.force !== undefined) return { ok: false, status: forceForbidden() };
  const key = r.namespaced ? `${namespace}/${name}` : name;
  let current = sim.store(r.resource)[key];
  if (read) {
    const got = read();
    if (!got.ok) return got;
    current = got.object as KObject;
  }
  if (!current) return { ok: false, status: notFound(r, name) };
  const patched = patchObject(current, r, {
    patchType,
    patchBody: req.patchBody,
    fieldValidation: req.fieldValidation,
    namespace: r.namespaced ? namespace : undefined,
    name,
  });
  if (!patched.ok) return patched;
  const res = update(sim, user, r, namespace, name, {
    ...req,
    verb: 'update',
    body: patched.body,
    // Decoded already, with the PATCH handler's wording.
    fieldValidation: 'Ignore',
    patch: undefined,
    patchType: undefined,
    patchBody: undefined,
  });
  if (!patched.warnings) return res;
  return { ...res, warnings: [...patched.warnings, ...(res.warnings ?? [])] };
}
