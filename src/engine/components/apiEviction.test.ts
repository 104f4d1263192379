import { beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, type ApiRequest, type ApiResult, type KObject } from '../api/types';
import { createSimulation } from '../sim/bootstrap';
import type { Simulation } from '../sim/simulation';

function cluster(): Simulation {
  const sim = createSimulation({ workers: 1, proxyMode: 'iptables', seed: 6 });
  sim.advanceTo(30_000);
  sim.api('kubectl', ADMIN, {
    verb: 'create',
    resource: 'pods',
    namespace: 'default',
    body: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web' },
      spec: { containers: [{ name: 'c', image: 'nginx' }], terminationGracePeriodSeconds: 20 },
    },
  });
  sim.advanceBy(20_000);
  return sim;
}

function eviction(name: string, extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'Eviction',
    metadata: { name, namespace: 'default' },
    ...extra,
  };
}

function evict(sim: Simulation, body: KObject, req: Partial<ApiRequest> = {}): ApiResult {
  return sim.api('kubectl', ADMIN, {
    verb: 'create',
    resource: 'pods',
    namespace: 'default',
    name: 'web',
    subresource: 'eviction',
    body,
    ...req,
  });
}

describe('the eviction subresource', () => {
  let sim: Simulation;
  beforeEach(() => {
    sim = cluster();
  });

  it('deletes the pod gracefully (no disruption budget stands in the way) and answers 201 Success', () => {
    expect(sim.store('pods')['default/web'].status.phase).toBe('Running');
    expect(evict(sim, eviction('web'))).toEqual({
      ok: true,
      object: { apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Success', code: 201 },
    });
    const pod = sim.store('pods')['default/web'];
    expect(pod.metadata.deletionGracePeriodSeconds).toBe(20);
    sim.advanceBy(25_000);
    expect(sim.store('pods')['default/web']).toBeUndefined();
  });

  it('uses the Eviction’s deleteOptions: grace period, dry run, preconditions', () => {
    expect(evict(sim, eviction('web', { deleteOptions: { dryRun: ['All'] } })).ok).toBe(true);
    expect(evict(sim, eviction('web'), { dryRun: true }).ok).toBe(true);
    expect(sim.store('pods')['default/web'].metadata.deletionTimestamp).toBeUndefined();
    const uid = sim.store('pods')['default/web'].metadata.uid;
    expect(
      evict(sim, eviction('web', { deleteOptions: { preconditions: { uid: 'other' } } })),
    ).toMatchObject({
      ok: false,
      status: {
        code: 409,
        reason: 'Conflict',
        message: `Operation cannot be fulfilled on Pod "web": the UID in the precondition (other) does not match the UID in record (${uid}). The object might have been deleted and then recreated`,
      },
    });
    expect(evict(sim, eviction('web', { deleteOptions: { gracePeriodSeconds: 0 } })).ok).toBe(true);
    expect(sim.store('pods')['default/web']).toBeUndefined();
  });

  it('refuses a body that does not name the pod, a missing pod, a foreign version, bad options', () => {
    expect(evict(sim, eviction('other'))).toMatchObject({
      ok: false,
      status: {
        code: 400,
        reason: 'BadRequest',
        message: 'name in URL does not match name in Eviction object',
      },
    });
    expect(evict(sim, eviction('gone'), { name: 'gone' })).toMatchObject({
      ok: false,
      status: { code: 404, reason: 'NotFound', message: 'pods "gone" not found' },
    });
    expect(evict(sim, { ...eviction('web'), apiVersion: 'v1' })).toMatchObject({
      status: {
        code: 400,
        message:
          'the API version in the data (v1) does not match the expected API version (policy/v1)',
      },
    });
    expect(
      evict(sim, { ...eviction('web'), metadata: { name: 'web', namespace: 'kube-system' } }),
    ).toMatchObject({
      status: {
        code: 400,
        message:
          'the namespace of the provided object does not match the namespace sent on the request',
      },
    });
    expect(
      evict(sim, eviction('web', { deleteOptions: { propagationPolicy: 'Never' } })),
    ).toMatchObject({
      status: { code: 422, details: { kind: 'DeleteOptions', group: 'meta.k8s.io' } },
    });
    expect(evict(sim, eviction('web'), { resource: 'configmaps' })).toMatchObject({
      status: {
        code: 404,
        message: 'the server could not find the requested resource (configmaps/eviction)',
      },
    });
    expect(sim.store('pods')['default/web'].metadata.deletionTimestamp).toBeUndefined();
  });
});

describe('a plain delete', () => {
  it('checks its preconditions and options too', () => {
    const sim = cluster();
    const del = (req: Partial<ApiRequest>) =>
      sim.api('kubectl', ADMIN, {
        verb: 'delete',
        resource: 'pods',
        namespace: 'default',
        name: 'web',
        ...req,
      });
    expect(del({ preconditions: { resourceVersion: '1' } })).toMatchObject({
      ok: false,
      status: { code: 409, details: { name: 'web', kind: 'Pod' } },
    });
    expect(del({ propagationPolicy: 'Eventually' })).toMatchObject({
      ok: false,
      status: { code: 422 },
    });
    // A negative grace period is one second.
    expect(del({ gracePeriodSeconds: -3 }).ok).toBe(true);
    expect(sim.store('pods')['default/web'].metadata.deletionGracePeriodSeconds).toBe(1);
  });
});
