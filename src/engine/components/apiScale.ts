/**
 * The scale subresource of Deployments, ReplicaSets and StatefulSets (kubernetes/kubernetes
 * pkg/registry/apps/{deployment,replicaset,statefulset}/storage/storage.go ScaleREST): GET
 * answers an autoscaling/v1 Scale built from the object (scaleFromDeployment), PUT takes a Scale
 * and writes its spec.replicas into the object through the object's own update (strategy,
 * validation, admission, a conflict on a stale resourceVersion), answering the Scale of what was
 * stored.
 *
 * `getScale` and `updateScale` are the two halves a PATCH of …/scale needs: read the Scale,
 * patch it, write it back.
 */
import {
  badRequest,
  conflictBecause,
  fieldErrors,
  invalidKind,
  notFound,
  resourceNotFound,
} from '../api/errors';
import type { ResourceInfo } from '../api/resources';
import type { ApiRequest, ApiResult, KObject } from '../api/types';
import { labelSelectorRequirements, requirementsString } from '../model/labels';
import type { Simulation } from '../sim/simulation';

/** Whether the resource has a scale subresource (the resource table's, as discovery lists it). */
export function hasScale(r: ResourceInfo): boolean {
  return r.subresources?.includes('scale') ?? false;
}

/** The object's update (apiServer.ts `update`, the caller's identity bound). */
export type UpdateObject = (req: ApiRequest) => ApiResult;

/** scaleFromDeployment (and its ReplicaSet and StatefulSet twins), or the selector's error. */
export function scaleOf(obj: KObject): KObject | { error: string } {
  const requirements = labelSelectorRequirements(obj.spec?.selector);
  if (requirements !== undefined && !Array.isArray(requirements))
    return { error: requirements.error };
  const m = obj.metadata;
  const replicas = obj.spec?.replicas ?? 0;
  const selector = requirementsString(requirements ?? []);
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    // autoscaling/v1 ScaleSpec.replicas is omitempty; ScaleStatus.replicas is not.
    spec: replicas ? { replicas } : {},
    status: { replicas: obj.status?.replicas ?? 0, ...(selector ? { selector } : {}) },
  };
}

function answer(obj: KObject): ApiResult {
  const scale = scaleOf(obj);
  return 'error' in scale
    ? { ok: false, status: badRequest(scale.error) }
    : { ok: true, object: scale as KObject };
}

/** GET …/NAME/scale. */
export function getScale(
  sim: Simulation,
  r: ResourceInfo,
  namespace: string | undefined,
  name: string,
): ApiResult {
  if (!hasScale(r)) return { ok: false, status: resourceNotFound(`${r.resource}/scale`) };
  const obj = sim.store(r.resource)[namespace ? `${namespace}/${name}` : name];
  return obj ? answer(obj) : { ok: false, status: notFound(r, name) };
}

/** PUT …/NAME/scale with a Scale body (the update handler's checks, then ScaleREST.Update). */
export function updateScale(
  sim: Simulation,
  r: ResourceInfo,
  namespace: string | undefined,
  name: string,
  req: ApiRequest,
  updateObject: UpdateObject,
): ApiResult {
  if (!hasScale(r)) return { ok: false, status: resourceNotFound(`${r.resource}/scale`) };
  const scale = req.body;
  if (!scale)
    return { ok: false, status: badRequest('the body of the request was in an unknown format') };
  if (scale.apiVersion !== undefined && scale.apiVersion !== 'autoscaling/v1')
    return {
      ok: false,
      status: badRequest(
        `the API version in the data (${scale.apiVersion}) does not match the expected API version (autoscaling/v1)`,
      ),
    };
  const replicas = scale.spec?.replicas ?? 0;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
    const value = typeof replicas === 'number' ? `number ${replicas}` : jsonType(replicas);
    return {
      ok: false,
      status: badRequest(
        `Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${value} into Go struct field ScaleSpec.spec.replicas of type int32`,
      ),
    };
  }
  const meta = scale.metadata ?? {};
  if (namespace && meta.namespace && meta.namespace !== namespace)
    return {
      ok: false,
      status: badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      ),
    };
  if ((meta.name ?? '') !== name)
    return {
      ok: false,
      status: badRequest(
        `the name of the object (${meta.name ?? ''}) does not match the name on the URL (${name})`,
      ),
    };
  const old = sim.store(r.resource)[namespace ? `${namespace}/${name}` : name];
  if (!old) return { ok: false, status: notFound(r, name) };
  if (replicas < 0)
    return {
      ok: false,
      status: invalidKind('autoscaling', 'Scale', name, [
        fieldErrors.invalid('spec.replicas', replicas, 'must be greater than or equal to 0'),
      ]),
    };
  if (meta.uid && meta.uid !== old.metadata.uid)
    return {
      ok: false,
      status: conflictBecause(
        r.group,
        `${r.resource}/scale`,
        name,
        `Precondition failed: UID in precondition: ${meta.uid}, UID in object meta: ${old.metadata.uid}`,
      ),
    };
  // The Scale's replicas and resourceVersion moved into the object (scaleUpdatedObjectInfo).
  const body: KObject = {
    ...old,
    metadata: { ...old.metadata, resourceVersion: meta.resourceVersion || undefined },
    spec: { ...old.spec, replicas },
  };
  if (body.metadata.resourceVersion === undefined) delete body.metadata.resourceVersion;
  const res = updateObject({
    verb: 'update',
    resource: r.resource,
    namespace,
    name,
    subresource: 'scale',
    body,
    dryRun: req.dryRun,
    ...(req.fieldManager ? { fieldManager: req.fieldManager } : {}),
  });
  return res.ok && res.object ? answer(res.object) : res;
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : 'string';
}
