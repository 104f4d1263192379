import { describe, expect, it } from 'vitest';
import { realServerKey, renderIpvsadm, virtualServerKey } from './ipvsadm';
import type { ProgrammedRules, ProxyServicePort } from './model';

const nginx: ProxyServicePort = {
  namespace: 'default',
  name: 'nginx-service',
  portName: 'http',
  protocol: 'TCP',
  clusterIP: '10.102.128.4',
  port: 3080,
  endpoints: [
    { ip: '10.244.0.235', port: 8080 },
    { ip: '10.244.1.237', port: 8080 },
  ],
};

function ipvsRules(...services: ProxyServicePort[]): ProgrammedRules {
  return {
    mode: 'ipvs',
    clusterCIDR: '10.244.0.0/16',
    nodeIP: '192.168.0.2',
    services,
    syncedAtMs: 0,
  };
}

const HEADER = [
  'IP Virtual Server version 1.2.1 (size=4096)',
  'Prot LocalAddress:Port Scheduler Flags',
  '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
];

describe('renderIpvsadm', () => {
  it('prints the k8s-facts §5.4 sample with ipvsadm column widths', () => {
    // Real-server lines end in blanks: printf("  -> %-28s %-7s %-6d %-10u %-10u\n").
    expect(renderIpvsadm(ipvsRules(nginx))).toBe(
      [
        ...HEADER,
        'TCP  10.102.128.4:3080 rr',
        '  -> 10.244.0.235:8080            Masq    1      0          0         ',
        '  -> 10.244.1.237:8080            Masq    1      0          0         ',
      ].join('\n'),
    );
  });

  it('keeps a virtual server with no real servers', () => {
    expect(renderIpvsadm(ipvsRules({ ...nginx, endpoints: [] }))).toBe(
      [...HEADER, 'TCP  10.102.128.4:3080 rr'].join('\n'),
    );
  });

  it('sorts like ipvsadm: protocol number, then address as a number, then port', () => {
    const dnsUdp = {
      ...nginx,
      name: 'kube-dns',
      protocol: 'UDP' as const,
      clusterIP: '10.96.0.10',
      port: 53,
    };
    const dnsTcp = { ...dnsUdp, protocol: 'TCP' as const };
    const api = { ...nginx, name: 'kubernetes', clusterIP: '10.96.0.1', port: 443 };
    const metrics = { ...dnsTcp, port: 9153 };
    const lines = renderIpvsadm(ipvsRules(dnsUdp, nginx, metrics, dnsTcp, api))
      .split('\n')
      .filter((l) => /^(TCP|UDP)/.test(l));
    expect(lines).toEqual([
      'TCP  10.96.0.1:443 rr',
      'TCP  10.96.0.10:53 rr',
      'TCP  10.96.0.10:9153 rr',
      'TCP  10.102.128.4:3080 rr',
      'UDP  10.96.0.10:53 rr',
    ]);
  });

  it('orders real servers numerically, not as strings', () => {
    const eps = ['10.244.10.2', '10.244.9.2', '10.244.1.2'].map((ip) => ({ ip, port: 80 }));
    const lines = renderIpvsadm(ipvsRules({ ...nginx, endpoints: eps })).split('\n');
    expect(lines.slice(4).map((l) => l.trim().split(/\s+/)[1])).toEqual([
      '10.244.1.2:80',
      '10.244.9.2:80',
      '10.244.10.2:80',
    ]);
  });

  it('adds a virtual server on the node IP for a node port, listed first', () => {
    // libipvs compares `int r = ntohl(a) - ntohl(b)`: 192.168.0.2 - 10.102.128.4 overflows to a
    // negative number, so ipvsadm lists the node address before the ClusterIPs.
    const lines = renderIpvsadm(ipvsRules({ ...nginx, nodePort: 30080 })).split('\n');
    expect(lines.filter((l) => l.startsWith('TCP'))).toEqual([
      'TCP  192.168.0.2:30080 rr',
      'TCP  10.102.128.4:3080 rr',
    ]);
  });

  it('shows connection counters from the caller', () => {
    const key = realServerKey(virtualServerKey('TCP', '10.102.128.4', 3080), nginx.endpoints[1]);
    const text = renderIpvsadm(ipvsRules(nginx), { [key]: { activeConn: 12, inActConn: 345 } });
    expect(text.split('\n')[5]).toBe(
      '  -> 10.244.1.237:8080            Masq    1      12         345       ',
    );
  });
});
