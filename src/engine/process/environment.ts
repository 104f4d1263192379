/**
 * A container's world as its process finds it: the hostname, the environment and the few files
 * the kubelet and the image put there (/etc/hostname, /etc/hosts, /etc/resolv.conf, the image's
 * well-known files).
 */
import type { KObject } from '../api/types';
import { fnv32a } from '../model/images';
import type { ImageConfig } from '../model/registry';
import { expandVars } from './argv';
import { imageFiles } from './imageFiles';

/** The cluster DNS Service kubeadm creates (kube-dns, the 10th address of the Service CIDR). */
export const CLUSTER_DNS_IP = '10.96.0.10';
export const CLUSTER_DOMAIN = 'cluster.local';

interface ContainerSpec {
  name: string;
  env?: { name: string; value?: string; valueFrom?: unknown }[];
}

/** The pod's hostname: spec.hostname, else the pod's name (kubelet GeneratePodHostNameAndDomain). */
export function podHostname(pod: KObject): string {
  return String(pod.spec?.hostname || pod.metadata.name).slice(0, 63);
}

/**
 * The process environment. SEAM: the objects helper's `resolveContainerEnv` (model/podEnv.ts:
 * ConfigMap and Secret references, the downward API, service links) replaces the part after
 * HOSTNAME; until then only plain `value`s are set. Order as containerd builds it: the image's
 * ENV, then HOSTNAME, then what the kubelet sends, each later one winning.
 */
export function containerEnv(
  pod: KObject,
  container: ContainerSpec,
  image: ImageConfig,
  nodeName: string,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of imageEnv(image)) env[name] = value;
  env.HOSTNAME = pod.spec?.hostNetwork ? nodeName : podHostname(pod);
  // The kubelet expands $(VAR) in each value from the variables defined before it.
  const defined: Record<string, string> = {};
  for (const e of container.env ?? []) {
    if (!e || typeof e.name !== 'string' || e.valueFrom !== undefined) continue;
    const value = expandVars(String(e.value ?? ''), defined);
    defined[e.name] = value;
    env[e.name] = value;
  }
  return env;
}

/**
 * An image's ENV as pairs, split once per image config: every container of the image then holds
 * the same strings (not a slice of `K=V` each).
 */
function imageEnv(image: ImageConfig): readonly (readonly [string, string])[] {
  let pairs = imageEnvs.get(image);
  if (!pairs) {
    pairs = [];
    for (const kv of image.env) {
      const eq = kv.indexOf('=');
      if (eq > 0) pairs.push([kv.slice(0, eq), kv.slice(eq + 1)]);
    }
    imageEnvs.set(image, pairs);
  }
  return pairs;
}

const imageEnvs = new WeakMap<ImageConfig, (readonly [string, string])[]>();

/**
 * The kubelet-managed /etc/hosts (kubelet_pods.go managedHostsFileContent): the loopback and
 * IPv6 lines, then the pod's own address and hostname.
 */
export function hostsFile(
  podIp: string,
  hostname: string,
  subdomain?: string,
  ns?: string,
): string {
  const own =
    subdomain && ns
      ? `${podIp}\t${hostname}.${subdomain}.${ns}.svc.${CLUSTER_DOMAIN}\t${hostname}\n`
      : `${podIp}\t${hostname}\n`;
  return (
    '# Kubernetes-managed hosts file.\n' +
    '127.0.0.1\tlocalhost\n' +
    '::1\tlocalhost ip6-localhost ip6-loopback\n' +
    'fe00::0\tip6-localnet\n' +
    'fe00::0\tip6-mcastprefix\n' +
    'fe00::1\tip6-allnodes\n' +
    'fe00::2\tip6-allrouters\n' +
    own
  );
}

/**
 * resolv.conf as containerd writes it from the kubelet's DNSConfig (search, nameserver, options
 * lines, in that order). dnsPolicy ClusterFirst (the default) gets the cluster DNS; Default, and
 * host-network pods without ClusterFirstWithHostNet, get the node's own resolver.
 */
export function resolvConf(pod: KObject): string {
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  const clusterDns =
    policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !pod.spec?.hostNetwork);
  if (policy === 'None') {
    const cfg = pod.spec?.dnsConfig ?? {};
    let text = '';
    if (cfg.searches?.length) text += `search ${cfg.searches.join(' ')}\n`;
    for (const ns of cfg.nameservers ?? []) text += `nameserver ${ns}\n`;
    const opts = (cfg.options ?? []).map((o: { name: string; value?: string }) =>
      o.value === undefined ? o.name : `${o.name}:${o.value}`,
    );
    if (opts.length) text += `options ${opts.join(' ')}\n`;
    return text;
  }
  if (!clusterDns) return NODE_RESOLV_CONF;
  const ns = String(pod.metadata.namespace ?? 'default');
  let text = clusterResolvConfs.get(ns);
  if (text === undefined) {
    text =
      `search ${ns}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\n` +
      `nameserver ${CLUSTER_DNS_IP}\n` +
      'options ndots:5\n';
    if (clusterResolvConfs.size < 4096) clusterResolvConfs.set(ns, text);
  }
  return text;
}

