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

/**
 * `watch`: GET …?watch=true, the stream kept open (see components/apiWatches.ts);
 * `deletecollection`: DELETE on a collection (components/apiDeleteCollection.ts); `patch`: PATCH
 * with one of the four patch types (see apiserver/patch/).
 */
export type Verb =
  | 'get'
  | 'list'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete'
  | 'deletecollection'
  | 'watch';

/**
 * The patch types, by the Content-Type a PATCH carries: `json` application/json-patch+json
 * (RFC 6902), `merge` application/merge-patch+json (RFC 7386), `strategic`
 * application/strategic-merge-patch+json, `apply` application/apply-patch+yaml (server-side
 * apply).
 */
export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

/** The PATCH Content-Types of a built-in resource (endpoints/installer.go), by patch type. */
export const PATCH_CONTENT_TYPES: Readonly<Record<string, PatchType>> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

/** metav1.FieldValidationStrict / Warn / Ignore. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** One REST call, shaped like the request the API server receives. */
export interface ApiRequest {
  verb: Verb;
  resource: string;
  namespace?: string;
  name?: string;
  /**
   * `status` (PUT …/status), `binding` (POST …/pods/NAME/binding), `log` (GET …/pods/NAME/log)
   * or `exec` (POST …/pods/NAME/exec): those two the API server passes on to the node's kubelet;
   * `scale` (GET/PUT …/deployments|replicasets|statefulsets/NAME/scale, an autoscaling/v1 Scale,
   * components/apiScale.ts), `eviction` (POST …/pods/NAME/eviction with a policy/v1 Eviction,
   * components/apiEviction.ts).
   */
  subresource?:
    | 'status'
    | 'binding'
    | 'log'
    | 'exec'
    | 'attach'
    | 'portforward'
    | 'scale'
    | 'eviction';
  /** pods/log: the query (corev1.PodLogOptions). */
  logOptions?: PodLogOptions;
  /** pods/exec: the query (corev1.PodExecOptions). */
  execOptions?: PodExecOptions;
  /** pods/attach: the query (corev1.PodAttachOptions). */
  attachOptions?: PodAttachOptions;
  body?: KObject;
  labelSelector?: string;
  fieldSelector?: string;
  /**
   * list/deletecollection: at most this many items, and a `continue` token for the rest (the
   * `limit` query parameter; 0 or unset: all). See components/apiList.ts.
   */
  limit?: number;
  /** list/deletecollection: the token a previous page's `metadata.continue` carried. */
  continue?: string;
  /**
   * list: the `resourceVersion` query parameter: unset = the most recent, "0" = any, "N" = not
   * older than N (or exactly N: see resourceVersionMatch).
   */
  resourceVersion?: string;
  /** list: `NotOlderThan` or `Exact` (metav1.ResourceVersionMatch); anything else is refused. */
  resourceVersionMatch?: string;
  /** The watch-list's `sendInitialEvents` query parameter: a list refuses it (any value). */
  sendInitialEvents?: boolean;
  /**
   * delete/deletecollection: what happens to dependents (kubectl --cascade); Background when
   * unset. Any other value is refused (ValidateDeleteOptions), so the wire's value comes as is.
   */
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan' | (string & {});
  /** delete: grace period override (0 = immediately; negative counts as 1, as BeforeDelete does). */
  gracePeriodSeconds?: number;
  /** delete: DeleteOptions.preconditions (a Conflict when the object has another uid or version). */
  preconditions?: { uid?: string; resourceVersion?: string };
  /** Dry run: admission and validation only, nothing stored. */
  dryRun?: boolean;
  /**
   * create/update: what the decoder does with fields the kind does not have (the fieldValidation
   * query parameter). Strict refuses them, Warn drops them with a warning, Ignore drops them;
   * unset is the server's default, Warn. kubectl create/apply send its --validate (Strict).
   */
  fieldValidation?: FieldValidation;
  /**
   * update standing in for kubectl apply's strategic-merge PATCH: the patch kubectl would have
   * sent. The server words its decoding errors as the PATCH handler does, around this patch.
   */
  patch?: unknown;
  /** patch: which kind of patch `patchBody` is (the request's Content-Type). */
  patchType?: PatchType;
  /**
   * patch: the patch, parsed: a JSON patch's array of operations, a merge or strategic patch's
   * object, or for apply the configuration (YAML or JSON, parsed by the caller).
   */
  patchBody?: unknown;
  /** patch (apply): take over the fields other managers own (the force query parameter). */
  force?: boolean;
  /**
   * create/update/patch: who is writing (the fieldManager query parameter). A write that names
   * one, or that changes an object with managedFields, is recorded in metadata.managedFields
   * (apiserver/fieldmanager/); required for apply.
   */
  fieldManager?: string;
  /**
   * Inside the API server: this create or update carries the outcome of a server-side apply,
   * whose managedFields the apply has recorded already.
   */
  applied?: boolean;
  /**
   * In-process hand-over of the body on create: the caller built it for this request and never
   * touches it again, so the API server may use it (and store its parts) instead of a copy.
   */
  handOver?: boolean;
  /**
   * create/update: the body comes from an in-process component, a Go client sending a typed
   * object (client-go): its JSON can only hold fields the kind has, so the decoder's walk for
   * unknown fields would find nothing and the server skips it. `storeChecks.typedBodies` walks
   * anyway and throws when the claim is wrong.
   */
  typed?: boolean;
}

/** corev1.PodLogOptions: what `kubectl logs` asks for (follow is answered with what exists). */
export interface PodLogOptions {
  container?: string;
  follow?: boolean;
  previous?: boolean;
  sinceSeconds?: number;
  timestamps?: boolean;
  tailLines?: number;
  limitBytes?: number;
}

