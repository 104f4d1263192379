import type { Walkthrough } from '../schema';

const CP = 'node/control-plane';
const TAINT = 'spec.taints[key=node-role.kubernetes.io/control-plane].effect';
const POD = 'pod/default/nginx';
const ON_CP = { path: 'spec.nodeName', equals: 'control-plane' };
const SCHEDULER = 'pod/kube-system/kube-scheduler-control-plane';
const DNS = 'pod/kube-system/coredns-*';
const DNS_TAINT_TOLERATION = 'spec.tolerations[key=node-role.kubernetes.io/control-plane].effect';

/** No cooking in the office: the control-plane taint, the office's static pods, and why to keep the sign. */
export const controlPlaneTaint: Walkthrough = {
  id: 'control-plane-taint',
  titleKey: 'controlPlaneTaint.title',
  summaryKey: 'controlPlaneTaint.summary',
  cluster: { workers: 0, proxy: 'iptables', seed: 1 },
  setup: [],
  vars: {
    dnsA: { object: DNS, path: 'metadata.name' },
    dnsB: {
      object: DNS,
      where: [{ path: 'metadata.name', notEquals: '{dnsA}' }],
      path: 'metadata.name',
    },
  },
  steps: [
    {
      id: 'office',
      narrationKey: 'controlPlaneTaint.office',
      commands: ['kubectl get nodes'],
      expect: [
        { count: { objects: 'node/*', equals: 1 } },
        {
          field: {
            object: CP,
            path: 'metadata.labels["node-role.kubernetes.io/control-plane"]',
            equals: '',
          },
        },
      ],
      highlight: [CP],
      kubectl: 'kubectl get nodes',
    },
    {
      id: 'sign',
      narrationKey: 'controlPlaneTaint.sign',
      commands: ['kubectl describe node control-plane'],
      expect: [
        { field: { object: CP, path: TAINT, equals: 'NoSchedule' } },
        {
          output: {
            includes: 'Taints:             node-role.kubernetes.io/control-plane:NoSchedule',
          },
        },
      ],
      highlight: [CP],
      kubectl: 'kubectl describe node control-plane | grep Taints',
    },
    {
      id: 'office-staff',
      narrationKey: 'controlPlaneTaint.officeStaff',
      commands: ['kubectl get pods -n kube-system'],
      expect: [
        {
          field: {
            object: 'pod/kube-system/etcd-control-plane',
            path: 'status.phase',
            equals: 'Running',
          },
        },
        {
          field: {
            object: 'pod/kube-system/kube-apiserver-control-plane',
            path: 'status.phase',
            equals: 'Running',
          },
        },
        {
          field: {
            object: 'pod/kube-system/kube-controller-manager-control-plane',
            path: 'status.phase',
            equals: 'Running',
          },
        },
        {
          field: {
            object: 'pod/kube-system/kube-scheduler-control-plane',
            path: 'status.phase',
            equals: 'Running',
          },
        },
      ],
      highlight: [
        'pod/kube-system/etcd-control-plane',
        'pod/kube-system/kube-apiserver-control-plane',
        'pod/kube-system/kube-controller-manager-control-plane',
        'pod/kube-system/kube-scheduler-control-plane',
      ],
      kubectl: 'kubectl get pods -n kube-system -o wide',
    },
    {
      id: 'static',
      narrationKey: 'controlPlaneTaint.static',
      commands: [],
      expect: [
        {
          field: {
            object: 'pod/kube-system/kube-apiserver-control-plane',
            path: 'metadata.annotations["kubernetes.io/config.source"]',
            equals: 'file',
          },
        },
        {
          field: {
            object: 'pod/kube-system/kube-apiserver-control-plane',
            path: 'metadata.annotations["kubernetes.io/config.mirror"]',
            exists: true,
          },
        },
        {
          field: {
            object: 'pod/kube-system/kube-apiserver-control-plane',
            path: 'metadata.ownerReferences[kind=Node].name',
            equals: 'control-plane',
          },
        },
      ],
      highlight: ['kubelet/control-plane', 'pod/kube-system/kube-apiserver-control-plane'],
      kubectl: 'kubectl get pod kube-apiserver-control-plane -n kube-system -o yaml',
      bendsKey: 'controlPlaneTaint.static.bends',
    },
    {
      id: 'tolerated',
      narrationKey: 'controlPlaneTaint.tolerated',
      commands: ['kubectl get pods -n kube-system -l k8s-app=kube-dns -o wide'],
      expect: [
        { count: { objects: DNS, where: [ON_CP], equals: 2 } },
        {
          count: {
            objects: DNS,
            where: [
              { path: 'metadata.ownerReferences[kind=ReplicaSet].controller', equals: true },
              { path: 'metadata.annotations["kubernetes.io/config.mirror"]', exists: false },
              { path: DNS_TAINT_TOLERATION, equals: 'NoSchedule' },
            ],
            equals: 2,
          },
        },
        {
          event: {
            object: 'pod/kube-system/{dnsA}',
            reason: 'Scheduled',
            messageIncludes: 'to control-plane',
          },
        },
        {
          field: {
            object: 'deployment/kube-system/coredns',
            path: 'metadata.creationTimestamp',
            exists: true,
          },
        },
        { output: { includes: 'control-plane' } },
      ],
      highlight: [CP, 'pod/kube-system/{dnsA}', 'pod/kube-system/{dnsB}'],
      kubectl: 'kubectl get pods -n kube-system -l k8s-app=kube-dns -o wide',
      bendsKey: 'controlPlaneTaint.tolerated.bends',
    },
    {
      id: 'mirror',
      narrationKey: 'controlPlaneTaint.mirror',
      commands: ['kubectl delete pod -n kube-system kube-scheduler-control-plane'],
      until: [
        {
          field: {
            object: SCHEDULER,
            path: 'status.phase',
            equals: 'Running',
          },
        },
      ],
      maxWaitMs: 5_000,
      expect: [
        { output: { includes: 'pod "kube-scheduler-control-plane" deleted' } },
        {
          trace: {
            kind: 'etcd',
            object: SCHEDULER,
            summaryIncludes: 'create pod by system:node:control-plane',
          },
        },
        { field: { object: SCHEDULER, path: 'metadata.deletionTimestamp', exists: false } },
        { noTrace: { kind: 'cri', summaryIncludes: 'StopContainer kube-scheduler' } },
        { noTrace: { kind: 'process', object: SCHEDULER } },
      ],
      highlight: ['kubectl', 'kubelet/control-plane', SCHEDULER],
      diff: { object: SCHEDULER, paths: ['metadata.uid'] },
      kubectl: 'kubectl delete pod -n kube-system kube-scheduler-control-plane',
    },
    {
      id: 'order',
      narrationKey: 'controlPlaneTaint.order',
      commands: ['kubectl run nginx --image=nginx:1.14.2'],
      until: [{ event: { object: POD, reason: 'FailedScheduling' } }],
      maxWaitMs: 5_000,
      expect: [
        {
          event: {
            object: POD,
            reason: 'FailedScheduling',
            type: 'Warning',
            messageIncludes:
              '0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
          },
        },
        {
          condition: {
            object: POD,
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
          },
        },
        { field: { object: POD, path: 'status.phase', equals: 'Pending' } },
      ],
      highlight: ['kube-scheduler', CP, POD],
      kubectl: 'kubectl describe pod nginx',
    },
    {
      id: 'remove',
      narrationKey: 'controlPlaneTaint.remove',
      commands: [
        'kubectl taint nodes control-plane node-role.kubernetes.io/control-plane:NoSchedule-',
      ],
      until: [{ condition: { object: POD, type: 'Ready', status: 'True' } }],
      maxWaitMs: 30_000,
      expect: [
        { output: { includes: 'node/control-plane untainted' } },
        {
          trace: {
            kind: 'api',
            from: 'kube-scheduler',
            object: POD,
            summaryIncludes: 'create binding',
          },
        },
        { field: { object: POD, path: 'spec.nodeName', equals: 'control-plane' } },
        { field: { object: POD, path: 'status.phase', equals: 'Running' } },
      ],
      highlight: ['kubectl', 'kube-scheduler', 'kubelet/control-plane', POD],
      diff: { object: POD, paths: ['spec.nodeName', 'status.phase'] },
      kubectl:
        'kubectl taint nodes control-plane node-role.kubernetes.io/control-plane:NoSchedule-',
      predict: {
        questionKey: 'controlPlaneTaint.remove.q',
        choices: [
          { key: 'controlPlaneTaint.remove.q.pending', correct: false },
          { key: 'controlPlaneTaint.remove.q.office', correct: true },
          { key: 'controlPlaneTaint.remove.q.staff', correct: false },
        ],
      },
    },
    {
      id: 'risk',
      narrationKey: 'controlPlaneTaint.risk',
      commands: ['kubectl get pods -A -o wide'],
      expect: [
        { count: { objects: 'pod/*', where: [ON_CP], atLeast: 8 } },
        { count: { objects: 'pod/kube-system/*', where: [ON_CP], equals: 7 } },
        { field: { object: POD, path: 'spec.nodeName', equals: 'control-plane' } },
      ],
      highlight: [
        CP,
        POD,
        'pod/kube-system/etcd-control-plane',
        'pod/kube-system/kube-apiserver-control-plane',
      ],
    },
    {
      id: 'sign-back',
      narrationKey: 'controlPlaneTaint.signBack',
      commands: [
        'kubectl taint nodes control-plane node-role.kubernetes.io/control-plane:NoSchedule',
        'wait 10s',
      ],
      expect: [
        { output: { includes: 'node/control-plane tainted' } },
        { field: { object: CP, path: TAINT, equals: 'NoSchedule' } },
        { field: { object: POD, path: 'status.phase', equals: 'Running' } },
        { field: { object: POD, path: 'metadata.deletionTimestamp', exists: false } },
      ],
      highlight: [CP, POD],
      kubectl: 'kubectl taint nodes control-plane node-role.kubernetes.io/control-plane:NoSchedule',
    },
  ],
};
