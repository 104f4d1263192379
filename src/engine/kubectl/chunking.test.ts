/**
 * kubectl get and describe page their lists by --chunk-size (500 by default), following each
 * continue token; the pages print as the one list they make.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../sim/bootstrap';
import { kubectl } from './testing/kubectlLine';

describe('chunked lists', () => {
  it('print the same whatever the chunk size, one request per page', () => {
    const sim = createSimulation({ workers: 2, proxyMode: 'iptables', seed: 1 });
    sim.advanceTo(60_000);
    const whole = kubectl(sim, 'kubectl get pods -A --chunk-size=0');
    const before = sim.traceEntries().length;
    const paged = kubectl(sim, 'kubectl get pods -A --chunk-size=3');
    expect(paged).toEqual(whole);
    const lists = sim
      .traceEntries()
      .slice(before)
      .filter((e) => e.from === 'kubectl' && e.summary === 'list pods');
    const pods = Object.keys(sim.store('pods')).length;
    expect(pods).toBeGreaterThan(6);
    expect(lists).toHaveLength(Math.ceil(pods / 3));
    expect(kubectl(sim, 'kubectl describe pods -n kube-system --chunk-size=2')).toEqual(
      kubectl(sim, 'kubectl describe pods -n kube-system'),
    );
  });
});
