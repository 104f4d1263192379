import type { AttachTarget } from '../store/feed';

/**
 * The page's link to a served cluster, `?server=URL&token=T` (what `npm run apiserver` prints):
 * none, a good one, or a bad one (the app says so and runs its own cluster). The door must be
 * plain http(s) on this computer (loopback) or on the page's own host, with no path, and the
 * token a bearer token of sane length.
 */
export type AttachLink =
  | { kind: 'none' }
  | { kind: 'bad' }
  | { kind: 'target'; target: AttachTarget };

/** RFC 6750's b64token characters; the server's are 32 (24 random bytes, base64url). */
const TOKEN = /^[A-Za-z0-9._~+/-]+=*$/;
const TOKEN_MIN = 8;
const TOKEN_MAX = 512;

export function parseAttachLink(params: URLSearchParams, pageHost: string): AttachLink {
  const server = params.get('server');
  const token = params.get('token');
  if (server === null && token === null) return { kind: 'none' };
  if (server === null || token === null) return { kind: 'bad' };
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return { kind: 'bad' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'bad' };
  if (url.username || url.password || url.search || url.hash) return { kind: 'bad' };
  if (url.pathname !== '/') return { kind: 'bad' };
  if (!isLoopback(url.hostname) && url.hostname !== pageHost) return { kind: 'bad' };
  if (token.length < TOKEN_MIN || token.length > TOKEN_MAX || !TOKEN.test(token))
    return { kind: 'bad' };
  return { kind: 'target', target: { server: url.origin, token } };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Reads the link once, before anything else runs, and takes `server` and `token` out of the
 * address bar (history replaced), so the token is not left in it, in the history or in a
 * bookmark. Other parameters stay.
 */
export function takeAttachLink(
  loc: Pick<Location, 'href' | 'hostname'> = window.location,
  hist: Pick<History, 'state' | 'replaceState'> = window.history,
): AttachLink {
  const url = new URL(loc.href);
  const link = parseAttachLink(url.searchParams, loc.hostname);
  if (url.searchParams.has('server') || url.searchParams.has('token')) {
    url.searchParams.delete('server');
    url.searchParams.delete('token');
    hist.replaceState(hist.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return link;
}
