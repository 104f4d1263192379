/**
 * Connections to containers: a customer request routed by kube-proxy (the lab's `request`) and
 * an HTTP client inside a container (`wget`, `curl`) reaching Services and pods. Name lookups
 * answer from the Services the API server holds, the way cluster DNS would (CoreDNS's own
 * health is not consulted). Of the Internet only the pages the Kubernetes docs' examples fetch
 * exist (the init-containers page's http://info.cern.ch); any other name fails to resolve.
 */
import type { KObject } from '../api/types';
import { podContainers } from '../components/runtime';
import { routeRequest } from '../proxy';
import type { Simulation } from '../sim/simulation';
import type { NodeState, RuntimeContainer } from '../sim/state';
import { CLUSTER_DOMAIN } from './environment';
import { containerListens, podHttp } from './supervisor';
import type { HttpRequest, HttpResponse } from './types';

/** The user agent of the lab's customers. */
export const CUSTOMER_AGENT = 'curl/8.5.0';

export interface PodAtIp {
  node: NodeState;
  uid: string;
  name: string;
}

/**
 * The pod that answers at this address (its sandbox ready). Pods on the host network share their
 * node's IP (kubeadm's static pods: etcd, kube-apiserver, the controller manager, the scheduler,
 * and kube-proxy): of those, the one whose process listens on `port` answers, as in the node's
 * own network namespace; without a port, or when none listens, the first of them.
 */
export function podAtIp(sim: Simulation, ip: string, port?: number): PodAtIp | undefined {
  let first: PodAtIp | undefined;
  for (const name of sim.state.nodeNames) {
    const node = sim.state.nodes[name];
    for (const sb of Object.values(node.runtime.sandboxes)) {
      if (sb.ip !== ip || !sb.ready) continue;
      const kp = node.kubelet.pods[sb.podUid];
      const pod = { node, uid: sb.podUid, name: kp?.pod.metadata.name ?? sb.podUid };
      if (port === undefined || ip !== node.ip) return pod;
      if (podContainers(node, sb.podUid).some((c) => containerListens(c, port))) return pod;
      first ??= pod;
    }
  }
  return first;
}

/** An HTTP request reaching a pod's port: what answers, or why nothing does. */
export function httpToPod(
  sim: Simulation,
  target: PodAtIp,
  port: number,
  req: HttpRequest,
): HttpResponse | 'refused' | 'timeout' {
  if (!target.node.up) return 'timeout';
  return podHttp(sim, target.node, podContainers(target.node, target.uid), port, req);
}

/**
 * The address a server sees for a request that entered at `entry`'s kube-proxy: its rules
 * masquerade traffic from outside the cluster CIDR, so the source becomes the entry node's
 * bridge gateway for a pod on that node, and the entry node's address for a pod elsewhere.
 */
export function masqueradedSource(entry: NodeState, target: NodeState): string {
  if (entry.name !== target.name) return entry.ip;
  const [a, b, c] = entry.podCIDR.split('/')[0].split('.');
  return `${a}.${b}.${c}.1`;
}

/** The Internet as far as the docs' examples reach it: host → path → body. */
const INTERNET: Record<string, Record<string, string>> = {
  // The first website's home page as CERN serves it (646 bytes).
  'info.cern.ch': {
    '/': `<html><head></head><body><header>
<title>http://info.cern.ch</title>
</header>

<h1>http://info.cern.ch - home of the first website</h1>
<p>From here you can:</p>
<ul>
<li><a href="http://info.cern.ch/hypertext/WWW/TheProject.html">Browse the first website</a></li>
<li><a href="http://line-mode.cern.ch/www/hypertext/WWW/TheProject.html">Browse the first website using the line-mode browser simulator</a></li>
<li><a href="http://home.web.cern.ch/topics/birth-web">Learn about the birth of the web</a></li>
<li><a href="http://home.web.cern.ch/about">Learn about CERN, the physics laboratory where the web was born</a></li>
</ul>
</body></html>
`,
  },
};

