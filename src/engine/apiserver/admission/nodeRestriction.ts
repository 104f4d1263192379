/**
 * NodeRestriction (plugin/pkg/admission/noderestriction/admission.go): a kubelet may only
 * touch its own Node and Lease, and only mirror pods bound to itself. Error texts are the
 * plugin's own.
 */

import { jsonEqual } from '../../model/meta';
import { MIRROR_POD_ANNOTATION } from '../validation/podSpec';
import type { AdmissionContext, AdmissionResult } from './context';
import { admissionForbidden, nodeIdentity, requestName, requestNamespace } from './context';

// biome-ignore lint/suspicious/noExplicitAny: objects are free-form JSON here
type Json = any;

const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** kubeletapis.IsKubeletLabel: the kubernetes.io labels a kubelet may set on its Node. */
const KUBELET_LABELS = new Set([
  'kubernetes.io/hostname',
  'kubernetes.io/arch',
  'kubernetes.io/os',
  'beta.kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/instance-type',
  'node.kubernetes.io/instance-type',
  'failure-domain.beta.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
]);
const KUBELET_LABEL_NAMESPACES = ['kubelet.kubernetes.io', 'node.kubernetes.io'];

const labelNamespace = (key: string) => (key.includes('/') ? key.split('/')[0] : '');
const isKubernetesLabel = (key: string) => {
  const ns = labelNamespace(key);
  return (
    ns === 'kubernetes.io' ||
    ns.endsWith('.kubernetes.io') ||
    ns === 'k8s.io' ||
    ns.endsWith('.k8s.io')
  );
};
const isKubeletLabel = (key: string) => {
  const ns = labelNamespace(key);
  return (
    KUBELET_LABELS.has(key) ||
    KUBELET_LABEL_NAMESPACES.some((n) => ns === n || ns.endsWith(`.${n}`))
  );
};

/** getForbiddenLabels over the keys that differ between the two label sets. */
function forbiddenLabels(
  next: Record<string, string> | undefined,
  prev: Record<string, string> | undefined,
): string[] {
  const a = next ?? {};
  const b = prev ?? {};
  const modified = new Set<string>();
  for (const k of Object.keys(a)) if (a[k] !== b[k]) modified.add(k);
  for (const k of Object.keys(b)) if (a[k] !== b[k]) modified.add(k);
  return [...modified]
    .filter((key) => {
      const ns = labelNamespace(key);
      const restricted =
        ns === 'node-restriction.kubernetes.io' || ns.endsWith('.node-restriction.kubernetes.io');
      return restricted || (isKubernetesLabel(key) && !isKubeletLabel(key));
    })
    .sort();
}

function sameJson(a: unknown, b: unknown): boolean {
  return jsonEqual(a ?? null, b ?? null);
}

function admitPodCreate(ctx: AdmissionContext, nodeName: string): AdmissionResult {
  const pod: Json = ctx.obj ?? {};
  const deny = (reason: string): AdmissionResult => ({ error: admissionForbidden(ctx, reason) });
  const node = JSON.stringify(nodeName);
  if (pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] === undefined) {
    return deny(
      `pod does not have ${JSON.stringify(MIRROR_POD_ANNOTATION)} annotation, node ${node} can only create mirror pods`,
    );
  }
  if (pod.spec?.nodeName !== nodeName)
    return deny(`node ${node} can only create pods with spec.nodeName set to itself`);
  const owners: Json[] = pod.metadata?.ownerReferences ?? [];
  if (owners.length > 1)
    return deny(`node ${node} can only create pods with a single owner reference set to itself`);
  if (owners.length === 0)
    return deny(`node ${node} can only create pods with an owner reference set to itself`);
  const owner = owners[0];
  if (owner.apiVersion !== 'v1' || owner.kind !== 'Node' || owner.name !== nodeName) {
    return deny(`node ${node} can only create pods with an owner reference set to itself`);
  }
  if (!owner.controller)
    return deny(
      `node ${node} can only create pods with a controller owner reference set to itself`,
    );
  if (owner.blockOwnerDeletion)
    return deny(`node ${node} must not set blockOwnerDeletion on an owner reference`);
  const uid = ctx.nodeUid?.(nodeName);
  if (ctx.nodeUid && uid !== owner.uid) {
    return deny(`node ${nodeName} UID mismatch: expected ${owner.uid} got ${uid ?? ''}`);
  }
  const spec = pod.spec ?? {};
  if (spec.serviceAccountName)
    return deny(`node ${node} can not create pods that reference a service account`);
  const volumes: Json[] = spec.volumes ?? [];
  const containers: Json[] = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  const secrets =
    (spec.imagePullSecrets ?? []).length > 0 ||
    volumes.some((v) => v.secret || (v.projected?.sources ?? []).some((s: Json) => s.secret)) ||
    containers.some(
      (c) =>
        (c.env ?? []).some((e: Json) => e.valueFrom?.secretKeyRef) ||
        (c.envFrom ?? []).some((e: Json) => e.secretRef),
    );
  if (secrets) return deny(`node ${node} can not create pods that reference secrets`);
  const configMaps =
    volumes.some(
      (v) => v.configMap || (v.projected?.sources ?? []).some((s: Json) => s.configMap),
    ) ||
    containers.some(
      (c) =>
        (c.env ?? []).some((e: Json) => e.valueFrom?.configMapKeyRef) ||
        (c.envFrom ?? []).some((e: Json) => e.configMapRef),
    );
  if (configMaps) return deny(`node ${node} can not create pods that reference configmaps`);
  if (volumes.some((v) => (v.projected?.sources ?? []).some((s: Json) => s.clusterTrustBundle))) {
    return deny(`node ${node} can not create pods that reference clustertrustbundles`);
  }
  if (volumes.some((v) => v.persistentVolumeClaim)) {
    return deny(`node ${node} can not create pods that reference persistentvolumeclaims`);
  }
  return {};
}

