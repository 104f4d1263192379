/**
 * kube-apiserver: the only writer to etcd. Every request runs the real pipeline —
 * authentication (the caller's identity is given) → authorization (RBAC + Node authorizer) →
 * defaulting → mutating admission → validation → validating admission → storage → watch fan-out.
 * A broken API server refuses connections; a broken etcd makes requests time out.
 */

import {
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  methodNotAllowed,
  notFound,
  resourceNotFound,
  storageTimeout,
} from '../api/errors';
import { apiVersionOf, RESOURCES, type ResourceInfo } from '../api/resources';
import {
  type ApiRequest,
  type ApiResult,
  KCM_USER,
  type KObject,
  PROXY_USER,
  SCHEDULER_USER,
  type UserInfo,
} from '../api/types';
import { runMutatingAdmission, runValidatingAdmission } from '../apiserver/admission';
import { authorize } from '../apiserver/authorization';
import { defaultInPlace, generateJobSelector } from '../apiserver/defaults';
import {
  checkPreconditions,
  effectiveGracePeriod,
  validateDeleteOptions,
} from '../apiserver/deleteOptions';
import { type FieldManagerScope, trackUpdate } from '../apiserver/fieldmanager/fieldManager';
import { type Decoded, decodeFields } from '../apiserver/fieldValidation';
import { dropsStatusOnCreate } from '../apiserver/prepareForCreate';
import { checkDecodable, validateCreate, validateUpdate } from '../apiserver/validation';
import { parseSelector } from '../model/labels';
import {
  clone,
  concatExact,
  isoTime,
  jsonData,
  jsonDataBeside,
  jsonEqual,
  objectKey,
  shallowCopy,
} from '../model/meta';
import { randString, randUuid } from '../sim/rng';
import type { Simulation } from '../sim/simulation';
import { markStored } from '../sim/stateImage';
import { ACTOR, keyName, lowerKind } from '../trace';
import { applyRequest } from './apiApply';
import { deleteCollection } from './apiDeleteCollection';
import { evict } from './apiEviction';
import { listObjects } from './apiList';
import { patchRequest } from './apiPatch';
import { getScale, updateScale } from './apiScale';
import { offerToWatches, openWatch } from './apiWatches';
import { leaseEvent, retryLater, takeExpired } from './eventLeases';
import { connectPod } from './podProxy';

const resourceByName = new Map(RESOURCES.map((r) => [r.resource, r]));

/**
 * Stored objects are never mutated, so new versions share what they do not change. Tests turn
 * `freeze` on to deep-freeze everything stored: any write into a stored object then throws.
 */
export const storeChecks = { freeze: false, typedBodies: false };

/**
 * decodeFields, or nothing to do for a typed body (a component's: see ApiRequest.typed). With
 * `storeChecks.typedBodies` on, a typed body is decoded too and must come out untouched.
 */
function decodeBody(body: KObject, r: ResourceInfo, req: ApiRequest, old?: KObject): Decoded {
  if (req.typed && !storeChecks.typedBodies) return { ok: true, body };
  const decoded = decodeFields(body, r, req.fieldValidation, req.patch, old);
  if (req.typed && (!decoded.ok || decoded.warnings || decoded.body !== body))
    throw new Error(`typed ${r.kind} body does not decode as one: ${JSON.stringify(decoded)}`);
  return decoded;
}

// biome-ignore lint/suspicious/noExplicitAny: freezes free-form JSON
function deepFreeze(v: any): void {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const k of Object.keys(v)) deepFreeze(v[k]);
}

/**
 * etcd deletes the Events whose --event-ttl lease ran out (no client asked: the trace names
 * etcd's lease, not a user). Nothing expires while etcd is down.
 */
export function expireEvents(sim: Simulation): void {
  if (!sim.state.etcd.up) return retryLater(sim, ETCD_DOWN_RETRY_MS);
  const events = sim.store('events');
  const r = resourceByName.get('events') as ResourceInfo;
  for (const [key, revision] of takeExpired(sim)) {
    const ev = events[key];
    if (ev && Number(ev.metadata.resourceVersion) === revision)
      store(sim, ETCD_LEASE, r, key, undefined, ev, 'delete (event-ttl lease expired)');
  }
}

const ETCD_DOWN_RETRY_MS = 60_000;

/** Who an expiry is by, in the trace: etcd's lease keeper. */
const ETCD_LEASE: UserInfo = { username: 'etcd lease', groups: [] };

