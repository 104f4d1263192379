/**
 * What kubectl and the lab runner need from a running cluster. The Simulation implements it;
 * kubectl itself never touches engine internals, so everything it prints comes from API objects
 * the way a real kubectl's output comes from the API server.
 */
import type { ApiRequest, ApiResult } from '../api/types';

export type Component =
  | 'apiserver'
  | 'etcd'
  | 'scheduler'
  | 'controller-manager'
  | 'kubelet'
  | 'kube-proxy'
  | 'runtime'
  | 'node';

export const CLUSTER_COMPONENTS: readonly Component[] = [
  'apiserver',
  'etcd',
  'scheduler',
  'controller-manager',
];
export const NODE_COMPONENTS: readonly Component[] = ['kubelet', 'kube-proxy', 'runtime', 'node'];

/**
 * kubectl's impersonation headers (`--as`, `--as-group`, `--as-uid` → Impersonate-User,
 * Impersonate-Group, Impersonate-Uid). The API server decides what they mean: it checks that the
 * caller may impersonate, then runs the request as that user.
 */
export interface Impersonation {
  user: string;
  groups: string[];
  uid?: string;
}

export interface KubectlHost {
  /**
   * One REST call as the kubectl user (kubernetes-admin), traced from `kubectl`; with `as`, the
   * request carries impersonation headers.
   */
  call(req: ApiRequest, as?: Impersonation): ApiResult;
  /** Simulated milliseconds since the cluster started. */
  nowMs(): number;
  /** Let simulated time pass (everything scheduled in between happens). */
  advanceBy(ms: number): void;
  /** `host:port` kubectl dials, for "The connection to the server … was refused". */
  serverAddress: string;
  /** Read a manifest named on the command line; undefined when there is no such file. */
  readFile(path: string): string | undefined;
}

/** What the lab script's own verbs (beyond kubectl) need. Every method returns printable lines. */
export interface LabHost extends KubectlHost {
  nodeNames(): string[];
  breakComponent(component: Component, node?: string): string[];
  repairComponent(component: Component, node?: string): string[];
  /** `crash POD [CONTAINER]`; pod is NAME (default namespace) or NAMESPACE/NAME. */
  crash(pod: string, container?: string): string[];
  /** `request SERVICE [N]`: one line per request, `served by POD on NODE` or `failed: REASON`. */
  request(service: string, count: number): string[];
  /** `proxy-rules NODE`: iptables-save or ipvsadm -Ln text of that node's kube-proxy. */
  proxyRules(node: string): string[];
  /** `join node NAME`: a new worker machine boots and its kubelet registers (kubeadm join). */
  joinNode(name: string): string[];
}
