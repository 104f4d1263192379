import { describe, expect, it } from 'vitest';
import { runLabLine } from '../lab';
import { COREDNS_IMAGE, DNS_IP } from './addons';
import { createSimulation } from './bootstrap';
import type { Simulation } from './simulation';

const run = (sim: Simulation, line: string) => runLabLine(line, { host: sim }).output;

const podsWith = (sim: Simulation, label: string, value: string) =>
  Object.values(sim.store('pods')).filter((p) => p.metadata.labels?.[label] === value);

describe('the cluster kubeadm leaves', () => {
  it('has CoreDNS on the control-plane node, where it was scheduled before any worker joined', () => {
    for (const workers of [0, 2, 5]) {
      const sim = createSimulation({ workers, seed: workers + 1 });
      const dns = podsWith(sim, 'k8s-app', 'kube-dns');
      expect(dns).toHaveLength(2);
      for (const pod of dns) {
        expect(pod.spec.nodeName).toBe('control-plane');
        expect(pod.spec.containers[0].image).toBe(COREDNS_IMAGE);
        expect(pod.spec.containers[0].args).toEqual(['-conf', '/etc/coredns/Corefile']);
        expect(pod.status.conditions.find((c: { type: string }) => c.type === 'Ready').status).toBe(
          'True',
        );
      }
      const svc = sim.store('services')['kube-system/kube-dns'];
      expect(svc.spec.clusterIP).toBe(DNS_IP);
      expect(podsWith(sim, 'k8s-app', 'kube-proxy')).toHaveLength(workers + 1);
    }
  });

  it('publishes kube-root-ca.crt in every namespace, and puts it back when deleted or edited', () => {
    const sim = createSimulation({ workers: 1, seed: 1 });
    run(sim, 'kubectl create namespace shop');
    run(sim, 'wait 1s');
    const cms = sim.store('configmaps');
    for (const ns of Object.keys(sim.store('namespaces')))
      expect(cms[`${ns}/kube-root-ca.crt`]?.data['ca.crt']).toMatch(
        /^-----BEGIN CERTIFICATE-----\n/,
      );
    const uid = cms['shop/kube-root-ca.crt'].metadata.uid;
    run(sim, 'kubectl delete configmap kube-root-ca.crt -n shop');
    run(sim, 'wait 1s');
    expect(sim.store('configmaps')['shop/kube-root-ca.crt'].metadata.uid).not.toBe(uid);
    run(sim, 'kubectl label configmap kube-root-ca.crt -n shop team=blue');
    run(sim, 'wait 1s');
    expect(sim.store('configmaps')['shop/kube-root-ca.crt'].metadata.labels?.team).toBe('blue');
    run(sim, 'kubectl delete serviceaccount default -n shop');
    run(sim, 'wait 1s');
    expect(sim.store('serviceaccounts')['shop/default']).toBeDefined();
  });
});

describe('join node', () => {
  it('boots a worker whose kubelet registers; it gets a pod CIDR, kube-proxy and pods', () => {
    const sim = createSimulation({ workers: 2, seed: 3 });
    expect(run(sim, 'join node worker-3')).toContain('node worker-3 booted');
    run(sim, 'wait 10s');
    const node = sim.store('nodes')['worker-3'];
    expect(node.spec.podCIDR).toBe('10.244.3.0/24');
    expect(node.spec.taints ?? []).toEqual([]);
    const proxy = podsWith(sim, 'k8s-app', 'kube-proxy').filter(
      (p) => p.spec.nodeName === 'worker-3',
    );
    expect(proxy.map((p) => p.status.phase)).toEqual(['Running']);
    expect(sim.state.nodes['worker-3'].proxy.rules).not.toBeNull();
    run(sim, 'kubectl create deployment web --image=nginx:1.14.2 --replicas=6');
    run(sim, 'wait 20s');
    const onNew = Object.values(sim.store('pods')).filter(
      (p) => p.metadata.namespace === 'default' && p.spec.nodeName === 'worker-3',
    );
    expect(onNew.length).toBeGreaterThan(0);
    for (const pod of onNew) expect(pod.status.podIP).toMatch(/^10\.244\.3\./);
  });

  it('is refused as kubeadm refuses it, and changes nothing then', () => {
    const sim = createSimulation({ workers: 1, seed: 3 });
    const before = sim.nodeNames();
    expect(run(sim, 'join node worker-1')).toContain(
      'error execution phase kubelet-start: a Node with name "worker-1" and status "Ready" already exists in the cluster.',
    );
    expect(run(sim, 'join node Worker_2')).toContain(
      'error: join node: nodeRegistration.name: Invalid value: "Worker_2": a lowercase RFC 1123 subdomain',
    );
    expect(run(sim, 'join node')).toBe('error: usage: join node NAME\n');
    run(sim, 'break apiserver');
    expect(run(sim, 'join node worker-2')).toContain(
      "error execution phase preflight: couldn't validate the identity of the API Server",
    );
    run(sim, 'repair apiserver');
    run(sim, 'break node worker-1');
    run(sim, 'wait 60s');
    expect(run(sim, 'join node worker-1')).toContain('error: join node: the machine worker-1');
    expect(sim.nodeNames()).toEqual(before);
  });

  it('survives a snapshot and restore taken after the join', () => {
    const sim = createSimulation({ workers: 1, seed: 8 });
    run(sim, 'join node worker-2');
    run(sim, 'wait 5s');
    const snapshot = sim.snapshot();
    const rest = ['kubectl create deployment web --image=nginx --replicas=4', 'wait 20s'];
    const expected = rest.map((l) => run(sim, l)).join('');
    const restored = createSimulation({ workers: 0, bootMs: 0 });
    restored.restore(snapshot);
    expect(rest.map((l) => run(restored, l)).join('')).toBe(expected);
    expect(restored.snapshot()).toBe(sim.snapshot());
  });
});
