/**
 * The Kubernetes documentation's example manifests (CC BY 4.0, see k8s-examples/SOURCE.md),
 * copied byte for byte from shared/k8s-examples so the tests never depend on a path outside the
 * repository.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const EXAMPLES_DIR = join(import.meta.dirname, 'k8s-examples');

/** Every .yaml file under the examples folder, sorted. */
export function exampleFiles(dir = EXAMPLES_DIR): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return exampleFiles(path);
      return name.endsWith('.yaml') ? [path] : [];
    });
}
