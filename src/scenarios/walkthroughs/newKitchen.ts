import type { Walkthrough } from '../schema';

const NODE = 'node/worker-2';
const AS_WORKER_1 = 'kubectl --as=system:node:worker-1 --as-group=system:nodes';

/**
 * A kitchen signs in: kubelet self-registration, the node Lease, NodeRestriction. The lab has no
 * verb that adds a machine, so worker-2 leaves the books (its Node is deleted while its kubelet
 * is stopped) and signs in again when its kubelet starts.
 */
export const newKitchen: Walkthrough = {
  id: 'new-kitchen',
  titleKey: 'newKitchen.title',
  summaryKey: 'newKitchen.summary',
  cluster: { workers: 2, proxy: 'iptables', seed: 1 },
  setup: [],
  steps: [
    {
      id: 'signed-in',
      narrationKey: 'newKitchen.signedIn',
      commands: ['kubectl get nodes'],
      expect: [
        { output: { includes: 'worker-2        Ready' } },
        { event: { object: NODE, reason: 'Starting', messageIncludes: 'Starting kubelet.' } },
        {
          field: {
            object: NODE,
            path: 'metadata.labels["kubernetes.io/hostname"]',
            equals: 'worker-2',
          },
        },
      ],
      highlight: ['kubelet/worker-2', NODE],
      kubectl: 'kubectl get nodes',
    },
    {
      id: 'lease',
      narrationKey: 'newKitchen.lease',
      commands: [],
      until: [
        {
          trace: {
            kind: 'heartbeat',
            from: 'kubelet/worker-2',
            summaryIncludes: 'update leases/worker-2',
            error: false,
          },
        },
      ],
      maxWaitMs: 11_000,
      expect: [
        {
          field: {
            object: 'lease/kube-node-lease/worker-2',
            path: 'spec.holderIdentity',
            equals: 'worker-2',
          },
        },
        {
          field: {
            object: 'lease/kube-node-lease/worker-2',
            path: 'spec.leaseDurationSeconds',
            equals: 40,
          },
        },
      ],
      highlight: ['kubelet/worker-2', 'kube-apiserver'],
      diff: { object: 'lease/kube-node-lease/worker-2', paths: ['spec.renewTime'] },
      kubectl: 'kubectl get lease worker-2 -n kube-node-lease -o yaml',
    },
    {
      id: 'chef-stops',
      narrationKey: 'newKitchen.chefStops',
      commands: ['break kubelet worker-2'],
      expect: [
        { trace: { kind: 'fault', object: NODE, summaryIncludes: 'kubelet on worker-2 broken' } },
      ],
      highlight: ['kubelet/worker-2'],
      kubectl: 'sudo systemctl stop kubelet',
    },
    {
      id: 'off-the-books',
      narrationKey: 'newKitchen.offTheBooks',
      commands: ['kubectl delete node worker-2', 'kubectl get nodes'],
      expect: [
        { output: { includes: 'node "worker-2" deleted' } },
        { count: { objects: NODE, equals: 0 } },
      ],
      highlight: ['kubectl', 'kube-apiserver', 'etcd'],
      kubectl: 'kubectl delete node worker-2',
    },
    {
      id: 'register',
      narrationKey: 'newKitchen.register',
      commands: ['repair kubelet worker-2'],
      until: [{ count: { objects: NODE, equals: 1 } }],
      maxWaitMs: 10_000,
      expect: [
        {
          trace: {
            kind: 'api',
            from: 'kubelet/worker-2',
            object: NODE,
            summaryIncludes: 'create nodes/worker-2',
            error: false,
          },
        },
        {
          trace: {
            kind: 'etcd',
            object: NODE,
            summaryIncludes: 'create node by system:node:worker-2',
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
      ],
      highlight: ['kubelet/worker-2', 'kube-apiserver', 'etcd', NODE],
      diff: {
        object: NODE,
        paths: ['metadata.uid', 'status.conditions[type=Ready].status', 'spec.taints'],
      },
      kubectl: 'sudo systemctl start kubelet',
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
            summaryIncludes: 'update nodes/worker-2',
          },
        },
        { condition: { object: NODE, type: 'Ready', status: 'True' } },
      ],
      highlight: ['kube-controller-manager', NODE],
      diff: { object: NODE, paths: ['spec.taints'] },
      kubectl: 'kubectl describe node worker-2 | grep Taints',
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
      commands: [`${AS_WORKER_1} label node worker-2 team=blue`],
      expect: [
        { output: { includes: 'Error from server (Forbidden): nodes "worker-2" is forbidden' } },
        {
          output: { includes: "node 'worker-1' cannot read 'worker-2', only its own Node object" },
        },
        { field: { object: NODE, path: 'metadata.labels.team', exists: false } },
      ],
      highlight: ['kubelet/worker-1', 'kube-apiserver', NODE],
      kubectl: `${AS_WORKER_1} label node worker-2 team=blue`,
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
