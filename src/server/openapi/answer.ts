/**
 * The whole HTTP answer to an OpenAPI request — status, headers, body — as kube-openapi's
 * handlers give it (pkg/handler for /openapi/v2, pkg/handler3 for /openapi/v3), still a function
 * of the request only: the server copies it onto the wire.
 */
import { createHash } from 'node:crypto';
import type { RequestHeaders, WireAnswer } from '../discovery/answer';
import {
  chooseOpenAPIV2Format,
  chooseOpenAPIV3Format,
  lookupOpenAPIV3,
  type OpenAPIDocument,
  openapiV2,
  openapiV3Index,
} from './documents';

export interface OpenAPIRequestHeaders extends RequestHeaders {
  acceptEncoding?: string;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

function document(
  doc: OpenAPIDocument,
  headers: OpenAPIRequestHeaders,
  extra: Record<string, string> = {},
): WireAnswer {
  const cache = { ETag: doc.etag, Vary: 'Accept', ...extra };
  if (headers.ifNoneMatch === doc.etag) return { status: 304, headers: cache, body: '' };
  const gzip = /\bgzip\b/.test(headers.acceptEncoding ?? '');
  return {
    status: 200,
    headers: {
      'Content-Type': doc.contentType,
      ...cache,
      ...(gzip && { 'Content-Encoding': 'gzip' }),
    },
    body: gzip ? doc.gzip : doc.body,
  };
}

/** A type the handler lacks: 406 with nothing in it, as kube-openapi writes it. */
const NOT_ACCEPTABLE: WireAnswer = { status: 406, headers: { Vary: 'Accept' }, body: '' };

/**
 * `GET /openapi/v2`, `/openapi/v3`, `/openapi/v3/GV[?hash=H]`; undefined for any other path or a
 * group version not served (a 404). `hash` is the query's hash parameter; `now` dates the
 * Expires of an immutable document (a year on).
 */
export function openapiAnswer(
  path: string,
  hash: string | null | undefined,
  headers: OpenAPIRequestHeaders,
  now: Date,
): WireAnswer | undefined {
  if (path === '/openapi/v2') {
    const format = chooseOpenAPIV2Format(headers.accept);
    return format === 'not-acceptable' ? NOT_ACCEPTABLE : document(openapiV2(format), headers);
  }
  if (path === '/openapi/v3') {
    const body = JSON.stringify(openapiV3Index());
    const etag = `"${createHash('sha512').update(body).digest('hex').toUpperCase()}"`;
    if (headers.ifNoneMatch === etag) return { status: 304, headers: { ETag: etag }, body: '' };
    return { status: 200, headers: { 'Content-Type': 'application/json', ETag: etag }, body };
  }
  if (!path.startsWith('/openapi/v3/')) return undefined;
  const found = lookupOpenAPIV3(path.slice('/openapi/v3/'.length), hash);
  if (found.kind === 'not-found') return undefined;
  if (chooseOpenAPIV3Format(headers.accept) === 'not-acceptable') return NOT_ACCEPTABLE;
  if (found.kind === 'redirect')
    return { status: 301, headers: { Location: found.location }, body: '' };
  return document(
    found.document,
    headers,
    found.immutable
      ? {
          'Cache-Control': 'public, immutable',
          Expires: new Date(now.getTime() + YEAR_MS).toUTCString(),
        }
      : {},
  );
}
