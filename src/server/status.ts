/**
 * Status objects the HTTP layer answers itself, with kube-apiserver's words
 * (apimachinery pkg/api/errors, apiserver pkg/endpoints/handlers/responsewriters).
 */
import {
  badRequest as engineBadRequest,
  methodNotAllowed as engineMethodNotAllowed,
  type StatusError,
} from '../engine';
import type { ResourceTarget } from './routes';

function status(code: number, reason: string, message: string, details?: object) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

/** The mux's answer for a path nobody serves (genericapiserver's NotFound handler). */
export function notFoundStatus() {
  return status(404, 'NotFound', 'the server could not find the requested resource');
}

/** An engine Status as the wire carries it: with its (empty) ListMeta after the type meta. */
export function onWire({ kind, apiVersion, ...rest }: StatusError) {
  return { kind, apiVersion, metadata: {}, ...rest };
}

export function badRequest(message: string) {
  return onWire(engineBadRequest(message));
}

/** RBAC's answer to a non-resource URL (authorization filter's forbidden). */
export function forbiddenPath(verb: string, path: string) {
  return status(
    403,
    'Forbidden',
    `forbidden: User "system:anonymous" cannot ${verb} path "${path}"`,
    {},
  );
}

/** errors.NewMethodNotSupported: a verb the resource does not have. */
export function methodNotAllowed(action: string, t: ResourceTarget) {
  const r = t.resource;
  const qualified = r.group ? `${r.resource}.${r.group}` : r.resource;
  return onWire({
    ...engineMethodNotAllowed(`${action} is not supported on resources of kind "${qualified}"`),
    details: { ...(r.group ? { group: r.group } : {}), kind: r.resource },
  });
}

/** negotiation.NewNotAcceptableError. */
export function notAcceptable(accepted: string[]) {
  return status(
    406,
    'NotAcceptable',
    `only the following media types are accepted: ${accepted.join(', ')}`,
  );
}

/**
 * An error that is not a Status (responsewriters.ErrorToAPIStatus's default): a 500 whose reason is
 * StatusReasonUnknown, the empty string, which the JSON leaves out.
 */
export function internalError(message: string) {
  const { reason: _unknown, ...rest } = status(500, '', message);
  return rest;
}

/** negotiation.NewUnsupportedMediaTypeError. */
export function unsupportedMediaType(accepted: string[]) {
  return status(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );
}

/** The body limit (apiserver's MaxRequestBodyBytes, 3 MiB). */
export function requestEntityTooLarge(limitBytes: number) {
  return status(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limitBytes}`);
}

/** The cacher's answer to a watch from a revision it no longer holds. */
export function tooOldResourceVersion(requested: number, oldest: number) {
  return status(410, 'Expired', `too old resource version: ${requested} (${oldest})`);
}
