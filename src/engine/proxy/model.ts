import type { Service } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointSlice } from 'kubernetes-types/discovery/v1';
import { endpointString, servicePortName } from './chains';

/**
 * What one node's kube-proxy last wrote into its kernel. It is a snapshot: when kube-proxy or the
 * API server breaks, the snapshot (and so the kernel's rules) stays as it was.
 */

export type ProxyMode = 'iptables' | 'ipvs';
export type ProxyProtocol = 'TCP' | 'UDP' | 'SCTP';

export interface ProxyEndpoint {
  ip: string;
  port: number;
  /** For the simulation's own lookups (who served a request); never printed in rules. */
  podNamespace?: string;
  podName?: string;
  nodeName?: string;
}

export interface ProxyServicePort {
  namespace: string;
  name: string;
  /** '' when the Service port has no name. */
  portName: string;
  protocol: ProxyProtocol;
  clusterIP: string;
  port: number;
  /** Only for NodePort/LoadBalancer ports with externalTrafficPolicy Cluster (see buildRules). */
  nodePort?: number;
  /** Sorted by `ip:port` string, as kube-proxy sorts them. */
  endpoints: ProxyEndpoint[];
}

export interface ProgrammedRules {
  mode: ProxyMode;
  /** kube-proxy --cluster-cidr; '' means no local-traffic detector, so no masquerade rule. */
  clusterCIDR: string;
  nodeIP: string;
  /** Sorted by service port name, then protocol. */
  services: ProxyServicePort[];
  syncedAtMs: number;
}

export interface BuildRulesInput {
  mode: ProxyMode;
  clusterCIDR: string;
  nodeIP: string;
  nowMs: number;
  services: Service[];
  slices: EndpointSlice[];
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
// kube-proxy's informers skip Services carrying this label [cmd/kube-proxy/app/server.go].
const SERVICE_PROXY_NAME_LABEL = 'service.kubernetes.io/service-proxy-name';

interface Candidate {
  endpoint: ProxyEndpoint;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

export function buildRules(input: BuildRulesInput): ProgrammedRules {
  const services: ProxyServicePort[] = [];
  for (const svc of input.services) {
    const spec = svc.spec;
    const clusterIP = spec?.clusterIP ?? '';
    if (!spec || clusterIP === '' || clusterIP === 'None') continue;
    if (svc.metadata?.labels?.[SERVICE_PROXY_NAME_LABEL] !== undefined) continue;
    const namespace = svc.metadata?.namespace ?? 'default';
    const name = svc.metadata?.name ?? '';
    const slices = input.slices.filter(
      (s) =>
        (s.metadata?.namespace ?? 'default') === namespace &&
        s.metadata?.labels?.[SERVICE_NAME_LABEL] === name &&
        s.addressType === 'IPv4',
    );
    const exposesNodePort =
      (spec.type === 'NodePort' || spec.type === 'LoadBalancer') &&
      spec.externalTrafficPolicy !== 'Local';
    for (const port of spec.ports ?? []) {
      const protocol = (port.protocol ?? 'TCP') as ProxyProtocol;
      const portName = port.name ?? '';
      services.push({
        namespace,
        name,
        portName,
        protocol,
        clusterIP,
        port: port.port,
        ...(exposesNodePort && port.nodePort ? { nodePort: port.nodePort } : {}),
        endpoints: usableEndpoints(candidatesFor(slices, portName, protocol)),
      });
    }
  }
  services.sort(
    (a, b) =>
      compareStrings(servicePortName(a), servicePortName(b)) ||
      compareStrings(a.protocol, b.protocol),
  );
  return {
    mode: input.mode,
    clusterCIDR: input.clusterCIDR,
    nodeIP: input.nodeIP,
    services,
    syncedAtMs: input.nowMs,
  };
}

/**
 * One candidate per distinct `ip:port`, like EndpointSliceCache.addEndpoints
 * [k/k pkg/proxy/endpointslicecache.go]: nil ready/serving count as true, nil terminating as
 * false; a duplicate replaces an earlier one unless it is terminating.
 */
function candidatesFor(slices: EndpointSlice[], portName: string, protocol: ProxyProtocol) {
  const byEndpoint = new Map<string, Candidate>();
  for (const slice of slices) {
    for (const slicePort of slice.ports ?? []) {
      // kube-proxy ignores nil names; the simulation's controller may omit '' so treat it as ''.
      if ((slicePort.name ?? '') !== portName) continue;
      if ((slicePort.protocol ?? 'TCP') !== protocol) continue;
      if (!slicePort.port) continue;
      for (const ep of slice.endpoints) {
        const candidate = toCandidate(ep, slicePort.port);
        if (!candidate) continue;
        const key = endpointString(candidate.endpoint);
        if (!byEndpoint.has(key) || !candidate.terminating) byEndpoint.set(key, candidate);
      }
    }
  }
  return [...byEndpoint.values()];
}

function toCandidate(ep: Endpoint, port: number): Candidate | undefined {
  const ip = ep.addresses[0];
  if (!ip) return undefined;
  const ready = ep.conditions?.ready ?? true;
  const endpoint: ProxyEndpoint = { ip, port };
  if (ep.targetRef?.kind === 'Pod') {
    if (ep.targetRef.namespace) endpoint.podNamespace = ep.targetRef.namespace;
    if (ep.targetRef.name) endpoint.podName = ep.targetRef.name;
  }
  if (ep.nodeName) endpoint.nodeName = ep.nodeName;
  return {
    endpoint,
    ready,
    serving: ep.conditions?.serving ?? true,
    terminating: ep.conditions?.terminating ?? false,
  };
}

/**
 * Ready endpoints; when none is ready, the serving-and-terminating ones
 * [k/k pkg/proxy/topology.go CategorizeEndpoints]. Sorted by `ip:port` string
 * [endpointslicecache.go byEndpoint].
 */
function usableEndpoints(candidates: Candidate[]): ProxyEndpoint[] {
  let chosen = candidates.filter((c) => c.ready);
  if (chosen.length === 0) chosen = candidates.filter((c) => c.serving && c.terminating);
  return chosen
    .map((c) => c.endpoint)
    .sort((a, b) => compareStrings(endpointString(a), endpointString(b)));
}

/** Byte-wise comparison like Go's `<` on strings, independent of locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