export function handleRequest(sim: Simulation, user: UserInfo, req: ApiRequest): ApiResult {
  const s = sim.state;
  if (!s.apiserverUp) return { ok: false, network: 'connection refused' };
  const r = resourceByName.get(req.resource);
  if (!r) return { ok: false, status: resourceNotFound(req.resource) };
  const namespace = r.namespaced
    ? (req.namespace ?? req.body?.metadata?.namespace ?? 'default')
    : undefined;
  const name = req.name ?? req.body?.metadata?.name ?? '';
  const denied = authorize(
    user,
    req.subresource === 'binding' ? 'create' : req.verb,
    r,
    (req.verb === 'list' || req.verb === 'watch') && req.namespace === undefined
      ? undefined
      : namespace,
    name,
    req.subresource,
    req.body,
    { podNodeName: lookups(sim).nodeNameOfPod, fieldSelector: req.fieldSelector },
  );
  if (denied) return { ok: false, status: denied };
  if (!s.etcd.up) return { ok: false, status: storageTimeout(req.verb, r) };
  if (
    req.subresource === 'log' ||
    req.subresource === 'exec' ||
    req.subresource === 'attach' ||
    req.subresource === 'portforward'
  ) {
    // Streaming subresources of pods only: GET …/log, POST …/exec, …/attach, …/portforward.
    const verb = req.subresource === 'log' ? 'get' : 'create';
    if (r.resource !== 'pods' || req.verb !== verb)
      return { ok: false, status: resourceNotFound(`${req.resource}/${req.subresource}`) };
    return connectPod(sim, r, namespace as string, name, req);
  }

  if (req.subresource === 'scale') {
    if (req.verb === 'get') return getScale(sim, r, namespace, name);
    const writeScale = (u: ApiRequest) =>
      updateScale(sim, r, namespace, name, u, (o) => update(sim, user, r, namespace, name, o));
    if (req.verb === 'update') return writeScale(req);
    // kubectl scale: a merge patch of the Scale, written as a PUT of the patched Scale would be.
    if (req.verb === 'patch')
      return patchRequest(
        sim,
        user,
        SCALE_RESOURCE,
        namespace,
        name,
        req,
        (_s, _u, _r, _ns, _n, u) => writeScale({ ...u, subresource: 'scale' }),
        () => getScale(sim, r, namespace, name),
      );
    return { ok: false, status: resourceNotFound(`${req.resource}/scale`) };
  }
  if (req.subresource === 'eviction') {
    if (r.resource !== 'pods' || req.verb !== 'create')
      return { ok: false, status: resourceNotFound(`${req.resource}/eviction`) };
    return evict(
      sim,
      r,
      namespace as string,
      name,
      req,
      (eviction) => admitEviction(sim, user, r, eviction),
      (d) => remove(sim, user, r, namespace, name, d),
    );
  }

  switch (req.verb) {
    case 'get': {
      const obj = sim.store(r.resource)[keyOf(r, namespace, name)];
      return obj ? { ok: true, object: obj } : { ok: false, status: notFound(r, name) };
    }
    case 'list':
      return listObjects(sim, r, req, namespace);
    case 'watch':
      return watch(sim, r, req);
    case 'create':
      if (req.subresource === 'binding') return bind(sim, user, r, namespace as string, name, req);
      return create(sim, user, r, namespace, req);
    case 'update':
      return update(sim, user, r, namespace, name, req);
    case 'patch':
      if (req.patchType === 'apply')
        return applyRequest(sim, r, namespace, name, req, {
          create: (c) => create(sim, user, r, namespace, c),
          update: (u) => update(sim, user, r, namespace, name, u),
        });
      return patchRequest(sim, user, r, namespace, name, req, update);
    case 'delete':
      return remove(sim, user, r, namespace, name, req);
    case 'deletecollection':
      return deleteCollection(sim, r, req, namespace, (ns, n, d) => remove(sim, user, r, ns, n, d));
  }
}

/** autoscaling/v1 Scale, as a patch of the scale subresource decodes it. */
const SCALE_RESOURCE: ResourceInfo = {
  resource: 'scale',
  singular: 'scale',
  kind: 'Scale',
  group: 'autoscaling',
  version: 'v1',
  namespaced: true,
  shortNames: [],
};

/** The eviction create's admission: the Eviction through both chains (subresource eviction). */
function admitEviction(
  sim: Simulation,
  user: UserInfo,
  r: ResourceInfo,
  eviction: KObject,
): ApiResult | undefined {
  const mutated = runMutatingAdmission(
    admissionContext(sim, user, r, 'CREATE', eviction, undefined, 'eviction'),
  );
  if (mutated.error) return { ok: false, status: mutated.error };
  const validated = runValidatingAdmission(
    admissionContext(sim, user, r, 'CREATE', mutated.obj ?? eviction, undefined, 'eviction'),
  );
  return validated.error ? { ok: false, status: validated.error } : undefined;
}

