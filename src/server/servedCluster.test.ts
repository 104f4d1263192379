import { describe, expect, it } from 'vitest';
import { ServedCluster } from './servedCluster';

describe('the watch cache', () => {
  it('answers the writes after a revision from its ring, and 410 once it no longer reaches', () => {
    const cluster = new ServedCluster({ workers: 0, seed: 2, nowMs: () => 0, watchCacheSize: 4 });
    const revisions: number[] = [];
    cluster.subscribe((w) => revisions.push(Number(w.resourceVersion)));
    for (let i = 0; i < 7; i++)
      cluster.call({
        verb: 'create',
        resource: 'configmaps',
        namespace: 'default',
        body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` } },
      });
    const last4 = revisions.slice(-4);
    const since = (rv: number) => {
      const r = cluster.writesSince(rv);
      return r.expired ? r : r.writes.map((w) => Number(w.resourceVersion));
    };
    expect(since(last4[0] - 1)).toEqual(last4);
    expect(since(last4[1])).toEqual(last4.slice(2));
    expect(since(cluster.revision())).toEqual([]);
    expect(since(last4[0] - 2)).toEqual({ expired: true, oldest: last4[0] - 1 });
  });
});
