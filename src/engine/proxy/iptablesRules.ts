import {
  endpointChain,
  endpointString,
  externalChain,
  probabilityText,
  serviceChain,
  servicePortName,
} from './chains';
import type { ProgrammedRules, ProxyServicePort } from './model';

/**
 * kube-proxy's iptables rules (mode iptables) as data. Every rule carries two spellings:
 *
 * - `restore`: the line kube-proxy feeds to iptables-restore, as k/k's own unit tests spell it
 *   [k/k pkg/proxy/iptables/proxier_test.go, TestNonLocalExternalIPs and TestOverallIPTablesRules
 *   WithMultipleServices; shared/reference/k8s-facts.md §5.3].
 * - `save`: the same rule as `iptables-save` prints it back from the kernel: `-s`/`-d` (as
 *   CIDRs) and `-p` first, `-m tcp` carrying `--dport`, comments quoted, MARK/REJECT/statistic
 *   normalised. Spelling checked against real node dumps (kind, kubeadm, EKS) quoted in public
 *   write-ups; see each builder.
 *
 * Scope: ClusterIP rules, NodePort rules for externalTrafficPolicy Cluster, the REJECT rules for
 * ports without endpoints. Not modelled: externalIPs, LoadBalancer ingress IPs and source ranges,
 * externalTrafficPolicy/internalTrafficPolicy Local (KUBE-SVL), session affinity (`-m recent`).
 */

export interface IptablesRule {
  chain: string;
  restore: string;
  save: string;
}

export interface IptablesTable {
  name: 'filter' | 'nat';
  /** Every chain kube-proxy declares in this table, in no particular order. */
  chains: string[];
  /** In the order kube-proxy writes them; only the order within one chain is meaningful. */
  rules: IptablesRule[];
}

const MARK_MASQ = 'KUBE-MARK-MASQ';
const MASQ_BIT = '0x4000';

const same = (chain: string, text: string): IptablesRule => ({ chain, restore: text, save: text });

/**
 * xtables_save_string (iptables libxtables): bare when only [A-Za-z0-9_-], otherwise in double
 * quotes with `"`, `\` and `'` backslash-escaped.
 */
