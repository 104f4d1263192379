/** Pods for tests: one container, created as kubectl would (the admin user, default namespace). */
import type { ApiResult } from '../api/types';
import type { Simulation } from '../sim/simulation';

export function createTestPod(
  sim: Simulation,
  metadata: { name?: string; generateName?: string },
  spec: { nodeName?: string; image?: string } = {},
): ApiResult {
  return sim.call({
    verb: 'create',
    resource: 'pods',
    namespace: 'default',
    body: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata,
      spec: {
        ...(spec.nodeName ? { nodeName: spec.nodeName } : {}),
        containers: [{ name: 'nginx', image: spec.image ?? 'nginx:1.14.2' }],
      },
    },
  });
}