function admitPod(ctx: AdmissionContext, nodeName: string): AdmissionResult {
  const node = JSON.stringify(nodeName);
  switch (ctx.operation) {
    case 'CREATE':
      return admitPodCreate(ctx, nodeName);
    case 'DELETE': {
      const bound =
        ctx.old?.spec?.nodeName ??
        ctx.nodeNameOfPod?.(requestNamespace(ctx), requestName(ctx)) ??
        '';
      if (bound !== nodeName) {
        return {
          error: admissionForbidden(
            ctx,
            `node ${node} can only delete pods with spec.nodeName set to itself`,
          ),
        };
      }
      return {};
    }
    default:
      return {
        error: admissionForbidden(
          ctx,
          `unexpected operation ${JSON.stringify(ctx.operation)}, node ${node} can only create and delete mirror pods`,
        ),
      };
  }
}

function admitPodStatus(ctx: AdmissionContext, nodeName: string): AdmissionResult {
  const node = JSON.stringify(nodeName);
  if (ctx.operation !== 'UPDATE') {
    return {
      error: admissionForbidden(ctx, `unexpected operation ${JSON.stringify(ctx.operation)}`),
    };
  }
  if ((ctx.old?.spec?.nodeName ?? '') !== nodeName) {
    return {
      error: admissionForbidden(
        ctx,
        `node ${node} can only update pod status for pods with spec.nodeName set to itself`,
      ),
    };
  }
  if (!sameJson(ctx.old?.metadata?.labels ?? {}, ctx.obj?.metadata?.labels ?? {})) {
    return {
      error: admissionForbidden(ctx, `node ${node} cannot update labels through pod status`),
    };
  }
  return {};
}

function admitNode(ctx: AdmissionContext, nodeName: string): AdmissionResult {
  const node = JSON.stringify(nodeName);
  const requested = requestName(ctx);
  if (requested !== nodeName) {
    return {
      error: admissionForbidden(
        ctx,
        `node ${node} is not allowed to modify node ${JSON.stringify(requested)}`,
      ),
    };
  }
  const obj: Json = ctx.obj ?? {};
  if (ctx.operation === 'CREATE') {
    if (obj.spec?.configSource) {
      return {
        error: admissionForbidden(
          ctx,
          `node ${node} is not allowed to create pods with a non-nil configSource`,
        ),
      };
    }
    const labels = forbiddenLabels(obj.metadata?.labels, undefined);
    if (labels.length) {
      return {
        error: admissionForbidden(
          ctx,
          `node ${node} is not allowed to set the following labels: ${labels.join(', ')}`,
        ),
      };
    }
  }
  if (ctx.operation === 'UPDATE') {
    const old: Json = ctx.old ?? {};
    if (obj.spec?.configSource && !sameJson(obj.spec.configSource, old.spec?.configSource)) {
      return {
        error: admissionForbidden(
          ctx,
          `node ${node} is not allowed to update configSource to a new non-nil configSource`,
        ),
      };
    }
    if (!sameJson(obj.spec?.taints ?? [], old.spec?.taints ?? [])) {
      return { error: admissionForbidden(ctx, `node ${node} is not allowed to modify taints`) };
    }
    const labels = forbiddenLabels(obj.metadata?.labels, old.metadata?.labels);
    if (labels.length) {
      // The plugin leaves the node's name out of this one.
      return {
        error: admissionForbidden(ctx, `is not allowed to modify labels: ${labels.join(', ')}`),
      };
    }
  }
  return {};
}

function admitLease(ctx: AdmissionContext, nodeName: string): AdmissionResult {
  if (requestNamespace(ctx) !== NODE_LEASE_NAMESPACE) {
    return {
      error: admissionForbidden(
        ctx,
        `can only access leases in the ${JSON.stringify(NODE_LEASE_NAMESPACE)} system namespace`,
      ),
    };
  }
  if (requestName(ctx) !== nodeName) {
    return {
      error: admissionForbidden(
        ctx,
        'can only access node lease with the same name as the requesting node',
      ),
    };
  }
  return {};
}

export function nodeRestriction(ctx: AdmissionContext): AdmissionResult {
  const { isNode, nodeName } = nodeIdentity(ctx.user);
  if (!isNode) return {};
  if (!nodeName) {
    return {
      error: admissionForbidden(
        ctx,
        `could not determine node from user ${JSON.stringify(ctx.user.username)}`,
      ),
    };
  }
  switch (ctx.resource.resource) {
    case 'pods':
      switch (ctx.subresource ?? '') {
        case '':
          return admitPod(ctx, nodeName);
        case 'status':
          return admitPodStatus(ctx, nodeName);
        case 'eviction':
          return {};
        default:
          return {
            error: admissionForbidden(
              ctx,
              `unexpected pod subresource ${JSON.stringify(ctx.subresource)}, only 'status' and 'eviction' are allowed`,
            ),
          };
      }
    case 'nodes':
      return admitNode(ctx, nodeName);
    case 'leases':
      return admitLease(ctx, nodeName);
    default:
      return {};
  }
}
