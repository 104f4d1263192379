import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type ApiRequest, type ApiResult, type KObject } from '../api/types';
import { createSimulation } from '../sim/bootstrap';
import type { Simulation } from '../sim/simulation';

function deployment(name: string, replicas: number): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: {
        matchLabels: { app: name },
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'edge'] }],
      },
      template: {
        metadata: { labels: { app: name, tier: 'web' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
  };
}

function call(sim: Simulation, req: Partial<ApiRequest>): ApiResult {
  return sim.api('kubectl', ADMIN, {
    verb: 'get',
    resource: 'deployments',
    namespace: 'default',
    name: 'web',
    subresource: 'scale',
    ...req,
  });
}

describe('the scale subresource', () => {
  let sim: Simulation;
  beforeAll(() => {
    sim = createSimulation({ workers: 1, proxyMode: 'iptables', seed: 4 });
    sim.advanceTo(30_000);
    sim.api('kubectl', ADMIN, {
      verb: 'create',
      resource: 'deployments',
      namespace: 'default',
      body: deployment('web', 2),
    });
    sim.advanceBy(30_000);
  });

  it('GET answers the Scale scaleFromDeployment builds', () => {
    const d = sim.store('deployments')['default/web'];
    expect(call(sim, {})).toEqual({
      ok: true,
      object: {
        apiVersion: 'autoscaling/v1',
        kind: 'Scale',
        metadata: {
          name: 'web',
          namespace: 'default',
          uid: d.metadata.uid,
          resourceVersion: d.metadata.resourceVersion,
          creationTimestamp: d.metadata.creationTimestamp,
        },
        spec: { replicas: 2 },
        // The selector as labels.Selector prints it: requirements by key, values sorted.
        status: { replicas: 2, selector: 'app=web,tier in (edge,web)' },
      },
    });
  });

  it('serves ReplicaSets and StatefulSets too, and nothing else', () => {
    const rs = Object.values(sim.store('replicasets')).find((o) =>
      o.metadata.name?.startsWith('web-'),
    ) as KObject;
    const res = call(sim, { resource: 'replicasets', name: rs.metadata.name });
    expect(res.ok && res.object?.status).toEqual({
      replicas: 2,
      selector: `app=web,pod-template-hash=${rs.metadata.labels?.['pod-template-hash']},tier in (edge,web)`,
    });
    expect(
      call(sim, { resource: 'daemonsets', name: 'kube-proxy', namespace: 'kube-system' }),
    ).toMatchObject({
      ok: false,
      status: {
        code: 404,
        message: 'the server could not find the requested resource (daemonsets/scale)',
      },
    });
    expect(call(sim, { resource: 'statefulsets', name: 'db' })).toMatchObject({
      ok: false,
      status: { code: 404, message: 'statefulsets.apps "db" not found' },
    });
    expect(call(sim, { name: 'nope' })).toMatchObject({
      ok: false,
      status: { code: 404, message: 'deployments.apps "nope" not found' },
    });
  });

  it('PUT writes spec.replicas through the Deployment’s update and answers the new Scale', () => {
    const before = sim.store('deployments')['default/web'];
    const scale = (call(sim, {}) as { object: KObject }).object;
    const res = call(sim, {
      verb: 'update',
      body: { ...scale, spec: { replicas: 3 } },
    });
    const after = sim.store('deployments')['default/web'];
    expect(after.spec.replicas).toBe(3);
    expect(after.metadata.generation).toBe((before.metadata.generation ?? 0) + 1);
    expect(res.ok && res.object?.spec).toEqual({ replicas: 3 });
    expect(res.ok && res.object?.metadata.resourceVersion).toBe(after.metadata.resourceVersion);
    sim.advanceBy(20_000);
    expect(
      Object.values(sim.store('pods')).filter((p) => p.metadata.labels?.app === 'web'),
    ).toHaveLength(3);
    // The stale Scale now conflicts on the Deployment.
    expect(call(sim, { verb: 'update', body: { ...scale, spec: { replicas: 1 } } })).toMatchObject({
      ok: false,
      status: {
        code: 409,
        reason: 'Conflict',
        message:
          'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
      },
    });
  });

  it('scales to zero (a Scale without spec.replicas) and keeps a dry run unwritten', () => {
    const blind = { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web' } };
    const dry = call(sim, {
      verb: 'update',
      body: { ...blind, spec: { replicas: 5 } },
      dryRun: true,
    });
    expect(dry.ok && dry.object?.spec).toEqual({ replicas: 5 });
    expect(sim.store('deployments')['default/web'].spec.replicas).toBe(3);
    const zero = call(sim, { verb: 'update', body: { ...blind, spec: {} } as KObject });
    expect(zero.ok && zero.object?.spec).toEqual({});
    expect(sim.store('deployments')['default/web'].spec.replicas).toBe(0);
  });

  it('refuses what ScaleREST and the update handler refuse', () => {
    const scale = (body: Record<string, unknown>) =>
      call(sim, {
        verb: 'update',
        body: { apiVersion: 'autoscaling/v1', kind: 'Scale', ...body } as KObject,
      });
    expect(scale({ metadata: { name: 'web' }, spec: { replicas: -1 } })).toMatchObject({
      ok: false,
      status: {
        code: 422,
        reason: 'Invalid',
        message:
          'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
        details: { name: 'web', group: 'autoscaling', kind: 'Scale' },
      },
    });
    expect(scale({ metadata: { name: 'other' }, spec: { replicas: 1 } })).toMatchObject({
      status: {
        code: 400,
        message: 'the name of the object (other) does not match the name on the URL (web)',
      },
    });
    expect(scale({ metadata: { name: 'web', uid: 'x' }, spec: { replicas: 1 } })).toMatchObject({
      status: {
        code: 409,
        message: `Operation cannot be fulfilled on deployments/scale.apps "web": Precondition failed: UID in precondition: x, UID in object meta: ${sim.store('deployments')['default/web'].metadata.uid}`,
        details: { kind: 'deployments/scale', group: 'apps' },
      },
    });
    expect(scale({ metadata: { name: 'web' }, spec: { replicas: '2' } })).toMatchObject({
      status: {
        code: 400,
        message:
          'Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal string into Go struct field ScaleSpec.spec.replicas of type int32',
      },
    });
    expect(
      call(sim, {
        verb: 'update',
        body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } },
      }),
    ).toMatchObject({
      status: {
        code: 400,
        message:
          'the API version in the data (apps/v1) does not match the expected API version (autoscaling/v1)',
      },
    });
  });
});