/** A namespace's resolv.conf, one string for all its containers (a pure function: remembered). */
const clusterResolvConfs = new Map<string, string>();

/** The node's own resolver (a kind node: Docker's network gateway). */
const NODE_RESOLV_CONF = 'nameserver 172.18.0.1\n';

interface VolumeMount {
  name: string;
  mountPath: string;
  subPath?: string;
}

/** A node's /etc/machine-id: 32 hex digits, stable per node name (systemd's format). */
export function machineId(nodeName: string): string {
  let hex = '';
  for (let i = 0; hex.length < 32; i++)
    hex += fnv32a(`machine-id:${i}:${nodeName}`).toString(16).padStart(8, '0');
  return hex.slice(0, 32);
}

/**
 * The container's volume mounts over its files: whatever the image has under a mount point is
 * hidden by it. An emptyDir shows what the pod's earlier containers left in it (kept in the
 * sandbox: `podVolumes`); a hostPath shows the node's file where the simulation knows one
 * (/etc/machine-id), else an empty directory; other volumes are empty directories here. SEAM:
 * ConfigMap, Secret, projected and downward API contents come from model/podEnv.ts
 * resolveVolumeFiles (another part of issue 10).
 */
export function mountVolumes(
  fs: Record<string, string>,
  pod: KObject,
  mounts: VolumeMount[] | undefined,
  podVolumes: Record<string, Record<string, string>> | undefined,
  nodeName: string,
): void {
  const volumes: { name: string; emptyDir?: unknown; hostPath?: { path?: string } }[] =
    pod.spec?.volumes ?? [];
  for (const m of mounts ?? []) {
    if (!m || typeof m.mountPath !== 'string' || !m.mountPath.startsWith('/') || m.subPath)
      continue;
    const at = m.mountPath.replace(/\/+$/, '') || '/';
    const volume = volumes.find((v) => v?.name === m.name);
    if (!volume) continue;
    for (const key of Object.keys(fs)) if (key.startsWith(`${at}/`)) delete fs[key];
    addParents(fs, at);
    const hostFile = volume.hostPath?.path === '/etc/machine-id';
    if (hostFile) {
      delete fs[`${at}/`];
      fs[at] = `${machineId(nodeName)}\n`;
      continue;
    }
    fs[`${at}/`] = '';
    if (volume.emptyDir !== undefined)
      for (const [rel, content] of Object.entries(podVolumes?.[m.name] ?? {}))
        fs[`${at}/${rel}`] = content;
  }
}

/** The emptyDir contents a container leaves behind (relative path → content), by volume. */
export function emptyDirContents(
  fs: Record<string, string>,
  pod: KObject,
  mounts: VolumeMount[] | undefined,
): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const volumes: { name: string; emptyDir?: unknown }[] = pod.spec?.volumes ?? [];
  for (const m of mounts ?? []) {
    if (!m || typeof m.mountPath !== 'string' || m.subPath) continue;
    if (volumes.find((v) => v?.name === m.name)?.emptyDir === undefined) continue;
    const at = `${m.mountPath.replace(/\/+$/, '')}/`;
    const files: Record<string, string> = {};
    for (const [key, content] of Object.entries(fs))
      if (key.startsWith(at) && key !== at) files[key.slice(at.length)] = content;
    out[m.name] = files;
  }
  return out;
}

function addParents(fs: Record<string, string>, path: string): void {
  let i = path.indexOf('/', 1);
  while (i > 0) {
    const dir = `${path.slice(0, i)}/`;
    if (fs[dir] === undefined) fs[dir] = '';
    i = path.indexOf('/', i + 1);
  }
}

/** The container's files when it starts: the image's, then what the kubelet mounts over them. */
export function initialFiles(
  pod: KObject,
  imageRepository: string,
  image: ImageConfig,
  podIp: string,
  nodeName: string,
): Record<string, string> {
  const hostname = pod.spec?.hostNetwork ? nodeName : podHostname(pod);
  const fs: Record<string, string> = {
    '/': '',
    '/etc/': '',
    '/tmp/': '',
    '/root/': '',
    '/var/': '',
    '/var/log/': '',
    ...imageFiles(imageRepository, image),
  };
  fs['/etc/hostname'] = `${hostname}\n`;
  fs['/etc/hosts'] = pod.spec?.hostNetwork
    ? `127.0.0.1\tlocalhost\n${podIp}\t${nodeName}\n`
    : hostsFile(podIp, hostname, pod.spec?.subdomain, pod.metadata.namespace);
  fs['/etc/resolv.conf'] = resolvConf(pod);
  if (image.workingDir)
    fs[image.workingDir.endsWith('/') ? image.workingDir : `${image.workingDir}/`] = '';
  return fs;
}