export function saveQuote(value: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(value)) return value;
  return `"${value.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}

/**
 * The kernel keeps the statistic probability as a 31-bit fraction (libxt_statistic:
 * `lround(0x80000000 * p)`) and iptables-save prints it back with `%.11f`, which is why real
 * dumps show 0.33333333349 where kube-proxy wrote 0.3333333333.
 */
export function savedProbability(written: string): string {
  const fraction = Math.round(0x80000000 * Number(written));
  return (fraction / 0x80000000).toFixed(11);
}

const hostCidr = (ip: string) => `${ip}/32`;

function clusterIPRules(sp: ProxyServicePort, clusterCIDR: string): IptablesRule[] {
  const spn = servicePortName(sp);
  const p = sp.protocol.toLowerCase();
  const svc = serviceChain(sp);
  const out: IptablesRule[] = [
    {
      chain: 'KUBE-SERVICES',
      restore: `-A KUBE-SERVICES -m comment --comment "${spn} cluster IP" -m ${p} -p ${p} -d ${sp.clusterIP} --dport ${sp.port} -j ${svc}`,
      save: `-A KUBE-SERVICES -d ${hostCidr(sp.clusterIP)} -p ${p} -m comment --comment ${saveQuote(`${spn} cluster IP`)} -m ${p} --dport ${sp.port} -j ${svc}`,
    },
  ];
  // Traffic from outside the pod network is masqueraded so replies come back through this node.
  if (clusterCIDR) {
    out.push({
      chain: svc,
      restore: `-A ${svc} -m comment --comment "${spn} cluster IP" -m ${p} -p ${p} -d ${sp.clusterIP} --dport ${sp.port} ! -s ${clusterCIDR} -j ${MARK_MASQ}`,
      save: `-A ${svc} ! -s ${clusterCIDR} -d ${hostCidr(sp.clusterIP)} -p ${p} -m comment --comment ${saveQuote(`${spn} cluster IP`)} -m ${p} --dport ${sp.port} -j ${MARK_MASQ}`,
    });
  }
  const n = sp.endpoints.length;
  sp.endpoints.forEach((ep, i) => {
    const sep = endpointChain(sp, ep);
    const comment = `${spn} -> ${endpointString(ep)}`;
    // Endpoint i of n is taken with probability 1/(n-i); the last rule is unconditional.
    const written = i < n - 1 ? probabilityText(n - i) : undefined;
    const restoreStat = written ? ` -m statistic --mode random --probability ${written}` : '';
    const saveStat = written
      ? ` -m statistic --mode random --probability ${savedProbability(written)}`
      : '';
    out.push({
      chain: svc,
      restore: `-A ${svc} -m comment --comment "${comment}"${restoreStat} -j ${sep}`,
      save: `-A ${svc} -m comment --comment ${saveQuote(comment)}${saveStat} -j ${sep}`,
    });
  });
  for (const ep of sp.endpoints) {
    const sep = endpointChain(sp, ep);
    out.push(
      {
        chain: sep,
        // Hairpin: a pod reaching itself through the Service must be masqueraded.
        restore: `-A ${sep} -m comment --comment ${spn} -s ${ep.ip} -j ${MARK_MASQ}`,
        save: `-A ${sep} -s ${hostCidr(ep.ip)} -m comment --comment ${saveQuote(spn)} -j ${MARK_MASQ}`,
      },
      {
        chain: sep,
        restore: `-A ${sep} -m comment --comment ${spn} -m ${p} -p ${p} -j DNAT --to-destination ${endpointString(ep)}`,
        save: `-A ${sep} -p ${p} -m comment --comment ${saveQuote(spn)} -m ${p} -j DNAT --to-destination ${endpointString(ep)}`,
      },
    );
  }
  return out;
}

/** NodePort with externalTrafficPolicy Cluster [proxier_test.go, ns3/svc3 in TestOverall…]. */
function nodePortRules(sp: ProxyServicePort, nodePort: number): IptablesRule[] {
  const spn = servicePortName(sp);
  const p = sp.protocol.toLowerCase();
  const ext = externalChain(sp);
  const masqComment = `masquerade traffic for ${spn} external destinations`;
  return [
    {
      chain: 'KUBE-NODEPORTS',
      restore: `-A KUBE-NODEPORTS -m comment --comment ${spn} -m ${p} -p ${p} --dport ${nodePort} -j ${ext}`,
      save: `-A KUBE-NODEPORTS -p ${p} -m comment --comment ${saveQuote(spn)} -m ${p} --dport ${nodePort} -j ${ext}`,
    },
    {
      chain: ext,
      restore: `-A ${ext} -m comment --comment "${masqComment}" -j ${MARK_MASQ}`,
      save: `-A ${ext} -m comment --comment ${saveQuote(masqComment)} -j ${MARK_MASQ}`,
    },
    same(ext, `-A ${ext} -j ${serviceChain(sp)}`),
  ];
}

/** A port with no usable endpoint is REJECTed in the filter table, so clients are refused. */
function rejectRules(sp: ProxyServicePort): IptablesRule[] {
  const comment = `${servicePortName(sp)} has no endpoints`;
  const p = sp.protocol.toLowerCase();
  const reject = '-j REJECT --reject-with icmp-port-unreachable';
  const out: IptablesRule[] = [
    {
      chain: 'KUBE-SERVICES',
      restore: `-A KUBE-SERVICES -m comment --comment "${comment}" -m ${p} -p ${p} -d ${sp.clusterIP} --dport ${sp.port} -j REJECT`,
      save: `-A KUBE-SERVICES -d ${hostCidr(sp.clusterIP)} -p ${p} -m comment --comment ${saveQuote(comment)} -m ${p} --dport ${sp.port} ${reject}`,
    },
  ];
  if (sp.nodePort) {
    out.push({
      chain: 'KUBE-EXTERNAL-SERVICES',
      restore: `-A KUBE-EXTERNAL-SERVICES -m comment --comment "${comment}" -m addrtype --dst-type LOCAL -m ${p} -p ${p} --dport ${sp.nodePort} -j REJECT`,
      save: `-A KUBE-EXTERNAL-SERVICES -p ${p} -m comment --comment ${saveQuote(comment)} -m addrtype --dst-type LOCAL -m ${p} --dport ${sp.nodePort} ${reject}`,
    });
  }
  return out;
}

function filterTable(rules: ProgrammedRules): IptablesTable {
  const out: IptablesRule[] = [];
  for (const sp of rules.services) if (sp.endpoints.length === 0) out.push(...rejectRules(sp));
  out.push(
    same('KUBE-FORWARD', '-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP'),
    same(
      'KUBE-FORWARD',
      `-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark ${MASQ_BIT}/${MASQ_BIT} -j ACCEPT`,
    ),
    same(
      'KUBE-FORWARD',
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    ),
  );
  return {
    name: 'filter',
    chains: ['KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-SERVICES'],
    rules: out,
  };
}

function natTable(rules: ProgrammedRules): IptablesTable {
  const chains = new Set(['KUBE-MARK-MASQ', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-SERVICES']);
  const out: IptablesRule[] = [];
  for (const sp of rules.services) {
    // Without endpoints there is nothing to DNAT to; the filter table rejects instead.
    if (sp.endpoints.length === 0) continue;
    out.push(...clusterIPRules(sp, rules.clusterCIDR));
    if (sp.nodePort) out.push(...nodePortRules(sp, sp.nodePort));
  }
  for (const rule of out) chains.add(rule.chain);
  out.push(
    same(
      'KUBE-SERVICES',
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    ),
    {
      chain: MARK_MASQ,
      restore: `-A ${MARK_MASQ} -j MARK --or-mark ${MASQ_BIT}`,
      save: `-A ${MARK_MASQ} -j MARK --set-xmark ${MASQ_BIT}/${MASQ_BIT}`,
    },
    same(
      'KUBE-POSTROUTING',
      `-A KUBE-POSTROUTING -m mark ! --mark ${MASQ_BIT}/${MASQ_BIT} -j RETURN`,
    ),
    {
      chain: 'KUBE-POSTROUTING',
      restore: `-A KUBE-POSTROUTING -j MARK --xor-mark ${MASQ_BIT}`,
      save: `-A KUBE-POSTROUTING -j MARK --set-xmark ${MASQ_BIT}/0x0`,
    },
    {
      chain: 'KUBE-POSTROUTING',
      // k/k's tests use a fake iptables without --random-fully; real nodes have it, and
      // kube-proxy adds it whenever iptables supports it.
      restore:
        '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE',
      save: '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    },
  );
  return { name: 'nat', chains: [...chains], rules: out };
}

export function buildIptablesTables(rules: ProgrammedRules): IptablesTable[] {
  return [filterTable(rules), natTable(rules)];
}
