/**
 * The API resources this cluster serves: REST name, kind, group/version, scope, kubectl's short
 * names (as `kubectl api-resources` lists them), and what discovery says of each: its verbs,
 * categories and subresources, as the real kube-apiserver v1.34 lists them
 * (kubernetes/kubernetes api/discovery/api__v1.json, apis__apps__v1.json, …).
 */
export interface ResourceInfo {
  resource: string;
  singular: string;
  kind: string;
  group: string;
  version: string;
  namespaced: boolean;
  shortNames: string[];
  /** The verbs discovery lists (kubectl checks them, e.g. `get` for `kubectl get`). */
  verbs?: readonly string[];
  /** Discovery categories: `all` is what `kubectl get all` expands to. */
  categories?: readonly string[];
  /** The subresources served under `NAME/` (discovery lists them as `pods/status`, …). */
  subresources?: readonly Subresource[];
}

/** A resource of RESOURCES: its discovery fields are always set. */
export type ServedResource = ResourceInfo & Required<Pick<ResourceInfo, keyof Discovery>>;

/**
 * What the subresources are: status (the object's status only), scale (autoscaling/v1 Scale),
 * pods/binding (the scheduler's Binding), pods/eviction (policy/v1 Eviction, `kubectl drain`),
 * pods/log and pods/exec (passed on to the node's kubelet).
 */
export type Subresource = 'status' | 'scale' | 'binding' | 'eviction' | 'log' | 'exec';

/** Every verb a stored resource answers (registry/rest: Creater, Lister, Watcher, …). */
const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

type Discovery = Pick<ResourceInfo, 'verbs' | 'categories' | 'subresources'>;

const R = (
  resource: string,
  singular: string,
  kind: string,
  group: string,
  version: string,
  namespaced: boolean,
  shortNames: string[] = [],
  { verbs = ALL_VERBS, categories = [], subresources = [] }: Discovery = {},
): ServedResource => ({
  resource,
  singular,
  kind,
  group,
  version,
  namespaced,
  shortNames,
  verbs,
  categories,
  subresources,
});

const ALL = ['all'];

export const RESOURCES: readonly ServedResource[] = [
  R('pods', 'pod', 'Pod', '', 'v1', true, ['po'], {
    categories: ALL,
    subresources: ['binding', 'eviction', 'exec', 'log', 'status'],
  }),
  R('nodes', 'node', 'Node', '', 'v1', false, ['no'], { subresources: ['status'] }),
  // A namespace goes away through its finalizer, never as part of a collection.
  R('namespaces', 'namespace', 'Namespace', '', 'v1', false, ['ns'], {
    verbs: ALL_VERBS.filter((v) => v !== 'deletecollection'),
    subresources: ['status'],
  }),
  R('services', 'service', 'Service', '', 'v1', true, ['svc'], {
    categories: ALL,
    subresources: ['status'],
  }),
  R('events', 'event', 'Event', '', 'v1', true, ['ev']),
  R('serviceaccounts', 'serviceaccount', 'ServiceAccount', '', 'v1', true, ['sa']),
  R('configmaps', 'configmap', 'ConfigMap', '', 'v1', true, ['cm']),
  R('deployments', 'deployment', 'Deployment', 'apps', 'v1', true, ['deploy'], {
    categories: ALL,
    subresources: ['scale', 'status'],
  }),
  R('replicasets', 'replicaset', 'ReplicaSet', 'apps', 'v1', true, ['rs'], {
    categories: ALL,
    subresources: ['scale', 'status'],
  }),
  R('daemonsets', 'daemonset', 'DaemonSet', 'apps', 'v1', true, ['ds'], {
    categories: ALL,
    subresources: ['status'],
  }),
  R('jobs', 'job', 'Job', 'batch', 'v1', true, [], { categories: ALL, subresources: ['status'] }),
  R('cronjobs', 'cronjob', 'CronJob', 'batch', 'v1', true, ['cj'], {
    categories: ALL,
    subresources: ['status'],
  }),
  R('endpointslices', 'endpointslice', 'EndpointSlice', 'discovery.k8s.io', 'v1', true, []),
  R('leases', 'lease', 'Lease', 'coordination.k8s.io', 'v1', true, []),
  // First-week objects (issue 10): Secrets, StatefulSets and the revisions they keep.
  R('secrets', 'secret', 'Secret', '', 'v1', true, []),
  R('statefulsets', 'statefulset', 'StatefulSet', 'apps', 'v1', true, ['sts'], {
    categories: ALL,
    subresources: ['scale', 'status'],
  }),
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
