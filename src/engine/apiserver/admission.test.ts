import { describe, expect, it } from 'vitest';
import { resourceInfo } from '../api/resources';
import { ADMIN, type KObject, nodeUser, type UserInfo } from '../api/types';
import { seedRng } from '../sim/rng';
import { type AdmissionContext, runMutatingAdmission, runValidatingAdmission } from './admission';
import { applyDefaults } from './defaults';

function ctx(
  partial: Partial<AdmissionContext> & { resource?: AdmissionContext['resource'] },
): AdmissionContext {
  return {
    operation: 'CREATE',
    resource: resourceInfo('pods'),
    user: ADMIN,
    rng: seedRng(1),
    namespaceExists: () => true,
    ...partial,
  };
}

const nginx = (): KObject =>
  applyDefaults({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'nginx', namespace: 'default' },
    spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
  });

function admitted(c: AdmissionContext): KObject {
  const result = runMutatingAdmission(c);
  if (result.error) throw new Error(result.error.message);
  return result.obj as KObject;
}

function refusal(
  c: AdmissionContext,
  phase: 'mutating' | 'validating' = 'mutating',
): string | undefined {
  const result = phase === 'mutating' ? runMutatingAdmission(c) : runValidatingAdmission(c);
  return result.error?.message;
}

describe('a plain nginx pod after defaulting and admission', () => {
  it('has every field a stored pod shows (k8s-facts §1.1)', () => {
    const pod = admitted(ctx({ obj: nginx() }));
    const volume = pod.spec.volumes[0].name;
    expect(volume).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.spec).toEqual({
      containers: [
        {
          name: 'nginx',
          image: 'nginx',
          imagePullPolicy: 'Always',
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: [
            {
              name: volume,
              readOnly: true,
              mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
            },
          ],
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: [
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
      ],
      volumes: [
        {
          name: volume,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              {
                configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] },
              },
              {
                downwardAPI: {
                  items: [
                    {
                      path: 'namespace',
                      fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' },
                    },
                  ],
                },
              },
            ],
          },
        },
      ],
    });
  });

  it('draws the volume suffix from the seeded source, so the same seed names it the same', () => {
    const a = admitted(ctx({ obj: nginx(), rng: seedRng(7) })).spec.volumes[0].name;
    const b = admitted(ctx({ obj: nginx(), rng: seedRng(7) })).spec.volumes[0].name;
    const c = admitted(ctx({ obj: nginx(), rng: seedRng(8) })).spec.volumes[0].name;
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('does not change the object it was given', () => {
    const obj = nginx();
    const before = JSON.stringify(obj);
    admitted(ctx({ obj }));
    expect(JSON.stringify(obj)).toBe(before);
  });
});

describe('NamespaceLifecycle', () => {
  it('refuses objects in a namespace that does not exist', () => {
    const pod = nginx();
    pod.metadata.namespace = 'nope';
    expect(
      runMutatingAdmission(ctx({ obj: pod, namespaceExists: (ns) => ns === 'default' })).error,
    ).toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: 'namespaces "nope" not found',
    });
  });

  it('refuses new content in a terminating namespace', () => {
    expect(refusal(ctx({ obj: nginx(), namespaceTerminating: () => true }))).toBe(
      'pods "nginx" is forbidden: unable to create new content in namespace default because it is being terminated',
    );
  });

  it('refuses to delete the system namespaces', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } };
    expect(
      refusal(
        ctx({ operation: 'DELETE', resource: resourceInfo('namespaces'), old: ns }),
        'validating',
      ),
    ).toBe('namespaces "kube-system" is forbidden: this namespace may not be deleted');
  });
});

