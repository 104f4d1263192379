/**
 * ServiceAccount (plugin/pkg/admission/serviceaccount/admission.go): a new pod runs as the
 * `default` ServiceAccount unless it names one, and every container gets the projected
 * `kube-api-access-xxxxx` token volume mounted at the well-known path; a pod without
 * imagePullSecrets gets the ServiceAccount's. Mirror pods are left
 * alone but may not reference service accounts, secrets or configmaps.
 */
import type { KObject } from '../../api/types';
import { concatExact, shallowCopy } from '../../model/meta';
import { randString } from '../../sim/rng';
import { MIRROR_POD_ANNOTATION } from '../validation/podSpec';
import {
  type AdmissionContext,
  type AdmissionResult,
  admissionForbidden,
  clone,
  requestNamespace,
} from './context';

// biome-ignore lint/suspicious/noExplicitAny: pods are free-form JSON here
type Json = any;

export const DEFAULT_SERVICE_ACCOUNT = 'default';
export const API_TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const VOLUME_NAME_PREFIX = 'kube-api-access-';
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds: 1 h + 7 s, which marks legacy-style use. */
const TOKEN_EXPIRATION_SECONDS = 3607;

/** TokenVolumeSource(): token, the cluster CA bundle and the pod's namespace. */
export function tokenVolumeSource(): Json {
  return {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      {
        downwardAPI: {
          items: [
            { path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } },
          ],
        },
      },
    ],
  };
}

const appliesTo = (ctx: AdmissionContext) => ctx.resource.resource === 'pods' && !ctx.subresource;
const isMirror = (pod: Json) => pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined;

function referencesSecrets(spec: Json): boolean {
  if ((spec.imagePullSecrets ?? []).length) return true;
  for (const v of spec.volumes ?? []) {
    if (v.secret) return true;
    if ((v.projected?.sources ?? []).some((s: Json) => s.secret)) return true;
  }
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    if ((c.env ?? []).some((e: Json) => e.valueFrom?.secretKeyRef)) return true;
    if ((c.envFrom ?? []).some((e: Json) => e.secretRef)) return true;
  }
  return false;
}

function referencesConfigMaps(spec: Json): boolean {
  for (const v of spec.volumes ?? []) {
    if (v.configMap) return true;
    if ((v.projected?.sources ?? []).some((s: Json) => s.configMap)) return true;
  }
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    if ((c.env ?? []).some((e: Json) => e.valueFrom?.configMapKeyRef)) return true;
    if ((c.envFrom ?? []).some((e: Json) => e.configMapRef)) return true;
  }
  return false;
}

