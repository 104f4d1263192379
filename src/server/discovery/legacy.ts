/**
 * The unaggregated discovery documents (k8s.io/apimachinery pkg/apis/meta/v1 APIVersions,
 * APIGroupList, APIGroup, APIResourceList), as kube-apiserver v1.34 answers `/api`, `/apis`,
 * `/apis/GROUP`, `/api/v1` and `/apis/GROUP/VERSION` (compare kubernetes/kubernetes
 * api/discovery/*.json). Field order is Go's struct order, so the JSON reads like the real one.
 */
import { RESOURCES, type ServedResource, type Subresource } from '../../engine';
import { storageVersionHash } from './storageVersionHash';

export interface GroupVersionForDiscovery {
  groupVersion: string;
  version: string;
}

export interface APIGroup {
  kind?: 'APIGroup';
  apiVersion?: 'v1';
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion: GroupVersionForDiscovery;
}

export interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  storageVersionHash?: string;
}

export interface APIResourceList {
  kind: 'APIResourceList';
  apiVersion?: 'v1';
  groupVersion: string;
  resources: APIResource[];
}

export interface APIVersions {
  kind: 'APIVersions';
  versions: string[];
  serverAddressByClientCIDRs: { clientCIDR: string; serverAddress: string }[];
}

export interface APIGroupList {
  kind: 'APIGroupList';
  apiVersion: 'v1';
  groups: APIGroup[];
}

/**
 * The order kube-apiserver lists its groups in (the aggregator's APIService priorities:
 * kubernetes/kubernetes api/discovery/apis.json), so `kubectl api-resources` prints the groups
 * as a real cluster does. Groups not listed here would come last, by name.
 */
const GROUP_ORDER = [
  'apiregistration.k8s.io',
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'flowcontrol.apiserver.k8s.io',
];

function groupRank(group: string): number {
  const i = GROUP_ORDER.indexOf(group);
  return i < 0 ? GROUP_ORDER.length : i;
}

/** The named groups served, in discovery order, each with its (one) version. */
export function servedGroups(): { name: string; versions: string[] }[] {
  const byGroup = new Map<string, string[]>();
  for (const r of RESOURCES) {
    if (!r.group) continue;
    const versions = byGroup.get(r.group) ?? [];
    if (!versions.includes(r.version)) versions.push(r.version);
    byGroup.set(r.group, versions);
  }
  return [...byGroup]
    .map(([name, versions]) => ({ name, versions }))
    .sort((a, b) => groupRank(a.name) - groupRank(b.name) || (a.name < b.name ? -1 : 1));
}

/** `GET /api`. serverAddress is host:port of this server as the client reaches it. */
export function apiVersions(serverAddress: string): APIVersions {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupEntry(name: string, versions: string[]): APIGroup {
  const list = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: list, preferredVersion: list[0] };
}

/** `GET /apis`: the groups, without kind and apiVersion on each (as the real list has them). */
export function apiGroupList(): APIGroupList {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: servedGroups().map((g) => groupEntry(g.name, g.versions)),
  };
}

/** `GET /apis/GROUP`, or undefined when the group is not served (a 404). */
export function apiGroup(group: string): APIGroup | undefined {
  const g = servedGroups().find((x) => x.name === group);
  return g && { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(g.name, g.versions) };
}

/** What each subresource is in discovery: its kind (another group's, for some) and verbs. */
function subresourceEntry(r: ServedResource, sub: Subresource): APIResource {
  const base = { name: `${r.resource}/${sub}`, singularName: '', namespaced: r.namespaced };
  switch (sub) {
    case 'status':
      return { ...base, kind: r.kind, verbs: ['get', 'patch', 'update'] };
    case 'scale':
      return {
        ...base,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: ['get', 'patch', 'update'],
      };
    case 'binding':
      return { ...base, kind: 'Binding', verbs: ['create'] };
    case 'eviction':
      return { ...base, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] };
    case 'log':
      return { ...base, kind: 'Pod', verbs: ['get'] };
    case 'exec':
      return { ...base, kind: 'PodExecOptions', verbs: ['create', 'get'] };
  }
}

function resourceEntry(r: ServedResource): APIResource {
  const out: APIResource = {
    name: r.resource,
    singularName: r.singular,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: [...r.verbs],
  };
  if (r.shortNames.length > 0) out.shortNames = [...r.shortNames];
  if (r.categories.length > 0) out.categories = [...r.categories];
  out.storageVersionHash = storageVersionHash(r.group, r.version, r.kind);
  return out;
}

/** A group version's resources and subresources, sorted by name as the real list is. */
export function resourcesOf(group: string, version: string): APIResource[] | undefined {
  const served = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (served.length === 0) return undefined;
  const entries: APIResource[] = [];
  for (const r of served) {
    entries.push(resourceEntry(r));
    for (const sub of r.subresources) entries.push(subresourceEntry(r, sub));
  }
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * `GET /api/v1` (group '') or `/apis/GROUP/VERSION`; undefined when not served (a 404). The core
 * list has no apiVersion: the real server has never set one there.
 */
export function apiResourceList(group: string, version: string): APIResourceList | undefined {
  const resources = resourcesOf(group, version);
  if (!resources) return undefined;
  return group
    ? { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${group}/${version}`, resources }
    : { kind: 'APIResourceList', groupVersion: version, resources };
}
