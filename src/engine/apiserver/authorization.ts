/**
 * Authorization as a kubeadm cluster runs it (`--authorization-mode=Node,RBAC`): the Node
 * authorizer (plugin/pkg/auth/authorizer/node/node_authorizer.go, with NodeRules from
 * plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go) and the bootstrap RBAC roles of the
 * users this simulation has. The denial reads as the API server writes it
 * (k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go forbiddenMessage).
 *
 * Simplified: the Node authorizer's object graph is not modelled (a node may read any
 * configmap/secret/pod), and kube-controller-manager, which really acts through one
 * ServiceAccount per controller, may do everything.
 */
import { forbidden } from '../api/errors';
import { type ResourceInfo, resourceInfo } from '../api/resources';
import type { KObject, StatusError, UserInfo } from '../api/types';
import { nodeIdentity } from './admission/context';

interface Rule {
  groups: string[];
  resources: string[];
  verbs: string[];
  names?: string[];
}

const rule = (groups: string[], resources: string[], verbs: string[], names?: string[]): Rule => ({
  groups,
  resources,
  verbs,
  names,
});
const READ = ['get', 'list', 'watch'];
const EVENTS = rule(['', 'events.k8s.io'], ['events'], ['create', 'update', 'patch']);

/** bootstrappolicy NodeRules(): what the Node authorizer allows outside its object graph. */
const NODE_RULES: Rule[] = [
  rule([''], ['services'], READ),
  rule([''], ['nodes'], ['create', 'get', 'list', 'watch']),
  rule([''], ['nodes/status'], ['update', 'patch']),
  rule([''], ['nodes'], ['update', 'patch']),
  EVENTS,
  rule([''], ['pods'], READ),
  rule([''], ['pods'], ['create', 'delete']),
  rule([''], ['pods/status'], ['update', 'patch']),
  rule([''], ['pods/eviction'], ['create']),
  rule([''], ['secrets', 'configmaps'], READ),
  rule([''], ['endpoints'], ['get']),
];

/** ClusterRole system:kube-scheduler. */
const SCHEDULER_RULES: Rule[] = [
  EVENTS,
  rule(['coordination.k8s.io'], ['leases'], ['create']),
  rule(['coordination.k8s.io'], ['leases'], ['get', 'update'], ['kube-scheduler']),
  rule([''], ['endpoints'], ['create']),
  rule([''], ['endpoints'], ['get', 'update'], ['kube-scheduler']),
  rule([''], ['nodes'], READ),
  rule([''], ['pods'], [...READ, 'delete']),
  rule([''], ['bindings', 'pods/binding'], ['create']),
  rule([''], ['pods/status'], ['patch', 'update']),
  rule([''], ['replicationcontrollers', 'services'], READ),
  rule(['apps', 'extensions'], ['replicasets'], READ),
  rule(['apps'], ['statefulsets'], READ),
  rule(['policy'], ['poddisruptionbudgets'], READ),
  rule([''], ['persistentvolumeclaims', 'persistentvolumes'], READ),
  rule(['storage.k8s.io'], ['csinodes', 'csidrivers', 'csistoragecapacities'], READ),
  rule([''], ['namespaces'], READ),
];

/** ClusterRole system:node-proxier. */
const PROXY_RULES: Rule[] = [
  rule([''], ['services', 'endpoints'], ['list', 'watch']),
  rule([''], ['nodes'], READ),
  EVENTS,
  rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch']),
];

const SUPERUSER_GROUPS = ['system:masters', 'kubeadm:cluster-admins'];
const RBAC_BY_USER: Record<string, Rule[]> = {
  'system:kube-scheduler': SCHEDULER_RULES,
  'system:kube-proxy': PROXY_RULES,
};

function allows(
  rules: Rule[],
  verb: string,
  group: string,
  resource: string,
  name: string,
): boolean {
  return rules.some(
    (r) =>
      r.verbs.includes(verb) &&
      r.groups.includes(group) &&
      r.resources.includes(resource) &&
      (!r.names || r.names.includes(name)),
  );
}

type Decision = { allow: true } | { allow: false; reason: string };

/** authorizeLease: a node reads and writes only its own Lease in kube-node-lease. */
function nodeLease(nodeName: string, verb: string, namespace: string, name: string): Decision {
  if (!['get', 'create', 'update', 'patch', 'delete'].includes(verb)) {
    return { allow: false, reason: 'can only get, create, update, patch, or delete a node lease' };
  }
  if (namespace !== 'kube-node-lease') {
    return {
      allow: false,
      reason: 'can only access leases in the "kube-node-lease" system namespace',
    };
  }
  // The authorizer does not know the name on create; NodeRestriction checks it then.
  if (verb !== 'create' && name !== nodeName) {
    return {
      allow: false,
      reason: 'can only access node lease with the same name as the requesting node',
    };
  }
  return { allow: true };
}

