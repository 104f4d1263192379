import type { ObjectMeta } from 'kubernetes-types/meta/v1';

/** Any Kubernetes object as stored: apiVersion, kind, metadata, and whatever the kind carries. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: Mutable<ObjectMeta>;
  // biome-ignore lint/suspicious/noExplicitAny: a stored object carries its kind's own fields
  [field: string]: any;
}

/** Who is calling: the API server's authentication result (user.Info). */
export interface UserInfo {
  username: string;
  groups: string[];
}

export const ADMIN: UserInfo = {
  username: 'kubernetes-admin',
  groups: ['kubeadm:cluster-admins', 'system:authenticated'],
};

/** A node's kubelet credentials (one object per node: callers only read it). */
export function nodeUser(node: string): UserInfo {
  let user = nodeUsers.get(node);
  if (!user) {
    user = { username: `system:node:${node}`, groups: ['system:nodes', 'system:authenticated'] };
    if (nodeUsers.size < 100_000) nodeUsers.set(node, user);
  }
  return user;
}

const nodeUsers = new Map<string, UserInfo>();

export const SCHEDULER_USER: UserInfo = {
  username: 'system:kube-scheduler',
  groups: ['system:authenticated'],
};
export const KCM_USER: UserInfo = {
  username: 'system:kube-controller-manager',
  groups: ['system:authenticated'],
};
export const PROXY_USER: UserInfo = {
  username: 'system:kube-proxy',
  groups: ['system:authenticated'],
};

/** `watch`: GET …?watch=true, the stream kept open (see components/apiWatches.ts). */
export type Verb = 'get' | 'list' | 'create' | 'update' | 'delete' | 'watch';

/** One REST call, shaped like the request the API server receives. */
export interface ApiRequest {
  verb: Verb;
  resource: string;
  namespace?: string;
  name?: string;
  /** `status` (PUT …/status) or `binding` (POST …/pods/NAME/binding). */
  subresource?: 'status' | 'binding';
  body?: KObject;
  labelSelector?: string;
  fieldSelector?: string;
  /** delete: what happens to dependents (kubectl --cascade); Background when unset. */
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  /** delete: grace period override (0 = immediately). */
  gracePeriodSeconds?: number;
  /** Dry run: admission and validation only, nothing stored. */
  dryRun?: boolean;
  /**
   * In-process hand-over of the body on create: the caller built it for this request and never
   * touches it again, so the API server may use it (and store its parts) instead of a copy.
   */
  handOver?: boolean;
}

/** metav1.Status as the API server returns it on failure. */
export interface StatusError {
  kind: 'Status';
  apiVersion: 'v1';
  status: 'Failure';
  message: string;
  reason:
    | 'NotFound'
    | 'AlreadyExists'
    | 'Invalid'
    | 'Forbidden'
    | 'Conflict'
    | 'BadRequest'
    | 'InternalError'
    | 'MethodNotAllowed'
    | 'Unauthorized'
    | 'Timeout';
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: { reason?: string; message: string; field?: string }[];
  };
  code: number;
}

export type ApiResult =
  /** watch: the stream is open; its events collect under this id until it is closed. */
  | { ok: true; watch: string; object?: undefined; items?: undefined }
  | { ok: true; object: KObject; items?: undefined }
  | { ok: true; items: KObject[]; object?: undefined; resourceVersion: string }
  | { ok: false; status: StatusError; network?: undefined }
  /** The request never reached a working API server (dial refused, or etcd unavailable upstream). */
  | { ok: false; network: string; status?: undefined };
