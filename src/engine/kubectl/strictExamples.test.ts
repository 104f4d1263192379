/**
 * Every manifest of the Kubernetes documentation (shared/k8s-examples) applies with kubectl's
 * default strict field validation, the way it does on a real cluster: no unknown field, no
 * warning, every object created. So do the manifests of the stories (all but the ones wrong on
 * purpose), the walkthroughs' labs and the fuzzer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLab } from '../lab/runLab';
import { createSimulation } from '../sim/bootstrap';
import { EXAMPLES_DIR, exampleFiles } from '../testing/examples';
import { FUZZ_MANIFESTS } from '../testing/fuzzManifests';

const STORY_MANIFESTS = join(import.meta.dirname, '../lab/stories/manifests');
const WALKTHROUGH_LABS = join(import.meta.dirname, '../../scenarios/labs');

/** Manifests that are bad on purpose (bad-input.lab, strict-fields.lab). */
const BROKEN_ON_PURPOSE = new Set([
  'alias-bomb.yaml',
  'invalid-pod.yaml',
  'malformed.yaml',
  'no-kind.yaml',
  'typo-pod.yaml',
  'typo-deployment.yaml',
  'typo-container.yaml',
  // configmap-secret.lab: invalid env references and undecodable base64, refused on purpose.
  'bad-env-pod.yaml',
  'bad-secret.yaml',
]);

/**
 * `kubectl apply -f` each file on a cluster of its own (several examples name the same objects),
 * after creating the namespaces it names, as the documentation's pages do first.
 */
function applyAll(
  dir: string,
  files: string[],
  read = (path: string) => readFileSync(path, 'utf8'),
): string {
  return files.map((f) => applyOne(dir, f, read)).join('');
}

function applyOne(dir: string, file: string, read: (path: string) => string): string {
  const namespaces = new Set(
    [...read(file).matchAll(/^\s+namespace: ([\w-]+)$/gm)].map((m) => m[1]),
  );
  for (const ns of ['default', 'kube-system']) namespaces.delete(ns);
  const script = [
    ...[...namespaces].sort().map((ns) => `kubectl create namespace ${ns}`),
    // The service account controller gives each new namespace its `default` account.
    'wait 2s',
    `kubectl apply -f ${relative(dir, file)}`,
  ].join('\n');
  return runLab(script, {
    createHost: (opts) => createSimulation(opts),
    readFile: (path) => {
      try {
        return read(join(dir, path));
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
    .filter(
      (l) => l !== '' && !l.startsWith('$ ') && !/^[\w.]+\/[\w.-]+ (created|configured)$/.test(l),
    );
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

  it("applies the walkthroughs' lab manifests", () => {
    const files = readdirSync(WALKTHROUGH_LABS)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => join(WALKTHROUGH_LABS, f));
    expect(files.length).toBeGreaterThan(0);
    expect(complaints(applyAll(WALKTHROUGH_LABS, files))).toEqual([]);
  });

  it("applies the fuzzer's manifests", () => {
    const names = Object.keys(FUZZ_MANIFESTS)
      .filter((n) => n !== 'typo.yaml')
      .sort();
    const transcript = applyAll(
      '/fuzz',
      names.map((n) => `/fuzz/${n}`),
      (path) => FUZZ_MANIFESTS[path.slice('/fuzz/'.length)] ?? '',
    );
    expect(complaints(transcript)).toEqual([]);
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
