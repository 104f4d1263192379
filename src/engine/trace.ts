/**
 * The one trace: every interaction between components, in simulated time. The kitchen animates
 * it, the timeline lists it, tests assert on it.
 */
export type TraceKind =
  /** A REST call reaching (or failing to reach) the API server. */
  | 'api'
  /** The API server writing to etcd. */
  | 'etcd'
  /** A watch event delivered to a watcher. */
  | 'watch'
  /** A CRI call from a kubelet to its container runtime, or the runtime's answer. */
  | 'cri'
  /** A container process starting or exiting inside the runtime. */
  | 'process'
  /** Node Lease renewals and node status posts. */
  | 'heartbeat'
  /** kube-proxy programming its rules. */
  | 'rules'
  /** A customer request routed by kube-proxy's rules. */
  | 'traffic'
  /** A component broken or repaired. */
  | 'fault';

export interface TraceEntry {
  /** Position in the whole history (keeps counting when old entries are dropped). */
  seq: number;
  timeMs: number;
  from: string;
  to: string;
  kind: TraceKind;
  /** `pod/default/nginx`, `node/worker-1`, … or '' when no object is involved. */
  object: string;
  summary: string;
  /** True when the interaction failed (connection refused, error status…). */
  error?: boolean;
}

/** `prefix + node`, one string per name (they are kept by every trace entry that names them). */
const kubelets = new Map<string, string>();
const runtimes = new Map<string, string>();
const proxies = new Map<string, string>();

function named(names: Map<string, string>, prefix: string, node: string): string {
  let name = names.get(node);
  if (name === undefined) {
    name = prefix + node;
    if (names.size < 100_000) names.set(node, name);
  }
  return name;
}

/** Trace endpoints: the components as they are named in every trace entry. */
export const ACTOR = {
  kubectl: 'kubectl',
  apiserver: 'kube-apiserver',
  etcd: 'etcd',
  scheduler: 'kube-scheduler',
  kcm: 'kube-controller-manager',
  client: 'client',
  kubelet: (node: string) => named(kubelets, 'kubelet/', node),
  runtime: (node: string) => named(runtimes, 'containerd/', node),
  proxy: (node: string) => named(proxies, 'kube-proxy/', node),
  container: (node: string, pod: string, container: string) =>
    `container/${node}/${pod}/${container}`,
} as const;

/**
 * `kind/namespace/name` (`kind/name` when the namespace is undefined): how the trace names an
 * object, one string for each (a pod is named by a few dozen entries). Looked up by the name,
 * which callers pass as the very string the stored object holds. Bounded: a full table starts
 * again.
 */
export function traceName(kind: string, namespace: string | undefined, name: string): string {
  const known = traceNames.get(name);
  if (known !== undefined && known.kind === kind && known.namespace === namespace)
    return known.text;
  const text = namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
  if (traceNames.size >= 1 << 17) traceNames.clear();
  traceNames.set(name, { kind, namespace, text });
  return text;
}

const traceNames = new Map<string, { kind: string; namespace: string | undefined; text: string }>();

/** `kind.toLowerCase()`, one string for each kind. */
export function lowerKind(kind: string): string {
  let lower = lowerKinds.get(kind);
  if (lower === undefined) {
    lower = kind.toLowerCase();
    if (lowerKinds.size < 4096) lowerKinds.set(kind, lower);
  }
  return lower;
}

const lowerKinds = new Map<string, string>();

/**
 * `${kind}/${key}` for an object stored under `key`, as the shared string traceName() keeps when
 * the key is the object's own `namespace/name` or `name` (it always is; anything else is spelt
 * out).
 */
export function keyName(
  kind: string,
  key: string,
  meta: { name?: unknown; namespace?: unknown } | undefined,
): string {
  const name = meta?.name;
  const ns = meta?.namespace;
  if (typeof name === 'string') {
    if (key === name) return traceName(kind, undefined, name);
    if (
      typeof ns === 'string' &&
      key.length === ns.length + 1 + name.length &&
      key.charCodeAt(ns.length) === 47 && // '/'
      key.startsWith(ns) &&
      key.endsWith(name)
    )
      return traceName(kind, ns, name);
  }
  return `${kind}/${key}`;
}
