/** The Node object a kubelet registers (kubelet_node_status.go initialNode + status setters). */
import type { KObject } from '../api/types';
import { CONTAINER_RUNTIME_VERSION, KUBERNETES_VERSION } from '../sim/defaults';
import type { NodeState } from '../sim/state';
import { fnv32a } from './images';
import { isoTime } from './meta';

export interface NodeCapacity {
  cpu: string;
  memory: string;
  pods: string;
  ephemeralStorage: string;
}

/** What kubeadm's machines offer: fixed per role (the kubelet's maxPods is its default, 110). */
const CAPACITY: Readonly<
  Record<'control-plane' | 'worker', { capacity: NodeCapacity; allocatable: NodeCapacity }>
> = {
  'control-plane': {
    capacity: { cpu: '2', memory: '4005812Ki', pods: '110', ephemeralStorage: '61202244Ki' },
    allocatable: { cpu: '2', memory: '3903412Ki', pods: '110', ephemeralStorage: '56403987978' },
  },
  worker: {
    capacity: { cpu: '4', memory: '8148060Ki', pods: '110', ephemeralStorage: '61202244Ki' },
    allocatable: { cpu: '4', memory: '8045660Ki', pods: '110', ephemeralStorage: '56403987978' },
  },
};

export function capacityOf(node: NodeState): {
  capacity: Readonly<NodeCapacity>;
  allocatable: Readonly<NodeCapacity>;
} {
  return CAPACITY[node.role === 'control-plane' ? 'control-plane' : 'worker'];
}

/** The kubelet's maxPods: admission counts against its own configuration, not a Node read. */
export function maxPodsOf(node: NodeState): number {
  return Number(capacityOf(node).allocatable.pods);
}

const toList = (c: NodeCapacity) => ({
  cpu: c.cpu,
  'ephemeral-storage': c.ephemeralStorage,
  'hugepages-1Gi': '0',
  'hugepages-2Mi': '0',
  memory: c.memory,
  pods: c.pods,
});

/** A stable UUID-shaped id from a text (the same text gives the same id). */
export function uuidOf(text: string): string {
  let hex = '';
  for (let i = 0; i < 4; i++) hex += fnv32a(`${i}/${text}`).toString(16).padStart(8, '0');
  return hex.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
}

/** /proc/sys/kernel/random/boot_id: new at every boot of the machine. */
export function bootIdOf(node: NodeState): string {
  const text = `${node.name}/boot/${node.boots ?? 1}`;
  let id = bootIds.get(text);
  if (id === undefined) {
    id = uuidOf(text);
    bootIds.set(text, id);
  }
  return id;
}

/** The kubelet asks at every status update; the id is a pure function of its text. */
const bootIds = new Map<string, string>();

export function initialNode(node: NodeState, nowMs: number): KObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': node.name,
    'kubernetes.io/os': 'linux',
  };
  const taints: KObject['spec'] = [];
  if (node.role === 'control-plane') {
    // kubeadm registers the control-plane node with this taint (--register-with-taints).
    taints.push({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
  }
  const { capacity, allocatable } = capacityOf(node);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: taints.length ? { taints } : {},
    status: {
      capacity: toList(capacity),
      allocatable: toList(allocatable),
      conditions: nodeConditions(nowMs, nowMs, { ready: true }),
      addresses: [
        { type: 'InternalIP', address: node.ip },
        { type: 'Hostname', address: node.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: '',
        systemUUID: '',
        bootID: bootIdOf(node),
        kernelVersion: '6.8.0-49-generic',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
        kubeletVersion: KUBERNETES_VERSION,
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
      images: [],
    },
  };
}

export interface ReadyState {
  ready: boolean;
  /** Why not ready (the kubelet's runtime errors, aggregated). */
  message?: string;
}

/** The four conditions a healthy kubelet posts, with the real reasons and messages. */
export function nodeConditions(
  heartbeatMs: number,
  readyTransitionMs: number,
  ready: ReadyState,
  sinceMs = readyTransitionMs,
) {
  const hb = isoTime(heartbeatMs);
  const since = isoTime(sinceMs);
  return [
    {
      type: 'MemoryPressure',
      status: 'False',
      lastHeartbeatTime: hb,
      lastTransitionTime: since,
      reason: 'KubeletHasSufficientMemory',
      message: 'kubelet has sufficient memory available',
    },
    {
      type: 'DiskPressure',
      status: 'False',
      lastHeartbeatTime: hb,
      lastTransitionTime: since,
      reason: 'KubeletHasNoDiskPressure',
      message: 'kubelet has no disk pressure',
    },
    {
      type: 'PIDPressure',
      status: 'False',
      lastHeartbeatTime: hb,
      lastTransitionTime: since,
      reason: 'KubeletHasSufficientPID',
      message: 'kubelet has sufficient PID available',
    },
    ready.ready
      ? {
          type: 'Ready',
          status: 'True',
          lastHeartbeatTime: hb,
          lastTransitionTime: isoTime(readyTransitionMs),
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
        }
      : {
          type: 'Ready',
          status: 'False',
          lastHeartbeatTime: hb,
          lastTransitionTime: isoTime(readyTransitionMs),
          reason: 'KubeletNotReady',
          message: ready.message ?? '',
        },
  ];
}