/** Validate's mirror-pod rules (Admit defers to them for mirror pods). */
function checkMirrorPod(ctx: AdmissionContext, pod: Json): AdmissionResult {
  const spec = pod.spec ?? {};
  if (spec.serviceAccountName)
    return { error: admissionForbidden(ctx, 'a mirror pod may not reference service accounts') };
  if (referencesSecrets(spec))
    return { error: admissionForbidden(ctx, 'a mirror pod may not reference secrets') };
  if (referencesConfigMaps(spec))
    return { error: admissionForbidden(ctx, 'a mirror pod may not reference configmaps') };
  const projectsToken = (spec.volumes ?? []).some((v: Json) =>
    (v.projected?.sources ?? []).some((s: Json) => s.serviceAccountToken),
  );
  if (projectsToken) {
    return {
      error: admissionForbidden(
        ctx,
        'a mirror pod may not use ServiceAccountToken volume projections',
      ),
    };
  }
  return {};
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/**
 * The projection every token volume carries: one frozen object shared by all the pods that
 * store it (stored objects are never changed).
 */
const TOKEN_PROJECTION: Json = deepFreeze(tokenVolumeSource());

/** mountServiceAccountToken: reuse an existing kube-api-access volume, else add one. */
function mountToken(ctx: AdmissionContext, spec: Json): void {
  const existing = (spec.volumes ?? []).find((v: Json) =>
    String(v.name).startsWith(VOLUME_NAME_PREFIX),
  );
  let volumeName: string | undefined = existing?.name;
  let needsVolume = false;
  const mount = () => {
    volumeName ??= `${VOLUME_NAME_PREFIX}${randString(ctx.rng, 5)}`;
    return { name: volumeName, readOnly: true, mountPath: API_TOKEN_MOUNT_PATH };
  };
  for (const kind of ['initContainers', 'containers']) {
    for (const c of spec[kind] ?? []) {
      if ((c.volumeMounts ?? []).some((m: Json) => m.mountPath === API_TOKEN_MOUNT_PATH)) continue;
      c.volumeMounts = concatExact(c.volumeMounts ?? [], [mount()]);
      needsVolume = true;
    }
  }
  if (!existing && needsVolume) {
    spec.volumes = concatExact(spec.volumes ?? [], [
      { name: volumeName, projected: TOKEN_PROJECTION },
    ]);
  }
}

const isPlainObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

function isListOfObjects(list: unknown): boolean {
  if (!Array.isArray(list)) return false;
  for (let i = 0; i < list.length; i++) if (!isPlainObject(list[i])) return false;
  return true;
}

/**
 * `clone(obj)` then `spec ??= {}`, as far as the result goes, copying only what the plugin may
 * change (the pod, its spec, the container lists and containers); anything unusual is cloned.
 */
function withOwnContainers(obj: Json): Json {
  const spec = obj.spec;
  const lists = ['initContainers', 'containers'];
  const usual =
    spec == null ||
    (isPlainObject(spec) &&
      lists.every((kind) => spec[kind] == null || isListOfObjects(spec[kind])));
  if (!usual) {
    const pod = clone(obj);
    pod.spec ??= {};
    return pod;
  }
  const own: Json = shallowCopy(spec ?? {});
  for (const kind of lists) {
    if (Array.isArray(own[kind])) own[kind] = own[kind].map((c: Json) => shallowCopy(c));
  }
  const pod = shallowCopy(obj);
  pod.spec = own;
  return pod;
}

export function serviceAccountAdmit(ctx: AdmissionContext): AdmissionResult {
  if (!appliesTo(ctx) || ctx.operation !== 'CREATE' || !ctx.obj) return {};
  if (isMirror(ctx.obj)) return checkMirrorPod(ctx, ctx.obj);
  const pod: KObject = withOwnContainers(ctx.obj);
  const spec = pod.spec;
  spec.serviceAccountName ||= DEFAULT_SERVICE_ACCOUNT;
  // The v1 `serviceAccount` field always mirrors serviceAccountName.
  spec.serviceAccount = spec.serviceAccountName;
  const ns = requestNamespace(ctx);
  if (ctx.serviceAccountExists && !ctx.serviceAccountExists(ns, spec.serviceAccountName)) {
    return {
      error: admissionForbidden(
        ctx,
        `error looking up service account ${ns}/${spec.serviceAccountName}: serviceaccount ${JSON.stringify(spec.serviceAccountName)} not found`,
      ),
    };
  }
  // A pod that names no pull secrets uses its ServiceAccount's (admission.go Admit).
  if (!(spec.imagePullSecrets ?? []).length) {
    const fromAccount = ctx.serviceAccountPullSecrets?.(ns, spec.serviceAccountName) ?? [];
    if (fromAccount.length) spec.imagePullSecrets = fromAccount.map((s) => ({ name: s.name }));
  }
  if (spec.automountServiceAccountToken !== false) mountToken(ctx, spec);
  return { obj: pod };
}

export function serviceAccountValidate(ctx: AdmissionContext): AdmissionResult {
  if (!appliesTo(ctx) || ctx.operation !== 'CREATE' || !ctx.obj) return {};
  if (isMirror(ctx.obj)) return checkMirrorPod(ctx, ctx.obj);
  if (!ctx.obj.spec?.serviceAccountName) {
    return {
      error: admissionForbidden(
        ctx,
        `no service account specified for pod ${requestNamespace(ctx)}/${ctx.obj.metadata?.name ?? ''}`,
      ),
    };
  }
  return {};
}
