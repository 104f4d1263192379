import type { ProxyEndpoint, ProxyServicePort } from './model';
import { base32, sha256, utf8Bytes } from './sha256';

/**
 * kube-proxy's names for things, from k/k pkg/proxy/iptables/proxier.go and pkg/proxy/types.go.
 */

/** ServicePortName.String(): `ns/name:port`, or `ns/name` when the port has no name. */
export function servicePortName(sp: Pick<ProxyServicePort, 'namespace' | 'name' | 'portName'>) {
  return `${sp.namespace}/${sp.name}${sp.portName ? `:${sp.portName}` : ''}`;
}

/** Endpoint.String(): `ip:port` (IPv4 only in this simulation). */
export function endpointString(ep: Pick<ProxyEndpoint, 'ip' | 'port'>): string {
  return `${ep.ip}:${ep.port}`;
}

function hashPrefix16(input: string): string {
  return base32(sha256(utf8Bytes(input))).slice(0, 16);
}

const cache = new Map<string, string>();

// Each name is a pure function of its input; memoising keeps per-request routing cheap.
function memo(key: string, compute: () => string): string {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}

/** Hash input: the port name string plus the lowercase protocol (`servicePortChainName`). */
function hashInput(sp: ProxyServicePort): string {
  return servicePortName(sp) + sp.protocol.toLowerCase();
}

export function serviceChain(sp: ProxyServicePort): string {
  const input = hashInput(sp);
  return memo(`SVC ${input}`, () => `KUBE-SVC-${hashPrefix16(input)}`);
}

/** `externalTrafficChainName`: same hash as the SVC chain, different prefix. */
export function externalChain(sp: ProxyServicePort): string {
  const input = hashInput(sp);
  return memo(`EXT ${input}`, () => `KUBE-EXT-${hashPrefix16(input)}`);
}

/** `servicePortEndpointChainName`: the hash also covers the endpoint's `ip:port`. */
export function endpointChain(sp: ProxyServicePort, ep: ProxyEndpoint): string {
  const input = hashInput(sp) + endpointString(ep);
  return memo(`SEP ${input}`, () => `KUBE-SEP-${hashPrefix16(input)}`);
}

/**
 * The statistic-match probability kube-proxy writes for the rule that picks 1 of `remaining`
 * endpoints: `fmt.Sprintf("%0.10f", 1.0/float64(n))` (proxier.go computeProbability).
 */
export function probabilityText(remaining: number): string {
  return (1 / remaining).toFixed(10);
}
