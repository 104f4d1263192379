/**
 * The whole HTTP answer to a discovery request — status, headers, body — as kube-apiserver
 * gives it, still a function of the request only: the server copies it onto the wire.
 */
import { aggregatedDiscovery } from './aggregated';
import { discoveryETag } from './etag';
import { apiGroup, apiGroupList, apiResourceList, apiVersions } from './legacy';
import { chooseDiscovery } from './negotiate';

/** An answer the server sends as it is. */
export interface WireAnswer {
  status: number;
  /** Content-Type and the rest (ETag, Vary, Cache-Control, Location, Content-Encoding, …). */
  headers: Record<string, string>;
  body: string | Buffer;
}

/** What the answers depend on besides the path. */
export interface RequestHeaders {
  accept?: string;
  ifNoneMatch?: string;
}

function notAcceptable(): WireAnswer {
  return {
    status: 406,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'only the following media types are accepted: application/json',
      reason: 'NotAcceptable',
      code: 406,
    }),
  };
}

function plain(body: unknown): WireAnswer {
  return {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
}

/**
 * `GET /api`, `/apis`, `/apis/GROUP`, `/api/v1`, `/apis/GROUP/VERSION` (no trailing slash, as
 * client-go asks); undefined for any other path, or a group or version not served (a 404).
 * serverAddress is `host:port` as clients reach this server (for /api's serverAddressByClientCIDRs).
 */
export function discoveryAnswer(
  path: string,
  headers: RequestHeaders,
  serverAddress: string,
): WireAnswer | undefined {
  if (path === '/api' || path === '/apis') {
    const choice = chooseDiscovery(headers.accept);
    if (choice.representation === 'not-acceptable') return notAcceptable();
    if (choice.representation === 'legacy')
      return plain(path === '/api' ? apiVersions(serverAddress) : apiGroupList());
    const body = JSON.stringify(aggregatedDiscovery(path === '/api' ? 'api' : 'apis'));
    const etag = discoveryETag(body);
    const cache = { ETag: etag, Vary: 'Accept', 'Cache-Control': 'public' };
    if (headers.ifNoneMatch === etag) return { status: 304, headers: cache, body: '' };
    return { status: 200, headers: { 'Content-Type': choice.contentType, ...cache }, body };
  }
  // Discovery's other documents are plain JSON (the legacy handlers take */* and json).
  const group = /^\/apis\/([^/]+)$/.exec(path);
  if (group) {
    const g = apiGroup(group[1]);
    return g && plain(g);
  }
  const list = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (list) {
    const l = apiResourceList(list[2] ?? '', list[1] ?? list[3]);
    return l && plain(l);
  }
  return undefined;
}