function keyOf(r: ResourceInfo, namespace: string | undefined, name: string): string {
  return r.namespaced ? `${namespace}/${name}` : name;
}

/** GET …?watch=true: the selectors are checked as a list's are, then the stream stays open. */
function watch(sim: Simulation, r: ResourceInfo, req: ApiRequest): ApiResult {
  if (req.labelSelector) {
    const sel = parseSelector(req.labelSelector);
    if (!sel.ok) return { ok: false, status: badRequest(sel.error) };
  }
  const namespace = r.namespaced ? req.namespace : undefined;
  return {
    ok: true,
    watch: openWatch(sim, r, namespace, req.labelSelector, req.fieldSelector),
  };
}

function admissionContext(
  sim: Simulation,
  user: UserInfo,
  r: ResourceInfo,
  operation: 'CREATE' | 'UPDATE' | 'DELETE',
  obj: KObject | undefined,
  old: KObject | undefined,
  subresource?: string,
) {
  const l = lookups(sim);
  return {
    operation,
    resource: r,
    subresource,
    obj,
    old,
    user,
    rng: sim.state.rng,
    namespaceExists: l.namespaceExists,
    namespaceTerminating: l.namespaceTerminating,
    serviceAccountExists: l.serviceAccountExists,
    serviceAccountPullSecrets: l.serviceAccountPullSecrets,
    nodeUid: l.nodeUid,
    nodeNameOfPod: l.nodeNameOfPod,
  };
}

/** The store lookups admission and authorization use, made once per simulation (not per request). */
interface StoreLookups {
  namespaceExists: (ns: string) => boolean;
  namespaceTerminating: (ns: string) => boolean;
  serviceAccountExists: (ns: string, name: string) => boolean;
  serviceAccountPullSecrets: (ns: string, name: string) => { name?: string }[] | undefined;
  nodeUid: (node: string) => string | undefined;
  nodeNameOfPod: (ns: string, name: string) => string | undefined;
}

const lookupsBySim = new WeakMap<Simulation, StoreLookups>();

function lookups(sim: Simulation): StoreLookups {
  let l = lookupsBySim.get(sim);
  if (!l) {
    l = {
      namespaceExists: (ns) => !!sim.store('namespaces')[ns],
      namespaceTerminating: (ns) => !!sim.store('namespaces')[ns]?.metadata.deletionTimestamp,
      serviceAccountExists: (ns, name) => !!sim.store('serviceaccounts')[`${ns}/${name}`],
      serviceAccountPullSecrets: (ns, name) =>
        sim.store('serviceaccounts')[`${ns}/${name}`]?.imagePullSecrets,
      nodeUid: (node) => sim.store('nodes')[node]?.metadata.uid,
      nodeNameOfPod: (ns, name) => sim.store('pods')[`${ns}/${name}`]?.spec?.nodeName,
    };
    lookupsBySim.set(sim, l);
  }
  return l;
}

function create(
  sim: Simulation,
  user: UserInfo,
  r: ResourceInfo,
  namespace: string | undefined,
  req: ApiRequest,
): ApiResult {
  if (!req.body)
    return { ok: false, status: badRequest('the body of the request was in an unknown format') };
  const undecodable = checkDecodable(req.body);
  if (undecodable) return { ok: false, status: undecodable };
  const decoded = decodeBody(req.body, r, req);
  if (!decoded.ok) return decoded;
  return withWarnings(createDecoded(sim, user, r, namespace, req, decoded.body), decoded.warnings);
}

/** The response with the warnings decoding added (Warning headers go out with any answer). */
function withWarnings(res: ApiResult, warnings: string[] | undefined): ApiResult {
  return warnings ? { ...res, warnings } : res;
}

