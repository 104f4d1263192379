/**
 * PATCH through the API server: each patch type on a stored object, the status subresource, the
 * update path behind it (resourceVersion precondition, defaulting, validation, no-op, watch), and
 * the refusals with the PATCH handler's own Status (k8s.io/apiserver handlers/patch.go).
 */
import { describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResult, KObject } from '../api/types';
import { createSimulation } from '../sim/bootstrap';

const deployment = (name: string): KObject =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            { name: 'web', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] },
            { name: 'log', image: 'busybox:1.36', env: [{ name: 'A', value: '1' }] },
          ],
        },
      },
    },
  }) as KObject;

const statusOf = (res: ApiResult) => (res.ok ? undefined : res.status);

function setup() {
  const sim = createSimulation({ workers: 1, seed: 5 });
  sim.advanceBy(15_000);
  const call = (req: Partial<ApiRequest>) =>
    sim.call({ resource: 'deployments', namespace: 'default', ...req } as ApiRequest);
  expect(call({ verb: 'create', body: deployment('web') }).ok).toBe(true);
  const patch = (patchType: ApiRequest['patchType'], patchBody: unknown, extra = {}) =>
    call({ verb: 'patch', name: 'web', patchType, patchBody, ...extra });
  const stored = () => sim.store('deployments')['default/web'];
  return { sim, call, patch, stored };
}

