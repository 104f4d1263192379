/**
 * Objects shaped like what a v1.34 API server stores for a small kind-style cluster, for the
 * printer tests. Simulation time 0 is 2026-01-01T09:00:00Z (a Thursday); tests print at
 * NOW_MS = 120 s, i.e. 09:02:00.
 */
import type { KObject } from '../kobject';

export const NOW_MS = 120_000;

const notReadyTolerations = [
  {
    effect: 'NoExecute',
    key: 'node.kubernetes.io/not-ready',
    operator: 'Exists',
    tolerationSeconds: 300,
  },
  {
    effect: 'NoExecute',
    key: 'node.kubernetes.io/unreachable',
    operator: 'Exists',
    tolerationSeconds: 300,
  },
];

const apiAccessVolume = (suffix: string) => ({
  name: `kube-api-access-${suffix}`,
  projected: {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      {
        configMap: {
          items: [{ key: 'ca.crt', path: 'ca.crt' }],
          name: 'kube-root-ca.crt',
        },
      },
      {
        downwardAPI: {
          items: [
            { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' },
          ],
        },
      },
    ],
  },
});

const condition = (type: string, at: string, status = 'True') => ({
  lastProbeTime: null,
  lastTransitionTime: at,
  status,
  type,
});

/** `kubectl run nginx --image=nginx`, running on worker-1 since 09:00:35. */
export function nginxPod(): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      creationTimestamp: '2026-01-01T09:00:31Z',
      labels: { run: 'nginx' },
      name: 'nginx',
      namespace: 'default',
      resourceVersion: '1234',
      uid: '3f1c2a9e-7b64-4d2a-9a51-0c8e5d7b6f10',
    },
    spec: {
      containers: [
        {
          image: 'nginx',
          imagePullPolicy: 'Always',
          name: 'nginx',
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: [
            {
              mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
              name: 'kube-api-access-7xk2p',
              readOnly: true,
            },
          ],
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      nodeName: 'worker-1',
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: notReadyTolerations,
      volumes: [apiAccessVolume('7xk2p')],
    },
    status: {
      conditions: [
        condition('PodReadyToStartContainers', '2026-01-01T09:00:32Z'),
        condition('Initialized', '2026-01-01T09:00:31Z'),
        condition('Ready', '2026-01-01T09:00:35Z'),
        condition('ContainersReady', '2026-01-01T09:00:35Z'),
        condition('PodScheduled', '2026-01-01T09:00:31Z'),
      ],
      containerStatuses: [
        {
          containerID:
            'containerd://8b5c3f0e9d2a41c7b6e5f4a3d2c1b0a9f8e7d6c5b4a3928170f6e5d4c3b2a190',
          image: 'docker.io/library/nginx:latest',
          imageID:
            'docker.io/library/nginx@sha256:2c8a3f1e6d5b4c7a9e0f1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2',
          lastState: {},
          name: 'nginx',
          ready: true,
          restartCount: 0,
          started: true,
          state: { running: { startedAt: '2026-01-01T09:00:35Z' } },
        },
      ],
      hostIP: '172.18.0.3',
      hostIPs: [{ ip: '172.18.0.3' }],
      phase: 'Running',
      podIP: '10.244.1.2',
      podIPs: [{ ip: '10.244.1.2' }],
      qosClass: 'BestEffort',
      startTime: '2026-01-01T09:00:31Z',
    },
  };
}

function podEvent(
  name: string,
  reason: string,
  message: string,
  at: string,
  extra: Record<string, unknown> = {},
): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      creationTimestamp: at,
      name: `nginx.${name}`,
      namespace: 'default',
      resourceVersion: '1300',
      uid: `e-${name}`,
    },
    count: 1,
    eventTime: null,
    firstTimestamp: at,
    involvedObject: {
      apiVersion: 'v1',
      fieldPath: 'spec.containers{nginx}',
      kind: 'Pod',
      name: 'nginx',
      namespace: 'default',
      resourceVersion: '1200',
      uid: '3f1c2a9e-7b64-4d2a-9a51-0c8e5d7b6f10',
    },
    lastTimestamp: at,
    message,
    reason,
    reportingComponent: 'kubelet',
    reportingInstance: 'worker-1',
    source: { component: 'kubelet', host: 'worker-1' },
    type: 'Normal',
    ...extra,
  };
}

