/**
 * Stored objects are never mutated (new versions share what they do not change): with every
 * stored object deep-frozen, the lab stories still print their golden transcripts and the
 * determinism script runs without a write into a stored object. The derived caches check
 * themselves at the same time (the runtime's per-pod container index, the scheduler's node
 * slots) against a full scan, and the components' typed bodies decode without a field dropped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, KCM_USER } from '../api/types';
import { storeChecks } from '../components/apiServer';
import { daemonSetChecks } from '../components/controllers/daemonSet';
import { runtimeChecks } from '../components/runtime';
import { schedulerChecks } from '../components/scheduler';
import { runLab, runLabLine } from '../lab';
import { ACTOR } from '../trace';
import { createSimulation } from './bootstrap';
import { Indexes } from './indexes';
import type { Simulation } from './simulation';

/** The indexes kept current write by write equal the ones a rebuild from the store gives. */
function expectIndexesCurrent(sim: Simulation): void {
  const fresh = new Indexes();
  fresh.setNodeOrder(sim.state.nodeNames);
  fresh.rebuild(sim.state.etcd.data);
  const live = sim.indexes;
  const plain = (m: Map<string, unknown>) =>
    Object.fromEntries(
      [...m]
        .filter(
          ([, v]) => JSON.stringify(v) !== JSON.stringify({ cpuMilli: 0, memoryMilli: 0, pods: 0 }),
        )
        .sort(),
    );
  expect(plain(live.requested)).toEqual(plain(fresh.requested));
  expect([...live.usedPods]).toEqual([...fresh.usedPods]);
  expect([...live.usedCpuMilli]).toEqual([...fresh.usedCpuMilli]);
  expect([...live.usedMemoryMilli]).toEqual([...fresh.usedMemoryMilli]);
  const stats = (m: Map<string, { active: number; ready: number }>) =>
    Object.fromEntries([...m].filter(([, v]) => v.active || v.ready).sort());
  expect(stats(live.ownerPodStats)).toEqual(stats(fresh.ownerPodStats));
  const daemons = (ix: Indexes) =>
    Object.fromEntries(
      [...ix.daemonPods]
        .filter(([, d]) => d.total > 0)
        .map(([uid, d]) => [
          uid,
          {
            total: d.total,
            scheduled: d.scheduled,
            ready: d.ready,
            byTarget: Object.fromEntries(
              [...d.byTarget].map(([n, k]) => [n, [...k].sort()]).sort(),
            ),
          },
        ])
        .sort(),
    );
  expect(daemons(live)).toEqual(daemons(fresh));
  for (const node of sim.state.nodeNames) expect(live.podsOn(node)).toEqual(fresh.podsOn(node));
}

const DIR = join(import.meta.dirname, '../lab/stories');

describe('stored objects are immutable', () => {
  beforeAll(() => {
    storeChecks.freeze = true;
    storeChecks.typedBodies = true;
    runtimeChecks.verify = true;
    schedulerChecks.verify = true;
    daemonSetChecks.verify = true;
  });
  afterAll(() => {
    storeChecks.freeze = false;
    storeChecks.typedBodies = false;
    runtimeChecks.verify = false;
    schedulerChecks.verify = false;
    daemonSetChecks.verify = false;
  });

  for (const story of readdirSync(DIR)
    .filter((f) => f.endsWith('.lab'))
    .sort()) {
    it(`${story} prints its golden transcript with frozen objects`, () => {
      let sim: Simulation | undefined;
      const { transcript } = runLab(readFileSync(join(DIR, story), 'utf8'), {
        createHost: (opts) => {
          sim = createSimulation(opts);
          return sim;
        },
        readFile: (path) => {
          try {
            return readFileSync(join(DIR, path), 'utf8');
          } catch {
            return undefined;
          }
        },
      });
      expect(transcript).toBe(readFileSync(join(DIR, story.replace(/\.lab$/, '.out')), 'utf8'));
      if (sim) expectIndexesCurrent(sim);
    });
  }

  it('catches a typed body with a field its kind does not have', () => {
    const sim = createSimulation({ workers: 1, seed: 3 });
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, dta: {} };
    const req = { verb: 'create', resource: 'configmaps', namespace: 'default', body } as const;
    expect(() => sim.api(ACTOR.kcm, KCM_USER, { ...req, typed: true })).toThrow(
      'typed ConfigMap body does not decode as one',
    );
    expect(sim.api(ACTOR.kubectl, ADMIN, req)).toMatchObject({
      ok: true,
      warnings: ['unknown field "dta"'],
    });
  });

  it('freezes what the API server stores', () => {
    const sim = createSimulation({ workers: 2, seed: 3 });
    for (const line of [
      'kubectl create deployment web --image=nginx --replicas=4',
      'kubectl expose deployment web --port=80',
      'wait 20s',
      'kubectl scale deployment web --replicas=1',
      'break node worker-1',
      'wait 6m',
      'kubectl delete deployment web',
      'wait 1m',
    ]) {
      const out = runLabLine(line, { host: sim }).output;
      expect(out).not.toContain('internal error');
      expectIndexesCurrent(sim);
    }
    const pod = sim.listPods()[0];
    expect(Object.isFrozen(pod.metadata)).toBe(true);
    expect(() => {
      (pod.metadata as { name?: string }).name = 'x';
    }).toThrow(TypeError);
  });
});