/** What the Node authorizer's graph knows about the request (plugin/pkg/auth/authorizer/node). */
export interface NodeGraph {
  /** The node a pod is bound to, if the pod exists. */
  podNodeName?: (namespace: string, name: string) => string | undefined;
  /** The request's field selector (list/watch). */
  fieldSelector?: string;
}

const READS = ['get', 'list', 'watch'];

function nodeAuthorizer(
  nodeName: string,
  verb: string,
  r: ResourceInfo,
  namespace: string,
  name: string,
  sub: string,
  graph: NodeGraph,
): Decision {
  // AuthorizeNodeWithSelectors (GA in v1.34): reads of Nodes and Pods are scoped to the node.
  if (r.resource === 'nodes' && !sub && READS.includes(verb)) {
    if (name === nodeName) return { allow: true };
    return {
      allow: false,
      reason: name
        ? `node '${nodeName}' cannot read '${name}', only its own Node object`
        : `node '${nodeName}' cannot read all nodes, only its own Node object`,
    };
  }
  if (r.resource === 'pods' && !sub && READS.includes(verb)) {
    if (verb !== 'get') {
      const scoped = (graph.fieldSelector ?? '')
        .split(',')
        .some((req) => req.trim() === `spec.nodeName=${nodeName}`);
      if (scoped) return { allow: true };
      if (!name)
        return {
          allow: false,
          reason: 'can only list/watch pods with spec.nodeName field selector',
        };
    }
    if (graph.podNodeName?.(namespace, name) === nodeName) return { allow: true };
    return {
      allow: false,
      reason: `no relationship found between node '${nodeName}' and this object`,
    };
  }
  switch (r.resource) {
    case 'leases':
      return nodeLease(nodeName, verb, namespace, name);
    case 'serviceaccounts':
      if (verb !== 'create' || !name)
        return { allow: false, reason: 'can only create tokens for individual service accounts' };
      if (sub !== 'token')
        return { allow: false, reason: 'can only create token subresource of serviceaccount' };
      return { allow: true };
    case 'secrets':
    case 'configmaps':
      if (!READ.includes(verb))
        return { allow: false, reason: 'can only read resources of this type' };
      if (sub) return { allow: false, reason: 'cannot read subresource' };
      if (!namespace)
        return { allow: false, reason: 'can only read namespaced object of this type' };
      return { allow: true };
  }
  const resource = sub ? `${r.resource}/${sub}` : r.resource;
  return allows(NODE_RULES, verb, r.group, resource, name)
    ? { allow: true }
    : { allow: false, reason: '' };
}

/** forbiddenMessage: the namespace-scoped or cluster-scoped wording. */
function forbiddenMessage(
  user: UserInfo,
  verb: string,
  r: ResourceInfo,
  namespace: string,
  sub: string,
): string {
  const resource = sub ? `${r.resource}/${sub}` : r.resource;
  const base = `User ${JSON.stringify(user.username)} cannot ${verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(r.group)}`;
  return namespace
    ? `${base} in the namespace ${JSON.stringify(namespace)}`
    : `${base} at the cluster scope`;
}

/**
 * The authorizers' verdict on one request: undefined when allowed, else the 403 the API server
 * returns. `name` is ignored on create (the URL of a create names no object), except for
 * subresources such as `pods/binding`.
 */
export function authorize(
  user: UserInfo,
  verb: string,
  resource: ResourceInfo | string,
  namespace?: string,
  name?: string,
  subresource?: string,
  _obj?: KObject,
  graph: NodeGraph = {},
): StatusError | undefined {
  if (user.groups.some((g) => SUPERUSER_GROUPS.includes(g))) return undefined;
  const r = typeof resource === 'string' ? resourceInfo(resource) : resource;
  const ns = namespace ?? '';
  const sub = subresource ?? '';
  const attrName = verb === 'create' && !sub ? '' : (name ?? '');
  if (user.username === 'system:kube-controller-manager') return undefined;

  const reasons: string[] = [];
  const { isNode, nodeName } = nodeIdentity(user);
  if (isNode) {
    if (!nodeName) reasons.push(`unknown node for user ${JSON.stringify(user.username)}`);
    else {
      const decision = nodeAuthorizer(nodeName, verb, r, ns, attrName, sub, graph);
      if (decision.allow) return undefined;
      if (decision.reason) reasons.push(decision.reason);
    }
  }
  const rules = RBAC_BY_USER[user.username];
  if (rules && allows(rules, verb, r.group, sub ? `${r.resource}/${sub}` : r.resource, attrName))
    return undefined;

  const message = forbiddenMessage(user, verb, r, ns, sub);
  return forbidden(r, attrName, reasons.length ? `${message}: ${reasons.join('\n')}` : message);
}
