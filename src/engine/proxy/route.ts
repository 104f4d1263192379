import { float01, type RngState } from '../sim/rng';
import {
  endpointChain,
  endpointString,
  externalChain,
  probabilityText,
  serviceChain,
} from './chains';
import { virtualServerKey } from './ipvsadm';
import type { ProgrammedRules, ProxyEndpoint, ProxyProtocol, ProxyServicePort } from './model';

/**
 * A new connection routed by one node's programmed rules, the way the kernel would.
 *
 * Failure reasons are what the client sees (curl-like, lowercase):
 * - `connection refused`: a port with no endpoints. iptables mode REJECTs it in the filter table
 *   (icmp-port-unreachable) [proxier.go "has no endpoints"]; in IPVS mode the virtual server has
 *   no real server and IPVS answers ICMP port unreachable itself (ip_vs_core.c ip_vs_leave;
 *   k/k PR #72534: "IPVS proxier doesn't need this similar change"). Also a port that is not a
 *   Service port on an IPVS ClusterIP: that address is local (kube-ipvs0) and KUBE-IPVS-FILTER
 *   rejects it (k/k #72236), and an unknown port on the node's own IP (nothing listens).
 * - `connection timed out`: an address no rule knows. A ClusterIP is virtual; without a rule
 *   the packet is routed away and nothing answers (k/k #22952, #17359).
 */

export interface RouteTarget {
  /** A ClusterIP, or the node's IP for a NodePort. */
  clusterIP: string;
  port: number;
  /** Default TCP. */
  protocol?: ProxyProtocol;
}

export type RouteResult =
  | { ok: true; endpoint: ProxyEndpoint; chain: string[] }
  | { ok: false; reason: string };

const REFUSED = { ok: false, reason: 'connection refused' } as const;
const TIMED_OUT = { ok: false, reason: 'connection timed out' } as const;

/**
 * `rr` belongs to the caller (one per node, kept in simulation state): the IPVS round-robin
 * position per virtual server, keyed by virtualServerKey (`clusterIP:port` for TCP). It is
 * mutated. `rng` is advanced once per statistic rule evaluated in iptables mode.
 */
export function routeRequest(
  rules: ProgrammedRules,
  target: RouteTarget,
  rng: RngState,
  rr: Record<string, number>,
): RouteResult {
  const protocol = target.protocol ?? 'TCP';
  const viaClusterIP = rules.services.find(
    (sp) =>
      sp.clusterIP === target.clusterIP && sp.port === target.port && sp.protocol === protocol,
  );
  const viaNodePort =
    viaClusterIP || target.clusterIP !== rules.nodeIP
      ? undefined
      : rules.services.find((sp) => sp.nodePort === target.port && sp.protocol === protocol);
  const sp = viaClusterIP ?? viaNodePort;
  if (!sp) {
    if (target.clusterIP === rules.nodeIP) return REFUSED;
    const ipvsOwnsAddress =
      rules.mode === 'ipvs' && rules.services.some((s) => s.clusterIP === target.clusterIP);
    return ipvsOwnsAddress ? REFUSED : TIMED_OUT;
  }
  if (sp.endpoints.length === 0) return REFUSED;
  return rules.mode === 'iptables'
    ? viaIptables(sp, viaNodePort !== undefined, rng)
    : viaIpvs(sp, target, protocol, rr);
}

/**
 * The KUBE-SVC chain's rules in order: each statistic match is an independent draw that takes
 * its endpoint with probability 1/(n-i) (xt_statistic, --mode random); the last always matches.
 */
function viaIptables(sp: ProxyServicePort, nodePort: boolean, rng: RngState): RouteResult {
  const n = sp.endpoints.length;
  let chosen = n - 1;
  for (let i = 0; i < n - 1; i++) {
    if (float01(rng) < Number(probabilityText(n - i))) {
      chosen = i;
      break;
    }
  }
  const endpoint = sp.endpoints[chosen];
  const entry = nodePort
    ? ['KUBE-SERVICES', 'KUBE-NODEPORTS', externalChain(sp)]
    : ['KUBE-SERVICES'];
  return { ok: true, endpoint, chain: [...entry, serviceChain(sp), endpointChain(sp, endpoint)] };
}

/**
 * rr: each new connection goes to the next real server in turn. The kernel walks its own dest
 * list; here the list is the endpoints in kube-proxy's order and the position is an index.
 */
function viaIpvs(
  sp: ProxyServicePort,
  target: RouteTarget,
  protocol: ProxyProtocol,
  rr: Record<string, number>,
): RouteResult {
  const key = virtualServerKey(protocol, target.clusterIP, target.port);
  const n = sp.endpoints.length;
  const index = (rr[key] ?? 0) % n;
  rr[key] = (index + 1) % n;
  const endpoint = sp.endpoints[index];
  return {
    ok: true,
    endpoint,
    chain: [`${protocol} ${target.clusterIP}:${target.port} rr`, `-> ${endpointString(endpoint)}`],
  };
}
