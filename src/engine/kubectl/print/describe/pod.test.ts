import { describe, expect, it } from 'vitest';
import { NOW_MS, nginxEvents, nginxPod } from '../__fixtures__/objects';
import { describe as describeObject } from '../index';

describe('kubectl describe pod', () => {
  it('lays out a running nginx pod as kubectl does, events oldest first', () => {
    expect(describeObject('pods', nginxPod(), { nowMs: NOW_MS, events: nginxEvents() })).toBe(
      `Name:             nginx
Namespace:        default
Priority:         0
Service Account:  default
Node:             worker-1/172.18.0.3
Start Time:       Thu, 01 Jan 2026 09:00:31 +0000
Labels:           run=nginx
Annotations:      <none>
Status:           Running
IP:               10.244.1.2
IPs:
  IP:  10.244.1.2
Containers:
  nginx:
    Container ID:   containerd://8b5c3f0e9d2a41c7b6e5f4a3d2c1b0a9f8e7d6c5b4a3928170f6e5d4c3b2a190
    Image:          nginx
    Image ID:       docker.io/library/nginx@sha256:2c8a3f1e6d5b4c7a9e0f1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2
    Port:           <none>
    Host Port:      <none>
    State:          Running
      Started:      Thu, 01 Jan 2026 09:00:35 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-7xk2p (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  kube-api-access-7xk2p:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  88s   default-scheduler  Successfully assigned default/nginx to worker-1
  Normal  Pulling    88s   kubelet            Pulling image "nginx"
  Normal  Pulled     86s   kubelet            Successfully pulled image "nginx" in 1.523s (1.523s including waiting). Image size: 72195292 bytes.
  Normal  Created    86s   kubelet            Created container: nginx
  Normal  Started    85s   kubelet            Started container nginx
`,
    );
  });

  it('aligns "Events: <none>" with the block above when there are no events', () => {
    const text = describeObject('pods', nginxPod(), { nowMs: NOW_MS, events: [] });
    expect(
      text.endsWith(
        `QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:                      <none>
`,
      ),
    ).toBe(true);
  });

  it('leaves the Events section out with --show-events=false', () => {
    const text = describeObject('pods', nginxPod(), { nowMs: NOW_MS });
    expect(text.endsWith('node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n')).toBe(
      true,
    );
  });

  it('shows a crash-looping container: waiting reason, last termination, resources, probe, env, repeated events', () => {
    const pod = nginxPod();
    pod.metadata.ownerReferences = [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'web-7c5ddbdf54',
        uid: 'rs',
        controller: true,
      },
    ];
    pod.spec.containers[0].resources = {
      limits: { memory: '128Mi' },
      requests: { cpu: '0.1', memory: '64Mi' },
    };
    pod.spec.containers[0].livenessProbe = {
      failureThreshold: 3,
      httpGet: { path: '/healthz', port: 80, scheme: 'HTTP' },
      periodSeconds: 10,
      successThreshold: 1,
      timeoutSeconds: 1,
    };
    pod.spec.containers[0].env = [
      { name: 'MODE', value: 'demo' },
      {
        name: 'POD_NAME',
        valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } },
      },
      { name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
    ];
    pod.status.containerStatuses[0] = {
      ...pod.status.containerStatuses[0],
      lastState: {
        terminated: {
          containerID: 'containerd://aa',
          exitCode: 1,
          finishedAt: '2026-01-01T09:01:24Z',
          reason: 'Error',
          startedAt: '2026-01-01T09:01:20Z',
        },
      },
      ready: false,
      restartCount: 3,
      started: false,
      state: {
        waiting: {
          message: 'back-off 40s restarting failed container=nginx',
          reason: 'CrashLoopBackOff',
        },
      },
    };
    const backOff = {
      ...nginxEvents()[0],
      count: 4,
      firstTimestamp: '2026-01-01T09:00:50Z',
      lastTimestamp: '2026-01-01T09:01:40Z',
      message:
        'Back-off restarting failed container nginx in pod nginx_default(3f1c2a9e-7b64-4d2a-9a51-0c8e5d7b6f10)',
      reason: 'BackOff',
      type: 'Warning',
    };
    const text = describeObject('pods', pod, { nowMs: NOW_MS, events: [backOff] });
    expect(text).toContain(`IPs:
  IP:           10.244.1.2
Controlled By:  ReplicaSet/web-7c5ddbdf54
Containers:
  nginx:
    Container ID:   containerd://8b5c3f0e9d2a41c7b6e5f4a3d2c1b0a9f8e7d6c5b4a3928170f6e5d4c3b2a190
    Image:          nginx
    Image ID:       docker.io/library/nginx@sha256:2c8a3f1e6d5b4c7a9e0f1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2
    Port:           <none>
    Host Port:      <none>
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
      Started:      Thu, 01 Jan 2026 09:01:20 +0000
      Finished:     Thu, 01 Jan 2026 09:01:24 +0000
    Ready:          False
    Restart Count:  3
    Limits:
      memory:  128Mi
    Requests:
      cpu:     100m
      memory:  64Mi
    Liveness:  http-get http://:80/healthz delay=0s timeout=1s period=10s #success=1 #failure=3
    Environment:
      MODE:      demo
      POD_NAME:  nginx (v1:metadata.name)
      NODE:       (v1:spec.nodeName)
    Mounts:
`);
    expect(text).toContain(`Events:
  Type     Reason   Age                From     Message
  ----     ------   ----               ----     -------
  Warning  BackOff  20s (x4 over 70s)  kubelet  Back-off restarting failed container nginx in pod nginx_default(3f1c2a9e-7b64-4d2a-9a51-0c8e5d7b6f10)
`);
  });

  it('shows an unscheduled pod: no node, no IPs, a repeated FailedScheduling series', () => {
    const pod = nginxPod();
    delete pod.spec.nodeName;
    pod.status = {
      conditions: [
        {
          lastProbeTime: null,
          lastTransitionTime: '2026-01-01T09:00:31Z',
          message: '0/3 nodes are available: 3 Insufficient cpu.',
          reason: 'Unschedulable',
          status: 'False',
          type: 'PodScheduled',
        },
      ],
      phase: 'Pending',
      qosClass: 'Burstable',
    };
    const failed = {
      ...nginxEvents()[4],
      message:
        '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
      reason: 'FailedScheduling',
      series: { count: 3, lastObservedTime: '2026-01-01T09:01:50.000000Z' },
      type: 'Warning',
    };
    const text = describeObject('pods', pod, { nowMs: NOW_MS, events: [failed] });
    expect(text).toContain(`Service Account:  default
Node:             <none>
Labels:           run=nginx
Annotations:      <none>
Status:           Pending
IP:${' '.repeat(15)}
IPs:              <none>
Containers:
`);
    expect(text).toContain(`Conditions:
  Type           Status
  PodScheduled   False 
`);
    expect(
      text.endsWith(`Events:
  Type     Reason            Age                From               Message
  ----     ------            ----               ----               -------
  Warning  FailedScheduling  10s (x3 over 88s)  default-scheduler  0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.
`),
    ).toBe(true);
  });

  it('shows a pod being deleted as Terminating with its grace period', () => {
    const pod = nginxPod();
    pod.metadata.deletionTimestamp = '2026-01-01T09:02:20Z';
    pod.metadata.deletionGracePeriodSeconds = 30;
    expect(describeObject('pods', pod, { nowMs: NOW_MS, events: [] })).toContain(
      'Annotations:               <none>\nStatus:                    Terminating (lasts <invalid>)\nTermination Grace Period:  30s\n',
    );
  });
});
