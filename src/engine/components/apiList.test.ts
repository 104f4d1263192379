import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type ApiRequest, type ApiResult, type KObject } from '../api/types';
import { decodeContinue } from '../apiserver/listOptions';
import { createSimulation } from '../sim/bootstrap';
import { K8S } from '../sim/defaults';
import type { Simulation } from '../sim/simulation';

function cluster(): Simulation {
  const sim = createSimulation({ workers: 1, proxyMode: 'iptables', seed: 5 });
  sim.advanceTo(30_000);
  return sim;
}

function configMap(sim: Simulation, namespace: string, name: string, labels = {}): KObject {
  const res = sim.api('kubectl', ADMIN, {
    verb: 'create',
    resource: 'configmaps',
    namespace,
    body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data: { a: name } },
  });
  if (!res.ok || !res.object) throw new Error(`create ${name} failed`);
  return res.object;
}

type ListOk = ApiResult & { ok: true; items: KObject[] };

function list(sim: Simulation, req: Partial<ApiRequest>): ApiResult {
  return sim.api('kubectl', ADMIN, { verb: 'list', resource: 'configmaps', ...req });
}

function names(res: ApiResult): string[] {
  if (!res.ok || !res.items) throw new Error(JSON.stringify(res));
  return res.items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
}

describe('paged lists', () => {
  let sim: Simulation;
  beforeAll(() => {
    sim = cluster();
    sim.api('kubectl', ADMIN, {
      verb: 'create',
      resource: 'namespaces',
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    });
    // The root CA publisher adds kube-root-ca.crt to the new namespace.
    sim.advanceBy(2_000);
    for (const n of ['c', 'a', 'e', 'b', 'd']) configMap(sim, 'shop', `cm-${n}`, { tier: n });
  });

  it('pages in key order with a token for the rest and the remaining count', () => {
    const first = list(sim, { namespace: 'shop', limit: 2 }) as ListOk;
    // kube-root-ca.crt sorts after cm-*.
    expect(names(first)).toEqual(['shop/cm-a', 'shop/cm-b']);
    expect(first.remainingItemCount).toBe(4);
    const rv = Number(first.resourceVersion);
    expect(rv).toBe(sim.state.etcd.revision);
    // The token names the last key, relative to the namespace, and the list's revision.
    expect(decodeContinue(first.continue as string)).toEqual({ start: 'cm-b\u0000', rv });
    const second = list(sim, { namespace: 'shop', limit: 2, continue: first.continue }) as ListOk;
    expect(names(second)).toEqual(['shop/cm-c', 'shop/cm-d']);
    expect(second.resourceVersion).toBe(String(rv));
    expect(second.remainingItemCount).toBe(2);
    const last = list(sim, { namespace: 'shop', limit: 2, continue: second.continue }) as ListOk;
    expect(names(last)).toEqual(['shop/cm-e', 'shop/kube-root-ca.crt']);
    expect(last.continue).toBeUndefined();
    expect(last.remainingItemCount).toBeUndefined();
  });

  it('keys across namespaces as namespace/name', () => {
    const page = list(sim, { limit: 1 }) as ListOk;
    expect(names(page)).toEqual(['default/kube-root-ca.crt']);
    expect(decodeContinue(page.continue as string)).toMatchObject({
      start: 'default/kube-root-ca.crt\u0000',
    });
  });

  it('reads every page at the first page’s revision while writes go on', () => {
    const first = list(sim, { namespace: 'shop', limit: 3 }) as ListOk;
    const cm = sim.store('configmaps')['shop/cm-d'];
    sim.api('kubectl', ADMIN, {
      verb: 'delete',
      resource: 'configmaps',
      namespace: 'shop',
      name: 'cm-d',
    });
    configMap(sim, 'shop', 'cm-f');
    // While the paged list is under way its revision can be read exactly.
    const exact = () =>
      list(sim, {
        namespace: 'shop',
        resourceVersion: first.resourceVersion,
        resourceVersionMatch: 'Exact',
      });
    expect(names(exact())).toContain('shop/cm-d');
    const rest = list(sim, { namespace: 'shop', limit: 10, continue: first.continue }) as ListOk;
    expect(names(rest)).toEqual(['shop/cm-d', 'shop/cm-e', 'shop/kube-root-ca.crt']);
    expect(rest.items[0]).toBe(cm);
    expect(rest.resourceVersion).toBe(first.resourceVersion);
    // Its last page served, the snapshot is gone.
    expect(exact()).toMatchObject({ ok: false, status: { code: 410 } });
    // A new list sees the writes.
    expect(names(list(sim, { namespace: 'shop', limit: 10 }))).toEqual([
      'shop/cm-a',
      'shop/cm-b',
      'shop/cm-c',
      'shop/cm-e',
      'shop/cm-f',
      'shop/kube-root-ca.crt',
    ]);
  });

  it('has no remaining count with a selector, and says there is more while keys follow', () => {
    const page = list(sim, {
      namespace: 'shop',
      limit: 1,
      labelSelector: 'tier in (a,c)',
    }) as ListOk;
    expect(names(page)).toEqual(['shop/cm-a']);
    expect(page.remainingItemCount).toBeUndefined();
    const next = list(sim, {
      namespace: 'shop',
      limit: 1,
      labelSelector: 'tier in (a,c)',
      continue: page.continue,
    }) as ListOk;
    expect(names(next)).toEqual(['shop/cm-c']);
    // Keys that will not match follow cm-c: etcd still says there is more.
    expect(next.continue).toBeDefined();
    const end = list(sim, {
      namespace: 'shop',
      limit: 1,
      labelSelector: 'tier in (a,c)',
      continue: next.continue,
    }) as ListOk;
    expect(names(end)).toEqual([]);
    expect(end.continue).toBeUndefined();
  });

  it('answers resourceVersion=0 whole, whatever the limit (the watch cache)', () => {
    const res = list(sim, { namespace: 'shop', limit: 2, resourceVersion: '0' }) as ListOk;
    expect(res.items.length).toBeGreaterThan(2);
    expect(res.continue).toBeUndefined();
  });
});

