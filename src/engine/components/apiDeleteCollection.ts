/**
 * DELETE on a collection (k8s.io/apiserver pkg/endpoints/handlers/delete.go DeleteCollection,
 * pkg/registry/generic/registry/store.go Store.DeleteCollection): the list options and delete
 * options are checked, the matching objects are listed (in pages of 10,000, or the one page the
 * client's `limit` asks for) and each goes through the ordinary delete with the same options; an
 * object already gone is skipped, any other failure ends the request with that error (the
 * objects before it stay deleted). The answer is the list as it was read: the objects as they
 * were before their deletion, under the first page's list metadata.
 */
import { methodNotAllowed } from '../api/errors';
import { type ResourceInfo, resourceDotGroup } from '../api/resources';
import type { ApiRequest, ApiResult, KObject } from '../api/types';
import { validateDeleteOptions } from '../apiserver/deleteOptions';
import type { Simulation } from '../sim/simulation';
import { listObjects } from './apiList';

/** store.go deleteCollectionPageSize. */
const PAGE_SIZE = 10_000;

/** The single-object delete the collection's items go through (apiServer.ts `remove`). */
export type DeleteOne = (namespace: string | undefined, name: string, req: ApiRequest) => ApiResult;

export function deleteCollection(
  sim: Simulation,
  r: ResourceInfo,
  req: ApiRequest,
  namespace: string | undefined,
  deleteOne: DeleteOne,
): ApiResult {
  if (r.verbs && !r.verbs.includes('deletecollection'))
    // NewMethodNotSupported: the kind's storage cannot delete collections (Namespaces).
    return {
      ok: false,
      status: {
        ...methodNotAllowed(
          `deletecollection is not supported on resources of kind ${JSON.stringify(resourceDotGroup(r))}`,
        ),
        details: { group: r.group || undefined, kind: r.resource },
      },
    };
  const badOptions = validateDeleteOptions(req);
  if (badOptions) return { ok: false, status: badOptions };
  const clientLimit = req.limit !== undefined && req.limit > 0;
  // A collection is always one namespace's (the API has no cluster-wide DELETE of pods).
  let listReq: ApiRequest = {
    ...req,
    verb: 'list',
    namespace,
    limit: clientLimit ? req.limit : PAGE_SIZE,
  };
  const items: KObject[] = [];
  let first: (ApiResult & { ok: true; items: KObject[] }) | undefined;
  for (;;) {
    const page = listObjects(sim, r, listReq, namespace);
    if (!page.ok || !page.items) return page;
    first ??= page;
    for (const obj of page.items) {
      const res = deleteOne(namespace, obj.metadata.name as string, { ...req, verb: 'delete' });
      if (!res.ok && !(res.status && res.status.reason === 'NotFound')) return res;
      items.push(obj);
    }
    if (clientLimit || !page.continue) break;
    listReq = {
      ...listReq,
      continue: page.continue,
      resourceVersion: undefined,
      resourceVersionMatch: undefined,
    };
  }
  return { ...first, items };
}