function createDecoded(
  sim: Simulation,
  user: UserInfo,
  r: ResourceInfo,
  namespace: string | undefined,
  req: ApiRequest,
  body: KObject,
): ApiResult {
  // A handed-over body that is plain JSON data is already what the copy would be.
  let obj = req.handOver ? jsonData(body) : clone(body);
  if (obj.status !== undefined && dropsStatusOnCreate(r.kind)) delete obj.status;
  obj.apiVersion = obj.apiVersion ?? apiVersionOf(r);
  obj.kind = obj.kind ?? r.kind;
  obj.metadata = obj.metadata ?? {};
  if (r.namespaced) obj.metadata.namespace = namespace;
  else delete obj.metadata.namespace;
  obj = defaultInPlace(obj);
  if (tracked(req, obj))
    obj = trackUpdate(undefined, obj, managerOf(req, user), fieldScope(sim, r));
  const uid = randUuid(sim.state.rng);
  if (r.kind === 'Job') obj = generateJobSelector(obj, uid);

  const mutated = runMutatingAdmission(admissionContext(sim, user, r, 'CREATE', obj, undefined));
  if (mutated.error) return { ok: false, status: mutated.error };
  obj = mutated.obj ?? obj;
  if (!obj.metadata.name && obj.metadata.generateName) {
    // names.SimpleNameGenerator, after mutating admission: generateName + 5 random characters.
    obj.metadata.name = `${obj.metadata.generateName}${randString(sim.state.rng, 5)}`;
  }

  if (r.kind === 'Service') {
    const err = allocateServiceAddresses(sim, obj);
    if (err) return { ok: false, status: invalid(r, obj.metadata.name ?? '', [err]) };
  }

  const errs = validateCreate(obj);
  if (errs.length > 0) return { ok: false, status: invalid(r, obj.metadata.name ?? '', errs) };
  const validated = runValidatingAdmission(
    admissionContext(sim, user, r, 'CREATE', obj, undefined),
  );
  if (validated.error) return { ok: false, status: validated.error };

  const key = objectKey(obj);
  if (sim.store(r.resource)[key])
    return { ok: false, status: alreadyExists(r, obj.metadata.name as string) };
  if (req.dryRun) return { ok: true, object: obj };

  obj.metadata.uid = uid;
  obj.metadata.creationTimestamp = isoTime(sim.state.nowMs);
  if (hasGeneration(r)) obj.metadata.generation = 1;
  if (r.kind === 'Pod' && !obj.status) obj.status = { phase: 'Pending' };
  return {
    ok: true,
    object: store(sim, user, r, key, obj, undefined, phrase(r, 'create')),
  };
}

/**
 * Whether a write is recorded in managedFields. The real API server records every write; here a
 * write is when it names its field manager (kubectl, the wire) or the object already has
 * managedFields, and not otherwise: the system components' own writes to the objects they made
 * (a ReplicaSet's pods, their status from the kubelet, leases, events) are most of every write
 * and would each pay a comparison of the whole object. Their objects carry no managedFields; once
 * a user's write gives an object some, every later write to it is recorded, the components' too.
 */
function tracked(req: ApiRequest, obj: KObject): boolean {
  return (
    !req.applied && (req.fieldManager !== undefined || obj.metadata.managedFields !== undefined)
  );
}

/** managerOrUserAgent: the request's fieldManager, else the name its caller's user agent starts with. */
function managerOf(req: ApiRequest, user: UserInfo): string {
  if (req.fieldManager) return req.fieldManager;
  const name = user.username;
  if (name.startsWith('system:node:')) return 'kubelet';
  if (name.startsWith('system:serviceaccount:kube-system:') || name === KCM_USER.username)
    return 'kube-controller-manager';
  if (name === SCHEDULER_USER.username) return 'kube-scheduler';
  if (name === PROXY_USER.username) return 'kube-proxy';
  return '';
}

function fieldScope(sim: Simulation, r: ResourceInfo, subresource?: string): FieldManagerScope {
  return { r, nowMs: sim.state.nowMs, ...(subresource ? { subresource } : {}) };
}

/** Kinds whose metadata.generation counts spec changes (pods too, since PodGeneration in v1.34). */
function hasGeneration(r: ResourceInfo): boolean {
  return ['Deployment', 'ReplicaSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'StatefulSet'].includes(
    r.kind,
  );
}

function update(
  sim: Simulation,
  user: UserInfo,
  r: ResourceInfo,
  namespace: string | undefined,
  name: string,
  req: ApiRequest,
): ApiResult {
  if (!req.body)
    return { ok: false, status: badRequest('the body of the request was in an unknown format') };
  const key = keyOf(r, namespace, name);
  const old = sim.store(r.resource)[key];
  if (!old) return { ok: false, status: notFound(r, name) };
  const body = req.body;
  if (
    body.metadata?.resourceVersion &&
    body.metadata.resourceVersion !== old.metadata.resourceVersion
  ) {
    return { ok: false, status: conflict(r, name) };
  }
  const undecodable = decodable(body, old);
  if (undecodable) return { ok: false, status: undecodable };
  const decoded = decodeBody(body, r, req, old);
  if (!decoded.ok) return decoded;
  return withWarnings(
    updateDecoded(sim, user, r, name, req, key, old, decoded.body),
    decoded.warnings,
  );
}

