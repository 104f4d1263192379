/**
 * Aggregated discovery (apidiscovery.k8s.io/v2 APIGroupDiscoveryList): every group, version and
 * resource in one document, which kubectl 1.32 and client-go ask `/api` and `/apis` for first.
 * Made from the unaggregated lists the way kube-apiserver makes it
 * (k8s.io/apiserver pkg/endpoints/installer.go ConvertGroupVersionIntoToDiscovery): a
 * subresource goes under its parent, responseKind is the list entry's group, version and kind
 * (empty group and version meaning the parent's group version), storageVersionHash is dropped.
 */
import { type APIResource, resourcesOf, servedGroups } from './legacy';

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface APISubresourceDiscovery {
  subresource: string;
  responseKind: GroupVersionKind;
  verbs: string[];
}

export interface APIResourceDiscovery {
  resource: string;
  responseKind: GroupVersionKind;
  scope: 'Cluster' | 'Namespaced';
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: APISubresourceDiscovery[];
}

export interface APIVersionDiscovery {
  version: string;
  resources: APIResourceDiscovery[];
  freshness: 'Current' | 'Stale';
}

export interface APIGroupDiscovery {
  /** The group's name; the core group's metadata is empty. */
  metadata: { name?: string };
  versions: APIVersionDiscovery[];
}

export interface APIGroupDiscoveryList {
  kind: 'APIGroupDiscoveryList';
  apiVersion: 'apidiscovery.k8s.io/v2';
  metadata: Record<string, never>;
  items: APIGroupDiscovery[];
}

function kindOf(r: APIResource): GroupVersionKind {
  return { group: r.group ?? '', version: r.version ?? '', kind: r.kind };
}

function toDiscovery(list: APIResource[]): APIResourceDiscovery[] {
  const out: APIResourceDiscovery[] = [];
  const parents = new Map<string, APIResourceDiscovery>();
  for (const r of list) {
    if (r.name.includes('/')) continue;
    const entry: APIResourceDiscovery = {
      resource: r.name,
      responseKind: kindOf(r),
      scope: r.namespaced ? 'Namespaced' : 'Cluster',
      singularResource: r.singularName,
      verbs: r.verbs,
    };
    if (r.shortNames) entry.shortNames = r.shortNames;
    if (r.categories) entry.categories = r.categories;
    out.push(entry);
    parents.set(r.name, entry);
  }
  for (const r of list) {
    const slash = r.name.indexOf('/');
    if (slash < 0) continue;
    const parent = parents.get(r.name.slice(0, slash));
    if (!parent) throw new Error(`subresource ${r.name} without its resource`);
    parent.subresources ??= [];
    parent.subresources.push({
      subresource: r.name.slice(slash + 1),
      responseKind: kindOf(r),
      verbs: r.verbs,
    });
  }
  return out;
}

function versionEntry(group: string, version: string): APIVersionDiscovery {
  return {
    version,
    resources: toDiscovery(resourcesOf(group, version) ?? []),
    freshness: 'Current',
  };
}

/** The aggregated document `GET /api` (the core group) or `GET /apis` (the named groups) serves. */
export function aggregatedDiscovery(root: 'api' | 'apis'): APIGroupDiscoveryList {
  const items: APIGroupDiscovery[] =
    root === 'api'
      ? [{ metadata: {}, versions: [versionEntry('', 'v1')] }]
      : servedGroups().map((g) => ({
          metadata: { name: g.name },
          versions: g.versions.map((v) => versionEntry(g.name, v)),
        }));
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items,
  };
}
