import { describe, expect, it } from 'vitest';
import {
  NOW_MS,
  nginxPod,
  nginxService,
  webDeployment,
  webEndpointSlice,
  webReplicaSet,
  workerLease,
} from '../__fixtures__/objects';
import { describe as describeObject } from '../index';
import type { KObject } from '../kobject';

const none = { nowMs: NOW_MS, events: [] };

function webPod(name: string): KObject {
  const pod = nginxPod();
  pod.metadata = {
    ...pod.metadata,
    name,
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        controller: true,
        kind: 'ReplicaSet',
        name: 'web-7c5ddbdf54',
        uid: 'r5r5r5r5-1111-4222-8333-444455556666',
      },
    ],
  };
  return pod;
}

describe('kubectl describe service', () => {
  it('shows IP families, the port line and ready endpoints from the EndpointSlices', () => {
    const text = describeObject('services', nginxService(), {
      ...none,
      related: { endpointSlices: [webEndpointSlice()] },
    });
    expect(text).toBe(`Name:                     web
Namespace:                default
Labels:                   app=web
Annotations:              <none>
Selector:                 app=web
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.96.112.47
IPs:                      10.96.112.47
Port:                     <unset>  80/TCP
TargetPort:               80/TCP
Endpoints:                10.244.1.3:80,10.244.2.4:80
Session Affinity:         None
Internal Traffic Policy:  Cluster
Events:                   <none>
`);
  });

  it('prints <none> endpoints when no EndpointSlice exists yet', () => {
    expect(describeObject('services', nginxService(), none)).toContain(
      'Endpoints:                <none>\n',
    );
  });
});

describe('kubectl describe deployment', () => {
  it('shows the strategy, the pod template, conditions and its ReplicaSets', () => {
    const text = describeObject('deployments', webDeployment(), {
      ...none,
      related: { replicaSets: [webReplicaSet()] },
    });
    expect(text).toBe(`Name:                   web
Namespace:              default
CreationTimestamp:      Thu, 01 Jan 2026 09:00:58 +0000
Labels:                 app=web
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=web
Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=web
  Containers:
   nginx:
    Image:         nginx:1.27
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   web-7c5ddbdf54 (2/2 replicas created)
Events:          <none>
`);
  });

  it('lists a ReplicaSet with another template as old', () => {
    const old = webReplicaSet();
    old.metadata = { ...old.metadata, name: 'web-5d8f6c7b9' };
    old.spec = {
      ...old.spec,
      replicas: 0,
      template: {
        ...old.spec.template,
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] },
      },
    };
    old.status = { replicas: 0 };
    const text = describeObject('deployments', webDeployment(), {
      ...none,
      related: { replicaSets: [old, webReplicaSet()] },
    });
    expect(text).toContain(
      'OldReplicaSets:  web-5d8f6c7b9 (0/0 replicas created)\nNewReplicaSet:   web-7c5ddbdf54 (2/2 replicas created)\n',
    );
  });
});

describe('kubectl describe replicaset', () => {
  it('counts the pods it controls and shows its owner', () => {
    const stranger = nginxPod();
    const text = describeObject('replicasets', webReplicaSet(), {
      ...none,
      related: { pods: [webPod('web-7c5ddbdf54-2xv9k'), webPod('web-7c5ddbdf54-8kq4m'), stranger] },
    });
    expect(text).toBe(`Name:           web-7c5ddbdf54
Namespace:      default
Selector:       app=web,pod-template-hash=7c5ddbdf54
Labels:         app=web
                pod-template-hash=7c5ddbdf54
Annotations:    deployment.kubernetes.io/desired-replicas: 2
                deployment.kubernetes.io/max-replicas: 3
                deployment.kubernetes.io/revision: 1
Controlled By:  Deployment/web
Replicas:       2 current / 2 desired
Pods Status:    2 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=web
           pod-template-hash=7c5ddbdf54
  Containers:
   nginx:
    Image:         nginx:1.27
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:            <none>
`);
  });
});

