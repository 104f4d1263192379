import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../src/engine/api/resources.ts';
import {
  DEFAULT_INPUTS,
  documentHash,
  generateFromMirrors,
  OUT_DIR,
  renderFiles,
  storedName,
} from './gen-openapi.ts';
import { servesPath } from './openapi/trim.ts';

const mirrors = Object.values(DEFAULT_INPUTS).map((spec) => spec.slice(0, spec.lastIndexOf('@')));
const haveMirrors = mirrors.every((dir) => existsSync(dir));

function committed(file: string): Buffer {
  const stored = storedName(file);
  const bytes = readFileSync(join(OUT_DIR, stored));
  return stored.endsWith('.gz') ? gunzipSync(bytes) : bytes;
}

describe('src/server/openapi/generated', () => {
  // The inputs are the Kubernetes mirrors of this machine (see scripts/gen-openapi.ts).
  it.skipIf(!haveMirrors)('is what scripts/gen-openapi.ts makes of its inputs', () => {
    const files = renderFiles(generateFromMirrors());
    for (const [file, body] of files)
      expect(committed(file).equals(Buffer.from(body)), `${file} differs: regenerate`).toBe(true);
    const manifest = JSON.parse(committed('manifest.json').toString('utf8'));
    expect(Object.keys(manifest.v3).length + 3).toBe(files.size);
  });

  it('has a manifest whose hashes are the documents’ hashes', () => {
    const manifest = JSON.parse(committed('manifest.json').toString('utf8')) as {
      v2: { file: string; hash: string };
      v2Protobuf: { file: string; hash: string };
      v3: Record<string, { file: string; hash: string }>;
    };
    const entries = [manifest.v2, manifest.v2Protobuf, ...Object.values(manifest.v3)];
    for (const { file, hash } of entries) expect(documentHash(committed(file)), file).toBe(hash);
  });

  it('has no path the resource table does not serve (regenerate after changing it)', () => {
    const manifest = JSON.parse(committed('manifest.json').toString('utf8')) as {
      v3: Record<string, { file: string }>;
    };
    for (const { file } of Object.values(manifest.v3)) {
      const doc = JSON.parse(committed(file).toString('utf8')) as { paths: object };
      for (const path of Object.keys(doc.paths))
        expect(servesPath(path, RESOURCES), `${file} ${path}`).toBe(true);
    }
  });
});
