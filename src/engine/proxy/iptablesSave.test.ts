import { describe, expect, it } from 'vitest';
import { savedProbability, saveQuote } from './iptablesRules';
import { renderIptablesRestore, renderIptablesSave } from './iptablesSave';
import type { ProgrammedRules, ProxyServicePort } from './model';

const svc1: ProxyServicePort = {
  namespace: 'ns1',
  name: 'svc1',
  portName: 'p80',
  protocol: 'TCP',
  clusterIP: '172.30.0.41',
  port: 80,
  endpoints: [
    { ip: '10.180.0.1', port: 80 },
    { ip: '10.180.2.1', port: 80 },
  ],
};

function rulesWith(...services: ProxyServicePort[]): ProgrammedRules {
  return {
    mode: 'iptables',
    clusterCIDR: '10.0.0.0/8',
    nodeIP: '192.168.0.2',
    services,
    syncedAtMs: 0,
  };
}

/** k8s-facts.md §5.3 (TestNonLocalExternalIPs) without its external-IP lines. */
const K8S_SAMPLE_CLUSTER_IP = [
  '*filter',
  ':KUBE-EXTERNAL-SERVICES - [0:0]',
  ':KUBE-FORWARD - [0:0]',
  ':KUBE-NODEPORTS - [0:0]',
  ':KUBE-SERVICES - [0:0]',
  '-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP',
  '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
  '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  'COMMIT',
  '*nat',
  ':KUBE-MARK-MASQ - [0:0]',
  ':KUBE-NODEPORTS - [0:0]',
  ':KUBE-POSTROUTING - [0:0]',
  ':KUBE-SEP-SXIVWICOYRO3J4NJ - [0:0]',
  ':KUBE-SEP-ZX7GRIZKSNUQ3LAJ - [0:0]',
  ':KUBE-SERVICES - [0:0]',
  ':KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]',
  '-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O',
  '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
  '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000',
  '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
  '-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000',
  '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE',
  '-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -s 10.180.0.1 -j KUBE-MARK-MASQ',
  '-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80',
  '-A KUBE-SEP-ZX7GRIZKSNUQ3LAJ -m comment --comment ns1/svc1:p80 -s 10.180.2.1 -j KUBE-MARK-MASQ',
  '-A KUBE-SEP-ZX7GRIZKSNUQ3LAJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.2.1:80',
  '-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ',
  '-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-SXIVWICOYRO3J4NJ',
  '-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.2.1:80" -j KUBE-SEP-ZX7GRIZKSNUQ3LAJ',
  'COMMIT',
].join('\n');

describe('renderIptablesRestore (what kube-proxy writes)', () => {
  it('reproduces the k/k sample for a two-endpoint ClusterIP service', () => {
    expect(renderIptablesRestore(rulesWith(svc1))).toBe(K8S_SAMPLE_CLUSTER_IP);
  });

  it('picks 1 of 3, then 1 of 2, then takes the last unconditionally', () => {
    const three = {
      ...svc1,
      endpoints: [1, 2, 3].map((i) => ({ ip: `10.180.0.${i}`, port: 80 })),
    };
    const lines = renderIptablesRestore(rulesWith(three))
      .split('\n')
      .filter((l) => l.includes(' -> '))
      .map((l) => l.replace(/ -j KUBE-SEP-\w+$/, ''));
    expect(lines).toEqual([
      '-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -m statistic --mode random --probability 0.3333333333',
      '-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.2:80" -m statistic --mode random --probability 0.5000000000',
      '-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.3:80"',
    ]);
  });

  it('writes 0.25, 0.3333333333, 0.5 and nothing for four endpoints', () => {
    const four = {
      ...svc1,
      endpoints: [1, 2, 3, 4].map((i) => ({ ip: `10.180.0.${i}`, port: 80 })),
    };
    const probabilities = renderIptablesRestore(rulesWith(four))
      .split('\n')
      .filter((l) => l.includes(' -> '))
      .map((l) => l.match(/--probability (\S+)/)?.[1] ?? 'unconditional');
    expect(probabilities).toEqual([
      '0.2500000000',
      '0.3333333333',
      '0.5000000000',
      'unconditional',
    ]);
  });

  it('rejects a port without endpoints in the filter table and writes no nat chains for it', () => {
    const empty = {
      ...svc1,
      namespace: 'ns6',
      name: 'svc6',
      clusterIP: '172.30.0.46',
      endpoints: [],
    };
    const text = renderIptablesRestore(rulesWith(empty));
    expect(text.split('\n').filter((l) => l.includes('svc6'))).toEqual([
      '-A KUBE-SERVICES -m comment --comment "ns6/svc6:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.46 --dport 80 -j REJECT',
    ]);
    expect(text).not.toContain('KUBE-SVC-');
  });

  it('rejects the node port of a NodePort service without endpoints', () => {
    const empty = { ...svc1, clusterIP: '172.30.0.42', nodePort: 3001, endpoints: [] };
    const lines = renderIptablesRestore(rulesWith(empty)).split('\n');
    expect(lines).toContain(
      '-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns1/svc1:p80 has no endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 3001 -j REJECT',
    );
  });

  it('sends a node port through the KUBE-EXT chain like k/k does for ns3/svc3', () => {
    const np = { ...svc1, nodePort: 3003, endpoints: [{ ip: '10.180.0.3', port: 80 }] };
    const lines = renderIptablesRestore(rulesWith(np)).split('\n');
    expect(lines.filter((l) => l.includes('KUBE-EXT-'))).toEqual([
      ':KUBE-EXT-XPGD46QRK7WJZT7O - [0:0]',
      '-A KUBE-EXT-XPGD46QRK7WJZT7O -m comment --comment "masquerade traffic for ns1/svc1:p80 external destinations" -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-XPGD46QRK7WJZT7O -j KUBE-SVC-XPGD46QRK7WJZT7O',
      '-A KUBE-NODEPORTS -m comment --comment ns1/svc1:p80 -m tcp -p tcp --dport 3003 -j KUBE-EXT-XPGD46QRK7WJZT7O',
    ]);
  });

  it('lists KUBE-SERVICES rules by service port name, node-ports rule last', () => {
    const a = { ...svc1, namespace: 'default', name: 'kubernetes', portName: 'https', port: 443 };
    const text = renderIptablesRestore(rulesWith(a, svc1));
    const services = text.split('\n').filter((l) => l.startsWith('-A KUBE-SERVICES'));
    expect(services.map((l) => l.match(/--comment "([^"]+)"/)?.[1])).toEqual([
      'default/kubernetes:https cluster IP',
      'ns1/svc1:p80 cluster IP',
      'kubernetes service nodeports; NOTE: this must be the last rule in this chain',
    ]);
  });

  it('omits the masquerade rule when kube-proxy has no cluster CIDR', () => {
    const text = renderIptablesRestore({ ...rulesWith(svc1), clusterCIDR: '' });
    expect(text).not.toContain('! -s');
  });
});

