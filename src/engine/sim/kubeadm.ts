/**
 * What kubeadm itself does through the API server: `kubeadm init`'s phases that follow the
 * control-plane node's registration (mark-control-plane, bootstrap-token's cluster-info, the
 * addons), and `kubeadm join` for a new worker machine (the lab's `join node NAME`).
 */
import { resourceForKind } from '../api/resources';
import { ADMIN, type KObject } from '../api/types';
import { isDNS1123Subdomain } from '../apiserver/validation/names';
import { clusterInfo, coreDnsObjects, kubeProxyObjects } from './addons';
import { bootMachine, newNode } from './machines';
import { podCidrCount } from './podCidrs';
import type { Simulation } from './simulation';

const KUBEADM = 'kubeadm';
/** kubeadm waits for the control-plane Node before it labels it (sim: it looks again this often). */
const NODE_WAIT_RETRY_MS = 1_000;

function create(sim: Simulation, body: KObject): void {
  sim.api(KUBEADM, ADMIN, {
    verb: 'create',
    resource: resourceForKind(body.kind)?.resource ?? '',
    namespace: body.metadata.namespace,
    body,
  });
}

/**
 * `kubeadm init` after the wait-control-plane phase: mark-control-plane labels the node (its
 * kubelet registered it with the control-plane taint already; a kubelet may not set role
 * labels), bootstrap-token publishes kube-public/cluster-info, and the addon phase creates
 * CoreDNS and kube-proxy.
 */
export function initPhases(sim: Simulation): void {
  const name = sim.state.nodeNames.find((n) => sim.state.nodes[n].role === 'control-plane');
  const cp = name ? sim.store('nodes')[name] : undefined;
  if (!name || !cp) {
    sim.schedule(NODE_WAIT_RETRY_MS, { t: 'kubeadm/init' });
    return;
  }
  const labels = {
    ...cp.metadata.labels,
    'node-role.kubernetes.io/control-plane': '',
    'node.kubernetes.io/exclude-from-external-load-balancers': '',
  };
  sim.api(KUBEADM, ADMIN, {
    verb: 'update',
    resource: 'nodes',
    name,
    body: { ...cp, metadata: { ...cp.metadata, labels } },
  });
  create(sim, clusterInfo(sim.state.nodes[name].ip));
  for (const obj of [...coreDnsObjects(), ...kubeProxyObjects()]) create(sim, obj);
}

/**
 * `kubeadm join` on a new machine: it boots, kubeadm writes the kubelet's bootstrap
 * credentials and starts it, and the kubelet registers its Node (`--register-node`). Refused
 * like kubeadm refuses: a name the API server would not accept, or a Ready Node of that name
 * (kubeadm join's kubelet-start phase).
 */
export function joinNode(sim: Simulation, name: string): string[] {
  const bad = isDNS1123Subdomain(name);
  if (bad.length)
    return [
      `error: join node: nodeRegistration.name: Invalid value: ${JSON.stringify(name)}: ${bad.join(', ')}`,
    ];
  const s = sim.state;
  // Discovery: kubeadm join first reads kube-public/cluster-info from the API server.
  const cp = s.nodes[s.nodeNames[0]];
  const info = sim.api(KUBEADM, ADMIN, {
    verb: 'get',
    resource: 'configmaps',
    namespace: 'kube-public',
    name: 'cluster-info',
  });
  if (!info.ok) {
    const why =
      info.network !== undefined
        ? `dial tcp ${cp.ip}:6443: connect: connection refused`
        : info.status.message;
    return [
      `error execution phase preflight: couldn't validate the identity of the API Server: Get "https://${cp.ip}:6443/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": ${why}`,
    ];
  }
  const existing = sim.store('nodes')[name];
  const ready = (existing?.status?.conditions ?? []).find(
    (c: { type: string }) => c.type === 'Ready',
  );
  if (ready?.status === 'True') {
    return [
      `error execution phase kubelet-start: a Node with name "${name}" and status "Ready" already exists in the cluster. You must delete the existing Node or change the name of this new joining Node`,
    ];
  }
  if (s.nodes[name]) {
    return [
      `error: join node: the machine ${name} is already part of this cluster (to start it again: repair node ${name})`,
    ];
  }
  const index = s.nodeNames.length;
  if (index >= podCidrCount(s.clusterCIDR)) {
    return [`error: join node: the pod network ${s.clusterCIDR} has no /24 left for another node`];
  }
  const node = newNode(name, index, 'worker', s.clusterCIDR);
  s.nodes[name] = node;
  // A new list, not a push: per-node caches (the scheduler's table) are keyed by the list.
  s.nodeNames = [...s.nodeNames, name];
  sim.indexes.setNodeOrder(s.nodeNames);
  const said = `node ${name} booted: kubeadm join started its kubelet, which registers the Node`;
  sim.trace('chaos', `node/${name}`, 'fault', `node/${name}`, said);
  bootMachine(sim, node, sim.int(200, 600));
  return [said];
}