describe('PATCH', () => {
  it('a strategic merge patch merges containers by name and keeps the rest', () => {
    const { patch, stored } = setup();
    const before = stored();
    const res = patch('strategic', {
      spec: { template: { spec: { containers: [{ name: 'log', image: 'busybox:1.37' }] } } },
    });
    expect(res.ok).toBe(true);
    const containers = stored().spec.template.spec.containers;
    expect(containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`)).toEqual([
      'web=nginx:1.14.2',
      'log=busybox:1.37',
    ]);
    expect(containers[1].env).toEqual([{ name: 'A', value: '1' }]);
    expect(stored().metadata.generation).toBe((before.metadata.generation ?? 0) + 1);
    expect(Number(stored().metadata.resourceVersion)).toBeGreaterThan(
      Number(before.metadata.resourceVersion),
    );
  });

  it('$setElementOrder, $patch: delete and $deleteFromPrimitiveList as kubectl sends them', () => {
    const { patch, stored } = setup();
    expect(
      patch('strategic', {
        metadata: { finalizers: ['example.com/a', 'example.com/b'] },
      }).ok,
    ).toBe(true);
    const res = patch('strategic', {
      metadata: { '$deleteFromPrimitiveList/finalizers': ['example.com/a'] },
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'log' }, { name: 'side' }],
            containers: [
              { name: 'side', image: 'busybox:1.36' },
              { name: 'web', $patch: 'delete' },
            ],
          },
        },
      },
    });
    expect(statusOf(res)).toBeUndefined();
    expect(stored().metadata.finalizers).toEqual(['example.com/b']);
    expect(stored().spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual([
      'log',
      'side',
    ]);
    // Defaulting ran on the new container.
    expect(stored().spec.template.spec.containers[1].imagePullPolicy).toBe('IfNotPresent');
  });

  it('$retainKeys (strategy is retainKeys): switching to Recreate drops rollingUpdate', () => {
    const { patch, stored } = setup();
    expect(stored().spec.strategy.rollingUpdate).toBeDefined();
    const res = patch('strategic', {
      spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } },
    });
    expect(statusOf(res)).toBeUndefined();
    expect(stored().spec.strategy).toEqual({ type: 'Recreate' });
    // A key the patch sets must be listed.
    expect(
      statusOf(patch('strategic', { spec: { strategy: { $retainKeys: [], type: 'Recreate' } } })),
    ).toMatchObject({ code: 400, message: 'invalid patch format of retainKeys' });
  });

  it('a merge patch replaces lists whole and deletes with null', () => {
    const { patch, stored } = setup();
    const res = patch('merge', {
      metadata: { labels: { app: null, tier: 'front' } },
      spec: { template: { spec: { containers: [{ name: 'only', image: 'nginx:1.25' }] } } },
    });
    expect(statusOf(res)).toBeUndefined();
    expect(stored().metadata.labels).toEqual({ tier: 'front' });
    expect(stored().spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual([
      'only',
    ]);
  });

  it('a JSON patch applies its operations in order; test guards', () => {
    const { patch, stored } = setup();
    const res = patch('json', [
      { op: 'test', path: '/spec/replicas', value: 1 },
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'add', path: '/metadata/labels/tier', value: 'front' },
      { op: 'remove', path: '/spec/template/spec/containers/1' },
    ]);
    expect(statusOf(res)).toBeUndefined();
    expect(stored().spec.replicas).toBe(3);
    expect(stored().metadata.labels?.tier).toBe('front');
    expect(stored().spec.template.spec.containers).toHaveLength(1);
  });

  it('a failing JSON patch operation is a bare 422 and changes nothing', () => {
    const { sim, patch } = setup();
    const revision = sim.state.etcd.revision;
    for (const ops of [
      [{ op: 'test', path: '/spec/replicas', value: 7 }],
      [{ op: 'add', path: '/spec/nothing/here', value: 1 }],
      [{ op: 'remove', path: '/metadata/labels/none' }],
      [{ op: 'frobnicate', path: '/spec' }],
    ]) {
      expect(statusOf(patch('json', ops))).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: 'the server rejected our request due to an error in our request',
        reason: 'Invalid',
        details: {},
        code: 422,
      });
    }
    expect(sim.state.etcd.revision).toBe(revision);
  });

  it('a JSON patch that is not a list of operations is a 400', () => {
    const { patch } = setup();
    expect(statusOf(patch('json', { op: 'add' }))?.message).toBe(
      'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp',
    );
    expect(statusOf(patch('json', { op: 'add' }, { fieldValidation: 'Ignore' }))?.message).toBe(
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  });

  it('unknown fields: Strict refuses around the patch, Warn warns, the object goes without them', () => {
    const { patch, stored } = setup();
    const smp = { spec: { replicas: 2, replicaz: 3 } };
    const strict = statusOf(patch('strategic', smp, { fieldValidation: 'Strict' }));
    expect(strict?.code).toBe(422);
    expect(strict?.message).toBe(
      ' "" is invalid: patch: Invalid value: "map[spec:map[replicas:2 replicaz:3]]": strict decoding error: unknown field "spec.replicaz"',
    );
    const warned = patch('strategic', smp);
    expect(warned.ok).toBe(true);
    expect(warned.warnings).toEqual(['unknown field "spec.replicaz"']);
    expect(stored().spec.replicas).toBe(2);
    expect(stored().spec).not.toHaveProperty('replicaz');
    const json = patch('json', [{ op: 'add', path: '/spec/paused', value: true, extra: 1 }], {
      fieldValidation: 'Warn',
    });
    expect(json.warnings).toEqual(['json patch unknown field "[0].extra"']);
  });

  it('the patched resourceVersion is a precondition', () => {
    const { patch, stored } = setup();
    const rv = stored().metadata.resourceVersion;
    expect(
      statusOf(patch('merge', { metadata: { resourceVersion: '1' }, spec: { replicas: 2 } }))
        ?.reason,
    ).toBe('Conflict');
    expect(patch('merge', { metadata: { resourceVersion: rv }, spec: { replicas: 2 } }).ok).toBe(
      true,
    );
  });

  it('watchers see the patched object as MODIFIED; a no-op patch sends nothing', () => {
    const { sim, call, patch } = setup();
    const opened = call({ verb: 'watch' });
    const id = opened.ok && 'watch' in opened ? (opened.watch as string) : '';
    const first = patch('merge', { spec: { replicas: 2 } });
    const again = patch('merge', { spec: { replicas: 2 } });
    const rv = first.ok ? first.object?.metadata.resourceVersion : undefined;
    expect(again.ok && again.object?.metadata.resourceVersion).toBe(rv);
    sim.advanceBy(1_000);
    const events = (sim.watchEvents(id)?.events ?? []).filter(
      (e) => e.object.metadata.resourceVersion === rv,
    );
    expect(events.map((e) => `${e.type} ${e.object.spec.replicas}`)).toEqual(['MODIFIED 2']);
    sim.stopWatches();
  });

  it('a patch that changes nothing writes nothing', () => {
    const { sim, patch, stored } = setup();
    const before = stored();
    const revision = sim.state.etcd.revision;
    const res = patch('strategic', { spec: { replicas: 1 } });
    expect(res.ok).toBe(true);
    expect(sim.state.etcd.revision).toBe(revision);
    expect(stored()).toBe(before);
  });

  it('name, namespace, kind: the handler refuses what the URL does not match', () => {
    const { patch } = setup();
    expect(statusOf(patch('merge', { metadata: { name: 'other' } }))).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'the name of the object (other) does not match the name on the URL (web)',
    });
    expect(statusOf(patch('merge', { metadata: { namespace: 'kube-system' } }))?.message).toBe(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
    const kind = statusOf(patch('merge', { kind: 'ReplicaSet' }));
    expect(kind?.code).toBe(422);
    expect(kind?.message).toMatch(
      /^ "" is invalid: patch: Invalid value: "\{.*\}": converting \(v1\.ReplicaSet\) to \(apps\.Deployment\): unknown conversion$/,
    );
    // A strategic patch cannot reach TypeMeta: the kind it sets is dropped.
    expect(patch('strategic', { kind: 'ReplicaSet', spec: { replicas: 4 } }).ok).toBe(true);
  });

  it('validation runs on the patched object', () => {
    const { patch } = setup();
    const res = patch('merge', { spec: { replicas: -1 } });
    expect(statusOf(res)?.code).toBe(422);
    expect(statusOf(res)?.message).toContain('spec.replicas: Invalid value: -1');
  });

  it('a missing object is 404; apply of the scale is refused as unsupported; strategic errors keep their status', () => {
    const { call, patch } = setup();
    expect(
      statusOf(call({ verb: 'patch', name: 'nope', patchType: 'merge', patchBody: {} })),
    ).toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: 'deployments.apps "nope" not found',
    });
    const apply = statusOf(
      patch(
        'apply',
        { apiVersion: 'autoscaling/v1', kind: 'Scale' },
        { subresource: 'scale', fieldManager: 'x' },
      ),
    );
    expect(apply?.code).toBe(415);
    expect(apply?.reason).toBe('UnsupportedMediaType');
    expect(
      statusOf(
        patch('strategic', {
          spec: { template: { spec: { '$setElementOrder/containers': 'x' } } },
        }),
      ),
    ).toMatchObject({
      code: 500,
      reason: '',
      message: 'expected a []interface {}, but received a string',
    });
    expect(
      statusOf(patch('strategic', { metadata: { $deleteFromPrimitiveList: ['a'] } })),
    ).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'invalid patch format of primitive list',
    });
    expect(statusOf(patch('strategic', [1]))?.message).toBe(
      'json: cannot unmarshal array into Go value of type map[string]interface {}',
    );
    expect(statusOf(patch('merge', null))?.message).toBe('Invalid JSON Patch');
  });

  it('patches the status subresource: only the status changes', () => {
    const { sim, call } = setup();
    sim.advanceBy(5_000);
    const res = call({
      verb: 'patch',
      name: 'web',
      subresource: 'status',
      patchType: 'merge',
      patchBody: { status: { observedGeneration: 42 }, spec: { replicas: 9 } },
    });
    expect(statusOf(res)).toBeUndefined();
    const stored = sim.store('deployments')['default/web'];
    expect(stored.status.observedGeneration).toBe(42);
    expect(stored.spec.replicas).toBe(1);
  });

  it('dry run answers the patched object and stores nothing', () => {
    const { sim, patch, stored } = setup();
    const revision = sim.state.etcd.revision;
    const res = patch('merge', { spec: { replicas: 5 } }, { dryRun: true });
    expect(res.ok && res.object?.spec.replicas).toBe(5);
    expect(stored().spec.replicas).toBe(1);
    expect(sim.state.etcd.revision).toBe(revision);
  });

  it('a node cordoned by a strategic patch, as kubectl cordon sends it', () => {
    const { sim } = setup();
    const node = Object.keys(sim.store('nodes'))[0];
    const res = sim.call({
      verb: 'patch',
      resource: 'nodes',
      name: node,
      patchType: 'strategic',
      patchBody: { spec: { unschedulable: true } },
    });
    expect(statusOf(res)).toBeUndefined();
    expect(sim.store('nodes')[node].spec.unschedulable).toBe(true);
  });
});

describe('PATCH with bad input', () => {
  it('never throws out of the API server, and a refusal stores nothing', async () => {
    const fc = await import('fast-check');
    const { sim, patch, stored } = setup();
    const key = fc.constantFrom(
      'spec',
      'metadata',
      'template',
      'containers',
      'replicas',
      'name',
      'labels',
      '$patch',
      '$retainKeys',
      '$setElementOrder/containers',
      '$deleteFromPrimitiveList/finalizers',
      'finalizers',
      'op',
      'path',
      'value',
      'from',
    );
    const leaf = fc.oneof(
      fc.constantFrom(
        'delete',
        'replace',
        'merge',
        'add',
        'remove',
        'test',
        '/spec',
        '/spec/replicas',
        '-',
      ),
      fc.integer({ min: -3, max: 5 }),
      fc.boolean(),
      fc.constant(null),
    );
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('tree'), { maxLength: 4 }),
        fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
      ),
    }));
    fc.assert(
      fc.property(
        fc.constantFrom('json', 'merge', 'strategic', 'apply'),
        tree,
        (patchType, body) => {
          const before = stored();
          const revision = sim.state.etcd.revision;
          const res = patch(patchType as ApiRequest['patchType'], body, { dryRun: true });
          if (!res.ok) {
            expect(res.status?.kind).toBe('Status');
            expect(typeof res.status?.message).toBe('string');
          }
          expect(stored()).toBe(before);
          expect(sim.state.etcd.revision).toBe(revision);
        },
      ),
      { numRuns: 400, seed: 11 },
    );
  });
});
