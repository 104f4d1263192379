import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import { runLabLine } from '../lab';
import { createSimulation } from '../sim/bootstrap';
import { K8S } from '../sim/defaults';
import type { Simulation } from '../sim/simulation';

const eventsAbout = (sim: Simulation, name: string): KObject[] =>
  Object.values(sim.store('events')).filter((e) => e.involvedObject?.name === name);

describe('Event TTL (kube-apiserver --event-ttl=1h)', () => {
  it('an Event is gone an hour after it last changed, and a repeat keeps it longer', () => {
    const sim = createSimulation({ workers: 1, seed: 9 });
    expect(K8S.eventTtlMs).toBe(3_600_000);
    runLabLine('kubectl run web --image=nginx:1.14.2', { host: sim });
    sim.advanceBy(20_000);
    const first = eventsAbout(sim, 'web');
    expect(first.map((e) => e.reason)).toEqual(
      expect.arrayContaining(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']),
    );
    // Half an hour on, the container crashes and is restarted: Created and Started repeat, so
    // those Events are updated (count 2), which renews their leases; "already present" is new.
    sim.advanceBy(30 * 60_000);
    expect(runLabLine('crash web', { host: sim }).output).not.toMatch(/error/i);
    sim.advanceBy(5_000);
    const afterCrash = eventsAbout(sim, 'web');
    expect(afterCrash.map((e) => e.reason).sort()).toEqual(
      [...first.map((e) => e.reason), 'Pulled'].sort(),
    );
    const started = afterCrash.find((e) => e.reason === 'Started');
    expect(started?.count).toBe(2);
    // An hour after the first Events were written, those not written since are gone; the
    // Started Event, bumped by the restart, stays until an hour after that.
    sim.advanceBy(30 * 60_000);
    const later = eventsAbout(sim, 'web').map((e) => e.reason);
    expect(later.sort()).toEqual(['Created', 'Pulled', 'Started']);
    sim.advanceBy(31 * 60_000);
    expect(eventsAbout(sim, 'web')).toEqual([]);
    expect(runLabLine('kubectl get events', { host: sim }).output).not.toContain('pod/web');
  });

  it('nothing expires while etcd is down; the overdue Events go once it is back', () => {
    const sim = createSimulation({ workers: 1, seed: 9 });
    runLabLine('kubectl run web --image=nginx:1.14.2', { host: sim });
    sim.advanceBy(20_000);
    const before = eventsAbout(sim, 'web').length;
    expect(before).toBeGreaterThan(0);
    sim.advanceBy(59 * 60_000);
    runLabLine('break etcd', { host: sim });
    sim.advanceBy(5 * 60_000);
    expect(eventsAbout(sim, 'web').length).toBe(before);
    runLabLine('repair etcd', { host: sim });
    sim.advanceBy(2 * 60_000);
    expect(eventsAbout(sim, 'web')).toEqual([]);
  });
});
