import { describe, expect, it } from 'vitest';
import { forbidden, notFound } from '../api/errors';
import { resourceInfo } from '../api/resources';
import { ADMIN, type ApiRequest, type ApiResult, type KObject } from '../api/types';
import { createSimulation } from '../sim/bootstrap';
import type { Simulation } from '../sim/simulation';
import { deleteCollection as deleteCollectionOf } from './apiDeleteCollection';

function cluster(): Simulation {
  const sim = createSimulation({ workers: 1, proxyMode: 'iptables', seed: 9 });
  sim.advanceTo(30_000);
  for (const [name, tier] of [
    ['web-1', 'front'],
    ['web-2', 'front'],
    ['db', 'back'],
  ])
    sim.api('kubectl', ADMIN, {
      verb: 'create',
      resource: 'configmaps',
      namespace: 'default',
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { tier } } },
    });
  return sim;
}

function deleteCollection(sim: Simulation, req: Partial<ApiRequest>): ApiResult {
  return sim.api('kubectl', ADMIN, {
    verb: 'deletecollection',
    resource: 'configmaps',
    namespace: 'default',
    ...req,
  });
}

const names = (items: KObject[] | undefined) => (items ?? []).map((o) => o.metadata.name);
const stored = (sim: Simulation) => Object.keys(sim.store('configmaps')).sort();

describe('deletecollection', () => {
  it('deletes what the selector matches and answers the list as it was read', () => {
    const sim = cluster();
    const before = sim.store('configmaps')['default/web-1'];
    const res = deleteCollection(sim, { labelSelector: 'tier=front' });
    if (!res.ok || !res.items) throw new Error(JSON.stringify(res));
    expect(names(res.items)).toEqual(['web-1', 'web-2']);
    expect(res.items[0]).toBe(before);
    // The list's revision is the one it was read at, before the deletions.
    expect(Number(res.resourceVersion)).toBe(sim.state.etcd.revision - 2);
    expect(stored(sim)).toContain('default/db');
    expect(stored(sim)).not.toContain('default/web-1');
    // Each delete was traced as etcd writes of its own.
    const writes = sim.traceTail(4).map((e) => e.summary);
    expect(writes.some((w) => w.startsWith('delete /registry/configmaps/default/web-2'))).toBe(
      true,
    );
    expect(sim.traceTail(1)[0].summary).toBe('deletecollection configmaps');
  });

  it('deletes nothing on a dry run, and only one page when the client sets a limit', () => {
    const sim = cluster();
    const dry = deleteCollection(sim, { dryRun: true });
    expect(dry.ok && names(dry.items)).toEqual(['db', 'kube-root-ca.crt', 'web-1', 'web-2']);
    expect(stored(sim).filter((k) => k.startsWith('default/'))).toHaveLength(4);
    const page = deleteCollection(sim, { limit: 2 });
    expect(page.ok && names(page.items)).toEqual(['db', 'kube-root-ca.crt']);
    expect(page.ok && 'continue' in page && page.continue).toBeTruthy();
    expect(stored(sim).filter((k) => k.startsWith('default/'))).toEqual([
      'default/web-1',
      'default/web-2',
    ]);
  });

  it('deletes pods gracefully, through the same path as a single delete', () => {
    const sim = cluster();
    sim.api('kubectl', ADMIN, {
      verb: 'create',
      resource: 'pods',
      namespace: 'default',
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', labels: { app: 'p' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    });
    sim.advanceBy(20_000);
    const res = sim.api('kubectl', ADMIN, {
      verb: 'deletecollection',
      resource: 'pods',
      namespace: 'default',
      labelSelector: 'app=p',
      gracePeriodSeconds: 5,
    });
    expect(res.ok && names(res.items)).toEqual(['p']);
    const pod = sim.store('pods')['default/p'];
    expect(pod.metadata.deletionGracePeriodSeconds).toBe(5);
    sim.advanceBy(10_000);
    expect(sim.store('pods')['default/p']).toBeUndefined();
  });

  it('refuses bad delete and list options before deleting anything', () => {
    const sim = cluster();
    expect(deleteCollection(sim, { propagationPolicy: 'Sometimes' })).toMatchObject({
      ok: false,
      status: {
        code: 422,
        message:
          'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Sometimes": supported values: "Foreground", "Background", "Orphan", "nil"',
      },
    });
    expect(deleteCollection(sim, { labelSelector: 'tier in front' })).toMatchObject({
      ok: false,
      status: { code: 400, reason: 'BadRequest' },
    });
    expect(deleteCollection(sim, { resourceVersionMatch: 'Exact' })).toMatchObject({
      ok: false,
      status: { code: 422, details: { kind: 'ListOptions' } },
    });
    expect(stored(sim).filter((k) => k.startsWith('default/'))).toHaveLength(4);
  });

  it('skips what is already gone, stops at the first refusal, the objects before it deleted', () => {
    const sim = cluster();
    const seen: string[] = [];
    const res = deleteCollectionOf(
      sim,
      resourceInfo('configmaps'),
      { verb: 'deletecollection', resource: 'configmaps', namespace: 'default' },
      'default',
      (ns, name, d) => {
        seen.push(name);
        if (name === 'kube-root-ca.crt')
          return { ok: false, status: notFound(resourceInfo('configmaps'), name) };
        if (name === 'web-1')
          return { ok: false, status: forbidden(resourceInfo('configmaps'), name, 'no') };
        return sim.api('kubectl', ADMIN, { ...d, namespace: ns, name });
      },
    );
    expect(res).toMatchObject({
      ok: false,
      status: { code: 403, message: 'configmaps "web-1" is forbidden: no' },
    });
    expect(seen).toEqual(['db', 'kube-root-ca.crt', 'web-1']);
    expect(stored(sim).filter((k) => k.startsWith('default/'))).toEqual([
      'default/kube-root-ca.crt',
      'default/web-1',
      'default/web-2',
    ]);
  });

  it('is not offered for Namespaces, whose storage cannot delete collections', () => {
    const sim = cluster();
    expect(
      sim.api('kubectl', ADMIN, { verb: 'deletecollection', resource: 'namespaces' }),
    ).toMatchObject({
      ok: false,
      status: {
        code: 405,
        reason: 'MethodNotAllowed',
        message: 'deletecollection is not supported on resources of kind "namespaces"',
      },
    });
  });
});
