/**
 * The cluster's pod network (kubeadm init --pod-network-cidr) cut into one /24 per node:
 * 10.244.0.0/16 for up to 250 nodes, 10.64.0.0/10 beyond.
 */
export function clusterCidrFor(nodeCount: number): string {
  return nodeCount <= 250 ? '10.244.0.0/16' : '10.64.0.0/10';
}

export function podCidrCount(clusterCIDR: string): number {
  const bits = Number(clusterCIDR.split('/')[1]);
  return 2 ** (24 - bits);
}

/** The i-th /24 of the cluster CIDR. */
export function podCidrAt(clusterCIDR: string, i: number): string {
  const [a, b] = clusterCIDR.split('/')[0].split('.').map(Number);
  return `${a}.${b + (i >> 8)}.${i & 0xff}.0/24`;
}