/** Metadata the server keeps whatever an update sends (rest.BeforeUpdate, ObjectMetaUpdateValidation). */
const SERVER_METADATA = [
  'name',
  'namespace',
  'uid',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'generation',
] as const;

function updateDecoded(
  sim: Simulation,
  user: UserInfo,
  r: ResourceInfo,
  name: string,
  req: ApiRequest,
  key: string,
  old: KObject,
  body: KObject,
): ApiResult {
  let obj: KObject;
  if (req.subresource === 'status') {
    // Stored objects are never mutated, so the new version may share everything but its status.
    obj = {
      ...old,
      metadata: { ...old.metadata },
      status: jsonDataBeside(body.status, old.status),
    };
  } else {
    // The body's fields with the stored status (a status the client sent is ignored).
    const draft = clone(body);
    const status = clone(old.status);
    if (status !== undefined) draft.status = status;
    else delete draft.status;
    obj = defaultInPlace(draft);
    // Identity and system fields are the server's, whatever the client sent.
    const meta: Record<string, unknown> = { ...obj.metadata };
    for (const field of SERVER_METADATA) {
      // A field neither side has stays absent: adding undefined-valued keys to every update
      // (the kubelet's lease renewals are most of a quiet cluster's writes) was the busiest line.
      const value = old.metadata[field];
      if (value !== undefined || meta[field] !== undefined) meta[field] = value;
    }
    obj.metadata = meta as KObject['metadata'];
    if (obj.metadata.generation !== undefined && !jsonEqual(obj.spec, old.spec)) {
      obj.metadata.generation = (old.metadata.generation ?? 0) + 1;
    }
    if (r.kind === 'Service' && obj.spec) {
      obj.spec.clusterIP = obj.spec.clusterIP ?? old.spec?.clusterIP;
      obj.spec.clusterIPs = obj.spec.clusterIPs ?? old.spec?.clusterIPs;
    }
  }
  obj.apiVersion = old.apiVersion;
  obj.kind = old.kind;
  if (req.applied) {
    // A server-side apply of the status recorded its owners on the body it passed on.
    if (req.subresource === 'status') obj.metadata.managedFields = body.metadata.managedFields;
  } else if (tracked(req, old) || body.metadata?.managedFields !== undefined) {
    obj = trackUpdate(old, obj, managerOf(req, user), fieldScope(sim, r, req.subresource));
  }
  const mutated = runMutatingAdmission(
    admissionContext(sim, user, r, 'UPDATE', obj, old, req.subresource),
  );
  if (mutated.error) return { ok: false, status: mutated.error };
  obj = mutated.obj ?? obj;
  const errs = validateUpdate(obj, old, req.subresource === 'status' ? 'status' : undefined);
  if (errs.length > 0) return { ok: false, status: invalid(r, name, errs) };
  const validated = runValidatingAdmission(
    admissionContext(sim, user, r, 'UPDATE', obj, old, req.subresource),
  );
  if (validated.error) return { ok: false, status: validated.error };
  if (req.dryRun) return { ok: true, object: obj };
  if (
    req.subresource !== 'status' &&
    jsonEqual(
      { ...obj, metadata: { ...obj.metadata, resourceVersion: undefined } },
      { ...old, metadata: { ...old.metadata, resourceVersion: undefined } },
    )
  ) {
    // A no-op update is not written (etcd3 store GuaranteedUpdate skips identical objects).
    return { ok: true, object: old };
  }
  if (
    obj.metadata.deletionTimestamp &&
    old.metadata.finalizers?.length &&
    !obj.metadata.finalizers?.length &&
    (r.kind !== 'Pod' || old.metadata.deletionGracePeriodSeconds === 0)
  ) {
    // The last finalizer is gone: the object's deletion completes (a pod's only once its grace
    // period is over: ShouldDeletePodDuringUpdate).
    store(sim, user, r, key, undefined, old, phrase(r, 'delete (finalizers done)'));
    return { ok: true, object: obj };
  }
  return {
    ok: true,
    object: store(
      sim,
      user,
      r,
      key,
      obj,
      old,
      req.subresource === 'status' ? phrase(r, 'update status') : phrase(r, 'update'),
    ),
  };
}

/** Stored specs (never changed) whose quantities parse, with the kind they were read as. */
const decodableSpecs = new WeakMap<object, string>();

/** Kinds whose quantities are all in their spec (the rest have none, or Node's in its status). */
const SPEC_QUANTITIES = new Set([
  'Pod',
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'StatefulSet',
]);

