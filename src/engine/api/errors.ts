/**
 * metav1.Status failures with the API server's own wording
 * (k8s.io/apimachinery/pkg/api/errors/errors.go; k8s-facts.md §9.1).
 */
import { type ResourceInfo, resourceDotGroup } from './resources';
import type { StatusError } from './types';

export interface FieldError {
  field: string;
  /** `Required value`, `Invalid value: "x": detail`, `Duplicate value: "x"`, … */
  body: string;
  reason:
    | 'FieldValueRequired'
    | 'FieldValueInvalid'
    | 'FieldValueDuplicate'
    | 'FieldValueNotSupported'
    | 'FieldValueForbidden'
    | 'FieldValueTooLong'
    | 'FieldValueNotFound';
}

const q = (s: unknown) => JSON.stringify(String(s));

export const fieldErrors = {
  required: (field: string, detail = ''): FieldError => ({
    field,
    body: detail ? `Required value: ${detail}` : 'Required value',
    reason: 'FieldValueRequired',
  }),
  invalid: (field: string, value: unknown, detail: string): FieldError => ({
    field,
    body: `Invalid value: ${typeof value === 'number' ? value : q(value)}${detail ? `: ${detail}` : ''}`,
    reason: 'FieldValueInvalid',
  }),
  duplicate: (field: string, value: unknown): FieldError => ({
    field,
    body: `Duplicate value: ${q(value)}`,
    reason: 'FieldValueDuplicate',
  }),
  notSupported: (field: string, value: unknown, supported: string[]): FieldError => ({
    field,
    body: `Unsupported value: ${q(value)}: supported values: ${supported.map(q).join(', ')}`,
    reason: 'FieldValueNotSupported',
  }),
  forbidden: (field: string, detail: string): FieldError => ({
    field,
    body: `Forbidden: ${detail}`,
    reason: 'FieldValueForbidden',
  }),
  tooLong: (field: string, maxLength: number): FieldError => ({
    field,
    body: `Too long: may not be more than ${maxLength} bytes`,
    reason: 'FieldValueTooLong',
  }),
};

export function fieldErrorText(e: FieldError): string {
  return `${e.field}: ${e.body}`;
}

function status(
  code: number,
  reason: StatusError['reason'],
  message: string,
  details?: StatusError['details'],
): StatusError {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, details, code };
}

export function notFound(r: ResourceInfo, name: string): StatusError {
  return status(404, 'NotFound', `${resourceDotGroup(r)} ${q(name)} not found`, {
    name,
    group: r.group || undefined,
    kind: r.resource,
  });
}

export function namespaceNotFound(ns: string): StatusError {
  return status(404, 'NotFound', `namespaces ${q(ns)} not found`, { name: ns, kind: 'namespaces' });
}

export function alreadyExists(r: ResourceInfo, name: string): StatusError {
  return status(409, 'AlreadyExists', `${resourceDotGroup(r)} ${q(name)} already exists`, {
    name,
    group: r.group || undefined,
    kind: r.resource,
  });
}

export function conflict(r: ResourceInfo, name: string): StatusError {
  return status(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${resourceDotGroup(r)} ${q(name)}: the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: r.group || undefined, kind: r.resource },
  );
}

/** NewInvalid: `Kind "name" is invalid: err` or `[err1, err2]` for several. */
export function invalid(r: ResourceInfo, name: string, errs: FieldError[]): StatusError {
  const texts = errs.map(fieldErrorText);
  const agg = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  // NewInvalid names the qualified kind (`Deployment.apps`); kubectl prints details.kind.
  const qualifiedKind = r.group ? `${r.kind}.${r.group}` : r.kind;
  return status(422, 'Invalid', `${qualifiedKind} ${q(name)} is invalid: ${agg}`, {
    name,
    group: r.group || undefined,
    kind: r.kind,
    causes: errs.map((e) => ({ reason: e.reason, message: e.body, field: e.field })),
  });
}

/**
 * The PATCH handler's refusal of a patch (k8s.io/apiserver pkg/endpoints/handlers/patch.go
 * applyPatchToObject): NewInvalid with an empty GroupKind and name, one cause on the field
 * `patch` whose value is the patch as Go prints it (`map[spec:map[…]]`).
 */
