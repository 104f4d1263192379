import type { Walkthrough } from '../schema';

const NGINX_POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  containers:
    - name: nginx
      image: nginx:1.14.2
      ports:
        - containerPort: 80
`;

const POD = 'pod/default/nginx';

/** The article's closing diagram: one Pod from kubectl to a cook at a stove, and a first customer. */
export const podCreation: Walkthrough = {
  id: 'pod-creation',
  titleKey: 'podCreation.title',
  summaryKey: 'podCreation.summary',
  cluster: { workers: 2, proxy: 'iptables', seed: 1 },
  setup: [],
  files: { 'nginx-pod.yaml': NGINX_POD },
  vars: {
    node: { object: POD, path: 'spec.nodeName' },
    ip: { object: POD, path: 'status.podIP' },
  },
  steps: [
    {
      id: 'apply',
      narrationKey: 'podCreation.apply',
      commands: ['kubectl apply -f nginx-pod.yaml'],
      expect: [
        { output: { includes: 'pod/nginx created' } },
        {
          trace: {
            kind: 'api',
            from: 'kubectl',
            to: 'kube-apiserver',
            object: POD,
            summaryIncludes: 'create pods/nginx',
          },
        },
        {
          trace: {
            kind: 'etcd',
            to: 'etcd',
            object: POD,
            summaryIncludes: 'create pod by kubernetes-admin',
          },
        },
      ],
      highlight: ['kubectl', 'kube-apiserver', 'etcd'],
      diff: { object: POD, paths: ['metadata.uid', 'status.phase'] },
      kubectl: 'kubectl apply -f nginx-pod.yaml',
    },
    {
      id: 'admission',
      narrationKey: 'podCreation.admission',
      commands: [],
      expect: [
        {
          field: {
            object: POD,
            path: 'spec.tolerations[key=node.kubernetes.io/not-ready].tolerationSeconds',
            equals: 300,
          },
        },
        {
          field: {
            object: POD,
            path: 'spec.tolerations[key=node.kubernetes.io/unreachable].tolerationSeconds',
            equals: 300,
          },
        },
        { field: { object: POD, path: 'spec.serviceAccountName', equals: 'default' } },
        { field: { object: POD, path: 'spec.schedulerName', equals: 'default-scheduler' } },
      ],
      highlight: ['kube-apiserver', POD],
      kubectl: 'kubectl get pod nginx -o yaml',
    },
    {
      id: 'invalid-order',
      narrationKey: 'podCreation.invalidOrder',
      commands: ['kubectl run Nginx_1 --image=nginx:1.14.2'],
      expect: [
        { output: { includes: 'is invalid' } },
        { trace: { kind: 'api', from: 'kubectl', to: 'kube-apiserver', error: true } },
        { noTrace: { kind: 'etcd' } },
        { count: { objects: 'pod/default/*', equals: 1 } },
      ],
      highlight: ['kubectl', 'kube-apiserver'],
      kubectl: 'kubectl run Nginx_1 --image=nginx:1.14.2',
    },
    {
      id: 'ledger',
      narrationKey: 'podCreation.ledger',
      commands: [],
      expect: [
        { field: { object: POD, path: 'spec.nodeName', exists: false } },
        { field: { object: POD, path: 'status.phase', equals: 'Pending' } },
      ],
      highlight: ['etcd', POD],
      kubectl: 'kubectl get pod nginx -o wide',
    },
    {
      id: 'expediter-notices',
      narrationKey: 'podCreation.expediterNotices',
      commands: [],
      until: [
        { trace: { kind: 'watch', from: 'kube-apiserver', to: 'kube-scheduler', object: POD } },
      ],
      expect: [
        {
          trace: {
            kind: 'watch',
            to: 'kube-scheduler',
            object: POD,
            summaryIncludes: '(no spec.nodeName)',
          },
        },
        { field: { object: POD, path: 'spec.nodeName', exists: false } },
        { elapsed: { atMostMs: 10 } },
      ],
      highlight: ['kube-scheduler', 'kube-apiserver', POD],
    },
    {
      id: 'filter',
      narrationKey: 'podCreation.filter',
      commands: [],
      expect: [
        {
          field: {
            object: 'node/control-plane',
            path: 'spec.taints[key=node-role.kubernetes.io/control-plane].effect',
            equals: 'NoSchedule',
          },
        },
        {
          field: {
            object: POD,
            path: 'spec.tolerations[key=node-role.kubernetes.io/control-plane]',
            exists: false,
          },
        },
        { field: { object: 'node/worker-1', path: 'spec.taints', empty: true } },
        { field: { object: 'node/worker-2', path: 'spec.taints', empty: true } },
      ],
      highlight: ['kube-scheduler', 'node/control-plane', 'node/worker-1', 'node/worker-2'],
      kubectl: 'kubectl describe node control-plane | grep Taints',
      bendsKey: 'podCreation.filter.bends',
    },
    {
      id: 'bind',
      narrationKey: 'podCreation.bind',
      commands: [],
      until: [
        {
          trace: {
            kind: 'api',
            from: 'kube-scheduler',
            object: POD,
            summaryIncludes: 'create binding',
          },
        },
      ],
      expect: [
        { field: { object: POD, path: 'spec.nodeName', notEquals: 'control-plane' } },
        { field: { object: POD, path: 'spec.nodeName', exists: true } },
        {
          event: {
            object: POD,
            reason: 'Scheduled',
            messageIncludes: 'Successfully assigned default/nginx to {node}',
          },
        },
      ],
      highlight: ['kube-scheduler', 'kube-apiserver', 'etcd', POD],
      diff: {
        object: POD,
        paths: ['spec.nodeName', 'status.conditions[type=PodScheduled].status'],
      },
      kubectl: 'kubectl get events --field-selector involvedObject.name=nginx',
      predict: {
        questionKey: 'podCreation.bind.q',
        choices: [
          { key: 'podCreation.bind.q.office', correct: false },
          { key: 'podCreation.bind.q.worker', correct: true },
          { key: 'podCreation.bind.q.all', correct: false },
        ],
      },
    },
    {
      id: 'head-chef',
      narrationKey: 'podCreation.headChef',
      commands: [],
      until: [{ trace: { kind: 'watch', to: 'kubelet/{node}', object: POD } }],
      expect: [
        {
          trace: {
            kind: 'watch',
            from: 'kube-apiserver',
            to: 'kubelet/{node}',
            object: POD,
            summaryIncludes: 'spec.nodeName={node}',
          },
        },
        { noTrace: { from: 'kube-proxy/*', to: 'kubelet/*' } },
      ],
      highlight: ['kube-apiserver', 'kubelet/{node}', POD],
      bendsKey: 'podCreation.headChef.bends',
    },
    {
      id: 'sandbox',
      narrationKey: 'podCreation.sandbox',
      commands: [],
      until: [
        {
          trace: {
            kind: 'cri',
            from: 'containerd/{node}',
            object: POD,
            summaryIncludes: 'sandbox ready',
          },
        },
      ],
      expect: [
        {
          trace: {
            kind: 'cri',
            from: 'kubelet/{node}',
            to: 'containerd/{node}',
            object: POD,
            summaryIncludes: 'RunPodSandbox (registry.k8s.io/pause:',
          },
        },
        {
          trace: {
            kind: 'cri',
            from: 'containerd/{node}',
            object: POD,
            summaryIncludes: 'sandbox ready, pod IP',
          },
        },
      ],
      highlight: ['kubelet/{node}', 'containerd/{node}', POD],
      bendsKey: 'podCreation.sandbox.bends',
    },
    {
      id: 'pull',
      narrationKey: 'podCreation.pull',
      commands: [],
      until: [
        {
          trace: { kind: 'cri', from: 'containerd/{node}', summaryIncludes: 'nginx:1.14.2 pulled' },
        },
      ],
      expect: [
        { condition: { object: POD, type: 'PodReadyToStartContainers', status: 'True' } },
        { field: { object: POD, path: 'status.podIP', equals: '{ip}' } },
        { field: { object: POD, path: 'status.phase', equals: 'Pending' } },
        {
          trace: {
            kind: 'cri',
            from: 'kubelet/{node}',
            object: POD,
            summaryIncludes: 'PullImage nginx:1.14.2',
          },
        },
        {
          event: {
            object: POD,
            reason: 'Pulling',
            messageIncludes: 'Pulling image "nginx:1.14.2"',
          },
        },
      ],
      highlight: ['kubelet/{node}', 'containerd/{node}', 'kube-apiserver', POD],
      diff: {
        object: POD,
        paths: ['status.podIP', 'status.conditions[type=PodReadyToStartContainers].status'],
      },
      kubectl: 'kubectl describe pod nginx',
    },
    {
      id: 'start',
      narrationKey: 'podCreation.start',
      commands: [],
      until: [
        {
          trace: {
            kind: 'process',
            from: 'containerd/{node}',
            object: POD,
            summaryIncludes: 'container nginx running',
          },
        },
      ],
      expect: [
        { trace: { kind: 'cri', object: POD, summaryIncludes: 'CreateContainer nginx' } },
        { trace: { kind: 'cri', object: POD, summaryIncludes: 'StartContainer nginx' } },
        { event: { object: POD, reason: 'Pulled' } },
        { event: { object: POD, reason: 'Created', messageIncludes: 'Created container: nginx' } },
      ],
      highlight: ['kubelet/{node}', 'containerd/{node}', POD],
    },
    {
      id: 'report',
      narrationKey: 'podCreation.report',
      commands: [],
      until: [{ condition: { object: POD, type: 'Ready', status: 'True' } }],
      expect: [
        {
          trace: {
            kind: 'api',
            from: 'kubelet/{node}',
            to: 'kube-apiserver',
            object: POD,
            summaryIncludes: 'update status',
          },
        },
        { field: { object: POD, path: 'status.phase', equals: 'Running' } },
        { condition: { object: POD, type: 'ContainersReady', status: 'True' } },
        { event: { object: POD, reason: 'Started' } },
      ],
      highlight: ['kubelet/{node}', 'kube-apiserver', 'etcd', POD],
      diff: {
        object: POD,
        paths: [
          'status.phase',
          'status.conditions[type=ContainersReady].status',
          'status.conditions[type=Ready].status',
        ],
      },
      kubectl: 'kubectl get pod nginx',
    },
    {
      id: 'service',
      narrationKey: 'podCreation.service',
      commands: ['kubectl expose pod nginx --port=80'],
      until: [{ count: { objects: 'endpointslice/default/nginx-*', equals: 1 } }],
      expect: [
        { output: { includes: 'service/nginx exposed' } },
        { field: { object: 'service/default/nginx', path: 'spec.selector.app', equals: 'nginx' } },
        {
          trace: {
            kind: 'etcd',
            object: 'endpointslice/default/nginx-*',
            summaryIncludes: 'create endpointslice by system:kube-controller-manager',
          },
        },
        {
          field: {
            object: 'endpointslice/default/nginx-*',
            path: 'endpoints[0].addresses[0]',
            equals: '{ip}',
          },
        },
      ],
      highlight: ['kubectl', 'kube-apiserver', 'kube-controller-manager', 'service/default/nginx'],
      kubectl: 'kubectl get endpointslices -l kubernetes.io/service-name=nginx',
    },
    {
      id: 'waiter',
      narrationKey: 'podCreation.waiter',
      commands: [],
      until: [
        { trace: { kind: 'rules', from: 'kube-proxy/worker-1' } },
        { trace: { kind: 'rules', from: 'kube-proxy/worker-2' } },
        { trace: { kind: 'rules', from: 'kube-proxy/control-plane' } },
      ],
      expect: [
        {
          trace: {
            kind: 'rules',
            summaryIncludes: 'iptables-restore: 5 service ports, 8 endpoints',
          },
          atLeast: 3,
        },
      ],
      highlight: ['kube-proxy/worker-1', 'kube-proxy/worker-2', 'kube-proxy/control-plane'],
      kubectl: 'sudo iptables-save -t nat | grep default/nginx',
    },
    {
      id: 'serve',
      narrationKey: 'podCreation.serve',
      commands: ['request nginx 2'],
      expect: [
        { output: { includes: 'served by nginx on {node}' } },
        { output: { excludes: 'failed' } },
        {
          trace: {
            kind: 'traffic',
            from: 'client',
            object: 'service/default/nginx',
            summaryIncludes: '{ip}:80',
          },
          atLeast: 2,
        },
      ],
      highlight: ['client', 'kube-proxy/worker-1', 'kube-proxy/worker-2', POD],
      kubectl: 'kubectl run client --rm -it --image=busybox -- wget -qO- http://nginx',
      bendsKey: 'podCreation.serve.bends',
    },
  ],
};
