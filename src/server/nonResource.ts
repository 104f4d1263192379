/**
 * The paths that are not resources: version, health checks, discovery and OpenAPI
 * (genericapiserver's routes). Health and version are open to anonymous clients
 * (system:public-info-viewer), the rest to authenticated ones.
 */
import { KUBERNETES_VERSION } from '../engine';
import type { Identity } from './auth';
import { discovery } from './discovery/provisional';
import { json, type Reply, type ServerContext, type WireRequest } from './handler';

const PUBLIC = new Set(['/version', '/healthz', '/livez', '/readyz']);

export function nonResource(
  ctx: ServerContext,
  path: string,
  req: WireRequest,
  who: Identity,
): Reply | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  if (PUBLIC.has(path)) {
    if (path === '/version') return json(200, versionInfo());
    return { kind: 'text', status: 200, body: 'ok', contentType: 'text/plain; charset=utf-8' };
  }
  if (who.kind === 'anonymous') return undefined;
  const doc = discovery(path, req.headers.accept ?? '', ctx.cluster.sim);
  if (doc) return doc;
  return undefined;
}

/** version.Info as kube-apiserver reports it (the Go fields, in their order). */
export function versionInfo() {
  const [major, minor] = KUBERNETES_VERSION.slice(1).split('.');
  return {
    major,
    minor,
    emulationMajor: major,
    emulationMinor: minor,
    minCompatibilityMajor: major,
    minCompatibilityMinor: String(Number(minor) - 1),
    gitVersion: KUBERNETES_VERSION,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-11-11T00:00:00Z',
    goVersion: 'go1.24.9',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
