/**
 * A kubeadm-style cluster at boot: one control-plane node whose kubelet runs etcd, the API
 * server, the scheduler and the controller manager as static pods, plus N workers. Every kubelet
 * registers itself; kube-proxy runs as a DaemonSet. The control plane is taken as serving from
 * t = 0 (its static pods start while it already answers — a simplification of kubeadm's boot).
 */
import { ADMIN, type KObject } from '../api/types';
import { newKubeletPod } from '../components/kubelet';
import { seedImage } from '../components/runtime';
import { fnv32a } from '../model/images';
import type { ProxyMode } from '../proxy/model';
import { KUBERNETES_VERSION, PAUSE_IMAGE, SIM } from './defaults';
import { seedRng } from './rng';
import { Simulation } from './simulation';
import { type ClusterState, hashRecord, type KubeletPod, type NodeState } from './state';

export interface ClusterOptions {
  workers?: number;
  proxyMode?: ProxyMode;
  seed?: number;
  /** Run the boot (default SIM.bootMs) before returning; 0 returns the cluster at t = 0. */
  bootMs?: number;
}

const CONTROL_PLANE_COMPONENTS = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
] as const;

/** kubeadm's static pod CPU requests (and etcd's memory request). */
const REQUESTS: Record<string, Record<string, string>> = {
  etcd: { cpu: '100m', memory: '100Mi' },
  'kube-apiserver': { cpu: '250m' },
  'kube-controller-manager': { cpu: '200m' },
  'kube-scheduler': { cpu: '100m' },
};

function image(component: string): string {
  return component === 'etcd'
    ? 'registry.k8s.io/etcd:3.6.4-0'
    : `registry.k8s.io/${component}:${KUBERNETES_VERSION}`;
}

function newNode(name: string, index: number, role: NodeState['role'], total: number): NodeState {
  const ipN = index + 2;
  const cidr =
    total <= 250 ? `10.244.${index}.0/24` : `10.${64 + (index >> 8)}.${index & 0xff}.0/24`;
  return {
    name,
    index,
    role,
    ip: `172.18.${ipN >> 8}.${ipN & 0xff}`,
    podCIDR: cidr,
    zone: '',
    up: true,
    kubelet: {
      broken: false,
      registered: false,
      registerBackoffMs: 100,
      leaseBackoffMs: 200,
      lastStatusReportMs: 0,
      needsRelist: false,
      pods: hashRecord(),
      nextPodIp: 0,
      pendingStatus: hashRecord(),
      startedAtMs: 0,
    },
    runtime: {
      broken: false,
      images: {},
      pullQueue: [],
      pulling: '',
      sandboxes: hashRecord(),
      containers: hashRecord(),
    },
    proxy: {
      broken: false,
      rules: null,
      dirty: true,
      syncScheduled: false,
      lastSyncMs: -1_000_000,
      rr: {},
    },
  };
}

