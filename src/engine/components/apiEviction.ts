/**
 * POST pods/NAME/eviction with a policy/v1 Eviction (kubernetes/kubernetes
 * pkg/registry/core/pod/storage/eviction.go EvictionREST.Create). The simulation has no
 * PodDisruptionBudgets, so every eviction the checks let through deletes the pod with the
 * Eviction's deleteOptions (grace period, preconditions, propagation, dry run) and answers
 * `Status Success` with the create handler's code 201.
 */
import { badRequest, notFound, unknownError } from '../api/errors';
import type { ResourceInfo } from '../api/resources';
import type { ApiRequest, ApiResult, KObject } from '../api/types';
import { validateDeleteOptions } from '../apiserver/deleteOptions';
import type { Simulation } from '../sim/simulation';

/** The pod's delete (apiServer.ts `remove`, the caller's identity bound). */
export type DeletePod = (req: ApiRequest) => ApiResult;

/** The eviction create's admission (the Eviction through the mutating and validating chains). */
export type AdmitEviction = (eviction: KObject) => ApiResult | undefined;

const VERSIONS = new Set(['policy/v1', 'policy/v1beta1']);

export function evict(
  sim: Simulation,
  r: ResourceInfo,
  namespace: string,
  name: string,
  req: ApiRequest,
  admit: AdmitEviction,
  deletePod: DeletePod,
): ApiResult {
  const eviction = req.body;
  if (!eviction)
    return { ok: false, status: badRequest('the body of the request was in an unknown format') };
  if (eviction.apiVersion !== undefined && !VERSIONS.has(eviction.apiVersion))
    return {
      ok: false,
      status: badRequest(
        `the API version in the data (${eviction.apiVersion}) does not match the expected API version (policy/v1)`,
      ),
    };
  const meta = eviction.metadata ?? {};
  if (meta.namespace && meta.namespace !== namespace)
    return {
      ok: false,
      status: badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      ),
    };
  if ((meta.name ?? '') !== name)
    return { ok: false, status: badRequest('name in URL does not match name in Eviction object') };
  const options = (eviction.deleteOptions ?? {}) as {
    gracePeriodSeconds?: number;
    propagationPolicy?: string;
    orphanDependents?: boolean;
    dryRun?: string[];
    preconditions?: { uid?: string; resourceVersion?: string };
  };
  // propagateDryRun: the body's dry-run and the request's must agree when both are given.
  const bodyDryRun = options.dryRun ?? [];
  if (req.dryRun && bodyDryRun.length > 0 && !(bodyDryRun.length === 1 && bodyDryRun[0] === 'All'))
    return {
      ok: false,
      status: unknownError(
        `Non-matching dry-run options in request and content: [All] and [${bodyDryRun.join(' ')}]`,
      ),
    };
  const refused = admit({ ...eviction, metadata: { ...meta, name, namespace } });
  if (refused) return refused;
  const pod = sim.store('pods')[`${namespace}/${name}`];
  if (!pod) return { ok: false, status: notFound(r, name) };
  // BeforeDelete checks the options the Eviction carries.
  const badOptions = validateDeleteOptions(options);
  if (badOptions) return { ok: false, status: badOptions };
  // No PodDisruptionBudget can stand in the way: the pod is deleted as asked.
  const deleted = deletePod({
    verb: 'delete',
    resource: 'pods',
    namespace,
    name,
    gracePeriodSeconds: options.gracePeriodSeconds,
    propagationPolicy: options.propagationPolicy,
    preconditions: options.preconditions,
    dryRun: req.dryRun || bodyDryRun.includes('All') || undefined,
  });
  if (!deleted.ok) return deleted;
  return {
    ok: true,
    object: {
      apiVersion: 'v1',
      kind: 'Status',
      metadata: {},
      status: 'Success',
      code: 201,
    } as unknown as KObject,
  };
}