describe('resource versions on a list', () => {
  let sim: Simulation;
  beforeAll(() => {
    sim = cluster();
  });

  it('serves the current revision for NotOlderThan what it has reached, and Exact the current', () => {
    // (the paged one keeps its revision for its next pages: an exact read of it works later)
    const now = String(sim.state.etcd.revision);
    for (const req of [
      { resourceVersion: now },
      { resourceVersion: '1', resourceVersionMatch: 'NotOlderThan' },
      { resourceVersion: now, resourceVersionMatch: 'Exact' },
      { resourceVersion: now, limit: 5 },
    ]) {
      const res = list(sim, req);
      expect(res.ok && 'resourceVersion' in res && res.resourceVersion).toBe(now);
    }
  });

  it('is a Timeout for a revision not reached yet, with a retry hint from the watch cache only', () => {
    const now = sim.state.etcd.revision;
    const ahead = String(now + 10);
    const cached = list(sim, { resourceVersion: ahead });
    expect(cached).toEqual({
      ok: false,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        code: 504,
        reason: 'Timeout',
        message: `Timeout: Too large resource version: ${now + 10}, current: ${now}`,
        details: {
          causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
          retryAfterSeconds: 1,
        },
      },
    });
    const exact = list(sim, { resourceVersion: ahead, resourceVersionMatch: 'Exact' });
    expect(!exact.ok && exact.status?.details).toEqual({
      causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
    });
  });

  it('is 410 Expired for an exact revision it no longer has', () => {
    configMap(sim, 'default', 'later');
    const res = list(sim, { resourceVersion: '2', resourceVersionMatch: 'Exact' });
    expect(res).toMatchObject({
      ok: false,
      status: {
        code: 410,
        reason: 'Expired',
        message: 'The resourceVersion for the provided list is too old.',
      },
    });
  });

  it('offers a token to go on inconsistently once a paged list’s revision is compacted', () => {
    for (const n of ['p', 'q', 'r']) configMap(sim, 'default', n);
    const first = list(sim, { namespace: 'default', limit: 1 }) as ListOk;
    configMap(sim, 'default', 's');
    sim.advanceBy(K8S.etcdCompactionIntervalMs);
    const res = list(sim, { namespace: 'default', limit: 1, continue: first.continue });
    if (res.ok || !res.status) throw new Error('expected a failure');
    expect(res.status.code).toBe(410);
    expect(res.status.reason).toBe('Expired');
    expect(res.status.message).toMatch(
      /^The provided continue parameter is too old to display a consistent list result\. You can start a new list without the continue parameter, or use the continue token/,
    );
    const token = decodeContinue(res.status.metadata?.continue as string);
    expect(token).toEqual({ start: `${first.items[0].metadata.name}\u0000`, rv: -1 });
    // That token lists the rest at the latest revision.
    const rest = list(sim, {
      namespace: 'default',
      limit: 10,
      continue: res.status.metadata?.continue,
    }) as ListOk;
    expect(rest.resourceVersion).toBe(String(sim.state.etcd.revision));
    expect(names(rest)).toContain('default/s');
  });

  it('refuses bad options with the server’s errors', () => {
    expect(list(sim, { resourceVersion: 'abc' })).toMatchObject({
      ok: false,
      status: {
        code: 400,
        reason: 'BadRequest',
        message:
          'invalid resource version: resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax',
      },
    });
    expect(list(sim, { continue: 'not a token' })).toMatchObject({
      status: {
        code: 400,
        message:
          'invalid continue token: continue key is not valid: illegal base64 data at input byte 3',
      },
    });
    const first = list(sim, { limit: 1 }) as ListOk;
    expect(list(sim, { continue: first.continue, resourceVersion: '5' })).toMatchObject({
      status: {
        code: 400,
        message: 'specifying resource version is not allowed when using continue',
      },
    });
    expect(list(sim, { resourceVersionMatch: 'Exact' })).toMatchObject({
      status: {
        code: 422,
        reason: 'Invalid',
        message:
          'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
        details: { group: 'meta.k8s.io', kind: 'ListOptions' },
      },
    });
  });
});