describe('ServiceAccount', () => {
  it('refuses a pod whose service account does not exist', () => {
    expect(refusal(ctx({ obj: nginx(), serviceAccountExists: () => false }))).toBe(
      'pods "nginx" is forbidden: error looking up service account default/default: serviceaccount "default" not found',
    );
  });

  it('names a generateName pod by its prefix, since names are generated after admission', () => {
    const pod = nginx();
    pod.metadata.name = undefined;
    pod.metadata.generateName = 'web-7d9c-';
    expect(refusal(ctx({ obj: pod, serviceAccountExists: () => false }))).toBe(
      'pods "web-7d9c-" is forbidden: error looking up service account default/default: serviceaccount "default" not found',
    );
  });

  it('gives a pod without imagePullSecrets its ServiceAccount’s, and keeps a pod’s own', () => {
    const fromAccount = () => [{ name: 'regcred' }];
    const plain = admitted(ctx({ obj: nginx(), serviceAccountPullSecrets: fromAccount }));
    expect(plain.spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    const own = nginx();
    own.spec.imagePullSecrets = [{ name: 'mine' }];
    const kept = admitted(ctx({ obj: own, serviceAccountPullSecrets: fromAccount }));
    expect(kept.spec.imagePullSecrets).toEqual([{ name: 'mine' }]);
    expect(admitted(ctx({ obj: nginx() })).spec.imagePullSecrets).toBeUndefined();
  });

  it('leaves a pod without automounting alone', () => {
    const pod = nginx();
    pod.spec.automountServiceAccountToken = false;
    const out = admitted(ctx({ obj: pod }));
    expect(out.spec.volumes).toBeUndefined();
    expect(out.spec.serviceAccountName).toBe('default');
  });
});

describe('Priority', () => {
  it('gives system-node-critical pods their priority', () => {
    const pod = nginx();
    pod.spec.priorityClassName = 'system-node-critical';
    expect(admitted(ctx({ obj: pod })).spec.priority).toBe(2000001000);
  });

  it('refuses an unknown priority class and a hand-written priority', () => {
    const unknown = nginx();
    unknown.spec.priorityClassName = 'gold';
    expect(refusal(ctx({ obj: unknown }))).toBe(
      'pods "nginx" is forbidden: no PriorityClass with name gold was found',
    );
    const written = nginx();
    written.spec.priority = 5;
    expect(refusal(ctx({ obj: written }))).toBe(
      'pods "nginx" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    );
  });
});

describe('DefaultTolerationSeconds', () => {
  it('adds nothing the second time', () => {
    const once = admitted(ctx({ obj: nginx() }));
    const twice = admitted(ctx({ operation: 'UPDATE', obj: once, old: once }));
    expect(twice.spec.tolerations).toEqual(once.spec.tolerations);
    expect(twice.spec.tolerations).toHaveLength(2);
  });

  it('leaves a pod that already tolerates not-ready its own toleration', () => {
    const pod = nginx();
    pod.spec.tolerations = [
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 30,
      },
    ];
    expect(admitted(ctx({ obj: pod })).spec.tolerations).toEqual([
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 30,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ]);
  });

  it('treats a toleration with no key as tolerating both', () => {
    const pod = nginx();
    pod.spec.tolerations = [{ operator: 'Exists' }];
    expect(admitted(ctx({ obj: pod })).spec.tolerations).toEqual([{ operator: 'Exists' }]);
  });
});

describe('TaintNodesByCondition', () => {
  it('registers a new node with the not-ready NoSchedule taint', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1' } };
    const out = admitted(
      ctx({ resource: resourceInfo('nodes'), obj: node, user: nodeUser('worker-1') }),
    );
    expect(out.spec.taints).toEqual([
      { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
    ]);
  });
});

describe('NodeRestriction', () => {
  const worker1: UserInfo = nodeUser('worker-1');
  const node = (name: string, extra: object = {}) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    ...extra,
  });

  it('lets a node modify only its own Node', () => {
    expect(
      refusal(
        ctx({
          operation: 'UPDATE',
          resource: resourceInfo('nodes'),
          user: worker1,
          obj: node('worker-2'),
          old: node('worker-2'),
        }),
      ),
    ).toBe(
      'nodes "worker-2" is forbidden: node "worker-1" is not allowed to modify node "worker-2"',
    );
    expect(
      refusal(
        ctx({
          operation: 'UPDATE',
          resource: resourceInfo('nodes'),
          user: worker1,
          obj: node('worker-1'),
          old: node('worker-1'),
        }),
      ),
    ).toBeUndefined();
  });

  it('forbids a node to change its own taints', () => {
    const old = node('worker-1', {
      spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] },
    });
    expect(
      refusal(
        ctx({
          operation: 'UPDATE',
          resource: resourceInfo('nodes'),
          user: worker1,
          obj: node('worker-1', { spec: {} }),
          old,
        }),
      ),
    ).toBe('nodes "worker-1" is forbidden: node "worker-1" is not allowed to modify taints');
  });

  it('forbids a node to give itself a role label', () => {
    const labelled = node('worker-1', {
      metadata: { name: 'worker-1', labels: { 'node-role.kubernetes.io/control-plane': '' } },
    });
    expect(refusal(ctx({ resource: resourceInfo('nodes'), user: worker1, obj: labelled }))).toBe(
      'nodes "worker-1" is forbidden: node "worker-1" is not allowed to set the following labels: node-role.kubernetes.io/control-plane',
    );
  });

  const mirror = (nodeName: string, extra: object = {}): KObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `etcd-${nodeName}`,
      namespace: 'kube-system',
      annotations: { 'kubernetes.io/config.mirror': 'hash' },
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Node',
          name: nodeName,
          uid: `uid-${nodeName}`,
          controller: true,
        },
      ],
    },
    spec: {
      nodeName,
      containers: [{ name: 'etcd', image: 'registry.k8s.io/etcd:3.5.21-0' }],
      ...extra,
    },
  });

  it('lets a node create only mirror pods bound to itself', () => {
    const plain = mirror('worker-1');
    plain.metadata.annotations = {};
    expect(refusal(ctx({ user: worker1, obj: plain, nodeUid: (n) => `uid-${n}` }))).toBe(
      'pods "etcd-worker-1" is forbidden: pod does not have "kubernetes.io/config.mirror" annotation, node "worker-1" can only create mirror pods',
    );
    expect(
      refusal(ctx({ user: worker1, obj: mirror('worker-2'), nodeUid: (n) => `uid-${n}` })),
    ).toBe(
      'pods "etcd-worker-2" is forbidden: node "worker-1" can only create pods with spec.nodeName set to itself',
    );
    expect(
      refusal(ctx({ user: worker1, obj: mirror('worker-1'), nodeUid: (n) => `uid-${n}` })),
    ).toBeUndefined();
  });

  it('refuses a mirror pod that references a service account, as the ServiceAccount plugin does first', () => {
    const pod = mirror('worker-1', { serviceAccountName: 'default' });
    expect(refusal(ctx({ user: worker1, obj: pod }))).toBe(
      'pods "etcd-worker-1" is forbidden: a mirror pod may not reference service accounts',
    );
  });

  it('lets a node update status only of pods bound to itself', () => {
    const pod = nginx();
    pod.spec.nodeName = 'worker-2';
    expect(
      refusal(
        ctx({ operation: 'UPDATE', subresource: 'status', user: worker1, obj: pod, old: pod }),
      ),
    ).toBe(
      'pods "nginx" is forbidden: node "worker-1" can only update pod status for pods with spec.nodeName set to itself',
    );
  });

  it('lets a node delete only pods bound to itself', () => {
    const pod = nginx();
    pod.spec.nodeName = 'worker-2';
    expect(refusal(ctx({ operation: 'DELETE', user: worker1, old: pod }), 'validating')).toBe(
      'pods "nginx" is forbidden: node "worker-1" can only delete pods with spec.nodeName set to itself',
    );
  });

  it('lets a node write only its own Lease', () => {
    const lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'worker-2', namespace: 'kube-node-lease' },
    };
    expect(refusal(ctx({ resource: resourceInfo('leases'), user: worker1, obj: lease }))).toBe(
      'leases.coordination.k8s.io "worker-2" is forbidden: can only access node lease with the same name as the requesting node',
    );
  });
});
