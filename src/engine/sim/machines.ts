/**
 * The machines of the cluster: a node's state when it is built, the static pods kubeadm writes
 * for the control plane, what a machine has on disk before its kubelet first starts, and its
 * boot ID. `bootMachine` is shared by the cluster's own boot and the lab's `join node`.
 */
import type { KObject } from '../api/types';
import { newKubeletPod } from '../components/kubelet';
import { seedImage } from '../components/runtime';
import { fnv32a } from '../model/images';
import { COREDNS_IMAGE, KUBE_PROXY_IMAGE } from './addons';
import { KUBERNETES_VERSION, PAUSE_IMAGE } from './defaults';
import { holdPod } from './kubeletPods';
import { podCidrAt } from './podCidrs';
import type { Simulation } from './simulation';
import { hashRecord, type KubeletPod, type NodeState } from './state';

export const CONTROL_PLANE_COMPONENTS = [
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

export function controlPlaneImage(component: string): string {
  return component === 'etcd'
    ? 'registry.k8s.io/etcd:3.6.4-0'
    : `registry.k8s.io/${component}:${KUBERNETES_VERSION}`;
}

export function newNode(
  name: string,
  index: number,
  role: NodeState['role'],
  clusterCIDR: string,
): NodeState {
  const ipN = index + 2;
  return {
    name,
    index,
    role,
    ip: `172.18.${ipN >> 8}.${ipN & 0xff}`,
    podCIDR: podCidrAt(clusterCIDR, index),
    zone: '',
    up: true,
    boots: 1,
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
            image: controlPlaneImage(component),
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

/**
 * A machine's first boot: what is on its disk (kubeadm init pulls every image of
 * `kubeadm config images list` on the control plane; every node is taken to have pause and
 * kube-proxy), its static pods, then its kubelet starts and registers after `registerAfterMs`
 * and kube-proxy programs its first rules.
 */
export function bootMachine(sim: Simulation, node: NodeState, registerAfterMs: number): void {
  for (const img of [PAUSE_IMAGE, KUBE_PROXY_IMAGE]) seedImage(node, img);
  if (node.role === 'control-plane') {
    for (const c of CONTROL_PLANE_COMPONENTS) seedImage(node, controlPlaneImage(c));
    seedImage(node, COREDNS_IMAGE);
  }
  node.kubelet.startedAtMs = sim.state.nowMs + registerAfterMs;
  for (const kp of Object.values(staticPodsOf(sim, node))) holdPod(node.kubelet, kp);
  sim.schedule(registerAfterMs, { t: 'kubelet/register', node: node.name });
  for (const uid of Object.keys(node.kubelet.pods))
    sim.schedule(registerAfterMs + 1, { t: 'kubelet/sync', node: node.name, uid });
  node.proxy.syncScheduled = true;
  sim.schedule(registerAfterMs + sim.int(500, 1500), { t: 'proxy/sync', node: node.name });
}
