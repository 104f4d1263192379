import { describe, expect, it } from 'vitest';
import { ADMIN } from '../api/types';
import { createSimulation } from './bootstrap';
import type { StoredWrite } from './simulation';

describe('Simulation.onWrite', () => {
  it('reports every stored write with its revision, DELETED with the deletion’s', () => {
    const sim = createSimulation({ workers: 1, proxyMode: 'iptables', seed: 2 });
    sim.advanceTo(30_000);
    const writes: StoredWrite[] = [];
    const stop = sim.onWrite((w) => {
      if (w.resource === 'configmaps') writes.push(w);
    });
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: '1' } };
    sim.call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: cm });
    const created = sim.store('configmaps')['default/x'];
    sim.call({
      verb: 'update',
      resource: 'configmaps',
      namespace: 'default',
      name: 'x',
      body: { ...created, data: { a: '2' } },
    });
    const updated = sim.store('configmaps')['default/x'];
    // A deletecollection's deletes are writes like any other.
    sim.api('kubectl', ADMIN, {
      verb: 'deletecollection',
      resource: 'configmaps',
      namespace: 'default',
      fieldSelector: 'metadata.name=x',
    });
    const revision = sim.state.etcd.revision;
    expect(writes.map((w) => [w.type, w.resourceVersion, w.object.data.a])).toEqual([
      ['ADDED', created.metadata.resourceVersion, '1'],
      ['MODIFIED', updated.metadata.resourceVersion, '2'],
      ['DELETED', String(revision), '2'],
    ]);
    expect(writes[0].object).toBe(created);
    expect(writes[1].old).toBe(created);
    expect(writes[2].object).toBe(updated);
    stop();
    sim.call({ verb: 'create', resource: 'configmaps', namespace: 'default', body: cm });
    expect(writes).toHaveLength(3);
    expect(sim.writeListeners).toHaveLength(0);
  });
});
