/**
 * Server-side apply through the API server: create and update by apply, conflicts and
 * --force-conflicts, pruning what the applier dropped, managedFields of the other writers, and
 * the refusals (handlers/patch.go, managedfields/internal).
 */
import { describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResult, KObject } from '../api/types';
import { createSimulation } from '../sim/bootstrap';

const config = (extra: Record<string, unknown> = {}, replicas?: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    ...(replicas === undefined ? {} : { replicas }),
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ...extra }] },
    },
  },
});

const statusOf = (res: ApiResult) => (res.ok ? undefined : res.status);

function setup() {
  const sim = createSimulation({ workers: 1, seed: 5 });
  sim.advanceBy(15_000);
  const call = (req: Partial<ApiRequest>) =>
    sim.call({ resource: 'deployments', namespace: 'default', ...req } as ApiRequest);
  const apply = (body: unknown, fieldManager: string | undefined = 'kubectl', force = false) =>
    call({
      verb: 'patch',
      name: 'web',
      patchType: 'apply',
      patchBody: body,
      ...(fieldManager ? { fieldManager } : {}),
      force,
    });
  const stored = () => sim.store('deployments')['default/web'];
  const managers = () =>
    (stored().metadata.managedFields ?? []).map(
      (e) => `${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ''}`,
    );
  return { sim, call, apply, stored, managers };
}

describe('server-side apply', () => {
  it('creates what is missing, owning exactly the applied fields', () => {
    const { apply, stored } = setup();
    const res = apply(config({}, 2));
    expect(res.ok).toBe(true);
    const d = stored();
    expect(d.spec.replicas).toBe(2);
    // Defaulted like any create.
    expect(d.spec.template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(d.metadata.managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: d.metadata.creationTimestamp,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it('updates by apply, and an unchanged configuration writes nothing', () => {
    const { apply, stored } = setup();
    expect(apply(config({}, 2)).ok).toBe(true);
    expect(apply(config({ image: 'nginx:1.16.1' }, 2)).ok).toBe(true);
    expect(stored().spec.template.spec.containers[0].image).toBe('nginx:1.16.1');
    const rv = stored().metadata.resourceVersion;
    expect(apply(config({ image: 'nginx:1.16.1' }, 2)).ok).toBe(true);
    expect(stored().metadata.resourceVersion).toBe(rv);
  });

  it("a change to another manager's field is a 409 naming it; force takes it over", () => {
    const { call, apply, stored, managers } = setup();
    expect(
      call({ verb: 'create', body: config({}, 3) as KObject, fieldManager: 'kubectl-create' }).ok,
    ).toBe(true);
    const res = apply(config({}, 5), 'other');
    expect(statusOf(res)).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message:
        'Apply failed with 1 conflict: conflict with "kubectl-create" using apps/v1: .spec.replicas',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "kubectl-create" using apps/v1',
            field: '.spec.replicas',
          },
        ],
      },
    });
    expect(stored().spec.replicas).toBe(3);
    // The same value is no conflict: both own it.
    expect(apply(config({}, 3), 'other').ok).toBe(true);
    expect(managers()).toEqual(['other/Apply', 'kubectl-create/Update']);
    const forced = apply(config({ image: 'nginx:1.16.1' }, 5), 'other', true);
    expect(forced.ok).toBe(true);
    expect(stored().spec.replicas).toBe(5);
    const create = stored().metadata.managedFields?.find((e) => e.manager === 'kubectl-create');
    expect(create?.fieldsV1).not.toHaveProperty(['f:spec', 'f:replicas']);
  });

  it('several conflicts are listed by manager', () => {
    const { call, apply } = setup();
    expect(
      call({ verb: 'create', body: config({}, 3) as KObject, fieldManager: 'kubectl-create' }).ok,
    ).toBe(true);
    const res = apply(config({ image: 'nginx:1.16.1' }, 5), 'other');
    expect(statusOf(res)?.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-create" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
  });

  it('a field dropped from the configuration is removed when no one else owns it', () => {
    const { apply, stored } = setup();
    const withEnv = config({ env: [{ name: 'A', value: '1' }] }, 2);
    (withEnv.metadata.labels as Record<string, string>).tier = 'front';
    expect(apply(withEnv).ok).toBe(true);
    expect(apply(config({}, 2)).ok).toBe(true);
    expect(stored().metadata.labels).toEqual({ app: 'web' });
    expect(stored().spec.template.spec.containers[0].env).toBeUndefined();
    // Co-owned: another applier keeps it.
    expect(apply(config({}, 2)).ok).toBe(true);
    const both = { ...config({}, 2), metadata: { name: 'web', labels: { app: 'web', x: 'y' } } };
    expect(apply(both, 'b').ok).toBe(true);
    expect(apply({ ...config({}, 2), metadata: { name: 'web' } }).ok).toBe(true);
    expect(stored().metadata.labels).toEqual({ app: 'web', x: 'y' });
  });

  it("the other writers of an applied object are recorded: a controller's status, kubectl's label", () => {
    const { sim, call, apply, managers, stored } = setup();
    expect(apply(config({}, 1)).ok).toBe(true);
    sim.advanceBy(30_000);
    expect(managers()).toContain('kube-controller-manager/Update/status');
    expect(stored().metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    const label = call({
      verb: 'patch',
      name: 'web',
      patchType: 'merge',
      patchBody: { metadata: { labels: { team: 'a' } } },
      fieldManager: 'kubectl-label',
    });
    expect(label.ok).toBe(true);
    const entry = stored().metadata.managedFields?.find((e) => e.manager === 'kubectl-label');
    expect(entry).toMatchObject({
      operation: 'Update',
      apiVersion: 'apps/v1',
      fieldsV1: { 'f:metadata': { 'f:labels': { 'f:team': {} } } },
    });
    // The controller's own writes to what it made carry no managedFields (see apiServer.ts tracked).
    const rs = Object.values(sim.store('replicasets'))[0] as KObject;
    expect(rs.metadata.managedFields).toBeUndefined();
  });

  it('refuses an apply without a manager, of another kind, with managedFields, or with unknown fields', () => {
    const { apply } = setup();
    expect(statusOf(apply(config(), ''))).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message:
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    });
    expect(statusOf(apply({ ...config(), kind: 'ReplicaSet' }))).toMatchObject({
      code: 400,
      message: 'invalid object type: apps/v1, Kind=ReplicaSet',
    });
    expect(
      statusOf(apply({ ...config(), metadata: { name: 'web', managedFields: [] } })),
    ).toMatchObject({ code: 400, message: 'metadata.managedFields must be nil' });
    expect(statusOf(apply(config({ colour: 'red' })))).toMatchObject({
      code: 500,
      message:
        'failed to create typed patch object (/web; apps/v1, Kind=Deployment): .spec.template.spec.containers[name="nginx"].colour: field not declared in schema',
    });
    expect(statusOf(apply({ ...config(), spec: 'x' }))).toMatchObject({
      code: 500,
      message:
        'failed to create typed patch object (/web; apps/v1, Kind=Deployment): .spec: expected map, got &{x}',
    });
    for (const body of [null, 'x', [1], 3]) expect(statusOf(apply(body))?.code).toBe(400);
    expect(statusOf(apply({ ...config(), metadata: { name: 'other' } }))).toMatchObject({
      code: 400,
      message: 'the name of the object (other) does not match the name on the URL (web)',
    });
  });
});
