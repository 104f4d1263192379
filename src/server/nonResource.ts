/**
 * The paths that are not resources: version, health checks, discovery and OpenAPI
 * (genericapiserver's routes). Health and version are open to anonymous clients
 * (system:public-info-viewer), the rest to authenticated ones.
 */
import { KUBERNETES_VERSION } from '../engine';
import type { Identity } from './auth';
import { discoveryAnswer } from './discovery';
import { answerReply } from './discovery/reply';
import { json, type Reply, type ServerContext, type WireRequest } from './handler';
import { openapiAnswer } from './openapi';

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
  const headers = {
    accept: req.headers.accept,
    acceptEncoding: req.headers['accept-encoding'],
    ifNoneMatch: req.headers['if-none-match'],
  };
  const answer = path.startsWith('/openapi/')
    ? openapiAnswer(path, req.query.get('hash'), headers, new Date())
    : discoveryAnswer(path, headers, ctx.cluster.sim.serverAddress);
  return answer && answerReply(answer);
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
