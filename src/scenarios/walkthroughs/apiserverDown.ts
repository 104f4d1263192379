import type { Walkthrough } from '../schema';

const COOK = 'pod/default/{cook}';
const RESTARTS = 'status.containerStatuses[name=nginx].restartCount';

/** The article's "kubelet works on its own": the desk is down, the kitchens keep cooking. */
export const apiserverDown: Walkthrough = {
  id: 'apiserver-down',
  titleKey: 'apiserverDown.title',
  summaryKey: 'apiserverDown.summary',
  cluster: { workers: 2, proxy: 'iptables', seed: 1 },
  setup: [
    'kubectl create deployment web --image=nginx:1.14.2 --replicas=2',
    'kubectl expose deployment web --port=80',
    'wait 20s',
  ],
  vars: {
    cook: {
      object: 'pod/default/web-*',
      where: [{ path: 'spec.nodeName', equals: 'worker-1' }],
      path: 'metadata.name',
    },
  },
  steps: [
    {
      id: 'calm',
      narrationKey: 'apiserverDown.calm',
      commands: ['kubectl get pods -o wide'],
      expect: [
        {
          count: {
            objects: 'pod/default/web-*',
            where: [{ path: 'status.phase', equals: 'Running' }],
            equals: 2,
          },
        },
        {
          count: {
            objects: 'pod/default/web-*',
            where: [{ path: 'spec.nodeName', equals: 'worker-1' }],
            equals: 1,
          },
        },
        {
          count: {
            objects: 'pod/default/web-*',
            where: [{ path: 'spec.nodeName', equals: 'worker-2' }],
            equals: 1,
          },
        },
        { field: { object: 'endpointslice/default/web-*', path: 'endpoints.length', equals: 2 } },
      ],
      highlight: ['kube-apiserver', 'node/worker-1', 'node/worker-2', 'service/default/web'],
      kubectl: 'kubectl get pods -o wide',
    },
    {
      id: 'break',
      narrationKey: 'apiserverDown.break',
      commands: ['break apiserver', 'kubectl get pods'],
      expect: [
        { trace: { kind: 'fault', summaryIncludes: 'apiserver broken' } },
        { output: { includes: 'The connection to the server 172.18.0.2:6443 was refused' } },
      ],
      highlight: ['kube-apiserver', 'kubectl'],
      kubectl: 'sudo mv /etc/kubernetes/manifests/kube-apiserver.yaml /root/',
      predict: {
        questionKey: 'apiserverDown.break.q',
        choices: [
          { key: 'apiserverDown.break.q.stop', correct: false },
          { key: 'apiserverDown.break.q.keep', correct: true },
          { key: 'apiserverDown.break.q.move', correct: false },
        ],
      },
    },
    {
      id: 'seating',
      narrationKey: 'apiserverDown.seating',
      commands: ['request web 4'],
      expect: [
        { output: { includes: 'served by web-' } },
        { output: { excludes: 'failed' } },
        {
          trace: { kind: 'traffic', from: 'client', object: 'service/default/web', error: false },
          atLeast: 4,
        },
      ],
      highlight: ['client', 'kube-proxy/worker-1', 'kube-proxy/worker-2', 'service/default/web'],
      bendsKey: 'apiserverDown.seating.bends',
    },
    {
      id: 'new-order',
      narrationKey: 'apiserverDown.newOrder',
      commands: ['kubectl create deployment late --image=nginx'],
      expect: [
        { output: { includes: 'was refused' } },
        {
          trace: {
            kind: 'api',
            from: 'kubectl',
            summaryIncludes: 'connection refused',
            error: true,
          },
        },
        { count: { objects: 'deployment/default/late', equals: 0 } },
      ],
      highlight: ['kubectl', 'kube-apiserver', 'etcd'],
    },
    {
      id: 'crash',
      narrationKey: 'apiserverDown.crash',
      commands: ['crash {cook}'],
      until: [
        { trace: { kind: 'process', object: COOK, summaryIncludes: 'container nginx running' } },
      ],
      maxWaitMs: 5_000,
      expect: [
        {
          trace: {
            kind: 'process',
            from: 'containerd/worker-1',
            object: COOK,
            summaryIncludes: 'exited with code 1',
            error: true,
          },
        },
        {
          trace: {
            kind: 'cri',
            from: 'kubelet/worker-1',
            object: COOK,
            summaryIncludes: 'StartContainer nginx',
          },
        },
        { noTrace: { kind: 'etcd' } },
      ],
      highlight: ['kubelet/worker-1', 'containerd/worker-1', COOK],
    },
    {
      id: 'backoff',
      narrationKey: 'apiserverDown.backoff',
      commands: ['crash {cook}'],
      until: [
        { trace: { kind: 'process', object: COOK, summaryIncludes: 'container nginx running' } },
      ],
      maxWaitMs: 30_000,
      expect: [
        { trace: { kind: 'process', object: COOK, summaryIncludes: 'exited with code 1' } },
        { elapsed: { atLeastMs: 10_000, atMostMs: 12_000 } },
      ],
      highlight: ['kubelet/worker-1', 'containerd/worker-1', COOK],
    },
    {
      id: 'reports-fail',
      narrationKey: 'apiserverDown.reportsFail',
      commands: ['wait 20s'],
      expect: [
        {
          trace: {
            kind: 'api',
            from: 'kubelet/worker-1',
            object: COOK,
            summaryIncludes: 'update status',
            error: true,
          },
        },
        {
          trace: {
            kind: 'heartbeat',
            from: 'kubelet/worker-1',
            summaryIncludes: 'update leases/worker-1',
            error: true,
          },
          atLeast: 2,
        },
        { noTrace: { from: 'kubelet/worker-1', error: false } },
        { field: { object: COOK, path: RESTARTS, equals: 0 } },
      ],
      highlight: ['kubelet/worker-1', 'kube-apiserver', COOK],
      diff: { object: COOK, paths: [RESTARTS] },
    },
    {
      id: 'repair',
      narrationKey: 'apiserverDown.repair',
      commands: ['repair apiserver'],
      until: [{ field: { object: COOK, path: RESTARTS, equals: 2 } }],
      maxWaitMs: 15_000,
      expect: [
        {
          trace: {
            kind: 'api',
            from: 'kubelet/worker-1',
            object: COOK,
            summaryIncludes: 'update status',
            error: false,
          },
        },
        { field: { object: COOK, path: 'status.phase', equals: 'Running' } },
      ],
      highlight: ['kube-apiserver', 'kubelet/worker-1', 'etcd', COOK],
      diff: { object: COOK, paths: [RESTARTS] },
      kubectl: 'kubectl get pods',
    },
    {
      id: 'no-eviction',
      narrationKey: 'apiserverDown.noEviction',
      commands: ['wait 1m', 'kubectl get pods -o wide'],
      expect: [
        { condition: { object: 'node/worker-1', type: 'Ready', status: 'True' } },
        { condition: { object: 'node/worker-2', type: 'Ready', status: 'True' } },
        { count: { objects: 'pod/default/web-*', equals: 2 } },
        { field: { object: COOK, path: 'metadata.deletionTimestamp', exists: false } },
        {
          count: {
            objects: 'event/default/*',
            where: [{ path: 'reason', equals: 'TaintManagerEviction' }],
            equals: 0,
          },
        },
        {
          trace: {
            kind: 'heartbeat',
            from: 'kubelet/worker-1',
            summaryIncludes: 'update leases/worker-1',
            error: false,
          },
        },
      ],
      highlight: ['kube-controller-manager', 'node/worker-1', 'node/worker-2'],
      kubectl: 'kubectl get events --field-selector reason=TaintManagerEviction',
    },
    {
      id: 'why',
      narrationKey: 'apiserverDown.why',
      commands: [],
      expect: [
        {
          field: {
            object: 'pod/kube-system/kube-controller-manager-control-plane',
            path: 'status.containerStatuses[name=kube-controller-manager].restartCount',
            equals: 1,
          },
        },
        {
          field: {
            object: 'lease/kube-node-lease/worker-1',
            path: 'spec.holderIdentity',
            equals: 'worker-1',
          },
        },
      ],
      highlight: [
        'kube-controller-manager',
        'pod/kube-system/kube-controller-manager-control-plane',
      ],
      bendsKey: 'apiserverDown.why.bends',
    },
  ],
};
