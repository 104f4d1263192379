import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types';
import { nginxPod, webDeployment } from './__fixtures__/objects';
import { goYamlMarshal } from './goYaml';
import { printName, printObject } from './index';

describe('kubectl get -o yaml', () => {
  it('prints a stored pod with sorted keys, quoted timestamps and unindented sequences', () => {
    const pod = nginxPod();
    pod.metadata.managedFields = [{ manager: 'kubectl-run', operation: 'Update' }];
    pod.status.conditions = pod.status.conditions.slice(0, 1);
    expect(printObject(pod, 'yaml')).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: "2026-01-01T09:00:31Z"
  labels:
    run: nginx
  name: nginx
  namespace: default
  resourceVersion: "1234"
  uid: 3f1c2a9e-7b64-4d2a-9a51-0c8e5d7b6f10
spec:
  containers:
  - image: nginx
    imagePullPolicy: Always
    name: nginx
    resources: {}
    terminationMessagePath: /dev/termination-log
    terminationMessagePolicy: File
    volumeMounts:
    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
      name: kube-api-access-7xk2p
      readOnly: true
  dnsPolicy: ClusterFirst
  enableServiceLinks: true
  nodeName: worker-1
  preemptionPolicy: PreemptLowerPriority
  priority: 0
  restartPolicy: Always
  schedulerName: default-scheduler
  securityContext: {}
  serviceAccount: default
  serviceAccountName: default
  terminationGracePeriodSeconds: 30
  tolerations:
  - effect: NoExecute
    key: node.kubernetes.io/not-ready
    operator: Exists
    tolerationSeconds: 300
  - effect: NoExecute
    key: node.kubernetes.io/unreachable
    operator: Exists
    tolerationSeconds: 300
  volumes:
  - name: kube-api-access-7xk2p
    projected:
      defaultMode: 420
      sources:
      - serviceAccountToken:
          expirationSeconds: 3607
          path: token
      - configMap:
          items:
          - key: ca.crt
            path: ca.crt
          name: kube-root-ca.crt
      - downwardAPI:
          items:
          - fieldRef:
              apiVersion: v1
              fieldPath: metadata.namespace
            path: namespace
status:
  conditions:
  - lastProbeTime: null
    lastTransitionTime: "2026-01-01T09:00:32Z"
    status: "True"
    type: PodReadyToStartContainers
  containerStatuses:
  - containerID: containerd://8b5c3f0e9d2a41c7b6e5f4a3d2c1b0a9f8e7d6c5b4a3928170f6e5d4c3b2a190
    image: docker.io/library/nginx:latest
    imageID: docker.io/library/nginx@sha256:2c8a3f1e6d5b4c7a9e0f1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2
    lastState: {}
    name: nginx
    ready: true
    restartCount: 0
    started: true
    state:
      running:
        startedAt: "2026-01-01T09:00:35Z"
  hostIP: 172.18.0.3
  hostIPs:
  - ip: 172.18.0.3
  phase: Running
  podIP: 10.244.1.2
  podIPs:
  - ip: 10.244.1.2
  qosClass: BestEffort
  startTime: "2026-01-01T09:00:31Z"
`);
  });

  it('wraps several objects in a List with an empty resourceVersion', () => {
    const cm = (name: string): KObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'default' },
      data: { key: 'value' },
    });
    expect(printObject([cm('a'), cm('b')], 'yaml')).toBe(`apiVersion: v1
items:
- apiVersion: v1
  data:
    key: value
  kind: ConfigMap
  metadata:
    name: a
    namespace: default
- apiVersion: v1
  data:
    key: value
  kind: ConfigMap
  metadata:
    name: b
    namespace: default
kind: List
metadata:
  resourceVersion: ""
`);
  });

  it('folds long scheduler messages past column 80, as real kubectl output shows', () => {
    const status = (message: string) => ({
      status: {
        conditions: [
          {
            lastProbeTime: null,
            lastTransitionTime: '2026-04-22T06:51:29Z',
            message,
            reason: 'Unschedulable',
            status: 'False',
            type: 'PodScheduled',
          },
        ],
      },
    });
    expect(
      goYamlMarshal(
        status(
          "0/3 nodes are available: 1 node(s) had untolerated taint {test-unschedulable: true}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..",
        ),
      ),
    ).toBe(`status:
  conditions:
  - lastProbeTime: null
    lastTransitionTime: "2026-04-22T06:51:29Z"
    message: '0/3 nodes are available: 1 node(s) had untolerated taint {test-unschedulable:
      true}, 2 node(s) didn''t match Pod''s node affinity/selector. preemption: 0/3
      nodes are available: 3 Preemption is not helpful for scheduling..'
    reason: Unschedulable
    status: "False"
    type: PodScheduled
`);
    expect(
      goYamlMarshal(
        status(
          '0/3 nodes are available: 1 node(s) had untolerated taint {ToBeDeletedByClusterAutoscaler: 1732299539}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
        ),
      ),
    ).toContain(`    message: '0/3 nodes are available: 1 node(s) had untolerated taint {ToBeDeletedByClusterAutoscaler:
      1732299539}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption
      is not helpful for scheduling, 2 No preemption victims found for incoming pod.'
`);
  });

  it('quotes strings the way go-yaml v2 does', () => {
    const value = {
      bool: 'true',
      colon: 'foo: bar',
      comment: 'a #b',
      dash: '- item',
      date: '2026-01-01',
      empty: '',
      hash: 'a#b',
      hex: '0x1F',
      int: '123',
      leadingSpace: ' x',
      no: 'no',
      octalLike: '08',
      plain: 'hello world',
      quote: "it's: x",
      sexagesimal: '10:30',
      star: '*',
      tab: 'a\tb',
      tilde: '~',
      unicode: 'café 😀',
      version: 'v1.34.2',
      y: 'y',
    };
    expect(goYamlMarshal(value)).toBe(`bool: "true"
colon: 'foo: bar'
comment: 'a #b'
dash: '- item'
date: "2026-01-01"
empty: ""
hash: a#b
hex: "0x1F"
int: "123"
leadingSpace: ' x'
"no": "no"
octalLike: "08"
plain: hello world
quote: 'it''s: x'
sexagesimal: "10:30"
star: '*'
tab: "a\\tb"
tilde: "~"
unicode: "café \\U0001F600"
version: v1.34.2
"y": "y"
`);
  });

  it('prints multi-line strings as literal blocks with the right chomping', () => {
    expect(goYamlMarshal({ a: 'x\ny\n', b: 'x\ny', c: 'x\n\n', d: 'x \ny' })).toBe(`a: |
  x
  y
b: |-
  x
  y
c: |+
  x

d: "x \\ny"
`);
  });

  it('orders keys with digit runs compared as numbers, and prints numbers as go-yaml does', () => {
    expect(
      goYamlMarshal({ b10: 1, b9: 0.5, a: 1234567.5, c: [], d: null, e: false }),
    ).toBe(`a: 1.2345675e+06
b9: 0.5
b10: 1
c: []
d: null
e: false
`);
  });
});

describe('kubectl get -o json', () => {
  it('indents 4 spaces, sorts keys, keeps empty collections inline and escapes HTML characters', () => {
    const obj: KObject = {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'demo', namespace: 'default', labels: {} },
      data: { html: '<b>&</b>', list: '', nums: '1' },
      binaryData: undefined,
    };
    expect(printObject(obj, 'json')).toBe(`{
    "apiVersion": "v1",
    "data": {
        "html": "\\u003cb\\u003e\\u0026\\u003c/b\\u003e",
        "list": "",
        "nums": "1"
    },
    "kind": "ConfigMap",
    "metadata": {
        "labels": {},
        "name": "demo",
        "namespace": "default"
    }
}
`);
  });

  it('prints a List of items', () => {
    const list = printObject([webDeployment()], 'json');
    expect(
      list.startsWith(
        '{\n    "apiVersion": "v1",\n    "items": [\n        {\n            "apiVersion": "apps/v1",',
      ),
    ).toBe(true);
    expect(
      list.endsWith(
        '    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
      ),
    ).toBe(true);
  });
});

describe('kubectl get -o name', () => {
  it('names core kinds kind/name and grouped kinds kind.group/name', () => {
    expect(printName(nginxPod())).toBe('pod/nginx');
    expect(printName(webDeployment())).toBe('deployment.apps/web');
    expect(
      printName({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }),
    ).toBe('widget.example.com/w');
  });
});