const HTTP_URL = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^?#]*)?(\?[^#]*)?/i;

/**
 * `wget` / `curl` from inside a container: the URL's host resolved through the pod's DNS
 * search path (Services by name) or taken as an IP, a ClusterIP routed by this node's
 * kube-proxy rules, a pod IP reached directly.
 */
export function httpFromContainer(
  sim: Simulation,
  node: NodeState,
  c: RuntimeContainer,
  url: string,
): { status: number; body: string } | { error: string } {
  const m = HTTP_URL.exec(url.trim());
  if (!m) return { error: 'unresolved' };
  const scheme = (m[1] ?? 'http').toLowerCase();
  const host = m[2];
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  const path = `${m[4] || '/'}${m[5] ?? ''}`;
  const site = INTERNET[host.toLowerCase()];
  if (site) {
    const page = site[path.split('?')[0]];
    return page === undefined ? { status: 404, body: '' } : { status: 200, body: page };
  }
  const kp = node.kubelet.pods[c.podUid];
  const ns = kp?.pod.metadata.namespace ?? 'default';
  const ownIp = node.runtime.sandboxes[c.podUid]?.ip ?? '';
  const ip =
    host === 'localhost'
      ? '127.0.0.1'
      : /^\d+\.\d+\.\d+\.\d+$/.test(host)
        ? host
        : resolveService(sim, host, ns);
  if (!ip) return { error: 'unresolved' };
  const req: HttpRequest = {
    method: 'GET',
    path,
    clientIp: ownIp,
    userAgent: 'Wget',
    host: port === 80 ? host : `${host}:${port}`,
  };
  if (ip === '127.0.0.1' || ip === ownIp) {
    const res = podHttp(sim, node, podContainers(node, c.podUid), port, {
      ...req,
      clientIp: '127.0.0.1',
    });
    return res === 'refused' ? { error: 'refused' } : res;
  }
  let targetIp = ip;
  let targetPort = port;
  const svc = node.proxy.rules?.services.some((sp) => sp.clusterIP === ip);
  if (svc) {
    if (!node.proxy.rules) return { error: 'timeout' };
    const routed = routeRequest(
      node.proxy.rules,
      { clusterIP: ip, port },
      sim.state.rng,
      node.proxy.rr,
    );
    if (!routed.ok)
      return { error: routed.reason === 'connection refused' ? 'refused' : 'timeout' };
    targetIp = routed.endpoint.ip;
    targetPort = routed.endpoint.port;
  }
  const target = podAtIp(sim, targetIp, targetPort);
  if (!target) return { error: svc ? 'refused' : 'timeout' };
  const res = httpToPod(sim, target, targetPort, req);
  if (res === 'refused' || res === 'timeout') return { error: res };
  return res;
}

/** A Service name through the pod's resolv.conf search path (ndots:5): its ClusterIP. */
function resolveService(sim: Simulation, host: string, ns: string): string {
  const name = host.toLowerCase().replace(/\.$/, '');
  const parts = name.split('.');
  const candidates: [string, string][] = [];
  const suffix = `.svc.${CLUSTER_DOMAIN}`;
  if (name.endsWith(suffix)) {
    const rest = name.slice(0, -suffix.length).split('.');
    if (rest.length === 2) candidates.push([rest[1], rest[0]]);
  } else if (parts.length === 1) candidates.push([ns, name]);
  else if (parts.length === 2) candidates.push([parts[1], parts[0]]);
  else if (parts.length === 3 && parts[2] === 'svc') candidates.push([parts[1], parts[0]]);
  for (const [namespace, svcName] of candidates) {
    const svc: KObject | undefined = sim.store('services')[`${namespace}/${svcName}`];
    const ip = svc?.spec?.clusterIP;
    if (typeof ip === 'string' && ip !== 'None') return ip;
  }
  return '';
}