/**
 * checkDecodable(body), remembered for an update that sends the stored spec itself (as status
 * updates do: the kubelet's for pods, the controllers' for their workloads).
 */
function decodable(body: KObject, old: KObject) {
  const kind = body.kind;
  const stored =
    typeof kind === 'string' &&
    SPEC_QUANTITIES.has(kind) &&
    body.spec === old.spec &&
    typeof old.spec === 'object' &&
    old.spec !== null;
  if (stored && decodableSpecs.get(old.spec) === kind) return undefined;
  const err = checkDecodable(body);
  if (!err && stored) decodableSpecs.set(old.spec, kind);
  return err;
}

function bind(
  sim: Simulation,
  user: UserInfo,
  r: ResourceInfo,
  namespace: string,
  name: string,
  req: ApiRequest,
): ApiResult {
  const key = `${namespace}/${name}`;
  const old = sim.store('pods')[key];
  if (!old) return { ok: false, status: notFound(r, name) };
  const target = req.body?.target?.name as string | undefined;
  if (!target) return { ok: false, status: invalid(r, name, []) };
  if (old.spec?.nodeName) {
    // pkg/registry/core/pod/storage: assignPod → setPodNodeName conflict.
    return {
      ok: false,
      status: {
        ...conflict(r, name),
        message: `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${old.spec.nodeName}"`,
      },
    };
  }
  if (old.metadata.deletionTimestamp)
    return {
      ok: false,
      status: {
        ...conflict(r, name),
        message: `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is being deleted, cannot be assigned to a host`,
      },
    };
  // Stored objects are never mutated: the new version shares all it does not change.
  const conds = concatExact(
    [
      {
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: isoTime(sim.state.nowMs),
      },
    ],
    (old.status.conditions ?? []).filter((c: { type: string }) => c.type !== 'PodScheduled'),
  );
  const spec = shallowCopy(old.spec);
  spec.nodeName = target;
  const obj = {
    ...old,
    metadata: { ...old.metadata },
    spec,
    status: { ...old.status, conditions: conds },
  };
  store(sim, user, r, key, obj, old, bindPhrase(target));
  return {
    ok: true,
    object: {
      apiVersion: 'v1',
      kind: 'Status',
      metadata: {},
      status: 'Success',
    } as unknown as KObject,
  };
}

