/**
 * What a container sees when it starts: its environment and the files of its ConfigMap, Secret,
 * projected and downward API volumes, worked out from API objects as the kubelet does
 * (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables and getServiceEnvVarMap,
 * pkg/kubelet/envvars/envvars.go, third_party/forked/golang/expansion, pkg/volume/configmap,
 * secret, projected and downwardapi). Pure: everything comes from the pod, the container and a
 * read-only view of the stored objects.
 *
 * Order: the kubelet builds the environment in Go maps, so a real container's order is random.
 * Here it is fixed: envFrom entries (each source's keys sorted), then `env` in declaration order,
 * then the service variables by Service name.
 */
import type { KObject } from '../api/types';
import { base64Encode, textOfBase64, utf8Encode } from './base64';
import { fnv32a } from './images';
import { parseQuantity } from './quantity';

/** The stored objects of one resource, keyed `namespace/name` (e.g. `sim.store`). */
export type StoreReader = (resource: string) => Readonly<Record<string, KObject>>;

/** The pod's and node's addresses when they are not in the pod's status yet. */
export interface PodAddresses {
  podIP?: string;
  podIPs?: string[];
  hostIP?: string;
  hostIPs?: string[];
}

export type ContainerEnvResult =
  | { env: Record<string, string> }
  | { error: { reason: 'CreateContainerConfigError'; message: string } };

// biome-ignore lint/suspicious/noExplicitAny: pod specs are free-form JSON here
type Json = any;

class ConfigError extends Error {}

/** The watch-based managers' NotFound: `configmap "x" not found` / `secret "x" not found`. */
const notFound = (what: 'configmap' | 'secret', name: string) =>
  `${what} ${JSON.stringify(name)} not found`;

function lookup(
  store: StoreReader,
  resource: string,
  ns: string,
  name: string,
): KObject | undefined {
  return store(resource)[`${ns}/${name}`];
}

// ---- service links ----

/** makeEnvVariableName: upper case, `-` and `.` to `_`, a leading digit prefixed with `_`. */
function envName(name: string): string {
  const upper = name.replace(/[.-]/g, '_').toUpperCase();
  return /^[0-9]/.test(upper) ? `_${upper}` : upper;
}

/** envvars.FromServices for one Service. */
function serviceVars(svc: KObject, out: Record<string, string>): void {
  const ip: string = svc.spec?.clusterIP ?? '';
  const ports: { name?: string; port: number; protocol?: string }[] = svc.spec?.ports ?? [];
  if (!ip || ip === 'None' || ports.length === 0) return;
  const prefix = envName(String(svc.metadata.name));
  out[`${prefix}_SERVICE_HOST`] = ip;
  out[`${prefix}_SERVICE_PORT`] = String(ports[0].port);
  for (const p of ports)
    if (p.name) out[`${prefix}_SERVICE_PORT_${envName(p.name)}`] = String(p.port);
  ports.forEach((p, i) => {
    const protocol = (p.protocol || 'TCP').toLowerCase();
    const url = `${protocol}://${ip}:${p.port}`;
    if (i === 0) out[`${prefix}_PORT`] = url;
    const portPrefix = `${prefix}_PORT_${p.port}_${protocol.toUpperCase()}`;
    out[portPrefix] = url;
    out[`${portPrefix}_PROTO`] = protocol;
    out[`${portPrefix}_PORT`] = String(p.port);
    out[`${portPrefix}_ADDR`] = ip;
  });
}

/**
 * getServiceEnvVarMap: the `kubernetes` Service of the default namespace always, and with
 * enableServiceLinks every Service of the pod's namespace that has a ClusterIP.
 */
export function serviceEnvVars(pod: KObject, store: StoreReader): Record<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const links = pod.spec?.enableServiceLinks !== false;
  const chosen = new Map<string, KObject>();
  const services = store('services');
  const master = services['default/kubernetes'];
  if (master) chosen.set('kubernetes', master);
  if (links) {
    for (const svc of Object.values(services)) {
      if (svc.metadata.namespace !== ns) continue;
      const ip = svc.spec?.clusterIP;
      if (!ip || ip === 'None') continue;
      chosen.set(String(svc.metadata.name), svc);
    }
  }
  const out: Record<string, string> = {};
  for (const name of [...chosen.keys()].sort()) serviceVars(chosen.get(name) as KObject, out);
  return out;
}

