/**
 * Golden transcripts: each story in stories/*.lab runs headless and must print exactly its
 * stories/*.out. Regenerate with `npx vitest run src/engine/lab/stories.test.ts -u` — and read the
 * diff before committing it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../sim/bootstrap';
import { runLab } from './runLab';

const DIR = join(import.meta.dirname, 'stories');

function run(file: string): { transcript: string; exitCode: number } {
  return runLab(readFileSync(join(DIR, file), 'utf8'), {
    createHost: (opts) => createSimulation(opts),
    readFile: (path) => {
      try {
        return readFileSync(join(DIR, path), 'utf8');
      } catch {
        return undefined;
      }
    },
  });
}

describe('lab stories', () => {
  const stories = readdirSync(DIR)
    .filter((f) => f.endsWith('.lab'))
    .sort();

  it('has the stories the engine promises', () => {
    expect(stories).toEqual([
      'apiserver-down.lab',
      'bad-input.lab',
      'configmap-secret.lab',
      'control-plane-taint.lab',
      'cronjob.lab',
      'drain.lab',
      'image-pull.lab',
      'iptables.lab',
      'ipvs.lab',
      'job-failure.lab',
      'join-node.lab',
      'jsonpath.lab',
      'kube-system.lab',
      'logs-exec.lab',
      'node-lost.lab',
      'node-reboot.lab',
      'node-restriction.lab',
      'oom.lab',
      'patch.lab',
      'pod-creation.lab',
      'probes.lab',
      'processes.lab',
      'rolling-update.lab',
      'rollout-history.lab',
      'server-side-apply.lab',
      'statefulset.lab',
      'strict-fields.lab',
      'watch.lab',
    ]);
  });

  for (const story of stories) {
    it(`${story} prints its golden transcript`, async () => {
      const { transcript, exitCode } = run(story);
      expect(exitCode).toBe(0);
      await expect(transcript).toMatchFileSnapshot(join(DIR, story.replace(/\.lab$/, '.out')));
    });
  }
});
