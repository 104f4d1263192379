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