// ---- $(VAR) expansion ----

/** expansion.Expand: `$(NAME)` from the maps (unknown names stay as written), `$$` is `$`. */
export function expandEnv(input: string, ...context: Record<string, string>[]): string {
  const mapping = (name: string) => {
    for (const vars of context) if (Object.hasOwn(vars, name)) return vars[name];
    return `$(${name})`;
  };
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let advance = 1;
    if (rest[0] === '$') out += '$';
    else if (rest[0] === '(') {
      const close = rest.indexOf(')', 1);
      if (close >= 0) {
        out += mapping(rest.slice(1, close));
        advance = close + 1;
      } else out += '$(';
    } else out += `$${rest[0]}`;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

// ---- downward API ----

function addressesOf(pod: KObject, store: StoreReader, given: PodAddresses | undefined) {
  const node = pod.spec?.nodeName ? store('nodes')[pod.spec.nodeName] : undefined;
  const nodeIPs: string[] = (node?.status?.addresses ?? [])
    .filter((a: { type: string }) => a.type === 'InternalIP')
    .map((a: { address: string }) => a.address);
  const podIPs: string[] =
    given?.podIPs ??
    (given?.podIP ? [given.podIP] : undefined) ??
    (pod.status?.podIPs ?? []).map((p: { ip: string }) => p.ip);
  const hostIPs: string[] =
    given?.hostIPs ??
    (given?.hostIP ? [given.hostIP] : undefined) ??
    ((pod.status?.hostIPs ?? []).map((p: { ip: string }) => p.ip) as string[]);
  return {
    podIPs: podIPs.length ? podIPs : pod.status?.podIP ? [pod.status.podIP] : [],
    hostIPs: hostIPs.length ? hostIPs : pod.status?.hostIP ? [pod.status.hostIP] : nodeIPs,
  };
}

/** fieldpath.FormatMap: `key="value"` lines, keys sorted, %q quoting. */
function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(m?.[k] ?? '')}`)
    .join('\n');
}

/** podFieldSelectorRuntimeValue and fieldpath.ExtractFieldPathAsString. */
export function podFieldValue(
  fieldPath: string,
  pod: KObject,
  store: StoreReader,
  addresses?: PodAddresses,
): string {
  const path = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  const ips = () => addressesOf(pod, store, addresses);
  switch (path) {
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
      return ips().hostIPs[0] ?? '';
    case 'status.hostIPs':
      return ips().hostIPs.join(',');
    case 'status.podIP':
      return ips().podIPs[0] ?? '';
    case 'status.podIPs':
      return ips().podIPs.join(',');
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'metadata.labels':
      return formatMap(pod.metadata.labels);
    case 'metadata.annotations':
      return formatMap(pod.metadata.annotations);
  }
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]] ?? '';
  throw new ConfigError(`unsupported fieldPath: ${fieldPath}`);
}

/** Quantity.Value() / MilliValue(): rounded up to a whole number of units (or milli-units). */
function scaledUp(q: string | number | undefined, milli: boolean): bigint {
  if (q === undefined || q === null) return 0n;
  const p = parseQuantity(q);
  if (!p.ok) return 0n;
  const scale = p.value.scale + (milli ? 3 : 0);
  if (scale >= 0) return p.value.digits * 10n ** BigInt(scale);
  const div = 10n ** BigInt(-scale);
  const d = p.value.digits;
  return d >= 0n ? (d + div - 1n) / div : d / div;
}

function ceilDiv(a: bigint, b: bigint): string {
  if (b === 0n) return '0';
  const q = a / b;
  return String(a % b !== 0n && a > 0n ? q + 1n : q);
}

/** containerResourceRuntimeValue with defaultPodLimitsForDownwardAPI (unset limits: allocatable). */
export function containerResourceValue(
  ref: Json,
  pod: KObject,
  container: Json,
  store: StoreReader,
): string {
  const target = ref.containerName
    ? [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find(
        (c: Json) => c.name === ref.containerName,
      )
    : container;
  if (!target) throw new ConfigError(`container ${ref.containerName} not found`);
  const resource = String(ref.resource ?? '');
  const [kind, name] = [
    resource.slice(0, resource.indexOf('.')),
    resource.slice(resource.indexOf('.') + 1),
  ];
  const node = pod.spec?.nodeName ? store('nodes')[pod.spec.nodeName] : undefined;
  let value = target.resources?.[kind]?.[name];
  if (kind === 'limits' && value === undefined) value = node?.status?.allocatable?.[name];
  const divisorText =
    ref.divisor === undefined || ref.divisor === null || scaledUp(ref.divisor, true) === 0n
      ? '1'
      : ref.divisor;
  if (name === 'cpu') return ceilDiv(scaledUp(value, true), scaledUp(divisorText, true));
  if (kind !== 'limits' && kind !== 'requests')
    throw new ConfigError(`unsupported container resource : ${resource}`);
  return ceilDiv(scaledUp(value, false), scaledUp(divisorText, false));
}

// ---- the environment ----

function configMapData(cm: KObject): Record<string, string> {
  return cm.data ?? {};
}

function secretData(secret: KObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secret.data ?? {})) out[k] = textOfBase64(String(v ?? ''));
  return out;
}

/**
 * makeEnvironmentVariables: envFrom first, then `env` (which may refer to earlier variables and
 * the service variables as `$(NAME)`), then the service variables not already set. A missing
 * ConfigMap, Secret or key that is not optional fails the container's start with the kubelet's
 * words (CreateContainerConfigError).
 */
export function resolveContainerEnv(
  pod: KObject,
  container: Json,
  store: StoreReader,
  addresses?: PodAddresses,
): ContainerEnvResult {
  try {
    return { env: buildEnv(pod, container, store, addresses) };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { error: { reason: 'CreateContainerConfigError', message: e.message } };
  }
}

function buildEnv(
  pod: KObject,
  container: Json,
  store: StoreReader,
  addresses: PodAddresses | undefined,
): Record<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const serviceEnv = serviceEnvVars(pod, store);
  const env: Record<string, string> = {};
  for (const from of container?.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const isConfigMap = !!from.configMapRef;
    const obj = lookup(store, isConfigMap ? 'configmaps' : 'secrets', ns, ref.name);
    if (!obj) {
      if (ref.optional) continue;
      throw new ConfigError(notFound(isConfigMap ? 'configmap' : 'secret', ref.name));
    }
    const data = isConfigMap ? configMapData(obj) : secretData(obj);
    for (const key of Object.keys(data).sort()) env[`${from.prefix ?? ''}${key}`] = data[key];
  }
  for (const ev of container?.env ?? []) {
    let value: string = ev.value ?? '';
    if (value !== '') value = expandEnv(value, env, serviceEnv);
    else if (ev.valueFrom) {
      const from = ev.valueFrom;
      if (from.fieldRef) value = podFieldValue(from.fieldRef.fieldPath, pod, store, addresses);
      else if (from.resourceFieldRef)
        value = containerResourceValue(from.resourceFieldRef, pod, container, store);
      else if (from.configMapKeyRef || from.secretKeyRef) {
        const ref = from.configMapKeyRef ?? from.secretKeyRef;
        const isConfigMap = !!from.configMapKeyRef;
        const obj = lookup(store, isConfigMap ? 'configmaps' : 'secrets', ns, ref.name);
        if (!obj) {
          if (ref.optional) continue;
          throw new ConfigError(notFound(isConfigMap ? 'configmap' : 'secret', ref.name));
        }
        const data = isConfigMap ? configMapData(obj) : secretData(obj);
        if (!Object.hasOwn(data, ref.key)) {
          if (ref.optional) continue;
          throw new ConfigError(
            `couldn't find key ${ref.key} in ${isConfigMap ? 'ConfigMap' : 'Secret'} ${ns}/${ref.name}`,
          );
        }
        value = data[ref.key];
      }
    }
    env[ev.name] = value;
  }
  for (const [k, v] of Object.entries(serviceEnv)) if (!Object.hasOwn(env, k)) env[k] = v;
  return env;
}

