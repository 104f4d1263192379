/**
 * A container's world as its process finds it: the hostname, the environment and the few files
 * the kubelet and the image put there (/etc/hostname, /etc/hosts, /etc/resolv.conf, the image's
 * well-known files).
 */
import type { KObject } from '../api/types';
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
  for (const kv of image.env) {
    const eq = kv.indexOf('=');
    if (eq > 0) env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
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
  const ns = pod.metadata.namespace ?? 'default';
  return (
    `search ${ns}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\n` +
    `nameserver ${CLUSTER_DNS_IP}\n` +
    'options ndots:5\n'
  );
}

/** The node's own resolver (a kind node: Docker's network gateway). */
const NODE_RESOLV_CONF = 'nameserver 172.18.0.1\noptions edns0 trust-ad ndots:0\n';

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