export function invalidPatch(patchText: string, detail: string): StatusError {
  const body = `Invalid value: ${q(patchText)}: ${detail}`;
  return status(422, 'Invalid', ` "" is invalid: patch: ${body}`, {
    name: '',
    kind: '',
    causes: [{ reason: 'FieldValueInvalid', message: body, field: 'patch' }],
  });
}

/** NewForbidden: `resource "name" is forbidden: reason` (admission and authorization). */
export function forbidden(r: ResourceInfo, name: string, reason: string): StatusError {
  const subject = name ? `${resourceDotGroup(r)} ${q(name)}` : resourceDotGroup(r);
  return status(403, 'Forbidden', `${subject} is forbidden: ${reason}`, {
    name: name || undefined,
    group: r.group || undefined,
    kind: r.resource,
  });
}

export function badRequest(message: string): StatusError {
  return status(400, 'BadRequest', message);
}

export function methodNotAllowed(message: string): StatusError {
  return status(405, 'MethodNotAllowed', message);
}

/** What clients see while etcd is unavailable: the request cannot complete in time. */
export function storageTimeout(verb: string, r: ResourceInfo): StatusError {
  return status(
    504,
    'Timeout',
    `the server was unable to return a response in the time allotted, but may still be processing the request (${verb} ${resourceDotGroup(r)})`,
  );
}

/** A request for a resource type this API server does not serve. */
export function resourceNotFound(resource: string): StatusError {
  return status(404, 'NotFound', `the server could not find the requested resource (${resource})`);
}

/**
 * ErrorToAPIStatus for an error that is not an API status (a failed dial to a kubelet): code
 * 500, reason StatusReasonUnknown (empty), the error's text as the message.
 */
export function unknownError(message: string): StatusError {
  return status(500, '', message);
}

/** NewInternalError: `Internal error occurred: err`. */
export function internalError(message: string): StatusError {
  return status(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{ message }],
  });
}

/**
 * NewGenericServerResponse for a 404 a proxied backend answered (verb empty, as the pods/log
 * response checker calls it): `the server could not find the requested resource ( pods/log x)`.
 */
export function backendNotFound(qualifiedResource: string, name: string): StatusError {
  return status(
    404,
    'NotFound',
    `the server could not find the requested resource ( ${qualifiedResource} ${name})`,
    {
      name,
      kind: qualifiedResource,
    },
  );
}

/**
 * NewInvalid for a kind named by group and kind (`ListOptions.meta.k8s.io "" is invalid: …`,
 * `Scale.autoscaling "web" is invalid: …`); an empty name stays out of the details.
 */
export function invalidKind(
  group: string,
  kind: string,
  name: string,
  errs: FieldError[],
): StatusError {
  const texts = errs.map(fieldErrorText);
  const agg = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  return status(422, 'Invalid', `${qualifiedKind} ${q(name)} is invalid: ${agg}`, {
    name: name || undefined,
    group: group || undefined,
    kind,
    causes: errs.map((e) => ({ reason: e.reason, message: e.body, field: e.field })),
  });
}

/**
 * NewConflict with the reason the storage gave (`Operation cannot be fulfilled on
 * deployments/scale.apps "web": Precondition failed: …`). `resource` is the GroupResource the
 * caller names, as it names it (`Pod` for BeforeDelete's precondition checks, which use the kind).
 */
export function conflictBecause(
  group: string,
  resource: string,
  name: string,
  why: string,
): StatusError {
  const qualified = group ? `${resource}.${group}` : resource;
  return status(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified} ${q(name)}: ${why}`,
    {
      name,
      group: group || undefined,
      kind: resource,
    },
  );
}

/** NewResourceExpired: 410 Gone, reason Expired (a revision etcd has compacted away). */
export function expired(message: string): StatusError {
  return status(410, 'Expired', message);
}

/**
 * storage.NewTooLargeResourceVersionError: a read at a revision the server has not reached yet
 * (k8s.io/apiserver pkg/storage/errors.go). The watch cache asks the client to retry after a
 * second; a read etcd answers (an exact revision, a paged list) says nothing of retrying.
 */
export function tooLargeResourceVersion(
  minimum: number,
  current: number,
  retryAfterSeconds: number,
): StatusError {
  return status(
    504,
    'Timeout',
    `Timeout: Too large resource version: ${minimum}, current: ${current}`,
    {
      causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
      ...(retryAfterSeconds > 0 ? { retryAfterSeconds } : {}),
    },
  );
}
