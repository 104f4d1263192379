import type { Walkthrough } from '../schema';

const SLICE = 'endpointslice/default/web-*';
const COOK = 'pod/default/{cook}';
const SETUP = [
  'kubectl create deployment web --image=nginx:1.14.2 --replicas=3',
  'kubectl expose deployment web --port=80',
  'wait 20s',
];

/** The waiter's seating chart: Service, EndpointSlice, kube-proxy rules (iptables, then IPVS). */
export const seatingChart: Walkthrough = {
  id: 'seating-chart',
  titleKey: 'seatingChart.title',
  summaryKey: 'seatingChart.summary',
  cluster: { workers: 2, proxy: 'iptables', seed: 7 },
  setup: SETUP,
  vars: {
    clusterIP: { object: 'service/default/web', path: 'spec.clusterIP' },
    cook: {
      object: 'pod/default/web-*',
      where: [{ path: 'spec.nodeName', equals: 'worker-1' }],
      path: 'metadata.name',
    },
    cookIP: {
      object: 'pod/default/web-*',
      where: [{ path: 'spec.nodeName', equals: 'worker-1' }],
      path: 'status.podIP',
    },
  },
  steps: [
    {
      id: 'service',
      narrationKey: 'seatingChart.service',
      commands: ['kubectl get service web'],
      expect: [
        { field: { object: 'service/default/web', path: 'spec.selector.app', equals: 'web' } },
        { field: { object: 'service/default/web', path: 'spec.clusterIP', exists: true } },
        { output: { includes: '{clusterIP}' } },
      ],
      highlight: ['service/default/web'],
      kubectl: 'kubectl get service web -o wide',
    },
    {
      id: 'slice',
      narrationKey: 'seatingChart.slice',
      commands: ['kubectl get endpointslices -o wide'],
      expect: [
        {
          field: {
            object: SLICE,
            path: 'metadata.labels["kubernetes.io/service-name"]',
            equals: 'web',
          },
        },
        { field: { object: SLICE, path: 'endpoints.length', equals: 3 } },
        {
          count: {
            objects: 'pod/default/web-*',
            where: [{ path: 'status.conditions[type=Ready].status', equals: 'True' }],
            equals: 3,
          },
        },
      ],
      highlight: ['kube-controller-manager', 'service/default/web'],
      kubectl: 'kubectl get endpointslices -l kubernetes.io/service-name=web -o yaml',
    },
    {
      id: 'iptables',
      narrationKey: 'seatingChart.iptables',
      commands: ['proxy-rules worker-1'],
      expect: [
        {
          output: {
            includes: '-d {clusterIP}/32 -p tcp -m comment --comment "default/web cluster IP"',
          },
        },
        {
          output: {
            includes: '-m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-',
          },
        },
        {
          output: {
            includes: '-m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-',
          },
        },
        { output: { includes: '-j DNAT --to-destination {cookIP}:80' } },
      ],
      highlight: ['kube-proxy/worker-1'],
      kubectl: 'sudo iptables-save -t nat | grep default/web',
    },
    {
      id: 'random',
      narrationKey: 'seatingChart.random',
      commands: ['request web 9'],
      expect: [
        {
          trace: {
            kind: 'traffic',
            from: 'client',
            object: 'service/default/web',
            summaryIncludes: 'KUBE-SEP-',
          },
          atLeast: 9,
        },
        { output: { includes: 'served by web-' } },
        { output: { excludes: 'failed' } },
      ],
      highlight: ['client', 'kube-proxy/worker-1', 'kube-proxy/worker-2', 'service/default/web'],
    },
    {
      id: 'not-ready',
      narrationKey: 'seatingChart.notReady',
      commands: ['crash {cook}', 'wait 1500ms', 'crash {cook}'],
      until: [
        {
          field: {
            object: SLICE,
            path: 'endpoints[targetRef.name={cook}].conditions.ready',
            equals: false,
          },
        },
        // Each crash takes the cook off worker-1's chart: 9 endpoints (kubernetes 1, kube-dns
        // 2 × 3 ports, web 2); the second time it stays off.
        {
          trace: { kind: 'rules', from: 'kube-proxy/worker-1', summaryIncludes: '9 endpoints' },
          atLeast: 2,
        },
      ],
      maxWaitMs: 5_000,
      expect: [
        { condition: { object: COOK, type: 'Ready', status: 'False' } },
        {
          field: {
            object: COOK,
            path: 'status.containerStatuses[name=nginx].state.waiting.reason',
            equals: 'CrashLoopBackOff',
          },
        },
      ],
      highlight: [COOK, 'kubelet/worker-1', 'kube-controller-manager'],
      diff: { object: SLICE, paths: ['endpoints[targetRef.name={cook}].conditions.ready'] },
    },
    {
      id: 'off-the-chart',
      narrationKey: 'seatingChart.offTheChart',
      commands: ['proxy-rules worker-1', 'request web 6'],
      expect: [
        { output: { excludes: '{cookIP}' } },
        { output: { excludes: 'served by {cook}' } },
        { output: { includes: 'served by web-' } },
      ],
      highlight: ['kube-proxy/worker-1', 'client', COOK],
    },
    {
      id: 'back',
      narrationKey: 'seatingChart.back',
      commands: [],
      until: [
        {
          field: {
            object: SLICE,
            path: 'endpoints[targetRef.name={cook}].conditions.ready',
            equals: true,
          },
        },
      ],
      maxWaitMs: 30_000,
      expect: [
        { condition: { object: COOK, type: 'Ready', status: 'True' } },
        { trace: { kind: 'cri', object: COOK, summaryIncludes: 'StartContainer nginx' } },
      ],
      highlight: [COOK, 'kube-controller-manager'],
      diff: { object: SLICE, paths: ['endpoints[targetRef.name={cook}].conditions.ready'] },
    },
    {
      id: 'ipvs',
      narrationKey: 'seatingChart.ipvs',
      freshCluster: { cluster: { workers: 2, proxy: 'ipvs', seed: 7 }, setup: SETUP },
      commands: ['proxy-rules worker-1'],
      expect: [
        { output: { includes: 'TCP  {clusterIP}:80 rr' } },
        { output: { includes: 'Masq    1' } },
        { field: { object: SLICE, path: 'endpoints.length', equals: 3 } },
      ],
      highlight: ['kube-proxy/worker-1', 'service/default/web'],
      kubectl: 'sudo ipvsadm -Ln',
    },
    {
      id: 'round-robin',
      narrationKey: 'seatingChart.roundRobin',
      commands: ['request web 9'],
      expect: [
        { trace: { kind: 'traffic', from: 'client', summaryIncludes: ' rr ' }, atLeast: 9 },
        { output: { excludes: 'failed' } },
      ],
      highlight: ['client', 'kube-proxy/worker-1', 'kube-proxy/worker-2', 'service/default/web'],
      bendsKey: 'seatingChart.roundRobin.bends',
    },
  ],
};