describe('renderIptablesSave (what iptables-save prints back)', () => {
  it('prints the sample in the kernel spelling, chains in alphabetical order', () => {
    expect(renderIptablesSave(rulesWith(svc1))).toBe(
      [
        '*filter',
        ':KUBE-EXTERNAL-SERVICES - [0:0]',
        ':KUBE-FORWARD - [0:0]',
        ':KUBE-NODEPORTS - [0:0]',
        ':KUBE-SERVICES - [0:0]',
        '-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP',
        '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
        '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        'COMMIT',
        '*nat',
        ':KUBE-MARK-MASQ - [0:0]',
        ':KUBE-NODEPORTS - [0:0]',
        ':KUBE-POSTROUTING - [0:0]',
        ':KUBE-SEP-SXIVWICOYRO3J4NJ - [0:0]',
        ':KUBE-SEP-ZX7GRIZKSNUQ3LAJ - [0:0]',
        ':KUBE-SERVICES - [0:0]',
        ':KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]',
        '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
        '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
        '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
        '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
        '-A KUBE-SEP-SXIVWICOYRO3J4NJ -s 10.180.0.1/32 -m comment --comment "ns1/svc1:p80" -j KUBE-MARK-MASQ',
        '-A KUBE-SEP-SXIVWICOYRO3J4NJ -p tcp -m comment --comment "ns1/svc1:p80" -m tcp -j DNAT --to-destination 10.180.0.1:80',
        '-A KUBE-SEP-ZX7GRIZKSNUQ3LAJ -s 10.180.2.1/32 -m comment --comment "ns1/svc1:p80" -j KUBE-MARK-MASQ',
        '-A KUBE-SEP-ZX7GRIZKSNUQ3LAJ -p tcp -m comment --comment "ns1/svc1:p80" -m tcp -j DNAT --to-destination 10.180.2.1:80',
        '-A KUBE-SERVICES -d 172.30.0.41/32 -p tcp -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O',
        '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
        '-A KUBE-SVC-XPGD46QRK7WJZT7O ! -s 10.0.0.0/8 -d 172.30.0.41/32 -p tcp -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
        '-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-SXIVWICOYRO3J4NJ',
        '-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.2.1:80" -j KUBE-SEP-ZX7GRIZKSNUQ3LAJ',
        'COMMIT',
      ].join('\n'),
    );
  });

  it('prints the probabilities the kernel stored, as real dumps show them', () => {
    expect(
      ['0.5000000000', '0.3333333333', '0.2500000000', '0.2000000000'].map(savedProbability),
    ).toEqual(['0.50000000000', '0.33333333349', '0.25000000000', '0.20000000019']);
  });

  it('prints REJECT rules with the default reject-with and /32 destinations', () => {
    const empty = {
      ...svc1,
      clusterIP: '10.107.112.64',
      port: 8080,
      nodePort: 30081,
      endpoints: [],
    };
    const lines = renderIptablesSave(rulesWith(empty)).split('\n');
    expect(lines.filter((l) => l.includes('REJECT'))).toEqual([
      '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "ns1/svc1:p80 has no endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30081 -j REJECT --reject-with icmp-port-unreachable',
      '-A KUBE-SERVICES -d 10.107.112.64/32 -p tcp -m comment --comment "ns1/svc1:p80 has no endpoints" -m tcp --dport 8080 -j REJECT --reject-with icmp-port-unreachable',
    ]);
  });

  it('prints a node port rule with -p first', () => {
    const np = { ...svc1, nodePort: 30002, endpoints: [{ ip: '10.180.0.3', port: 80 }] };
    expect(renderIptablesSave(rulesWith(np)).split('\n')).toContain(
      '-A KUBE-NODEPORTS -p tcp -m comment --comment "ns1/svc1:p80" -m tcp --dport 30002 -j KUBE-EXT-XPGD46QRK7WJZT7O',
    );
  });

  it('quotes comments the way xtables_save_string does', () => {
    expect(saveQuote('plain-word_1')).toBe('plain-word_1');
    expect(saveQuote('default/nginx')).toBe('"default/nginx"');
    expect(saveQuote('say "hi"')).toBe('"say \\"hi\\""');
  });
});
