/**
 * The checks that fail while the API server decodes a request body, before admission or
 * validation run: every resource quantity must parse. The server answers 400 BadRequest with
 * `<Kind> in version "<v>" cannot be handled as a <Kind>: <parse error>`
 * (k8s.io/apiserver/pkg/endpoints/handlers/create.go / update.go).
 */
import { badRequest } from '../../api/errors';
import type { KObject, StatusError } from '../../api/types';
import { parseQuantity } from '../../model/quantity';

// biome-ignore lint/suspicious/noExplicitAny: objects are free-form JSON here
type Json = any;

function* resourceLists(spec: Json): Generator<Json> {
  if (!spec) return;
  yield spec.resources?.requests;
  yield spec.resources?.limits;
  yield spec.overhead;
  for (const c of [
    ...(spec.containers ?? []),
    ...(spec.initContainers ?? []),
    ...(spec.ephemeralContainers ?? []),
  ]) {
    yield c.resources?.requests;
    yield c.resources?.limits;
  }
  for (const v of spec.volumes ?? []) {
    if (v.emptyDir?.sizeLimit !== undefined) yield { sizeLimit: v.emptyDir.sizeLimit };
  }
}

function* quantityLists(obj: KObject): Generator<Json> {
  switch (obj.kind) {
    case 'Pod':
      yield* resourceLists(obj.spec);
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'Job':
      yield* resourceLists(obj.spec?.template?.spec);
      break;
    case 'Node':
      yield obj.status?.capacity;
      yield obj.status?.allocatable;
      break;
  }
}

/** The decode error a body with an unparsable quantity gets, or undefined. */
export function checkDecodable(obj: KObject): StatusError | undefined {
  for (const list of quantityLists(obj)) {
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
  }
  return undefined;
}