/** The scheduler's events.k8s.io event (eventTime, no timestamps) and the kubelet's four. */
export function nginxEvents(): KObject[] {
  return [
    podEvent(
      '188a1f0c2b1e4d01',
      'Pulled',
      'Successfully pulled image "nginx" in 1.523s (1.523s including waiting). Image size: 72195292 bytes.',
      '2026-01-01T09:00:34Z',
    ),
    podEvent('188a1f0c2b1e4d02', 'Created', 'Created container: nginx', '2026-01-01T09:00:34Z'),
    podEvent('188a1f0c2b1e4d00', 'Pulling', 'Pulling image "nginx"', '2026-01-01T09:00:32Z'),
    podEvent('188a1f0c2b1e4d03', 'Started', 'Started container nginx', '2026-01-01T09:00:35Z'),
    podEvent(
      '188a1f0c0a9d7e00',
      'Scheduled',
      'Successfully assigned default/nginx to worker-1',
      '',
      {
        action: 'Binding',
        count: undefined,
        eventTime: '2026-01-01T09:00:31.250000Z',
        firstTimestamp: null,
        involvedObject: {
          apiVersion: 'v1',
          kind: 'Pod',
          name: 'nginx',
          namespace: 'default',
          uid: '3f1c2a9e-7b64-4d2a-9a51-0c8e5d7b6f10',
        },
        lastTimestamp: null,
        reportingComponent: 'default-scheduler',
        reportingController: 'default-scheduler',
        reportingInstance: 'default-scheduler-control-plane',
        source: {},
      },
    ),
  ];
}

export function workerNode(): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
      creationTimestamp: '2026-01-01T09:00:05Z',
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': 'worker-1',
        'kubernetes.io/os': 'linux',
      },
      name: 'worker-1',
      resourceVersion: '900',
      uid: '6d0b3c1a-2f4e-4a8b-9c7d-1e2f3a4b5c6d',
    },
    spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] },
    status: {
      addresses: [
        { address: '172.18.0.3', type: 'InternalIP' },
        { address: 'worker-1', type: 'Hostname' },
      ],
      allocatable: {
        cpu: '2',
        'ephemeral-storage': '61202244Ki',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: '8025424Ki',
        pods: '110',
      },
      capacity: {
        cpu: '2',
        'ephemeral-storage': '61202244Ki',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: '8025424Ki',
        pods: '110',
      },
      conditions: [
        nodeCondition(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ),
        nodeCondition(
          'DiskPressure',
          'False',
          'KubeletHasNoDiskPressure',
          'kubelet has no disk pressure',
        ),
        nodeCondition(
          'PIDPressure',
          'False',
          'KubeletHasSufficientPID',
          'kubelet has sufficient PID available',
        ),
        {
          ...nodeCondition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
          lastTransitionTime: '2026-01-01T09:00:15Z',
        },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
        containerRuntimeVersion: 'containerd://2.1.4',
        kernelVersion: '6.8.0-1021-azure',
        kubeProxyVersion: '',
        kubeletVersion: 'v1.34.2',
        machineID: '2b4d6f8a0c1e3a5b7d9f1a3c5e7b9d1f',
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: '2b4d6f8a-0c1e-3a5b-7d9f-1a3c5e7b9d1f',
      },
    },
  };
}

function nodeCondition(type: string, status: string, reason: string, message: string) {
  return {
    lastHeartbeatTime: '2026-01-01T09:01:55Z',
    lastTransitionTime: '2026-01-01T09:00:05Z',
    message,
    reason,
    status,
    type,
  };
}

export function workerLease(): KObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      creationTimestamp: '2026-01-01T09:00:06Z',
      name: 'worker-1',
      namespace: 'kube-node-lease',
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Node',
          name: 'worker-1',
          uid: '6d0b3c1a-2f4e-4a8b-9c7d-1e2f3a4b5c6d',
        },
      ],
      resourceVersion: '1500',
      uid: '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d',
    },
    spec: {
      holderIdentity: 'worker-1',
      leaseDurationSeconds: 40,
      renewTime: '2026-01-01T09:01:56.120000Z',
    },
  };
}

/** kube-proxy's DaemonSet pod on worker-1, with the requests a kind kindnet pod carries. */
export function kindnetPod(): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      creationTimestamp: '2026-01-01T09:00:07Z',
      name: 'kindnet-x7k2q',
      namespace: 'kube-system',
      uid: '1a2b3c4d-0000-4000-8000-000000000001',
    },
    spec: {
      containers: [
        {
          image: 'docker.io/kindest/kindnetd:v20250512-df8de77b',
          name: 'kindnet-cni',
          resources: {
            limits: { cpu: '100m', memory: '50Mi' },
            requests: { cpu: '100m', memory: '50Mi' },
          },
        },
      ],
      nodeName: 'worker-1',
    },
    status: { phase: 'Running' },
  };
}