// ---- volumes ----

/** The service account token's claims (a bound token; kube-apiserver extends 3607 s ones to a year). */
function serviceAccountToken(pod: KObject, store: StoreReader, expirationSeconds: number): string {
  const ns = pod.metadata.namespace ?? 'default';
  const saName = pod.spec?.serviceAccountName ?? 'default';
  const sa = lookup(store, 'serviceaccounts', ns, saName);
  const node = pod.spec?.nodeName ? store('nodes')[pod.spec.nodeName] : undefined;
  const started = pod.status?.startTime ?? pod.metadata.creationTimestamp;
  const iat = Math.floor((Date.parse(String(started ?? '2026-01-01T09:00:00Z')) || 0) / 1000);
  const extended = expirationSeconds === 3607;
  const issuer = 'https://kubernetes.default.svc.cluster.local';
  const claims = {
    aud: [issuer],
    exp: iat + (extended ? 365 * 24 * 3600 : expirationSeconds),
    iat,
    iss: issuer,
    jti: uuidFrom(`${pod.metadata.uid}/token`),
    'kubernetes.io': {
      namespace: ns,
      node: node ? { name: node.metadata.name, uid: node.metadata.uid } : undefined,
      pod: { name: pod.metadata.name, uid: pod.metadata.uid },
      serviceaccount: { name: saName, uid: sa?.metadata.uid },
      ...(extended ? { warnafter: iat + expirationSeconds } : {}),
    },
    nbf: iat,
    sub: `system:serviceaccount:${ns}:${saName}`,
  };
  const header = { alg: 'RS256', kid: 'simulated-cluster-key' };
  const part = (o: unknown) => base64Url(JSON.stringify(o));
  return `${part(header)}.${part(claims)}.${base64Url('signature of the simulated cluster')}`;
}