function remove(
  sim: Simulation,
  user: UserInfo,
  r: ResourceInfo,
  namespace: string | undefined,
  name: string,
  req: ApiRequest,
): ApiResult {
  const key = keyOf(r, namespace, name);
  const old = sim.store(r.resource)[key];
  if (!old) return { ok: false, status: notFound(r, name) };
  const refused = validateDeleteOptions(req) ?? checkPreconditions(old, req.preconditions);
  if (refused) return { ok: false, status: refused };
  const denied = runValidatingAdmission(admissionContext(sim, user, r, 'DELETE', undefined, old));
  if (denied.error) return { ok: false, status: denied.error };
  if (req.dryRun) return { ok: true, object: old };
  if (r.kind === 'Pod') {
    // Graceful deletion: a pod on a node gets a deletionTimestamp and the kubelet finishes the job.
    const grace =
      effectiveGracePeriod(req.gracePeriodSeconds) ??
      old.metadata.deletionGracePeriodSeconds ??
      old.spec?.terminationGracePeriodSeconds ??
      30;
    const bound = !!old.spec?.nodeName;
    const terminal = old.status?.phase === 'Succeeded' || old.status?.phase === 'Failed';
    if (bound && !terminal && grace > 0) {
      if (old.metadata.deletionTimestamp && (old.metadata.deletionGracePeriodSeconds ?? 0) <= grace)
        return { ok: true, object: old };
      const obj = {
        ...old,
        metadata: {
          ...old.metadata,
          deletionTimestamp: isoTime(sim.state.nowMs + grace * 1000),
          deletionGracePeriodSeconds: grace,
        },
      };
      return { ok: true, object: store(sim, user, r, key, obj, old, 'delete pod (graceful)') };
    }
  }
  const finalizers = [...(old.metadata.finalizers ?? [])];
  if (req.propagationPolicy === 'Orphan' && r.kind !== 'Pod' && !finalizers.includes('orphan'))
    finalizers.push('orphan');
  if (finalizers.length > 0 && r.kind !== 'Namespace') {
    // An object with finalizers is only marked; whoever owns each finalizer removes it, and the
    // last removal deletes the object (the garbage collector owns "orphan").
    if (old.metadata.deletionTimestamp) {
      if (r.kind !== 'Pod' || old.metadata.deletionGracePeriodSeconds === 0)
        return { ok: true, object: old };
      // A pod's zero-grace delete (the kubelet's last word, or a finished pod's) still ends its
      // grace period; the last finalizer's removal then deletes it.
      const ended = {
        ...old,
        metadata: {
          ...old.metadata,
          deletionTimestamp: isoTime(sim.state.nowMs),
          deletionGracePeriodSeconds: 0,
        },
      };
      return {
        ok: true,
        object: store(sim, user, r, key, ended, old, 'delete pod (finalizers pending)'),
      };
    }
    const obj = {
      ...old,
      metadata: {
        ...old.metadata,
        deletionTimestamp: isoTime(sim.state.nowMs),
        deletionGracePeriodSeconds: 0,
        finalizers,
      },
    };
    return {
      ok: true,
      object: store(
        sim,
        user,
        r,
        key,
        obj,
        old,
        `delete ${lowerKind(r.kind)} (finalizers: ${finalizers.join(', ')})`,
      ),
    };
  }
  if (r.kind === 'Namespace') {
    if (['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(name)) {
      return {
        ok: false,
        status: {
          ...methodNotAllowed(''),
          code: 403,
          reason: 'Forbidden',
          message: `namespaces "${name}" is forbidden: this namespace may not be deleted`,
        },
      };
    }
  }
  store(sim, user, r, key, undefined, old, phrase(r, 'delete'));
  return { ok: true, object: old };
}

/** Write to etcd (the only place that does), trace it, and fan the change out to watchers. */
function store(
  sim: Simulation,
  user: UserInfo,
  r: ResourceInfo,
  key: string,
  obj: KObject | undefined,
  old: KObject | undefined,
  what: string,
): KObject {
  const s = sim.state;
  s.etcd.revision += 1;
  const rv = String(s.etcd.revision);
  const data = sim.store(r.resource);
  if (obj) {
    if (!old && r.resource === 'events') compactEventMeta(obj);
    else if (!old && r.resource === 'pods') obj = compactPod(obj);
    obj.metadata.resourceVersion = rv;
    if (storeChecks.freeze) deepFreeze(obj);
    markStored(obj);
    data[key] = obj;
  } else {
    delete data[key];
  }
  sim.indexes.onWrite(r.resource, key, obj, old);
  if (obj && r.resource === 'events') leaseEvent(sim, key, s.etcd.revision);
  if (r.resource !== 'events' || sim.traceEvents) {
    sim.trace(
      ACTOR.apiserver,
      ACTOR.etcd,
      'etcd',
      keyName(lowerKind(r.kind), key, (obj ?? old)?.metadata),
      etcdSummary(
        `${obj ? 'put' : 'delete'} /registry/${r.resource}/${key} (revision ${rv}) `,
        what,
        user.username,
      ),
    );
  }
  offerToWatches(sim, r.resource, obj, old);
  if (sim.writeListeners.length > 0) {
    const type = obj ? (old ? 'MODIFIED' : 'ADDED') : 'DELETED';
    const object = (obj ?? old) as KObject;
    for (const l of sim.writeListeners)
      l({ resource: r.resource, type, object, old, resourceVersion: rv });
  }
  sim.notify(
    r.resource,
    obj ? (old ? 'MODIFIED' : 'ADDED') : 'DELETED',
    key,
    (obj ?? old) as KObject,
    old,
    rv,
  );
  return (obj ?? old) as KObject;
}

type Phrase = 'create' | 'update' | 'update status' | 'delete' | 'delete (finalizers done)';

/** What a write does, as the trace says it (`update pod status`): one string for each. */
function phrase(r: ResourceInfo, which: Phrase): string {
  let p = phrases.get(r);
  if (!p) {
    const k = lowerKind(r.kind);
    p = {
      create: `create ${k}`,
      update: `update ${k}`,
      'update status': `update ${k} status`,
      delete: `delete ${k}`,
      'delete (finalizers done)': `delete ${k} (finalizers done)`,
    };
    phrases.set(r, p);
  }
  return p[which];
}

const phrases = new WeakMap<ResourceInfo, Record<Phrase, string>>();

/** `bind pod to NODE`, one string for each node (bounded). */
function bindPhrase(target: string): string {
  let text = bindPhrases.get(target);
  if (text === undefined) {
    text = `bind pod to ${target}`;
    if (bindPhrases.size < 65_536) bindPhrases.set(target, text);
  }
  return text;
}

const bindPhrases = new Map<string, string>();

/**
 * A new Event's metadata as recordEvent and create() make it (name, namespace, uid,
 * creationTimestamp, in that order) rebuilt as one literal, with room for the resourceVersion
 * store() adds next: the keys added one by one would need a second object beside it, in each of
 * hundreds of thousands of Events. The same keys, values and order.
 */
function compactEventMeta(obj: KObject): void {
  const m = obj.metadata;
  const keys = Object.keys(m);
  if (
    keys.length !== 4 ||
    keys[0] !== 'name' ||
    keys[1] !== 'namespace' ||
    keys[2] !== 'uid' ||
    keys[3] !== 'creationTimestamp' ||
    Object.getPrototypeOf(m) !== Object.prototype
  )
    return;
  obj.metadata = {
    name: m.name,
    namespace: m.namespace,
    uid: m.uid,
    creationTimestamp: m.creationTimestamp,
    resourceVersion: undefined,
  };
}

/**
 * A new controller-made Pod (apiVersion, kind, metadata, spec, status; its metadata as the
 * pipeline leaves it for a generated name) rebuilt as literals, the metadata with room for the
 * resourceVersion store() adds next. Keys added one by one leave part of an object in a second
 * object beside it, and every later version of the pod is copied from this one with the same
 * layout. The same keys, values and order; anything else is stored as it is.
 */
function compactPod(obj: KObject): KObject {
  const keys = Object.keys(obj);
  if (
    keys.length !== 5 ||
    keys[0] !== 'apiVersion' ||
    keys[1] !== 'kind' ||
    keys[2] !== 'metadata' ||
    keys[3] !== 'spec' ||
    keys[4] !== 'status' ||
    Object.getPrototypeOf(obj) !== Object.prototype
  )
    return obj;
  const m = obj.metadata;
  const mk = Object.keys(m);
  const metadata =
    mk.length === 8 &&
    mk[0] === 'generateName' &&
    mk[1] === 'namespace' &&
    mk[2] === 'labels' &&
    mk[3] === 'ownerReferences' &&
    mk[4] === 'name' &&
    mk[5] === 'uid' &&
    mk[6] === 'creationTimestamp' &&
    mk[7] === 'generation' &&
    Object.getPrototypeOf(m) === Object.prototype
      ? {
          generateName: m.generateName,
          namespace: m.namespace,
          labels: m.labels,
          ownerReferences: m.ownerReferences,
          name: m.name,
          uid: m.uid,
          creationTimestamp: m.creationTimestamp,
          generation: m.generation,
          resourceVersion: undefined as string | undefined,
        }
      : m;
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    metadata,
    spec: obj.spec,
    status: obj.status,
  } as KObject;
}

