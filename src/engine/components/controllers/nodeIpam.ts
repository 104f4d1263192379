/**
 * The node IPAM controller's range allocator (kube-controller-manager with
 * --allocate-node-cidrs=true, which kubeadm sets when `kubeadm init --pod-network-cidr` is given):
 * every new Node gets a /24 of the cluster CIDR in spec.podCIDR and spec.podCIDRs
 * (pkg/controller/nodeipam/ipam/range_allocator.go). The cidrset (cidr_set.go AllocateNext)
 * searches from the /24 after the last one it gave out, wrapping; a deleted Node's /24 is
 * released (ReleaseCIDR). At start the allocator occupies what the Nodes already hold.
 */

import { podCidrAt, podCidrCount } from '../../sim/podCidrs';
import type { Simulation } from '../../sim/simulation';
import type { KcmState } from '../../sim/state';
import { kcmApi } from './common';

export function allocateNodeCidr(sim: Simulation, name: string): void {
  const node = sim.store('nodes')[name];
  if (!node || node.spec?.podCIDR || node.metadata.deletionTimestamp) return;
  const set = cidrSet(sim);
  const cluster = sim.state.clusterCIDR;
  const max = podCidrCount(cluster);
  let candidate = set.next % max;
  for (let i = 0; i < max; i++, candidate = (candidate + 1) % max) {
    const cidr = podCidrAt(cluster, candidate);
    if (set.used[cidr] !== undefined) continue;
    set.next = (candidate + 1) % max;
    set.used[cidr] = name;
    const res = kcmApi(sim, {
      verb: 'update',
      resource: 'nodes',
      name,
      body: { ...node, spec: { ...node.spec, podCIDR: cidr, podCIDRs: [cidr] } },
    });
    // A failed update gives the /24 back (updateCIDRsAllocation releases it).
    if (!res.ok) delete set.used[cidr];
    return;
  }
}

/** A deleted Node gives its /24 back. */
export function releaseNodeCidr(sim: Simulation, name: string): void {
  const used = sim.state.kcm.ipam?.used;
  if (!used) return;
  for (const cidr of Object.keys(used)) if (used[cidr] === name) delete used[cidr];
}

function cidrSet(sim: Simulation): NonNullable<KcmState['ipam']> {
  const kcm = sim.state.kcm;
  if (!kcm.ipam) {
    const used: Record<string, string> = {};
    const nodes = sim.store('nodes');
    for (const key of Object.keys(nodes)) {
      const cidr = nodes[key].spec?.podCIDR;
      if (cidr) used[cidr] = key;
    }
    kcm.ipam = { used, next: 0 };
  }
  return kcm.ipam;
}