function base64Url(text: string): string {
  return base64Encode(utf8Encode(text)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function uuidFrom(seed: string): string {
  const hex = [0, 1, 2, 3]
    .map((i) => fnv32a(`${seed}#${i}`).toString(16).padStart(8, '0'))
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Files of one ConfigMap or Secret projection (configmap/secret MakePayload). */
function keyFiles(
  data: Record<string, string>,
  items: { key: string; path: string }[] | undefined,
  optional: boolean,
  missingKey: (key: string) => string,
  out: Record<string, string>,
): void {
  if (!items?.length) {
    for (const key of Object.keys(data).sort()) out[key] = data[key];
    return;
  }
  for (const item of items) {
    if (!Object.hasOwn(data, item.key)) {
      if (optional) continue;
      throw new ConfigError(missingKey(item.key));
    }
    out[item.path] = data[item.key];
  }
}

function downwardFiles(
  items: Json[] | undefined,
  pod: KObject,
  container: Json,
  store: StoreReader,
  addresses: PodAddresses | undefined,
  out: Record<string, string>,
): void {
  for (const item of items ?? []) {
    if (item.fieldRef)
      out[item.path] = podFieldValue(item.fieldRef.fieldPath, pod, store, addresses);
    else if (item.resourceFieldRef)
      out[item.path] = containerResourceValue(item.resourceFieldRef, pod, container, store);
  }
}

function configMapFiles(
  src: Json,
  ns: string,
  store: StoreReader,
  out: Record<string, string>,
): void {
  const cm = lookup(store, 'configmaps', ns, src.name);
  if (!cm) {
    if (src.optional) return;
    throw new ConfigError(notFound('configmap', src.name));
  }
  const data: Record<string, string> = { ...configMapData(cm) };
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) data[k] = textOfBase64(String(v));
  keyFiles(
    data,
    src.items,
    !!src.optional,
    (k) => `configmap references non-existent config key: ${k}`,
    out,
  );
}

function secretFiles(
  src: Json,
  name: string,
  ns: string,
  store: StoreReader,
  out: Record<string, string>,
): void {
  const secret = lookup(store, 'secrets', ns, name);
  if (!secret) {
    if (src.optional) return;
    throw new ConfigError(notFound('secret', name));
  }
  keyFiles(
    secretData(secret),
    src.items,
    !!src.optional,
    (k) => `references non-existent secret key: ${k}`,
    out,
  );
}

/** The files a volume holds, by path inside the volume (none for volumes without content). */
function volumeContent(
  volume: Json,
  pod: KObject,
  container: Json,
  store: StoreReader,
  addresses: PodAddresses | undefined,
): Record<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const out: Record<string, string> = {};
  if (volume.configMap) configMapFiles(volume.configMap, ns, store, out);
  else if (volume.secret) secretFiles(volume.secret, volume.secret.secretName, ns, store, out);
  else if (volume.downwardAPI)
    downwardFiles(volume.downwardAPI.items, pod, container, store, addresses, out);
  else if (volume.projected) {
    const errors: string[] = [];
    for (const source of volume.projected.sources ?? []) {
      try {
        if (source.configMap) configMapFiles(source.configMap, ns, store, out);
        else if (source.secret) secretFiles(source.secret, source.secret.name, ns, store, out);
        else if (source.downwardAPI)
          downwardFiles(source.downwardAPI.items, pod, container, store, addresses, out);
        else if (source.serviceAccountToken)
          out[source.serviceAccountToken.path ?? 'token'] = serviceAccountToken(
            pod,
            store,
            source.serviceAccountToken.expirationSeconds ?? 3600,
          );
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        errors.push(e.message);
      }
    }
    // utilerrors.NewAggregate: one message as it is, several in brackets.
    if (errors.length)
      throw new ConfigError(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
  }
  return out;
}

function joinPath(dir: string, rel: string): string {
  return `${dir.replace(/\/+$/, '')}/${rel.replace(/^\/+/, '')}`;
}

/**
 * The files the container sees through its volume mounts: absolute path → content, for
 * ConfigMap, Secret, projected (the service account token among them) and downward API
 * volumes, honouring `items` and `subPath`. A volume that cannot be set up contributes nothing
 * (see volumeMountErrors for why).
 */
export function resolveVolumeFiles(
  pod: KObject,
  container: Json,
  store: StoreReader,
  addresses?: PodAddresses,
): Record<string, string> {
  const files: Record<string, string> = {};
  const volumes: Json[] = pod.spec?.volumes ?? [];
  for (const mount of container?.volumeMounts ?? []) {
    const volume = volumes.find((v) => v.name === mount.name);
    if (!volume || !mount.mountPath) continue;
    let content: Record<string, string>;
    try {
      content = volumeContent(volume, pod, container, store, addresses);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      continue;
    }
    const sub = String(mount.subPath ?? '').replace(/^\/+|\/+$/g, '');
    for (const rel of Object.keys(content).sort()) {
      if (!sub) files[joinPath(mount.mountPath, rel)] = content[rel];
      else if (rel === sub) files[mount.mountPath] = content[rel];
      else if (rel.startsWith(`${sub}/`))
        files[joinPath(mount.mountPath, rel.slice(sub.length + 1))] = content[rel];
    }
  }
  return files;
}

/**
 * The kubelet's FailedMount messages for the pod's volumes that cannot be set up (a missing
 * ConfigMap or Secret, or a key `items` names that is not there), in volume order:
 * `MountVolume.SetUp failed for volume "config" : configmap "x" not found`.
 */
export function volumeMountErrors(
  pod: KObject,
  store: StoreReader,
  addresses?: PodAddresses,
): { volume: string; message: string }[] {
  const out: { volume: string; message: string }[] = [];
  const container = pod.spec?.containers?.[0];
  for (const volume of pod.spec?.volumes ?? []) {
    try {
      volumeContent(volume, pod, container, store, addresses);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      out.push({
        volume: volume.name,
        message: `MountVolume.SetUp failed for volume ${JSON.stringify(volume.name)} : ${e.message}`,
      });
    }
  }
  return out;
}

/**
 * GeneratePodHostNameAndDomain (kubelet_pods.go): the pod's hostname (spec.hostname, else its
 * name, cut to 63 characters without a trailing `-` or `.`) and, with a subdomain, its domain
 * `<subdomain>.<namespace>.svc.cluster.local` (a StatefulSet pod: web-0 in nginx.default.svc…).
 */
export function podHostname(pod: KObject): { hostname: string; domain: string } {
  let hostname = String(pod.spec?.hostname || pod.metadata.name || '');
  if (hostname.length > 63) hostname = hostname.slice(0, 63).replace(/[-.]+$/, '');
  const subdomain = pod.spec?.subdomain;
  const domain = subdomain
    ? `${subdomain}.${pod.metadata.namespace ?? 'default'}.svc.cluster.local`
    : '';
  return { hostname, domain };
}