describe('kubectl describe (other kinds)', () => {
  it('namespace: status, then the quota and limit-range lines', () => {
    const ns: KObject = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } },
      status: { phase: 'Active' },
    };
    expect(describeObject('namespaces', ns, none)).toBe(`Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
`);
  });

  it('serviceaccount: secrets sections in kubectl order', () => {
    const sa: KObject = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'default', namespace: 'default' },
    };
    expect(describeObject('serviceaccounts', sa, none)).toBe(`Name:                default
Namespace:           default
Labels:              <none>
Annotations:         <none>
Image pull secrets:  <none>
Mountable secrets:   <none>
Tokens:              <none>
Events:              <none>
`);
  });

  it('endpointslice: ports table and one entry per endpoint', () => {
    expect(describeObject('endpointslices', webEndpointSlice(), none)).toBe(`Name:         web-h8r2d
Namespace:    default
Labels:       endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io
              kubernetes.io/service-name=web
Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2026-01-01T09:01:05Z
AddressType:  IPv4
Ports:
  Name     Port  Protocol
  ----     ----  --------
  <unset>  80    TCP
Endpoints:
  - Addresses:  10.244.1.3
    Conditions:
      Ready:    true
    Hostname:   <unset>
    TargetRef:  Pod/web-7c5ddbdf54-2xv9k
    NodeName:   worker-1
    Zone:       <unset>
  - Addresses:  10.244.2.4
    Conditions:
      Ready:    true
    Hostname:   <unset>
    TargetRef:  Pod/web-7c5ddbdf54-8kq4m
    NodeName:   worker-2
    Zone:       <unset>
Events:         <none>
`);
  });

  it('configmap: data entries, and a long annotation folded and clipped at 140', () => {
    const cm: KObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'kube-root-ca.crt',
        namespace: 'default',
        annotations: {
          'kubernetes.io/description':
            'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
        },
      },
      data: { lives: '3' },
    };
    expect(describeObject('configmaps', cm, none)).toBe(`Name:         kube-root-ca.crt
Namespace:    default
Labels:       <none>
Annotations:  kubernetes.io/description:
                Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubern...

Data
====
lives:
----
3


BinaryData
====

Events:  <none>
`);
  });

  it('lease: the generic describer with camel-case field names turned into words', () => {
    expect(describeObject('leases', workerLease(), none)).toBe(`Name:         worker-1
Namespace:    kube-node-lease
Labels:       <none>
Annotations:  <none>
API Version:  coordination.k8s.io/v1
Kind:         Lease
Metadata:
  Creation Timestamp:  2026-01-01T09:00:06Z
  Owner References:
    API Version:     v1
    Kind:            Node
    Name:            worker-1
    UID:             6d0b3c1a-2f4e-4a8b-9c7d-1e2f3a4b5c6d
  Resource Version:  1500
  UID:               9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d
Spec:
  Holder Identity:         worker-1
  Lease Duration Seconds:  40
  Renew Time:              2026-01-01T09:01:56.120000Z
Events:                    <none>
`);
  });

  it('job: completion times, duration and pod counts', () => {
    const job: KObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'hello', namespace: 'default', labels: { 'job-name': 'hello' } },
      spec: {
        backoffLimit: 6,
        completionMode: 'NonIndexed',
        completions: 1,
        parallelism: 1,
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'j1' } },
        suspend: false,
        template: {
          metadata: { labels: { 'job-name': 'hello' } },
          spec: {
            containers: [{ name: 'hello', image: 'busybox', command: ['sh', '-c', 'echo hi'] }],
            restartPolicy: 'Never',
          },
        },
      },
      status: {
        completionTime: '2026-01-01T09:00:12Z',
        ready: 0,
        startTime: '2026-01-01T09:00:00Z',
        succeeded: 1,
      },
    };
    expect(describeObject('jobs', job, none)).toBe(`Name:             hello
Namespace:        default
Selector:         batch.kubernetes.io/controller-uid=j1
Labels:           job-name=hello
Annotations:      <none>
Parallelism:      1
Completions:      1
Completion Mode:  NonIndexed
Suspend:          false
Backoff Limit:    6
Start Time:       Thu, 01 Jan 2026 09:00:00 +0000
Completed At:     Thu, 01 Jan 2026 09:00:12 +0000
Duration:         12s
Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
Pod Template:
  Labels:  job-name=hello
  Containers:
   hello:
    Image:      busybox
    Port:       <none>
    Host Port:  <none>
    Command:
      sh
      -c
      echo hi
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:            <none>
`);
  });
});
