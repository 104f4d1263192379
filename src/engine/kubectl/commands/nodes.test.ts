import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types';
import { createFakeHost, type FakeHost } from '../testing/fakeHost';
import { kubectl } from '../testing/kubectlLine';

function cluster(): FakeHost {
  const host = createFakeHost();
  host.put({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1' }, spec: {} });
  return host;
}

function pod(
  name: string,
  extra: Partial<KObject> & { owner?: string; namespace?: string } = {},
): KObject {
  const { owner, namespace, ...rest } = extra;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: namespace ?? 'default',
      ...(owner
        ? {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: owner.split('/')[0],
                name: owner.split('/')[1],
                uid: 'u',
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'nginx' }] },
    status: { phase: 'Running' },
    ...rest,
  };
}

describe('kubectl cordon / uncordon', () => {
  it('marks the node and says so', () => {
    const host = cluster();
    expect(kubectl(host, 'kubectl cordon worker-1')).toEqual({
      output: 'node/worker-1 cordoned\n',
      ok: true,
    });
    expect(host.find('nodes', 'worker-1')?.spec.unschedulable).toBe(true);
    expect(kubectl(host, 'kubectl cordon worker-1').output).toBe(
      'node/worker-1 already cordoned\n',
    );
    expect(kubectl(host, 'kubectl uncordon worker-1').output).toBe('node/worker-1 uncordoned\n');
    expect(host.find('nodes', 'worker-1')?.spec.unschedulable).toBeUndefined();
    expect(kubectl(host, 'kubectl uncordon worker-1').output).toBe(
      'node/worker-1 already uncordoned\n',
    );
  });

  it('reports a missing node and a missing argument', () => {
    const host = cluster();
    expect(kubectl(host, 'kubectl cordon worker-9')).toEqual({
      output: 'Error from server (NotFound): nodes "worker-9" not found\n',
      ok: false,
    });
    expect(kubectl(host, 'kubectl cordon').output).toBe(
      "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n",
    );
  });
});

describe('kubectl taint', () => {
  it('adds and removes taints', () => {
    const host = cluster();
    expect(kubectl(host, 'kubectl taint nodes worker-1 dedicated=gpu:NoSchedule')).toEqual({
      output: 'node/worker-1 tainted\n',
      ok: true,
    });
    expect(host.find('nodes', 'worker-1')?.spec.taints).toEqual([
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
    ]);
    expect(kubectl(host, 'kubectl taint nodes worker-1 dedicated=cpu:NoSchedule').output).toBe(
      'error: node worker-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n',
    );
    expect(
      kubectl(host, 'kubectl taint nodes worker-1 dedicated=cpu:NoSchedule --overwrite').output,
    ).toBe('node/worker-1 modified\n');
    expect(kubectl(host, 'kubectl taint nodes worker-1 dedicated:NoSchedule-').output).toBe(
      'node/worker-1 untainted\n',
    );
    expect(host.find('nodes', 'worker-1')?.spec.taints).toBeUndefined();
  });

  it('reports a taint that is not there, and malformed specs', () => {
    const host = cluster();
    expect(kubectl(host, 'kubectl taint nodes worker-1 dedicated:NoSchedule-')).toEqual({
      output: 'error: taint "dedicated:NoSchedule" not found\n',
      ok: false,
    });
    expect(kubectl(host, 'kubectl taint nodes worker-1 a=b:Sometimes').output).toBe(
      "error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n",
    );
    expect(kubectl(host, 'kubectl taint pods worker-1 a=b:NoSchedule').output).toBe(
      'error: invalid resource type pods, only node types are supported\n',
    );
    expect(kubectl(host, 'kubectl taint nodes worker-1').output).toBe(
      'error: at least one taint update is required\n',
    );
  });
});

