/**
 * Every manifest in shared/k8s-examples (copied from kubernetes/website) must be accepted the
 * way a real API server accepts it: defaulted, given its generated fields, and validated clean.
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { fieldErrorText } from '../api/errors';
import { resourceForKind } from '../api/resources';
import type { KObject } from '../api/types';
import { seedRng } from '../sim/rng';
import { EXAMPLES_DIR } from '../testing/examples';
import { runMutatingAdmission } from './admission';
import { applyDefaults, generateJobSelector } from './defaults';
import { checkDecodable, validateCreate } from './validation';

const EXAMPLES = EXAMPLES_DIR;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return name.endsWith('.yaml') ? [path] : [];
  });
}

function objects(path: string): KObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((doc) => doc.toJS())
    .filter((o): o is KObject => o != null && typeof o === 'object');
}

/** What the API server does before validation: default, set namespace and uid, generate a Job selector. */
function asCreated(obj: KObject): KObject {
  const namespaced = resourceForKind(obj.kind)?.namespaced ?? true;
  let out: KObject = { ...obj, metadata: { ...obj.metadata } };
  if (namespaced) out.metadata.namespace ??= 'default';
  out = applyDefaults(out);
  const uid = `uid-${out.metadata.name}`;
  out.metadata.uid = uid;
  if (out.kind === 'Job') out = generateJobSelector(out, uid);
  return out;
}

const files = yamlFiles(EXAMPLES).sort();

describe('shared/k8s-examples', () => {
  it('finds the example manifests', () => {
    expect(files.length).toBe(23);
  });

  for (const file of files) {
    it(`accepts ${relative(EXAMPLES, file)}`, () => {
      const docs = objects(file);
      expect(docs.length).toBeGreaterThan(0);
      for (const obj of docs) {
        expect(checkDecodable(obj)).toBeUndefined();
        const created = asCreated(obj);
        expect(validateCreate(created).map(fieldErrorText)).toEqual([]);
        const resource = resourceForKind(created.kind);
        if (!resource) throw new Error(`no resource for ${created.kind}`);
        const admitted = runMutatingAdmission({
          operation: 'CREATE',
          resource,
          obj: created,
          user: { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins'] },
          rng: seedRng(1),
          namespaceExists: () => true,
        });
        expect(admitted.error).toBeUndefined();
        expect(validateCreate(admitted.obj as KObject).map(fieldErrorText)).toEqual([]);
      }
    });
  }
});
