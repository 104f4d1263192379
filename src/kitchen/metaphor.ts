/**
 * The kitchen metaphor, in one place: for every scene element, its kitchen name, its Kubernetes
 * name and one line on what it really does (all as i18n keys in `src/i18n/metaphor.*.ts`).
 * Scene ids are the engine's trace actors (`kube-apiserver`, `kubelet/worker-1`, …) and object
 * refs (`pod/default/nginx`, `node/worker-1`, `service/default/web`; containers are
 * `container/default/nginx/nginx`), so a trace entry, a
 * walkthrough highlight and a click in the scene all name things the same way.
 */

export type ElementKind =
  | 'cluster'
  | 'apiserver'
  | 'etcd'
  | 'scheduler'
  | 'controllerManager'
  | 'kubectl'
  | 'client'
  | 'node'
  | 'controlPlaneNode'
  | 'kubelet'
  | 'runtime'
  | 'proxy'
  | 'pod'
  | 'staticPod'
  | 'container'
  | 'sandbox'
  | 'service'
  | 'endpointSlice'
  | 'rules'
  | 'taint'
  | 'object';

export interface ElementInfo {
  id: string;
  kind: ElementKind;
  /** The node it belongs to, for per-node components. */
  node?: string;
  /** The Kubernetes name shown in Kubernetes mode (`kubelet on worker-1`, `nginx`). */
  kubeName: string;
  /** i18n keys: kitchen name, Kubernetes role, one line on what it does. */
  kitchenKey: string;
  roleKey: string;
  doesKey: string;
  /** Where the kitchen picture bends, if it does (i18n key). */
  bendsKey?: string;
  /** What the simulation leaves out about it, if anything (i18n key). */
  notSimulatedKey?: string;
}

const CONTROL: Record<string, ElementKind> = {
  'kube-apiserver': 'apiserver',
  etcd: 'etcd',
  'kube-scheduler': 'scheduler',
  'kube-controller-manager': 'controllerManager',
  kubectl: 'kubectl',
  client: 'client',
};

const PER_NODE: Record<string, ElementKind> = {
  kubelet: 'kubelet',
  containerd: 'runtime',
  'kube-proxy': 'proxy',
};

const OBJECT_KINDS: Record<string, ElementKind> = {
  node: 'node',
  pod: 'pod',
  service: 'service',
  endpointslice: 'endpointSlice',
};

/** What a scene id names. Unknown ids describe themselves as plain Kubernetes objects. */
export function describeElement(id: string, opts: { controlPlaneNode?: string } = {}): ElementInfo {
  const info = (kind: ElementKind, kubeName: string, node?: string): ElementInfo => ({
    id,
    kind,
    node,
    kubeName,
    kitchenKey: `metaphor.${kind}.kitchen`,
    roleKey: `metaphor.${kind}.role`,
    doesKey: `metaphor.${kind}.does`,
    bendsKey: BENDS[kind],
    notSimulatedKey: notSimulated(kind, id),
  });
  const control = CONTROL[id];
  if (control) return info(control, id);
  const [head, ...rest] = id.split('/');
  const perNode = PER_NODE[head];
  if (perNode && rest.length === 1) return info(perNode, `${head} on ${rest[0]}`, rest[0]);
  // `container/NAMESPACE/POD/NAME` (the scene's own id; `pause` is the sandbox).
  if (head === 'container' && rest.length === 3) {
    return info(rest[2] === 'pause' ? 'sandbox' : 'container', rest[2]);
  }
  if (head === 'rules' && rest.length === 1) return info('rules', `rules on ${rest[0]}`, rest[0]);
  const objectKind = OBJECT_KINDS[head];
  if (objectKind === 'node') {
    const name = rest.join('/');
    return info(
      name === (opts.controlPlaneNode ?? 'control-plane') ? 'controlPlaneNode' : 'node',
      name,
      name,
    );
  }
  if (objectKind) {
    const name = rest[rest.length - 1] ?? id;
    const ns = rest.length > 1 ? rest[0] : '';
    return info(objectKind === 'pod' && isStaticPod(ns, name) ? 'staticPod' : objectKind, name);
  }
  return info('object', id);
}

/** Where the metaphor bends: shown beside the picture, so the kitchen never teaches a wrong idea. */
const BENDS: Partial<Record<ElementKind, string>> = {
  proxy: 'metaphor.proxy.bends',
  kubelet: 'metaphor.kubelet.bends',
  pod: 'metaphor.pod.bends',
  staticPod: 'metaphor.staticPod.bends',
  etcd: 'metaphor.etcd.bends',
  kubectl: 'metaphor.kubectl.bends',
  runtime: 'metaphor.runtime.bends',
};

/** kubeadm's static pods: the control-plane components, named COMPONENT-NODE in kube-system. */
const STATIC_POD = /^(etcd|kube-apiserver|kube-controller-manager|kube-scheduler)-/;

function isStaticPod(namespace: string, name: string): boolean {
  return namespace === 'kube-system' && STATIC_POD.test(name);
}

/**
 * What the simulation leaves out, said where a learner looks: every node and pod network works
 * as if kubeadm's CNI plugin were installed, and CoreDNS runs but answers no DNS queries.
 */
const NOT_SIMULATED = {
  cni: 'metaphor.notSimulated.cni',
  dns: 'metaphor.notSimulated.dns',
} as const;

function notSimulated(kind: ElementKind, id: string): string | undefined {
  if (kind === 'node' || kind === 'controlPlaneNode' || kind === 'sandbox')
    return NOT_SIMULATED.cni;
  if (
    id === 'service/kube-system/kube-dns' ||
    id.startsWith('pod/kube-system/coredns-') ||
    id.startsWith('container/kube-system/coredns-')
  )
    return NOT_SIMULATED.dns;
  return undefined;
}

export function notSimulatedKeys(): string[] {
  return Object.values(NOT_SIMULATED);
}

/** Every kind, for the catalogue tests. */
export const ELEMENT_KINDS: readonly ElementKind[] = [
  'cluster',
  'apiserver',
  'etcd',
  'scheduler',
  'controllerManager',
  'kubectl',
  'client',
  'node',
  'controlPlaneNode',
  'kubelet',
  'runtime',
  'proxy',
  'pod',
  'staticPod',
  'container',
  'sandbox',
  'service',
  'endpointSlice',
  'rules',
  'taint',
  'object',
];

export function bendsKeys(): string[] {
  return Object.values(BENDS) as string[];
}
