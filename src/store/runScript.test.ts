import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation, runLab, type Simulation } from '../engine';
import { createSimStore, snapshotLight } from './createSimStore';

const STORIES = join(import.meta.dirname, '../engine/lab/stories');
const manifests = Object.fromEntries(
  readdirSync(join(STORIES, 'manifests')).map((name) => [
    `manifests/${name}`,
    readFileSync(join(STORIES, 'manifests', name), 'utf8'),
  ]),
);

describe('running a lab script in the app', () => {
  for (const story of readdirSync(STORIES).filter((f) => f.endsWith('.lab'))) {
    const text = readFileSync(join(STORIES, story), 'utf8');
    it(`${story}: the same cluster as npm run lab, or a clear refusal`, () => {
      const store = createSimStore({ spec: { workers: 3, seed: 9 } });
      store.getState().runLine('kubectl run before --image=nginx');
      const before = store.getState().snapshot();
      const result = store.getState().runScript(text, manifests);
      if (/^cluster workers=0/m.test(text)) {
        // The scene needs a worker: refused, and the learner's cluster is untouched.
        expect(result.error).toMatch(/the app shows 1 to 10 worker nodes/);
        expect(store.getState().snapshot()).toBe(before);
        return;
      }
      expect(result).toEqual({});
      let lab: Simulation | undefined;
      runLab(text, {
        createHost: (spec) => {
          lab = createSimulation(spec);
          return lab;
        },
        readFile: (path) => manifests[path],
      });
      expect(store.getState().nowMs).toBe(lab?.nowMs());
      expect(store.getState().snapshot()).toBe(snapshotLight(lab as Simulation));
      // Every command is in the console's transcript, as the lab echoed it.
      const echoed = [...text.matchAll(/^(?!#|cluster)(\S.*)$/gm)].map((m) => m[1].trim());
      expect(store.getState().transcript.map((e) => e.line)).toEqual(echoed);
    });
  }

  it('refuses a cluster line that is not first, changing nothing', () => {
    const store = createSimStore({ spec: { workers: 2 } });
    const before = store.getState().snapshot();
    expect(store.getState().runScript('kubectl get pods\ncluster workers=2\n')).toEqual({
      error: 'line 2: "cluster" must be the first command of a lab script',
    });
    expect(store.getState().snapshot()).toBe(before);
  });
});
