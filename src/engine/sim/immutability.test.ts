/**
 * Stored objects are never mutated (new versions share what they do not change): with every
 * stored object deep-frozen, the lab stories still print their golden transcripts and the
 * determinism script runs without a write into a stored object. The derived caches check
 * themselves at the same time (the runtime's per-pod container index, the scheduler's node
 * slots) against a full scan.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeChecks } from '../components/apiServer';
import { daemonSetChecks } from '../components/controllers/daemonSet';
import { runtimeChecks } from '../components/runtime';
import { schedulerChecks } from '../components/scheduler';
import { runLab, runLabLine } from '../lab';
import { createSimulation } from './bootstrap';

const DIR = join(import.meta.dirname, '../lab/stories');

describe('stored objects are immutable', () => {
  beforeAll(() => {
    storeChecks.freeze = true;
    runtimeChecks.verify = true;
    schedulerChecks.verify = true;
    daemonSetChecks.verify = true;
  });
  afterAll(() => {
    storeChecks.freeze = false;
    runtimeChecks.verify = false;
    schedulerChecks.verify = false;
    daemonSetChecks.verify = false;
  });

  for (const story of readdirSync(DIR)
    .filter((f) => f.endsWith('.lab'))
    .sort()) {
    it(`${story} prints its golden transcript with frozen objects`, () => {
      const { transcript } = runLab(readFileSync(join(DIR, story), 'utf8'), {
        createHost: (opts) => createSimulation(opts),
        readFile: (path) => {
          try {
            return readFileSync(join(DIR, path), 'utf8');
          } catch {
            return undefined;
          }
        },
      });
      expect(transcript).toBe(readFileSync(join(DIR, story.replace(/\.lab$/, '.out')), 'utf8'));
    });
  }

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
    }
    const pod = sim.listPods()[0];
    expect(Object.isFrozen(pod.metadata)).toBe(true);
    expect(() => {
      (pod.metadata as { name?: string }).name = 'x';
    }).toThrow(TypeError);
  });
});
