import { endpointString } from './chains';
import type { ProgrammedRules, ProxyEndpoint, ProxyProtocol } from './model';

/**
 * `ipvsadm -Ln` for kube-proxy's IPVS mode: one virtual server per ClusterIP:port (plus one on
 * the node IP per NodePort), scheduler rr, one Masq real server of weight 1 per endpoint
 * [k/k pkg/proxy/ipvs/proxier.go; k8s-facts.md §5.4]. Layout from ipvsadm.c: title lines from
 * print_title, `"%s  %s"` + `" %s"` for a service, `"  -> %-28s %-7s %-6d %-10u %-10u\n"` for a real
 * server (hence the trailing blanks). Services and real servers are listed sorted, as ipvsadm
 * does unless --nosort (libipvs ipvs_cmp_services / ipvs_cmp_dests).
 */

export interface RealServerCounters {
  activeConn: number;
  inActConn: number;
}

/** Key of a virtual server in the caller's rr and counter maps: `ip:port`, `ip:port/UDP`. */
export function virtualServerKey(protocol: ProxyProtocol, ip: string, port: number): string {
  return protocol === 'TCP' ? `${ip}:${port}` : `${ip}:${port}/${protocol}`;
}

/** Key of one real server of a virtual server in the counters map. */
export function realServerKey(vsKey: string, ep: Pick<ProxyEndpoint, 'ip' | 'port'>): string {
  return `${vsKey} -> ${endpointString(ep)}`;
}

export interface VirtualServer {
  protocol: ProxyProtocol;
  ip: string;
  port: number;
  realServers: ProxyEndpoint[];
}

export function virtualServers(rules: ProgrammedRules): VirtualServer[] {
  const out: VirtualServer[] = [];
  for (const sp of rules.services) {
    const base = { protocol: sp.protocol, realServers: sp.endpoints };
    out.push({ ...base, ip: sp.clusterIP, port: sp.port });
    // Real kube-proxy binds a NodePort on every local address; the simulated node has one.
    if (sp.nodePort) out.push({ ...base, ip: rules.nodeIP, port: sp.nodePort });
  }
  return out;
}

const IP_PROTOCOL_NUMBER: Record<ProxyProtocol, number> = { TCP: 6, UDP: 17, SCTP: 132 };

function ipv4ToUint32(ip: string): number {
  return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

// libipvs compares addresses as `int r = ntohl(a) - ntohl(b)`: a 32-bit signed difference.
const addressOrder = (a: string, b: string) => (ipv4ToUint32(a) - ipv4ToUint32(b)) | 0;

function compareServices(a: VirtualServer, b: VirtualServer): number {
  return (
    IP_PROTOCOL_NUMBER[a.protocol] - IP_PROTOCOL_NUMBER[b.protocol] ||
    addressOrder(a.ip, b.ip) ||
    a.port - b.port
  );
}

const compareDests = (a: ProxyEndpoint, b: ProxyEndpoint) =>
  addressOrder(a.ip, b.ip) || a.port - b.port;

export function renderIpvsadm(
  rules: ProgrammedRules,
  counters: Record<string, RealServerCounters> = {},
): string {
  const lines = [
    'IP Virtual Server version 1.2.1 (size=4096)',
    'Prot LocalAddress:Port Scheduler Flags',
    '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
  ];
  for (const vs of [...virtualServers(rules)].sort(compareServices)) {
    lines.push(`${vs.protocol}  ${vs.ip}:${vs.port} rr`);
    const vsKey = virtualServerKey(vs.protocol, vs.ip, vs.port);
    for (const ep of [...vs.realServers].sort(compareDests)) {
      const c = counters[realServerKey(vsKey, ep)];
      const cells = [
        endpointString(ep).padEnd(28),
        'Masq'.padEnd(7),
        '1'.padEnd(6),
        String(c?.activeConn ?? 0).padEnd(10),
        String(c?.inActConn ?? 0).padEnd(10),
      ];
      lines.push(`  -> ${cells.join(' ')}`);
    }
  }
  return lines.join('\n');
}
