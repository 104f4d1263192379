/**
 * The List object a list or deletecollection answers on the wire (`PodList`, `DeploymentList`):
 * the ApiResult's items under ListMeta. Items of a built-in kind's list carry no apiVersion and
 * kind (the typed list's items are encoded without their TypeMeta).
 */
import { apiVersionOf, type ResourceInfo } from './resources';
import type { ApiResult, KObject } from './types';

type ListResult = ApiResult & { ok: true; items: KObject[] };

export interface ListObject {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: Omit<KObject, 'apiVersion' | 'kind'>[];
}

export function listObject(r: ResourceInfo, result: ListResult): ListObject {
  const metadata: ListObject['metadata'] = { resourceVersion: result.resourceVersion };
  if (result.continue) metadata.continue = result.continue;
  if (result.remainingItemCount !== undefined)
    metadata.remainingItemCount = result.remainingItemCount;
  return {
    apiVersion: apiVersionOf(r),
    kind: `${r.kind}List`,
    metadata,
    items: result.items.map(({ apiVersion: _v, kind: _k, ...rest }) => rest),
  };
}