export function nginxService(): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      creationTimestamp: '2026-01-01T09:01:00Z',
      labels: { app: 'web' },
      name: 'web',
      namespace: 'default',
      resourceVersion: '1400',
      uid: '7c6b5a49-3827-4160-9f8e-7d6c5b4a3928',
    },
    spec: {
      clusterIP: '10.96.112.47',
      clusterIPs: ['10.96.112.47'],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      selector: { app: 'web' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  };
}

export function webEndpointSlice(): KObject {
  return {
    addressType: 'IPv4',
    apiVersion: 'discovery.k8s.io/v1',
    endpoints: [
      {
        addresses: ['10.244.1.3'],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: 'worker-1',
        targetRef: { kind: 'Pod', name: 'web-7c5ddbdf54-2xv9k', namespace: 'default', uid: 'p1' },
      },
      {
        addresses: ['10.244.2.4'],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: 'worker-2',
        targetRef: { kind: 'Pod', name: 'web-7c5ddbdf54-8kq4m', namespace: 'default', uid: 'p2' },
      },
    ],
    kind: 'EndpointSlice',
    metadata: {
      annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T09:01:05Z' },
      creationTimestamp: '2026-01-01T09:01:00Z',
      generateName: 'web-',
      labels: {
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        'kubernetes.io/service-name': 'web',
      },
      name: 'web-h8r2d',
      namespace: 'default',
      uid: 'es-1',
    },
    ports: [{ name: '', port: 80, protocol: 'TCP' }],
  };
}

const webTemplate = () => ({
  metadata: { labels: { app: 'web' } },
  spec: {
    containers: [
      {
        image: 'nginx:1.27',
        imagePullPolicy: 'IfNotPresent',
        name: 'nginx',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        resources: {},
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      },
    ],
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
  },
});

export function webDeployment(): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      annotations: { 'deployment.kubernetes.io/revision': '1' },
      creationTimestamp: '2026-01-01T09:00:58Z',
      generation: 1,
      labels: { app: 'web' },
      name: 'web',
      namespace: 'default',
      uid: 'd0d0d0d0-1111-4222-8333-444455556666',
    },
    spec: {
      progressDeadlineSeconds: 600,
      replicas: 2,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'web' } },
      strategy: {
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
        type: 'RollingUpdate',
      },
      template: webTemplate(),
    },
    status: {
      availableReplicas: 2,
      conditions: [
        {
          lastTransitionTime: '2026-01-01T09:01:05Z',
          lastUpdateTime: '2026-01-01T09:01:05Z',
          message: 'Deployment has minimum availability.',
          reason: 'MinimumReplicasAvailable',
          status: 'True',
          type: 'Available',
        },
        {
          lastTransitionTime: '2026-01-01T09:00:58Z',
          lastUpdateTime: '2026-01-01T09:01:05Z',
          message: 'ReplicaSet "web-7c5ddbdf54" has successfully progressed.',
          reason: 'NewReplicaSetAvailable',
          status: 'True',
          type: 'Progressing',
        },
      ],
      observedGeneration: 1,
      readyReplicas: 2,
      replicas: 2,
      updatedReplicas: 2,
    },
  };
}

export function webReplicaSet(): KObject {
  const template = webTemplate();
  template.metadata.labels = { app: 'web', 'pod-template-hash': '7c5ddbdf54' } as never;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      annotations: {
        'deployment.kubernetes.io/desired-replicas': '2',
        'deployment.kubernetes.io/max-replicas': '3',
        'deployment.kubernetes.io/revision': '1',
      },
      creationTimestamp: '2026-01-01T09:00:58Z',
      labels: { app: 'web', 'pod-template-hash': '7c5ddbdf54' },
      name: 'web-7c5ddbdf54',
      namespace: 'default',
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          blockOwnerDeletion: true,
          controller: true,
          kind: 'Deployment',
          name: 'web',
          uid: 'd0d0d0d0-1111-4222-8333-444455556666',
        },
      ],
      uid: 'r5r5r5r5-1111-4222-8333-444455556666',
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': '7c5ddbdf54' } },
      template,
    },
    status: {
      availableReplicas: 2,
      fullyLabeledReplicas: 2,
      observedGeneration: 1,
      readyReplicas: 2,
      replicas: 2,
    },
  };
}