describe('kubectl drain', () => {
  function withPods(): FakeHost {
    const host = cluster();
    host.put({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kube-proxy', namespace: 'kube-system' },
    });
    host.put(pod('kube-proxy-abcde', { owner: 'DaemonSet/kube-proxy', namespace: 'kube-system' }));
    host.put(pod('web-5d9c7b-x1', { owner: 'ReplicaSet/web-5d9c7b' }));
    host.put(pod('loner'));
    return host;
  }

  it('refuses DaemonSet and unmanaged pods with kubectl’s messages', () => {
    const host = withPods();
    expect(kubectl(host, 'kubectl drain worker-1')).toEqual({
      output:
        'node/worker-1 cordoned\n' +
        'error: unable to drain node "worker-1" due to error: [cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/kube-proxy-abcde, cannot delete Pods declare no controller (use --force to override): default/loner], continuing command...\n' +
        'There are pending nodes to be drained:\n worker-1\n' +
        'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/kube-proxy-abcde\n' +
        'cannot delete Pods declare no controller (use --force to override): default/loner\n',
      ok: false,
    });
    expect(host.find('pods', 'web-5d9c7b-x1')).toBeDefined();
  });

  it('evicts what it may and reports each pod', () => {
    const host = withPods();
    expect(kubectl(host, 'kubectl drain worker-1 --ignore-daemonsets --force')).toEqual({
      output:
        'node/worker-1 cordoned\n' +
        'Warning: ignoring DaemonSet-managed Pods: kube-system/kube-proxy-abcde; deleting Pods that declare no controller: default/loner\n' +
        'evicting pod default/loner\nevicting pod default/web-5d9c7b-x1\n' +
        'pod/loner evicted\npod/web-5d9c7b-x1 evicted\n' +
        'node/worker-1 drained\n',
      ok: true,
    });
    expect(host.find('pods', 'kube-proxy-abcde', 'kube-system')).toBeDefined();
    expect(host.find('pods', 'loner')).toBeUndefined();
  });

  it('waits for graceful termination, polling every second', () => {
    const host = cluster();
    host.put(pod('web-1', { owner: 'ReplicaSet/web' }));
    const success = {
      apiVersion: 'v1',
      kind: 'Status',
      metadata: {},
      status: 'Success',
      code: 201,
    };
    host.inject.push({
      match: (r) => r.subresource === 'eviction',
      result: { ok: true, object: success as unknown as KObject },
    });
    host.timers.push({ atMs: 2500, run: () => host.objects.get('pods')?.delete('default/web-1') });
    expect(kubectl(host, 'kubectl drain worker-1 --grace-period=7').output).toBe(
      'node/worker-1 cordoned\nevicting pod default/web-1\npod/web-1 evicted\nnode/worker-1 drained\n',
    );
    expect(host.nowMs()).toBe(3000);
    // The eviction: a policy/v1 Eviction naming the pod, the delete options inside.
    expect(host.calls.find((c) => c.subresource === 'eviction')).toEqual({
      verb: 'create',
      resource: 'pods',
      namespace: 'default',
      name: 'web-1',
      subresource: 'eviction',
      body: {
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name: 'web-1', namespace: 'default' },
        deleteOptions: { gracePeriodSeconds: 7 },
      },
    });
  });

  it('deletes instead with --disable-eviction, and says so', () => {
    const host = cluster();
    host.put(pod('web-1', { owner: 'ReplicaSet/web' }));
    expect(kubectl(host, 'kubectl drain worker-1 --disable-eviction').output).toBe(
      'node/worker-1 cordoned\npod/web-1 deleted\nnode/worker-1 drained\n',
    );
    expect(host.calls.some((c) => c.subresource === 'eviction')).toBe(false);
    expect(host.calls.some((c) => c.verb === 'delete' && c.name === 'web-1')).toBe(true);
  });

  it('reports an eviction the server refuses, and the pods left behind', () => {
    const host = cluster();
    host.put(pod('web-1', { owner: 'ReplicaSet/web' }));
    host.inject.push({
      match: (r) => r.subresource === 'eviction',
      result: {
        ok: false,
        status: {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'Forbidden',
          code: 403,
          message: 'pods "web-1" is forbidden: no',
        },
      },
    });
    const res = kubectl(host, 'kubectl drain worker-1');
    expect(res.ok).toBe(false);
    expect(res.output).toBe(
      'node/worker-1 cordoned\n' +
        'evicting pod default/web-1\n' +
        'There are pending pods in node "worker-1" when an error occurred: error when evicting pods/"web-1" -n "default": pods "web-1" is forbidden: no\n' +
        'pod/web-1\n' +
        'error: unable to drain node "worker-1" due to error: error when evicting pods/"web-1" -n "default": pods "web-1" is forbidden: no, continuing command...\n' +
        'There are pending nodes to be drained:\n worker-1\n' +
        'error when evicting pods/"web-1" -n "default": pods "web-1" is forbidden: no\n',
    );
  });
});

describe('kubectl rollout status', () => {
  it('prints each change until the rollout is done', () => {
    const host = createFakeHost();
    const d = host.put({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', generation: 1 },
      spec: { replicas: 2 },
      status: { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 0 },
    });
    host.timers.push({
      atMs: 1000,
      run: () => host.put({ ...d, status: { ...d.status, availableReplicas: 1 } }),
    });
    host.timers.push({
      atMs: 2000,
      run: () => host.put({ ...d, status: { ...d.status, availableReplicas: 2 } }),
    });
    expect(kubectl(host, 'kubectl rollout status deployment/web')).toEqual({
      output:
        'Waiting for deployment "web" rollout to finish: 0 of 2 updated replicas are available...\n' +
        'Waiting for deployment "web" rollout to finish: 1 of 2 updated replicas are available...\n' +
        'deployment "web" successfully rolled out\n',
      ok: true,
    });
    expect(host.nowMs()).toBe(2000);
  });

  it('stops at --timeout', () => {
    const host = createFakeHost();
    host.put({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', generation: 2 },
      spec: { replicas: 1 },
      status: { observedGeneration: 1 },
    });
    expect(kubectl(host, 'kubectl rollout status deploy web --timeout=1s')).toEqual({
      output:
        'Waiting for deployment spec update to be observed...\nerror: timed out waiting for the condition\n',
      ok: false,
    });
  });

  it('has no status viewer for pods', () => {
    const host = createFakeHost();
    host.put(pod('p'));
    expect(kubectl(host, 'kubectl rollout status pod/p').output).toBe(
      'error: no status viewer has been implemented for Pod\n',
    );
  });
});
