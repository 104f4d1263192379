/**
 * What kubectl and the lab runner need from a running cluster. The Simulation implements it;
 * kubectl itself never touches engine internals, so everything it prints comes from API objects
 * the way a real kubectl's output comes from the API server.
 */
import type { ApiRequest, ApiResult, KObject } from '../api/types';

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

/** One event of a watch stream kubectl reads: the object as it was then, and when it came. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  atMs: number;
  object: KObject;
}

/** What the lab script's own verbs (beyond kubectl) need. Every method returns printable lines. */
export interface LabHost extends KubectlHost {
  /** The events of an open watch (`kubectl get -w`) so far; undefined once it is closed. */
  watchEvents(id: string): { events: readonly WatchEvent[]; ended: boolean } | undefined;
  /** Close every open watch: the lab's next command interrupts the kubectl that held one. */
  stopWatches(): void;
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
