/**
 * PATCH with application/apply-patch+yaml, server-side apply (k8s.io/apiserver
 * pkg/endpoints/handlers/patch.go applyPatcher): the field manager merges the configuration into
 * the stored object and records who owns what (apiserver/fieldmanager/), the name and namespace
 * are checked, and the outcome goes through the ordinary update — or, when nothing is stored
 * under the name, the create (forceAllowCreate).
 */
import { notFound, unsupportedMediaType } from '../api/errors';
import type { ResourceInfo } from '../api/resources';
import {
  type ApiRequest,
  type ApiResult,
  PATCH_CONTENT_TYPES,
  type StatusError,
} from '../api/types';
import { applyPatch } from '../apiserver/fieldmanager/fieldManager';
import { checkNamespaceAndName } from '../apiserver/patch/patchObject';
import type { Simulation } from '../sim/simulation';

export interface ApplyWrites {
  create: (req: ApiRequest) => ApiResult;
  update: (req: ApiRequest) => ApiResult;
}

/** ValidatePatchOptions: an apply must name its manager. */
function fieldManagerRequired(): StatusError {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    message:
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    reason: 'Invalid',
    code: 422,
    details: {
      group: 'meta.k8s.io',
      kind: 'PatchOptions',
      causes: [
        {
          reason: 'FieldValueRequired',
          message: 'Required value: is required for apply patch',
          field: 'fieldManager',
        },
      ],
    },
  };
}

export function applyRequest(
  sim: Simulation,
  r: ResourceInfo,
  namespace: string | undefined,
  name: string,
  req: ApiRequest,
  writes: ApplyWrites,
): ApiResult {
  if (req.subresource === 'scale') {
    const status = unsupportedMediaType(
      Object.keys(PATCH_CONTENT_TYPES).filter((t) => PATCH_CONTENT_TYPES[t] !== 'apply'),
    );
    status.message = `${status.message} (server-side apply of the scale subresource is not simulated)`;
    return { ok: false, status };
  }
  if (!req.fieldManager) return { ok: false, status: fieldManagerRequired() };
  const live = sim.store(r.resource)[r.namespaced ? `${namespace}/${name}` : name];
  // Only the main resource creates what is missing; …/status updates what exists.
  if (!live && req.subresource === 'status') return { ok: false, status: notFound(r, name) };
  const applied = applyPatch(live, req.patchBody, req.fieldManager, req.force === true, {
    r,
    nowMs: sim.state.nowMs,
    ...(req.subresource ? { subresource: req.subresource } : {}),
  });
  if (!applied.ok) return applied;
  const body = applied.object;
  const named = checkNamespaceAndName(body, r.namespaced ? namespace : undefined, name);
  if (named) return { ok: false, status: named };
  const next: ApiRequest = {
    ...req,
    body,
    applied: true,
    // The configuration was read against the schema already.
    fieldValidation: 'Ignore',
    patch: undefined,
    patchType: undefined,
    patchBody: undefined,
    force: undefined,
  };
  if (!live) return writes.create({ ...next, verb: 'create' });
  return writes.update({ ...next, verb: 'update' });
}
