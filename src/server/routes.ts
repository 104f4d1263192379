/**
 * A request path as kube-apiserver's installer reads it (k8s.io/apiserver pkg/endpoints
 * installer.go and request/requestinfo.go RequestInfoFactory.NewRequestInfo):
 *   /api/v1/RESOURCE[/NAME[/SUBRESOURCE]]
 *   /api/v1/namespaces/NS/RESOURCE[/NAME[/SUBRESOURCE]]
 *   /apis/GROUP/VERSION/… the same
 * with the legacy `/watch/` prefix, and the non-resource paths (discovery, OpenAPI, health).
 */
import { RESOURCES, type ResourceInfo } from '../engine';

export type Route =
  | { kind: 'resource'; target: ResourceTarget }
  | { kind: 'nonResource'; path: string }
  /** A group, version or resource this server does not serve. */
  | { kind: 'notFound' };

export interface ResourceTarget {
  resource: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** The deprecated /watch/ path prefix (a watch whatever the query says). */
  watchPath: boolean;
}

export function route(path: string): Route {
  const parts = path.split('/').filter((p) => p !== '');
  let i = 0;
  let group: string;
  let version: string;
  if (parts[0] === 'api') {
    if (parts.length === 1) return { kind: 'nonResource', path: '/api' };
    group = '';
    version = parts[1];
    i = 2;
  } else if (parts[0] === 'apis') {
    if (parts.length <= 2) return { kind: 'nonResource', path: `/${parts.join('/')}` };
    group = parts[1];
    version = parts[2];
    i = 3;
  } else {
    return { kind: 'nonResource', path: `/${parts.join('/')}` };
  }
  if (i === parts.length) return { kind: 'nonResource', path: `/${parts.join('/')}` };
  let watchPath = false;
  if (parts[i] === 'watch') {
    watchPath = true;
    i++;
  }
  const rest = parts.slice(i).map(decodeSegment);
  if (rest.some((p) => p === undefined)) return { kind: 'notFound' };
  const seg = rest as string[];
  const find = (name: string) =>
    RESOURCES.find((r) => r.group === group && r.version === version && r.resource === name);

  // /namespaces/NS/RESOURCE… (the core group's /namespaces/NAME[/status] is the Namespace).
  if (seg[0] === 'namespaces' && seg.length >= 3) {
    const resource = find(seg[2]);
    if (!resource?.namespaced || seg.length > 5) return { kind: 'notFound' };
    return {
      kind: 'resource',
      target: { resource, namespace: seg[1], name: seg[3], subresource: seg[4], watchPath },
    };
  }
  const resource = find(seg[0]);
  if (!resource || seg.length > 3) return { kind: 'notFound' };
  // A namespaced resource at the top is the list across all namespaces (no name allowed).
  if (resource.namespaced && seg.length > 1) return { kind: 'notFound' };
  return {
    kind: 'resource',
    target: { resource, name: seg[1], subresource: seg[2], watchPath },
  };
}

function decodeSegment(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}
