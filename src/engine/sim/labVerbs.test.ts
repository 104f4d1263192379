/**
 * The impersonation filter in front of kubectl's requests (k8s.io/apiserver
 * pkg/endpoints/filters/impersonation.go): who may impersonate, and the user the request then
 * runs as. The refusal reads as responsewriters.Forbidden writes it.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN, type UserInfo } from '../api/types';
import { createSimulation } from './bootstrap';
import { impersonate, kubectlCall } from './labVerbs';

const JANE: UserInfo = { username: 'jane', groups: ['system:authenticated'] };

describe('impersonate', () => {
  it('lets kubernetes-admin (kubeadm:cluster-admins) act as a kubelet', () => {
    expect(impersonate(ADMIN, { user: 'system:node:worker-1', groups: ['system:nodes'] })).toEqual({
      user: { username: 'system:node:worker-1', groups: ['system:nodes', 'system:authenticated'] },
    });
  });

  it('adds system:authenticated unless given, and the fixed service account groups', () => {
    expect(impersonate(ADMIN, { user: 'jane', groups: [] })).toEqual({
      user: { username: 'jane', groups: ['system:authenticated'] },
    });
    expect(impersonate(ADMIN, { user: 'jane', groups: ['system:authenticated', 'devs'] })).toEqual({
      user: { username: 'jane', groups: ['system:authenticated', 'devs'] },
    });
    expect(
      impersonate(ADMIN, { user: 'system:serviceaccount:kube-system:kube-proxy', groups: [] }),
    ).toEqual({
      user: {
        username: 'system:serviceaccount:kube-system:kube-proxy',
        groups: [
          'system:serviceaccounts',
          'system:serviceaccounts:kube-system',
          'system:authenticated',
        ],
      },
    });
    expect(impersonate(ADMIN, { user: 'system:anonymous', groups: [] })).toEqual({
      user: { username: 'system:anonymous', groups: ['system:unauthenticated'] },
    });
  });

  it('refuses a caller without the impersonate permission, naming the first subject', () => {
    const denied = (as: Parameters<typeof impersonate>[1]) => {
      const r = impersonate(JANE, as);
      return 'denied' in r ? r.denied.message : undefined;
    };
    expect(denied({ user: 'system:node:worker-1', groups: ['system:nodes'] })).toBe(
      'users "system:node:worker-1" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
    expect(denied({ user: 'system:serviceaccount:kube-system:default', groups: [] })).toBe(
      'serviceaccounts "default" is forbidden: User "jane" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "kube-system"',
    );
  });
});

describe('kubectlCall', () => {
  it('runs the request as the impersonated user', () => {
    const sim = createSimulation();
    const req = { verb: 'get', resource: 'nodes', name: 'worker-1' } as const;
    expect(kubectlCall(sim, req).ok).toBe(true);
    const res = kubectlCall(sim, req, { user: 'jane', groups: [] });
    expect(res.ok ? '' : res.status?.message).toBe(
      'nodes "worker-1" is forbidden: User "jane" cannot get resource "nodes" in API group "" at the cluster scope',
    );
  });
});

describe('request and crash on a kubeadm cluster', () => {
  const booted = () => {
    const sim = createSimulation({ workers: 1, seed: 1 });
    sim.advanceBy(30_000);
    return sim;
  };

  it('the kubernetes Service reaches kube-apiserver, not another static pod on its node', () => {
    // The static pods share the control plane's IP (hostNetwork): the endpoint's port decides.
    const sim = booted();
    const lines = sim.request('kubernetes', 3);
    expect(lines).toEqual(
      Array(3).fill('served by kube-apiserver-control-plane on control-plane: 403 Forbidden'),
    );
    // The trace names the pod too: the kitchen cannot tell host-network pods apart by IP.
    const traffic = sim.traceEntries().filter((e) => e.kind === 'traffic');
    expect(traffic.at(-1)?.summary).toMatch(
      /^10\.96\.0\.1:443 → \S+:6443 \(kube-system\/kube-apiserver-control-plane\) via /,
    );
  });

  it('names the namespace when a name is only found elsewhere', () => {
    const sim = booted();
    expect(sim.crash('kube-apiserver-control-plane')).toEqual([
      'error: pod "kube-apiserver-control-plane" not found in namespace "default"; it is in "kube-system": crash kube-system/kube-apiserver-control-plane',
    ]);
    expect(sim.request('kube-dns', 1)).toEqual([
      'error: service "kube-dns" not found in namespace "default"; it is in "kube-system": request kube-system/kube-dns',
    ]);
    expect(sim.crash('nope')).toEqual(['error: pod "nope" not found']);
    expect(sim.crash('kube-system/kube-apiserver-control-plane')).toEqual([
      'container kube-apiserver in pod kube-system/kube-apiserver-control-plane exited with code 1',
    ]);
  });
});
