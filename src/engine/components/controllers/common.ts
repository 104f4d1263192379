/** Pieces the workload controllers share: owned objects, pod states, and API writes as the KCM. */
import { type ApiRequest, type ApiResult, KCM_USER, type KObject } from '../../api/types';
import { fnv32a } from '../../model/images';
import { jsonClone, jsonEqual } from '../../model/meta';
import type { Simulation } from '../../sim/simulation';
import { ACTOR } from '../../trace';
import { chargeActiveClient } from './clientThrottle';

/**
 * A request from the controller manager: typed objects, as client-go sends them. Callers build
 * `req` for this call (a literal), so it is marked in place rather than copied on every write.
 */
export function kcmApi(sim: Simulation, req: ApiRequest): ApiResult {
  req.typed = true;
  if (req.verb !== 'get' && req.verb !== 'list') chargeActiveClient(sim);
  return sim.api(ACTOR.kcm, KCM_USER, req);
}

/** Objects of `resource` whose controller owner has this uid. */
export function owned(sim: Simulation, uid: string, resource: string): KObject[] {
  const out: KObject[] = [];
  const keys = sim.indexes.ownedKeys(uid, resource);
  const store = sim.store(resource);
  for (const key of keys) {
    const obj = store[key];
    if (obj) out.push(obj);
  }
  return out;
}

/**
 * owned() without the sort, for callers whose result does not depend on the order (the index's
 * own order depends on history, which a restore does not reproduce).
 */
export function ownedInAnyOrder(sim: Simulation, uid: string, resource: string): KObject[] {
  const out: KObject[] = [];
  const store = sim.store(resource);
  for (const key of sim.indexes.ownedKeysInAnyOrder(uid, resource) ?? []) {
    const obj = store[key];
    if (obj) out.push(obj);
  }
  return out;
}

export function isTerminal(pod: KObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** controller.IsPodActive: not finished and not being deleted. */
export function isActive(pod: KObject): boolean {
  return !isTerminal(pod) && !pod.metadata.deletionTimestamp;
}

export function isReady(pod: KObject): boolean {
  return (pod.status?.conditions ?? []).some(
    (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
  );
}

export function controllerRef(owner: KObject) {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name as string,
    uid: owner.metadata.uid as string,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** A pod from a template, as controller.GetPodFromTemplate builds it. */
export function podFromTemplate(
  owner: KObject,
  template: KObject['spec'],
  generateName: string,
  extraSpec: Record<string, unknown> = {},
): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: sharedName(generateName),
      namespace: owner.metadata.namespace,
      labels: { ...(template.metadata?.labels ?? {}) },
      annotations: template.metadata?.annotations
        ? { ...template.metadata.annotations }
        : undefined,
      ownerReferences: [controllerRef(owner)],
    },
    spec: { ...jsonClone(template.spec ?? {}), ...extraSpec },
  };
}

/** Every pod of a controller carries the same generateName: one string for each (bounded). */
const names = new Map<string, string>();

function sharedName(name: string): string {
  const known = names.get(name);
  if (known !== undefined) return known;
  if (names.size >= 65_536) names.clear();
  names.set(name, name);
  return name;
}

const ALNUM = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString(fmt.Sprint(hash)): the pod-template-hash label value. */
export function templateHash(template: unknown, collisionCount = 0): string {
  const hash = fnv32a(JSON.stringify(template) + (collisionCount ? String(collisionCount) : ''));
  const dec = String(hash);
  let out = '';
  for (let i = 0; i < dec.length; i++) out += ALNUM[dec.charCodeAt(i) % ALNUM.length];
  return out;
}

/** Write status only when it changed (controllers skip no-op updates). */
export function updateStatus(
  sim: Simulation,
  resource: string,
  obj: KObject,
  status: Record<string, unknown>,
): void {
  const merged = { ...(obj.status ?? {}), ...status };
  if (jsonEqual(merged, obj.status ?? {})) return;
  kcmApi(sim, {
    verb: 'update',
    resource,
    subresource: 'status',
    namespace: obj.metadata.namespace,
    name: obj.metadata.name,
    body: { ...obj, status: merged },
  });
}

/** A controller that failed to write retries later (the work queue's rate limiter). */
export function requeueLater(sim: Simulation, resource: string, key: string, uid: string): void {
  sim.schedule(1000, { t: 'kcm/watch', ev: 'MODIFIED', resource, key, uid });
}
