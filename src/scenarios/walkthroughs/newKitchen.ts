import type { Walkthrough } from '../schema';

const NODE = 'node/worker-3';
const AS_WORKER_1 = 'kubectl --as=system:node:worker-1 --as-group=system:nodes';
const PROXY_ON_NEW = 'pod/kube-system/kube-proxy-*';
const ON_NEW = { path: 'spec.nodeName', equals: 'worker-3' };

/**
 * A kitchen signs in: a new machine runs kubeadm join (the lab's `join node`), its kubelet
 * registers the Node itself, the controller manager gives it a pod CIDR and lifts the not-ready
 * taint, the Lease shows it alive, the kube-proxy DaemonSet gives it a waiter, and NodeRestriction
 * keeps each kubelet to its own Node.
 */
export const newKitchen: Walkthrough = {
  id: 'new-kitchen',
  titleKey: 'newKitchen.title',
  summaryKey: 'newKitchen.summary',
  cluster: { workers: 2, proxy: 'iptables', seed: 1 },
  setup: [],
  steps: [
    {
      id: 'register',
      narrationKey: 'newKitchen.register',
      commands: ['join node worker-3'],
      until: [{ count: { objects: NODE, equals: 1 } }],
      maxWaitMs: 10_000,
      expect: [
        { output: { includes: 'node worker-3 booted' } },
        {
          trace: {
            kind: 'api',
            from: 'kubelet/worker-3',
            object: NODE,
            summaryIncludes: 'create nodes/worker-3',
            error: false,
          },
        },
        {
          trace: {
            kind: 'etcd',
            object: NODE,
            summaryIncludes: 'create node by system:node:worker-3',
          },
        },
        { condition: { object: NODE, type: 'Ready', status: 'True', reason: 'KubeletReady' } },
        {
          field: {
            object: NODE,
            path: 'spec.taints[key=node.kubernetes.io/not-ready].effect',
            equals: 'NoSchedule',
          },
        },
        { event: { object: NODE, reason: 'Starting', messageIncludes: 'Starting kubelet.' } },
      ],
      highlight: ['kubelet/worker-3', 'kube-apiserver', 'etcd', NODE],
      diff: {
        object: NODE,
        paths: ['metadata.uid', 'status.conditions[type=Ready].status', 'spec.taints'],
      },
      kubectl:
        'sudo kubeadm join 172.18.0.2:6443 --token … --discovery-token-ca-cert-hash sha256:…',
      predict: {
        questionKey: 'newKitchen.register.q',
        choices: [
          { key: 'newKitchen.register.q.admin', correct: false },
          { key: 'newKitchen.register.q.self', correct: true },
          { key: 'newKitchen.register.q.never', correct: false },
        ],
      },
    },
    {
      id: 'ready',
      narrationKey: 'newKitchen.ready',
      commands: [],
      until: [{ field: { object: NODE, path: 'spec.taints', empty: true } }],
      maxWaitMs: 10_000,
      expect: [
        {
          trace: {
            kind: 'api',
            from: 'kube-controller-manager',
            object: NODE,
            summaryIncludes: 'update nodes/worker-3',
          },
        },
        { field: { object: NODE, path: 'spec.podCIDR', equals: '10.244.3.0/24' } },
        { condition: { object: NODE, type: 'Ready', status: 'True' } },
      ],
      highlight: ['kube-controller-manager', NODE],
      diff: { object: NODE, paths: ['spec.podCIDR', 'spec.taints'] },
      kubectl: 'kubectl describe node worker-3 | grep -E "Taints|PodCIDR"',
    },
    {
      id: 'lease',
      narrationKey: 'newKitchen.lease',
      commands: [],
      until: [
        {
          trace: {
            kind: 'heartbeat',
            from: 'kubelet/worker-3',
            summaryIncludes: 'update leases/worker-3',
            error: false,
          },
        },
      ],
      maxWaitMs: 11_000,
      expect: [
        {
          field: {
            object: 'lease/kube-node-lease/worker-3',
            path: 'spec.holderIdentity',
            equals: 'worker-3',
          },
        },
        {
          field: {
            object: 'lease/kube-node-lease/worker-3',
            path: 'spec.leaseDurationSeconds',
            equals: 40,
          },
        },
      ],
      highlight: ['kubelet/worker-3', 'kube-apiserver'],
      diff: { object: 'lease/kube-node-lease/worker-3', paths: ['spec.renewTime'] },
      kubectl: 'kubectl get lease worker-3 -n kube-node-lease -o yaml',
    },
    {
      id: 'waiter',
      narrationKey: 'newKitchen.waiter',
      commands: ['kubectl get daemonset kube-proxy -n kube-system', 'proxy-rules worker-3'],
      until: [
        {
          count: {
            objects: PROXY_ON_NEW,
            where: [ON_NEW, { path: 'status.conditions[type=Ready].status', equals: 'True' }],
            equals: 1,
          },
        },
      ],
      maxWaitMs: 10_000,
      expect: [
        { output: { includes: 'kube-proxy   4         4' } },
        {
          count: {
            objects: PROXY_ON_NEW,
            where: [
              ON_NEW,
              { path: 'metadata.ownerReferences[kind=DaemonSet].name', equals: 'kube-proxy' },
            ],
            equals: 1,
          },
        },
        { count: { objects: 'pod/kube-system/kube-proxy-*', equals: 4 } },
        { output: { includes: '"default/kubernetes:https cluster IP"' } },
        { output: { includes: '"kube-system/kube-dns:dns cluster IP"' } },
      ],
      highlight: ['kube-controller-manager', 'kube-proxy/worker-3', NODE],
      kubectl: 'kubectl get pods -n kube-system -o wide --field-selector spec.nodeName=worker-3',
    },
    {
      id: 'own-board',
      narrationKey: 'newKitchen.ownBoard',
      commands: [`${AS_WORKER_1} label node worker-1 team=blue`],
      expect: [
        { output: { includes: 'node/worker-1 labeled' } },
        { field: { object: 'node/worker-1', path: 'metadata.labels.team', equals: 'blue' } },
        { trace: { kind: 'etcd', summaryIncludes: 'update node by system:node:worker-1' } },
      ],
      highlight: ['kubelet/worker-1', 'node/worker-1'],
      diff: { object: 'node/worker-1', paths: ['metadata.labels.team'] },
      kubectl: `${AS_WORKER_1} label node worker-1 team=blue`,
    },
    {
      id: 'other-board',
      narrationKey: 'newKitchen.otherBoard',
      commands: [`${AS_WORKER_1} label node worker-3 team=blue`],
      expect: [
        { output: { includes: 'Error from server (Forbidden): nodes "worker-3" is forbidden' } },
        {
          output: { includes: "node 'worker-1' cannot read 'worker-3', only its own Node object" },
        },
        { field: { object: NODE, path: 'metadata.labels.team', exists: false } },
      ],
      highlight: ['kubelet/worker-1', 'kube-apiserver', NODE],
      kubectl: `${AS_WORKER_1} label node worker-3 team=blue`,
      predict: {
        questionKey: 'newKitchen.otherBoard.q',
        choices: [
          { key: 'newKitchen.otherBoard.q.yes', correct: false },
          { key: 'newKitchen.otherBoard.q.no', correct: true },
        ],
      },
    },
    {
      id: 'taints',
      narrationKey: 'newKitchen.taints',
      commands: [`${AS_WORKER_1} taint node worker-1 dish=soup:NoSchedule`],
      expect: [
        {
          output: {
            includes:
              'nodes "worker-1" is forbidden: node "worker-1" is not allowed to modify taints',
          },
        },
        { field: { object: 'node/worker-1', path: 'spec.taints', empty: true } },
      ],
      highlight: ['kubelet/worker-1', 'kube-apiserver', 'node/worker-1'],
      kubectl: `${AS_WORKER_1} taint node worker-1 dish=soup:NoSchedule`,
    },
    {
      id: 'why',
      narrationKey: 'newKitchen.why',
      commands: [],
      expect: [
        { field: { object: NODE, path: 'metadata.labels.team', exists: false } },
        { field: { object: 'node/worker-1', path: 'spec.taints', empty: true } },
      ],
      highlight: ['kube-apiserver', 'node/worker-1', NODE],
      bendsKey: 'newKitchen.why.bends',
    },
  ],
};
