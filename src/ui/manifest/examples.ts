/**
 * The Kubernetes documentation's example manifests (CC BY 4.0, src/engine/testing/k8s-examples),
 * offered in the manifest editor. Each text is its own small chunk, fetched when picked.
 */
const loaders = import.meta.glob<string>('../../engine/testing/k8s-examples/**/*.yaml', {
  query: '?raw',
  import: 'default',
});

const PREFIX = '../../engine/testing/k8s-examples/';

/** Paths as the documentation names them (`controllers/nginx-deployment.yaml`), sorted. */
export const EXAMPLES: readonly string[] = Object.keys(loaders)
  .map((p) => p.slice(PREFIX.length))
  .sort();

export function loadExample(path: string): Promise<string> {
  const load = loaders[`${PREFIX}${path}`];
  return load ? load() : Promise.reject(new Error(`no example ${path}`));
}

export const EXAMPLES_CREDIT =
  'Kubernetes Documentation examples, © The Kubernetes Authors, CC BY 4.0';
