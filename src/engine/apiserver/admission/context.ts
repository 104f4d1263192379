/**
 * What an admission plugin sees (admission.Attributes) and how it says no
 * (k8s.io/apiserver/pkg/admission/errors.go NewForbidden).
 */
import { forbidden } from '../../api/errors';
import type { ResourceInfo } from '../../api/resources';
import type { KObject, StatusError, UserInfo } from '../../api/types';
import { jsonClone } from '../../model/meta';
import type { RngState } from '../../sim/rng';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

export interface AdmissionContext {
  operation: Operation;
  resource: ResourceInfo;
  /** `status`, `binding`, `eviction`, … */
  subresource?: string;
  /** The object being created or the new version of an update; absent on delete. */
  obj?: KObject;
  /** The stored object on update and delete. */
  old?: KObject;
  /** The request's namespace and name when there is no object to read them from. */
  namespace?: string;
  name?: string;
  user: UserInfo;
  /** The simulation's seeded random source (generated volume names). */
  rng: RngState;
  namespaceExists: (ns: string) => boolean;
  /** Whether the namespace has a deletionTimestamp (phase Terminating). */
  namespaceTerminating?: (ns: string) => boolean;
  /** Whether the ServiceAccount exists; when absent every lookup succeeds. */
  serviceAccountExists?: (ns: string, name: string) => boolean;
  /** The ServiceAccount's imagePullSecrets (undefined when it has none or does not exist). */
  serviceAccountPullSecrets?: (ns: string, name: string) => { name?: string }[] | undefined;
  /** The Node's uid, which a mirror pod's owner reference must carry. */
  nodeUid?: (node: string) => string | undefined;
  /** The node a stored pod is bound to, when `old` is not given on delete. */
  nodeNameOfPod?: (ns: string, name: string) => string | undefined;
  /** User-defined PriorityClasses (the two system classes are built in). */
  priorityClass?: (name: string) => { value: number; preemptionPolicy?: string } | undefined;
}

export interface AdmissionResult {
  obj?: KObject;
  error?: StatusError;
}

export type AdmissionPlugin = (ctx: AdmissionContext) => AdmissionResult;

/** The JSON round trip (plugins return changed copies and never touch what they were given). */
export const clone = <T>(value: T): T => jsonClone(value);

export function requestNamespace(ctx: AdmissionContext): string {
  return ctx.namespace ?? ctx.obj?.metadata?.namespace ?? ctx.old?.metadata?.namespace ?? '';
}

export function requestName(ctx: AdmissionContext): string {
  return ctx.name ?? ctx.obj?.metadata?.name ?? ctx.old?.metadata?.name ?? '';
}

/**
 * admission.NewForbidden: the object's name, else its generateName (names are generated after
 * mutating admission), else the request's name, else "Unknown".
 */
export function admissionForbidden(ctx: AdmissionContext, reason: string): StatusError {
  const meta = ctx.obj?.metadata;
  const name = meta?.name || meta?.generateName || ctx.name || ctx.old?.metadata?.name || 'Unknown';
  return forbidden(ctx.resource, name, reason);
}

/** nodeidentifier.NodeIdentity: `system:node:<name>` in the `system:nodes` group. */
export function nodeIdentity(user: UserInfo): { isNode: boolean; nodeName: string } {
  if (!user.username.startsWith('system:node:') || !user.groups.includes('system:nodes')) {
    return NOT_A_NODE;
  }
  // The answer for the same username is always the same (a node's user object is shared).
  let identity = nodeIdentities.get(user.username);
  if (!identity) {
    identity = { isNode: true, nodeName: user.username.slice('system:node:'.length) };
    if (nodeIdentities.size < 100_000) nodeIdentities.set(user.username, identity);
  }
  return identity;
}

const NOT_A_NODE = Object.freeze({ isNode: false, nodeName: '' });
const nodeIdentities = new Map<string, { isNode: boolean; nodeName: string }>();
