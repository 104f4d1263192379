import { describe, expect, it } from 'vitest';
import { kindnetPod, NOW_MS, nginxPod, workerLease, workerNode } from '../__fixtures__/objects';
import { describe as describeObject } from '../index';

const TRAILING = ' '.repeat(9);

describe('kubectl describe node', () => {
  it('shows lease, conditions, addresses, resources, system info and the pods on it', () => {
    const finished = nginxPod();
    finished.status.phase = 'Succeeded';
    const text = describeObject('nodes', workerNode(), {
      nowMs: NOW_MS,
      events: [],
      related: { lease: workerLease(), nodePods: [kindnetPod(), finished] },
    });
    expect(text).toBe(
      `Name:               worker-1
Roles:              <none>
Labels:             beta.kubernetes.io/arch=amd64
                    beta.kubernetes.io/os=linux
                    kubernetes.io/arch=amd64
                    kubernetes.io/hostname=worker-1
                    kubernetes.io/os=linux
Annotations:        node.alpha.kubernetes.io/ttl: 0
                    volumes.kubernetes.io/controller-managed-attach-detach: true
CreationTimestamp:  Thu, 01 Jan 2026 09:00:05 +0000
Taints:             <none>
Unschedulable:      false
Lease:
  HolderIdentity:  worker-1
  AcquireTime:     <unset>
  RenewTime:       Thu, 01 Jan 2026 09:01:56 +0000
Conditions:
  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
  ----             ------  -----------------                 ------------------                ------                       -------
  MemoryPressure   False   Thu, 01 Jan 2026 09:01:55 +0000   Thu, 01 Jan 2026 09:00:05 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
  DiskPressure     False   Thu, 01 Jan 2026 09:01:55 +0000   Thu, 01 Jan 2026 09:00:05 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure
  PIDPressure      False   Thu, 01 Jan 2026 09:01:55 +0000   Thu, 01 Jan 2026 09:00:05 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available
  Ready            True    Thu, 01 Jan 2026 09:01:55 +0000   Thu, 01 Jan 2026 09:00:15 +0000   KubeletReady                 kubelet is posting ready status
Addresses:
  InternalIP:  172.18.0.3
  Hostname:    worker-1
Capacity:
  cpu:                2
  ephemeral-storage:  61202244Ki
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             8025424Ki
  pods:               110
Allocatable:
  cpu:                2
  ephemeral-storage:  61202244Ki
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             8025424Ki
  pods:               110
System Info:
  Machine ID:                 2b4d6f8a0c1e3a5b7d9f1a3c5e7b9d1f
  System UUID:                2b4d6f8a-0c1e-3a5b-7d9f-1a3c5e7b9d1f
  Boot ID:                    0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0
  Kernel Version:             6.8.0-1021-azure
  OS Image:                   Debian GNU/Linux 12 (bookworm)
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://2.1.4
  Kubelet Version:            v1.34.2
  Kube-Proxy Version:${TRAILING}
PodCIDR:                      10.244.1.0/24
PodCIDRs:                     10.244.1.0/24
Non-terminated Pods:          (1 in total)
  Namespace                   Name             CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----             ------------  ----------  ---------------  -------------  ---
  kube-system                 kindnet-x7k2q    100m (5%)     100m (5%)   50Mi (0%)        50Mi (0%)      113s
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests   Limits
  --------           --------   ------
  cpu                100m (5%)  100m (5%)
  memory             50Mi (0%)  50Mi (0%)
  ephemeral-storage  0 (0%)     0 (0%)
  hugepages-1Gi      0 (0%)     0 (0%)
  hugepages-2Mi      0 (0%)     0 (0%)
Events:              <none>
`,
    );
  });

  it('lists roles and taints, and reports a missing lease as kubectl does', () => {
    const node = workerNode();
    node.metadata.name = 'control-plane';
    node.metadata.labels = { 'node-role.kubernetes.io/control-plane': '' };
    node.metadata.annotations = {};
    node.spec.taints = [
      { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
      {
        effect: 'NoExecute',
        key: 'node.kubernetes.io/unreachable',
        timeAdded: '2026-01-01T09:01:00Z',
      },
    ];
    node.spec.unschedulable = true;
    const text = describeObject('nodes', node, { nowMs: NOW_MS, events: [] });
    expect(text).toContain(`Name:               control-plane
Roles:              control-plane
Labels:             node-role.kubernetes.io/control-plane=
Annotations:        <none>
CreationTimestamp:  Thu, 01 Jan 2026 09:00:05 +0000
Taints:             node.kubernetes.io/unreachable:NoExecute
                    node-role.kubernetes.io/control-plane:NoSchedule
Unschedulable:      true
Lease:              Failed to get lease: leases.coordination.k8s.io "control-plane" not found
Conditions:
`);
  });
});