/** corev1.PodExecOptions: the command and which streams `kubectl exec` attaches. */
export interface PodExecOptions {
  container?: string;
  command: string[];
  stdin?: boolean;
  stdout?: boolean;
  stderr?: boolean;
  tty?: boolean;
}

/** corev1.PodAttachOptions: which streams `kubectl attach` joins. */
export interface PodAttachOptions {
  container?: string;
  stdin?: boolean;
  stdout?: boolean;
  stderr?: boolean;
  tty?: boolean;
}

/** A followed log (`kubectl logs -f`): the node, the container instance, the lines read so far. */
export interface LogFollow {
  node: string;
  containerId: string;
  cursor: number;
}

/** One write of an exec'd process, to the stream it went to. */
export interface StreamChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

/**
 * What comes back once the API server has passed a pods/log or pods/exec request on to the
 * node's kubelet (not a Status: those are ApiResult failures).
 */
export type PodStream =
  /**
   * pods/log: the response body, everything the kubelet wrote; with `follow`, where it goes on
   * reading (kubeletServer.ts followLog) while the container runs.
   */
  | { kind: 'log'; body: string; follow?: LogFollow }
  /**
   * pods/exec, upgraded: what the command wrote, then the error channel: its exit code, or a
   * failure message (the runtime could not start it); how much simulated time its sleeps took.
   */
  | {
      kind: 'exec';
      output: StreamChunk[];
      exit: { code: number } | { message: string };
      sleptMs: number;
      /**
       * With stdin, a shell: the session its lines go to (ClusterInput `stdin`), and with a TTY
       * its first prompt. `exit` then means nothing yet.
       */
      session?: { id: string; prompt?: string };
    }
  /**
   * pods/attach, upgraded: the container's output from now on, read as a followed log is (it ends
   * when the container stops); with stdin and a main process reading it, the session its lines go
   * to (ClusterInput `stdin`: the answer is the next prompt, the output comes through the
   * follow); `tty` as the container's spec says (the runtime's pty or not).
   */
  | {
      kind: 'attach';
      follow: LogFollow;
      tty: boolean;
      /** closeOnDetach: the client's end of stdin closes the process's (stdinOnce, no TTY). */
      session?: { id: string; closeOnDetach: boolean };
    }
  /**
   * pods/portforward, upgraded: the pod whose network namespace each forwarded connection enters
   * (ClusterInput `forward`, components/portForward.ts).
   */
  | { kind: 'portforward'; target: ForwardTarget }
  /** pods/exec, attach, portforward: the kubelet refused the upgrade with this HTTP status and plain-text body. */
  | { kind: 'upgradeFailed'; code: number; body: string };

/** The pod a port-forward reaches: its node and uid (a pod of the same name made later is not it). */
export interface ForwardTarget {
  node: string;
  podUid: string;
  /** The pod's sandbox when the forward began (what containerd's PortForward is given). */
  sandboxId: string;
}

/** metav1.Status as the API server returns it on failure. */
export interface StatusError {
  kind: 'Status';
  apiVersion: 'v1';
  status: 'Failure';
  message: string;
  reason: /** StatusReasonUnknown: an error that was not an API status (a failed dial to a kubelet). */
    | ''
    | 'NotFound'
    | 'AlreadyExists'
    | 'Invalid'
    | 'Forbidden'
    | 'Conflict'
    | 'BadRequest'
    | 'InternalError'
    | 'MethodNotAllowed'
    | 'Unauthorized'
    | 'Timeout'
    /** 410: a resourceVersion or continue token older than what the server keeps. */
    | 'Expired'
    | 'UnsupportedMediaType'
    | 'RequestEntityTooLarge';
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: { reason?: string; message: string; field?: string }[];
    /** How long the client should wait before retrying (Timeout, TooManyRequests). */
    retryAfterSeconds?: number;
  };
  /** ListMeta: a 410 for an expired continue token carries a token to go on inconsistently. */
  metadata?: { continue?: string };
  code: number;
}

/** `warnings`: the response's Warning headers (299), in the order the server added them. */
export type ApiResult =
  /** watch: the stream is open; its events collect under this id until it is closed. */
  | {
      ok: true;
      watch: string;
      object?: undefined;
      items?: undefined;
      stream?: undefined;
      status?: undefined;
      warnings?: string[];
    }
  | {
      ok: true;
      object: KObject;
      items?: undefined;
      stream?: undefined;
      status?: undefined;
      warnings?: string[];
    }
  /**
   * list and deletecollection: the items, and the list's metadata (ListMeta): the etcd revision
   * it was read at, and when a `limit` cut it short, the token for the rest (`continue`) and how
   * many items remain (`remainingItemCount`, only without selectors). `listObject` (api/lists.ts)
   * makes the `PodList` the wire returns.
   */
  | {
      ok: true;
      items: KObject[];
      object?: undefined;
      resourceVersion: string;
      continue?: string;
      remainingItemCount?: number;
      stream?: undefined;
      status?: undefined;
      warnings?: string[];
    }
  /** pods/log and pods/exec, passed on to the kubelet. */
  | {
      ok: true;
      stream: PodStream;
      object?: undefined;
      items?: undefined;
      status?: undefined;
      warnings?: string[];
    }
  | { ok: false; status: StatusError; network?: undefined; warnings?: string[] }
  /** The request never reached a working API server (dial refused, or etcd unavailable upstream). */
  | { ok: false; network: string; status?: undefined; warnings?: string[] };
