import type { Walkthrough } from '../schema';

const NODE = 'node/worker-1';
const ON_1 = { path: 'spec.nodeName', equals: 'worker-1' };
const ON_2 = { path: 'spec.nodeName', equals: 'worker-2' };
const DELETING = { path: 'metadata.deletionTimestamp', exists: true };

/** A kitchen goes dark: NotReady after the grace period, eviction after the toleration. */
export const nodeLost: Walkthrough = {
  id: 'node-lost',
  titleKey: 'nodeLost.title',
  summaryKey: 'nodeLost.summary',
  cluster: { workers: 2, proxy: 'iptables', seed: 1 },
  setup: ['kubectl create deployment web --image=nginx:1.14.2 --replicas=4', 'wait 20s'],
  steps: [
    {
      id: 'spread',
      narrationKey: 'nodeLost.spread',
      commands: ['kubectl get pods -o wide'],
      expect: [
        {
          count: {
            objects: 'pod/default/web-*',
            where: [ON_1, { path: 'status.phase', equals: 'Running' }],
            equals: 2,
          },
        },
        {
          count: {
            objects: 'pod/default/web-*',
            where: [ON_2, { path: 'status.phase', equals: 'Running' }],
            equals: 2,
          },
        },
      ],
      highlight: ['node/worker-1', 'node/worker-2'],
      kubectl: 'kubectl get pods -o wide',
    },
    {
      id: 'dark',
      narrationKey: 'nodeLost.dark',
      commands: ['break node worker-1'],
      expect: [
        { trace: { kind: 'fault', object: NODE, summaryIncludes: 'down' } },
        { condition: { object: NODE, type: 'Ready', status: 'True' } },
      ],
      highlight: [NODE, 'kubelet/worker-1', 'containerd/worker-1', 'kube-proxy/worker-1'],
      predict: {
        questionKey: 'nodeLost.dark.q',
        choices: [
          { key: 'nodeLost.dark.q.now', correct: false },
          { key: 'nodeLost.dark.q.grace', correct: true },
          { key: 'nodeLost.dark.q.never', correct: false },
        ],
      },
    },
    {
      id: 'silence',
      narrationKey: 'nodeLost.silence',
      commands: ['wait 30s'],
      expect: [
        { noTrace: { from: 'kubelet/worker-1' } },
        {
          trace: {
            kind: 'heartbeat',
            from: 'kubelet/worker-2',
            summaryIncludes: 'update leases/worker-2',
          },
        },
        { condition: { object: NODE, type: 'Ready', status: 'True' } },
      ],
      highlight: ['kubelet/worker-1', 'kubelet/worker-2', 'kube-controller-manager'],
      kubectl: 'kubectl get lease -n kube-node-lease',
    },
    {
      id: 'not-ready',
      narrationKey: 'nodeLost.notReady',
      commands: [],
      until: [{ condition: { object: NODE, type: 'Ready', status: 'Unknown' } }],
      maxWaitMs: 60_000,
      expect: [
        {
          condition: {
            object: NODE,
            type: 'Ready',
            status: 'Unknown',
            reason: 'NodeStatusUnknown',
          },
        },
        {
          field: {
            object: NODE,
            path: 'status.conditions[type=Ready].message',
            equals: 'Kubelet stopped posting node status.',
          },
        },
        { event: { object: NODE, reason: 'NodeNotReady' } },
        {
          trace: {
            kind: 'api',
            from: 'kube-controller-manager',
            object: NODE,
            summaryIncludes: 'update status',
          },
        },
      ],
      highlight: ['kube-controller-manager', NODE],
      diff: {
        object: NODE,
        paths: ['status.conditions[type=Ready].status', 'status.conditions[type=Ready].reason'],
      },
      kubectl: 'kubectl get nodes',
    },
    {
      id: 'taint',
      narrationKey: 'nodeLost.taint',
      commands: [],
      until: [
        {
          field: {
            object: NODE,
            path: 'spec.taints[key=node.kubernetes.io/unreachable]',
            exists: true,
          },
        },
      ],
      maxWaitMs: 10_000,
      expect: [
        {
          field: {
            object: NODE,
            path: 'spec.taints[effect=NoExecute].key',
            equals: 'node.kubernetes.io/unreachable',
          },
        },
        {
          field: {
            object: NODE,
            path: 'spec.taints[effect=NoSchedule].key',
            equals: 'node.kubernetes.io/unreachable',
          },
        },
        {
          count: {
            objects: 'pod/default/web-*',
            where: [ON_1, { path: 'status.conditions[type=Ready].status', equals: 'False' }],
            equals: 2,
          },
        },
      ],
      highlight: ['kube-controller-manager', NODE],
      diff: { object: NODE, paths: ['spec.taints'] },
      kubectl: 'kubectl describe node worker-1',
    },
    {
      id: 'tolerate',
      narrationKey: 'nodeLost.tolerate',
      commands: ['wait 4m'],
      expect: [
        {
          count: {
            objects: 'pod/default/web-*',
            where: [
              ON_1,
              {
                path: 'spec.tolerations[key=node.kubernetes.io/unreachable].tolerationSeconds',
                equals: 300,
              },
            ],
            equals: 2,
          },
        },
        { count: { objects: 'pod/default/web-*', where: [DELETING], equals: 0 } },
        { count: { objects: 'pod/default/web-*', equals: 4 } },
      ],
      highlight: [NODE, 'kube-controller-manager'],
      kubectl: 'kubectl get pod -o yaml | grep -A3 unreachable',
    },
    {
      id: 'evict',
      narrationKey: 'nodeLost.evict',
      commands: [],
      until: [{ count: { objects: 'pod/default/web-*', where: [DELETING], equals: 2 } }],
      maxWaitMs: 90_000,
      expect: [
        { count: { objects: 'pod/default/web-*', where: [ON_1, DELETING], equals: 2 } },
        {
          event: {
            object: 'pod/default/web-*',
            reason: 'TaintManagerEviction',
            messageIncludes: 'Marking for deletion Pod default/web-',
          },
        },
        {
          condition: {
            object: 'pod/default/web-*',
            type: 'DisruptionTarget',
            status: 'True',
            reason: 'DeletionByTaintManager',
          },
        },
      ],
      highlight: ['kube-controller-manager', NODE],
      kubectl: 'kubectl get events --field-selector reason=TaintManagerEviction',
    },
    {
      id: 'replace',
      narrationKey: 'nodeLost.replace',
      commands: [],
      until: [
        {
          count: {
            objects: 'pod/default/web-*',
            where: [ON_2, { path: 'status.conditions[type=Ready].status', equals: 'True' }],
            equals: 4,
          },
        },
      ],
      maxWaitMs: 30_000,
      expect: [
        {
          trace: { kind: 'etcd', summaryIncludes: 'create pod by system:kube-controller-manager' },
          atLeast: 2,
        },
        {
          trace: { kind: 'api', from: 'kube-scheduler', summaryIncludes: 'create binding' },
          atLeast: 2,
        },
        { noTrace: { summaryIncludes: 'bind pod to worker-1' } },
      ],
      highlight: ['kube-controller-manager', 'kube-scheduler', 'kubelet/worker-2', 'node/worker-2'],
      kubectl: 'kubectl get pods -o wide',
    },
    {
      id: 'terminating',
      narrationKey: 'nodeLost.terminating',
      commands: ['kubectl get pods -o wide'],
      expect: [
        { output: { includes: 'Terminating' } },
        { count: { objects: 'pod/default/web-*', where: [ON_1, DELETING], equals: 2 } },
        { count: { objects: 'pod/default/web-*', equals: 6 } },
      ],
      highlight: [NODE, 'kubelet/worker-1'],
      bendsKey: 'nodeLost.terminating.bends',
    },
    {
      id: 'contrast',
      narrationKey: 'nodeLost.contrast',
      commands: [],
      expect: [
        { condition: { object: 'node/worker-2', type: 'Ready', status: 'True' } },
        { condition: { object: 'node/control-plane', type: 'Ready', status: 'True' } },
        { condition: { object: NODE, type: 'Ready', status: 'Unknown' } },
      ],
      highlight: ['kube-apiserver', 'kube-controller-manager', NODE],
    },
  ],
};
