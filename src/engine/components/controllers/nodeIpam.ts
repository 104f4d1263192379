/**
 * The node IPAM controller's range allocator (kube-controller-manager with
 * --allocate-node-cidrs=true, which kubeadm sets when `kubeadm init --pod-network-cidr` is given):
 * every new Node gets a /24 of the cluster CIDR in spec.podCIDR and spec.podCIDRs
 * (pkg/controller/nodeipam/ipam/range_allocator.go). Simplified: it takes the lowest free /24; the
 * real cidrset continues after the last one it gave out, which is the same while nodes only join.
 */
import { podCidrAt, podCidrCount } from '../../sim/podCidrs';
import type { Simulation } from '../../sim/simulation';
import { kcmApi } from './common';

export function allocateNodeCidr(sim: Simulation, name: string): void {
  const nodes = sim.store('nodes');
  const node = nodes[name];
  if (!node || node.spec?.podCIDR || node.metadata.deletionTimestamp) return;
  const used = new Set<string>();
  for (const n of Object.values(nodes)) if (n.spec?.podCIDR) used.add(n.spec.podCIDR);
  const cluster = sim.state.clusterCIDR;
  for (let i = 0; i < podCidrCount(cluster); i++) {
    const cidr = podCidrAt(cluster, i);
    if (used.has(cidr)) continue;
    kcmApi(sim, {
      verb: 'update',
      resource: 'nodes',
      name,
      body: { ...node, spec: { ...node.spec, podCIDR: cidr, podCIDRs: [cidr] } },
    });
    return;
  }
}