/** The static pod manifests kubeadm writes to /etc/kubernetes/manifests (control plane only). */
export function staticPodsOf(sim: Simulation, node: NodeState): Record<string, KubeletPod> {
  if (node.role !== 'control-plane') return {};
  const out: Record<string, KubeletPod> = {};
  for (const component of CONTROL_PLANE_COMPONENTS) {
    const hash = fnv32a(`${component}/${node.name}`).toString(16).padStart(8, '0');
    const pod: KObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${component}-${node.name}`,
        namespace: 'kube-system',
        uid: `${hash}${hash}${hash}${hash}`.replace(
          /^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/,
          '$1-$2-$3-$4-$5',
        ),
        labels: { component, tier: 'control-plane' },
        annotations: {
          'kubernetes.io/config.hash': hash,
          'kubernetes.io/config.seen': '2026-01-01T09:00:00.000000000Z',
          'kubernetes.io/config.source': 'file',
        },
      },
      spec: {
        nodeName: node.name,
        hostNetwork: true,
        priorityClassName: 'system-node-critical',
        priority: 2000001000,
        restartPolicy: 'Always',
        dnsPolicy: 'ClusterFirst',
        schedulerName: 'default-scheduler',
        terminationGracePeriodSeconds: 30,
        tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
        containers: [
          {
            name: component,
            image: image(component),
            imagePullPolicy: 'IfNotPresent',
            command: [component],
            resources: { requests: REQUESTS[component] },
          },
        ],
      },
      status: { phase: 'Pending', qosClass: 'Burstable' },
    };
    const kp = newKubeletPod(sim, pod, true);
    out[kp.uid] = kp;
  }
  return out;
}

function emptyState(workers: number, proxyMode: ProxyMode, seed: number): ClusterState {
  const nodes: Record<string, NodeState> = {};
  const names = ['control-plane', ...Array.from({ length: workers }, (_, i) => `worker-${i + 1}`)];
  names.forEach((name, i) => {
    nodes[name] = newNode(name, i, i === 0 ? 'control-plane' : 'worker', names.length);
  });
  return {
    format: 1,
    config: { workers, proxyMode, seed },
    nowMs: 0,
    nextSeq: 0,
    rng: seedRng(seed),
    queue: [],
    apiserverUp: true,
    controlPlaneDownSinceMs: -1,
    etcd: { up: true, revision: 0, data: {} },
    scheduler: {
      up: true,
      leading: true,
      activeQ: [],
      activeHead: 0,
      queued: hashRecord(),
      unschedulable: hashRecord(),
      running: false,
      nextStartNodeIndex: 0,
    },
    kcm: {
      up: true,
      leading: true,
      orphanScanPending: false,
      dirty: hashRecord(),
      reconcileScheduled: false,
      nodeHealth: hashRecord(),
      zoneStates: {},
      masterDisruptionMode: false,
      evictAtMs: hashRecord(),
      nextTaintAtMs: {},
    },
    nodes,
    nodeNames: names,
    clusterCIDR: names.length <= 250 ? '10.244.0.0/16' : '10.64.0.0/10',
    trace: [],
    traceHead: 0,
    traceSeq: 0,
    eventSeq: 0,
    processed: 0,
  };
}

export function createSimulation(opts: ClusterOptions = {}): Simulation {
  const workers = Math.max(0, Math.floor(opts.workers ?? 2));
  const sim = new Simulation(emptyState(workers, opts.proxyMode ?? 'iptables', opts.seed ?? 1));
  const admin = (body: KObject) =>
    sim.api('kubeadm', ADMIN, {
      verb: 'create',
      resource: resourceOf(body.kind),
      namespace: body.metadata.namespace,
      body,
    });
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    admin({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  // kubeadm's addon phase: kube-proxy's ServiceAccount (the namespaces' `default` ones come from the controller manager).
  admin({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'kube-proxy', namespace: 'kube-system' },
  });
  const cp = sim.state.nodes['control-plane'];
  admin({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { component: 'apiserver', provider: 'kubernetes' },
    },
    spec: {
      clusterIP: '10.96.0.1',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
    },
  });
  admin({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: {
        'kubernetes.io/service-name': 'kubernetes',
        'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
      },
    },
    addressType: 'IPv4',
    endpoints: [
      { addresses: [cp.ip], conditions: { ready: true, serving: true, terminating: false } },
    ],
    ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
  });
  admin({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: {
          priorityClassName: 'system-node-critical',
          hostNetwork: true,
          serviceAccountName: 'kube-proxy',
          tolerations: [{ operator: 'Exists' }],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          containers: [
            {
              name: 'kube-proxy',
              image: image('kube-proxy'),
              command: [
                '/usr/local/bin/kube-proxy',
                '--config=/var/lib/kube-proxy/config.conf',
                `--hostname-override=$(NODE_NAME)`,
              ],
            },
          ],
        },
      },
    },
  });
  for (const name of sim.state.nodeNames) {
    const node = sim.state.nodes[name];
    // kubeadm pre-pulls the control-plane images; every node has pause and kube-proxy.
    for (const img of [PAUSE_IMAGE, image('kube-proxy')]) seedImage(node, img);
    if (node.role === 'control-plane')
      for (const c of CONTROL_PLANE_COMPONENTS) seedImage(node, image(c));
    for (const kp of Object.values(staticPodsOf(sim, node))) node.kubelet.pods[kp.uid] = kp;
    sim.schedule(sim.int(0, 400), { t: 'kubelet/register', node: name });
    for (const uid of Object.keys(node.kubelet.pods))
      sim.schedule(1, { t: 'kubelet/sync', node: name, uid });
    node.proxy.syncScheduled = true;
    sim.schedule(sim.int(500, 1500), { t: 'proxy/sync', node: name });
  }
  sim.schedule(SIM.reconcileDelayMs, {
    t: 'kcm/watch',
    ev: 'ADDED',
    resource: 'daemonsets',
    key: 'kube-system/kube-proxy',
    uid: '',
  });
  sim.schedule(1000, { t: 'kcm/monitorNodes' });
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    sim.schedule(SIM.reconcileDelayMs, {
      t: 'kcm/watch',
      ev: 'ADDED',
      resource: 'namespaces',
      key: ns,
      uid: '',
    });
  }
  const bootMs = opts.bootMs ?? SIM.bootMs;
  // kubeadm's mark-control-plane phase: once the node has registered, label it (a kubelet may not).
  sim.advanceTo(Math.min(bootMs, 2_000));
  const cpNode = sim.store('nodes')['control-plane'];
  if (cpNode) {
    const labels = {
      ...cpNode.metadata.labels,
      'node-role.kubernetes.io/control-plane': '',
      'node.kubernetes.io/exclude-from-external-load-balancers': '',
    };
    sim.api('kubeadm', ADMIN, {
      verb: 'update',
      resource: 'nodes',
      name: 'control-plane',
      body: { ...cpNode, metadata: { ...cpNode.metadata, labels } },
    });
  }
  sim.advanceTo(bootMs);
  return sim;
}

function resourceOf(kind: string): string {
  return {
    Namespace: 'namespaces',
    ServiceAccount: 'serviceaccounts',
    Service: 'services',
    EndpointSlice: 'endpointslices',
    DaemonSet: 'daemonsets',
  }[kind] as string;
}
