/**
 * `--as`, `--as-group`, `--as-uid` (cli-runtime ConfigFlags): kubectl sends them as
 * impersonation headers on every request; clientcmd refuses groups or a uid without a user.
 * End to end, the simulated API server runs the request as that user, so the Node authorizer and
 * NodeRestriction answer a kubelet identity.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../sim/bootstrap';
import { createTestPod } from '../testing/pods';
import { createFakeHost } from './testing/fakeHost';
import { kubectl } from './testing/kubectlLine';

const NODE1 = 'kubectl --as=system:node:worker-1 --as-group=system:nodes';

describe('kubectl impersonation flags', () => {
  it('sends the user and every group, in order, on each request', () => {
    const host = createFakeHost();
    kubectl(
      host,
      'kubectl --as system:node:worker-1 --as-group=system:nodes --as-group x get pods',
    );
    expect(host.impersonations).toEqual([
      { user: 'system:node:worker-1', groups: ['system:nodes', 'x'] },
    ]);
    kubectl(host, 'kubectl get pods --as=jane --as-uid=42');
    expect(host.impersonations[1]).toEqual({ user: 'jane', groups: [], uid: '42' });
    kubectl(host, 'kubectl get pods');
    expect(host.impersonations[2]).toBeUndefined();
  });

  it('refuses groups or a uid without a user, before any request', () => {
    const host = createFakeHost();
    const refused = {
      output:
        'error: requesting uid, groups or user-extra for kubernetes-admin without impersonating a user\n',
      ok: false,
    };
    expect(kubectl(host, 'kubectl --as-group=system:nodes get nodes')).toEqual(refused);
    expect(kubectl(host, 'kubectl get nodes --as-uid=42')).toEqual(refused);
    expect(kubectl(host, "kubectl get nodes --as='' --as-group=x")).toEqual(refused);
    expect(host.calls).toEqual([]);
  });
});

describe('impersonating a kubelet on the simulated cluster', () => {
  it('answers with the Node authorizer, NodeRestriction and RBAC', () => {
    const sim = createSimulation();
    const run = (line: string) => kubectl(sim, line).output;
    expect(run(`${NODE1} label node worker-2 team=blue`)).toBe(
      // v1.34's Node authorizer (AuthorizeNodeWithSelectors) refuses the read kubectl label makes first.
      'Error from server (Forbidden): nodes "worker-2" is forbidden: User "system:node:worker-1" cannot get resource "nodes" in API group "" at the cluster scope: node \'worker-1\' cannot read \'worker-2\', only its own Node object\n',
    );
    expect(run(`${NODE1} label node worker-1 team=blue`)).toBe('node/worker-1 labeled\n');
    expect(run(`${NODE1} label node worker-1 node-restriction.kubernetes.io/pool=gpu`)).toBe(
      'Error from server (Forbidden): nodes "worker-1" is forbidden: is not allowed to modify labels: node-restriction.kubernetes.io/pool\n',
    );
    // Without the system:nodes group the name alone is nobody in particular.
    expect(run('kubectl --as=system:node:worker-1 label node worker-1 team=red --overwrite')).toBe(
      'Error from server (Forbidden): nodes "worker-1" is forbidden: User "system:node:worker-1" cannot get resource "nodes" in API group "" at the cluster scope\n',
    );
    expect(run('kubectl --as=jane get pods')).toBe(
      'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"\n',
    );
    // kubernetes-admin itself is unchanged.
    expect(run('kubectl label node worker-2 team=blue')).toBe('node/worker-2 labeled\n');
  });

  it('lets a kubelet delete only pods bound to its own node', () => {
    const sim = createSimulation();
    for (const node of ['worker-1', 'worker-2'])
      createTestPod(sim, { name: `on-${node}` }, { nodeName: node, image: 'nginx' });
    sim.advanceBy(10_000);
    expect(kubectl(sim, `${NODE1} delete pod on-worker-2`).output).toBe(
      'Error from server (Forbidden): pods "on-worker-2" is forbidden: node "worker-1" can only delete pods with spec.nodeName set to itself\n',
    );
    expect(kubectl(sim, `${NODE1} delete pod on-worker-1 --wait=false`).output).toBe(
      'pod "on-worker-1" deleted from default namespace\n',
    );
  });
});