/**
 * `${head}— ${what} by ${username}`: the head as one flat string, joined to a tail shared by
 * every write of that kind by that user (the tail's dash makes a flat copy of the whole text
 * two bytes a character; the trace keeps 200,000 of these).
 */
function etcdSummary(head: string, what: string, username: string): string {
  let byUser = etcdTails.get(what);
  if (!byUser) {
    if (etcdTails.size >= 4096) etcdTails.clear();
    byUser = new Map();
    etcdTails.set(what, byUser);
  }
  let tail = byUser.get(username);
  if (tail === undefined) {
    tail = `— ${what} by ${username}`;
    tail.charCodeAt(0); // flat
    if (byUser.size < 65_536) byUser.set(username, tail);
  }
  head.charCodeAt(0); // flat
  return head + tail;
}

const etcdTails = new Map<string, Map<string, string>>();

/** The Service REST storage's ClusterIP and NodePort allocators (random, as the real bitmap allocator picks). */
function allocateServiceAddresses(sim: Simulation, svc: KObject) {
  if (!svc.spec) svc.spec = {};
  const spec = svc.spec;
  if (spec.clusterIP === 'None') return undefined;
  const used = new Set(Object.values(sim.store('services')).map((o) => o.spec?.clusterIP));
  if (!spec.clusterIP) {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const n = 16 + (sim.int(0, 65535 - 32) & 0xffff);
      const ip = `10.96.${n >> 8}.${n & 0xff}`;
      if (!used.has(ip)) {
        spec.clusterIP = ip;
        break;
      }
    }
  }
  spec.clusterIPs = [spec.clusterIP];
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    const usedPorts = new Set(
      Object.values(sim.store('services')).flatMap((o) =>
        (o.spec?.ports ?? []).map((p: { nodePort?: number }) => p.nodePort),
      ),
    );
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue;
      let port = 30000 + sim.int(0, 2767);
      while (usedPorts.has(port)) port = 30000 + ((port - 30000 + 1) % 2768);
      usedPorts.add(port);
      p.nodePort = port;
    }
  }
  return undefined;
}
