/**
 * The checks that fail while the API server decodes a request body, before admission or
 * validation run: every resource quantity must parse. The server answers 400 BadRequest with
 * `<Kind> in version "<v>" cannot be handled as a <Kind>: <parse error>`
 * (k8s.io/apiserver/pkg/endpoints/handlers/create.go / update.go).
 */
import { badRequest } from '../../api/errors';
import type { KObject, StatusError } from '../../api/types';
import { parseQuantity } from '../../model/quantity';
import { checkSecretBytes } from './secretBytes';

// biome-ignore lint/suspicious/noExplicitAny: objects are free-form JSON here
type Json = any;

type Visit = (list: Json) => StatusError | undefined;

/**
 * The resource lists of a pod spec, in the order the decoder meets them, each checked before the
 * next is read (the first bad quantity ends the walk, as it always did).
 */
function resourceLists(spec: Json, visit: Visit): StatusError | undefined {
  if (!spec) return undefined;
  const err =
    visit(spec.resources?.requests) ?? visit(spec.resources?.limits) ?? visit(spec.overhead);
  if (err) return err;
  for (const c of [
    ...(spec.containers ?? []),
    ...(spec.initContainers ?? []),
    ...(spec.ephemeralContainers ?? []),
  ]) {
    const e = visit(c.resources?.requests) ?? visit(c.resources?.limits);
    if (e) return e;
  }
  for (const v of spec.volumes ?? []) {
    if (v.emptyDir?.sizeLimit !== undefined) {
      const e = visit({ sizeLimit: v.emptyDir.sizeLimit });
      if (e) return e;
    }
  }
  return undefined;
}

function quantityLists(obj: KObject, visit: Visit): StatusError | undefined {
  switch (obj.kind) {
    case 'Pod':
      return resourceLists(obj.spec, visit);
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'Job':
      return resourceLists(obj.spec?.template?.spec, visit);
    case 'StatefulSet':
      return (
        resourceLists(obj.spec?.template?.spec, visit) ??
        claimTemplateLists(obj.spec?.volumeClaimTemplates, visit)
      );
    case 'Node':
      return visit(obj.status?.capacity) ?? visit(obj.status?.allocatable);
  }
  return undefined;
}

function claimTemplateLists(claims: Json, visit: Visit): StatusError | undefined {
  if (!Array.isArray(claims)) return undefined;
  for (const claim of claims) {
    const resources = claim?.spec?.resources;
    const err = visit(resources?.requests) ?? visit(resources?.limits);
    if (err) return err;
  }
  return undefined;
}

/** The decode error a body with an unparsable quantity (or Secret bytes) gets, or undefined. */
export function checkDecodable(obj: KObject): StatusError | undefined {
  if (obj.kind === 'Secret') return checkSecretBytes(obj);
  return quantityLists(obj, (list) => {
    for (const value of Object.values(list ?? {})) {
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      const q = parseQuantity(value);
      if (!q.ok) {
        const version = String(obj.apiVersion ?? '')
          .split('/')
          .pop();
        return badRequest(
          `${obj.kind} in version ${JSON.stringify(version)} cannot be handled as a ${obj.kind}: ${q.error}`,
        );
      }
    }
    return undefined;
  });
}
