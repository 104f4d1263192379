/**
 * Every manifest of the Kubernetes documentation (shared/k8s-examples) applies with kubectl's
 * default strict field validation, the way it does on a real cluster: no unknown field, no
 * warning, every object created. The stories' manifests too (all but the ones that are wrong on
 * purpose).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLab } from '../lab/runLab';
import { createSimulation } from '../sim/bootstrap';
import { EXAMPLES_DIR, exampleFiles } from '../testing/examples';

const STORY_MANIFESTS = join(import.meta.dirname, '../lab/stories/manifests');

/** Manifests that are bad on purpose (bad-input.lab, strict-fields.lab). */
const BROKEN_ON_PURPOSE = new Set([
  'alias-bomb.yaml',
  'invalid-pod.yaml',
  'malformed.yaml',
  'no-kind.yaml',
  'typo-pod.yaml',
  'typo-deployment.yaml',
  'typo-container.yaml',
]);

function applyAll(dir: string, files: string[]): string {
  const script = files.map((f) => `kubectl apply -f ${relative(dir, f)}`).join('\n');
  return runLab(script, {
    createHost: (opts) => createSimulation(opts),
    readFile: (path) => {
      try {
        return readFileSync(join(dir, path), 'utf8');
      } catch {
        return undefined;
      }
    },
  }).transcript;
}

/** The transcript's lines that are not a command or an object kubectl reports as created. */
function complaints(transcript: string): string[] {
  return transcript
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('$ ') && !/^[\w.]+\/[\w.-]+ created$/.test(l));
}

describe('strict field validation accepts real manifests', () => {
  it('applies every shared/k8s-examples manifest without an error or a warning', () => {
    const files = exampleFiles();
    expect(files.length).toBeGreaterThan(20);
    const transcript = applyAll(EXAMPLES_DIR, files);
    expect(complaints(transcript)).toEqual([]);
    expect(transcript.match(/ created$/gm)?.length).toBeGreaterThanOrEqual(files.length);
  });

  it("applies the stories' manifests that are meant to be good", () => {
    const files = readdirSync(STORY_MANIFESTS)
      .filter((f) => /\.ya?ml$/.test(f) && !BROKEN_ON_PURPOSE.has(f))
      .sort()
      .map((f) => join(STORY_MANIFESTS, f));
    expect(files.length).toBeGreaterThan(0);
    expect(complaints(applyAll(STORY_MANIFESTS, files))).toEqual([]);
  });

  it('refuses each typo manifest with strict decoding errors only', () => {
    const files = ['typo-pod.yaml', 'typo-deployment.yaml', 'typo-container.yaml'].map((f) =>
      join(STORY_MANIFESTS, f),
    );
    const errors = complaints(applyAll(STORY_MANIFESTS, files));
    expect(errors).toHaveLength(3);
    for (const e of errors) expect(e).toMatch(/: strict decoding error: unknown field "/);
  });
});
