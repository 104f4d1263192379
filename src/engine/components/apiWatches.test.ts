import { describe, expect, it } from 'vitest';
import { ADMIN } from '../api/types';
import { createSimulation } from '../sim/bootstrap';

describe('watches kubectl keeps open', () => {
  it('delivers ADDED, MODIFIED and DELETED as the selector sees them, stamped with the time', () => {
    const sim = createSimulation({ workers: 1, proxyMode: 'iptables', seed: 3 });
    sim.advanceTo(30_000);
    const res = sim.api('kubectl', ADMIN, {
      verb: 'watch',
      resource: 'configmaps',
      namespace: 'default',
      labelSelector: 'app=web',
    });
    expect(res.ok && 'watch' in res).toBe(true);
    const id = (res as { watch: string }).watch;
    const cm = (labels: Record<string, string>, data: string) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'web', namespace: 'default', labels },
      data: { v: data },
    });
    sim.api('kubectl', ADMIN, {
      verb: 'create',
      resource: 'configmaps',
      namespace: 'default',
      body: cm({ app: 'web' }, '1'),
    });
    sim.advanceBy(1000);
    const cur = sim.store('configmaps')['default/web'];
    sim.api('kubectl', ADMIN, {
      verb: 'update',
      resource: 'configmaps',
      namespace: 'default',
      name: 'web',
      body: { ...cur, data: { v: '2' } },
    });
    const cur2 = sim.store('configmaps')['default/web'];
    // Losing the label takes it out of the watch: DELETED, with its last content.
    sim.api('kubectl', ADMIN, {
      verb: 'update',
      resource: 'configmaps',
      namespace: 'default',
      name: 'web',
      body: { ...cur2, metadata: { ...cur2.metadata, labels: {} } },
    });
    const stream = sim.watchEvents(id);
    expect(stream?.events.map((e) => `${e.type} ${e.atMs} ${e.object.data.v}`)).toEqual([
      'ADDED 30000 1',
      'MODIFIED 31000 2',
      'DELETED 31000 2',
    ]);
    // The snapshot carries the stream; closing removes it.
    expect(JSON.parse(sim.snapshot()).watches[id].events).toHaveLength(3);
    sim.stopWatches();
    expect(sim.watchEvents(id)).toBeUndefined();
    expect(JSON.parse(sim.snapshot()).watches).toBeUndefined();
  });

  it('refuses a bad selector as a list would', () => {
    const sim = createSimulation({ workers: 1, proxyMode: 'iptables', seed: 3 });
    const res = sim.api('kubectl', ADMIN, {
      verb: 'watch',
      resource: 'pods',
      labelSelector: 'a in (',
    });
    expect(res.ok).toBe(false);
  });
});
