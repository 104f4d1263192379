/**
 * The API resources this cluster serves: REST name, kind, group/version, scope and kubectl's
 * short names (as `kubectl api-resources` lists them).
 */
export interface ResourceInfo {
  resource: string;
  singular: string;
  kind: string;
  group: string;
  version: string;
  namespaced: boolean;
  shortNames: string[];
}

const R = (
  resource: string,
  singular: string,
  kind: string,
  group: string,
  version: string,
  namespaced: boolean,
  shortNames: string[] = [],
): ResourceInfo => ({ resource, singular, kind, group, version, namespaced, shortNames });

export const RESOURCES: readonly ResourceInfo[] = [
  R('pods', 'pod', 'Pod', '', 'v1', true, ['po']),
  R('nodes', 'node', 'Node', '', 'v1', false, ['no']),
  R('namespaces', 'namespace', 'Namespace', '', 'v1', false, ['ns']),
  R('services', 'service', 'Service', '', 'v1', true, ['svc']),
  R('events', 'event', 'Event', '', 'v1', true, ['ev']),
  R('serviceaccounts', 'serviceaccount', 'ServiceAccount', '', 'v1', true, ['sa']),
  R('configmaps', 'configmap', 'ConfigMap', '', 'v1', true, ['cm']),
  R('deployments', 'deployment', 'Deployment', 'apps', 'v1', true, ['deploy']),
  R('replicasets', 'replicaset', 'ReplicaSet', 'apps', 'v1', true, ['rs']),
  R('daemonsets', 'daemonset', 'DaemonSet', 'apps', 'v1', true, ['ds']),
  R('jobs', 'job', 'Job', 'batch', 'v1', true, []),
  R('endpointslices', 'endpointslice', 'EndpointSlice', 'discovery.k8s.io', 'v1', true, []),
  R('leases', 'lease', 'Lease', 'coordination.k8s.io', 'v1', true, []),
  // First-week objects (issue 10): Secrets, StatefulSets and the revisions they keep.
  R('secrets', 'secret', 'Secret', '', 'v1', true, []),
  R('statefulsets', 'statefulset', 'StatefulSet', 'apps', 'v1', true, ['sts']),
  R('controllerrevisions', 'controllerrevision', 'ControllerRevision', 'apps', 'v1', true, []),
];

const byResource = new Map<string, ResourceInfo>();
const byKind = new Map<string, ResourceInfo>();
const byAlias = new Map<string, ResourceInfo>();
for (const r of RESOURCES) {
  byResource.set(r.resource, r);
  byKind.set(r.kind, r);
  for (const alias of [r.resource, r.singular, r.kind.toLowerCase(), ...r.shortNames]) {
    byAlias.set(alias, r);
    if (r.group) byAlias.set(`${alias}.${r.group}`, r);
  }
}

export function resourceInfo(resource: string): ResourceInfo {
  const r = byResource.get(resource);
  if (!r) throw new Error(`unknown resource ${resource}`);
  return r;
}

export function resourceForKind(kind: string): ResourceInfo | undefined {
  return byKind.get(kind);
}

/** kubectl's lookup: plural, singular, short name, kind, optionally with `.group`. */
export function resourceForAlias(alias: string): ResourceInfo | undefined {
  return byAlias.get(alias.toLowerCase());
}

export function apiVersionOf(r: ResourceInfo): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `deployment.apps` / `pod`: how kubectl names a kind in its output. */
export function kindDotGroup(r: ResourceInfo): string {
  return r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase();
}

/** `deployments.apps` / `pods`: how the API server names a resource in its errors. */
export function resourceDotGroup(r: ResourceInfo): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}
