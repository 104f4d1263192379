/**
 * The cluster's own programs: the pause container's process (kubernetes build/pause/linux/pause.c:
 * SIGINT/SIGTERM → `psignal(…, "Shutting down, got signal")`, exit 0), CoreDNS, and the
 * control-plane components kubeadm runs as static pods and kube-proxy. They keep running and
 * answer their health endpoints; their own (klog) start-up lines are not simulated, and CoreDNS
 * prints only its server block and version (the reload plugin's configuration hash is left out).
 */
import type { HttpResponse, ProcessContext, ProcState, Program, Step } from '../types';
import { RUN } from '../types';

const MIB = 1024 * 1024;

const PSIGNAL: Record<string, string> = { SIGTERM: 'Terminated', SIGINT: 'Interrupt' };

export const pause: Program = {
  baseMemBytes: MIB / 2,
  start(_ctx, p) {
    p.memBytes = MIB / 2;
    return RUN;
  },
  signal(ctx, _p, sig): Step | 'ignored' {
    const name = PSIGNAL[sig];
    if (!name) return 'ignored';
    ctx.write('stderr', `Shutting down, got signal: ${name}`);
    return { kind: 'exit', code: 0 };
  },
};

interface Endpoint {
  port: number;
  protocol: 'TCP' | 'UDP';
  /** HTTP paths answered 200 with this body (others 404, Go's "404 page not found\n"). */
  paths?: Record<string, string>;
}

const GO_NOT_FOUND: HttpResponse = { status: 404, body: '404 page not found\n' };

/** A long-running daemon with fixed endpoints that exits 0 on SIGTERM/SIGINT. */
function daemon(
  memMib: number,
  endpoints: Endpoint[],
  onStart?: (ctx: ProcessContext, p: ProcState) => void,
  onStop?: (ctx: ProcessContext) => number,
): Program {
  return {
    baseMemBytes: (memMib * MIB) / 2,
    start(ctx, p) {
      onStart?.(ctx, p);
      p.memBytes = memMib * MIB;
      return RUN;
    },
    signal(ctx, _p, sig): Step | 'ignored' {
      if (sig !== 'SIGTERM' && sig !== 'SIGINT') return 'ignored';
      return { kind: 'exit', code: 0, afterMs: onStop ? onStop(ctx) : 100 };
    },
    listens(_p, port, protocol) {
      return endpoints.some((e) => e.port === port && e.protocol === protocol);
    },
    http(_ctx, _p, port, req) {
      const e = endpoints.find((x) => x.port === port && x.protocol === 'TCP');
      if (!e?.paths) return undefined;
      const body = e.paths[req.path.split('?')[0]];
      return body === undefined ? GO_NOT_FOUND : { status: 200, body };
    },
  };
}

/** coredns/coredns: kubeadm's Corefile turns on health (lameduck 5s) and ready. */
export const coredns = daemon(
  20,
  [
    { port: 53, protocol: 'UDP' },
    { port: 53, protocol: 'TCP' },
    { port: 9153, protocol: 'TCP', paths: { '/metrics': '' } },
    { port: 8080, protocol: 'TCP', paths: { '/health': 'OK' } },
    { port: 8181, protocol: 'TCP', paths: { '/ready': 'OK' } },
  ],
  (ctx) => {
    ctx.write('stdout', '.:53');
    ctx.write('stdout', 'CoreDNS-1.12.1');
  },
  (ctx) => {
    ctx.write('stdout', '[INFO] SIGTERM: Shutting down servers then terminating');
    ctx.write('stdout', '[INFO] plugin/health: Going into lameduck mode for 5s');
    return 5_000;
  },
);

const apiserverDaemon = daemon(250, [
  { port: 6443, protocol: 'TCP', paths: { '/livez': 'ok', '/readyz': 'ok', '/healthz': 'ok' } },
]);

/**
 * A request without credentials is system:anonymous (kubeadm keeps anonymous auth on), which RBAC
 * lets read only the health endpoints (the system:public-info-viewer ClusterRole); any other path
 * is the authorization filter's 403 (k8s.io/apiserver pkg/endpoints/handlers/responsewriters
 * errors.go forbiddenMessage, as a Status).
 */
export const kubeApiserver: Program = {
  ...apiserverDaemon,
  http(ctx, p, port, req) {
    const res = apiserverDaemon.http?.(ctx, p, port, req);
    if (res?.status !== 404) return res;
    const path = req.path.split('?')[0];
    return { status: 403, body: anonymousForbidden(path) };
  },
};

function anonymousForbidden(path: string): string {
  const message = `forbidden: User "system:anonymous" cannot get path ${JSON.stringify(path)}`;
  return `${JSON.stringify(
    {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason: 'Forbidden',
      details: {},
      code: 403,
    },
    null,
    2,
  )}\n`;
}
export const kubeControllerManager = daemon(60, [
  { port: 10257, protocol: 'TCP', paths: { '/healthz': 'ok' } },
]);
export const kubeScheduler = daemon(30, [
  { port: 10259, protocol: 'TCP', paths: { '/healthz': 'ok', '/livez': 'ok', '/readyz': 'ok' } },
]);
export const etcd = daemon(60, [
  { port: 2379, protocol: 'TCP' },
  { port: 2380, protocol: 'TCP' },
  {
    port: 2381,
    protocol: 'TCP',
    paths: { '/health': '{"health":"true","reason":""}', '/readyz': 'ok', '/livez': 'ok' },
  },
]);
export const kubeProxy = daemon(30, [
  // Its /healthz answers a JSON timestamp pair: only the status is simulated.
  { port: 10256, protocol: 'TCP', paths: { '/healthz': '', '/livez': '' } },
  { port: 10249, protocol: 'TCP', paths: { '/metrics': '' } },
]);

/** fluentd (the DaemonSet page's fluentd-elasticsearch image): runs; its output is not simulated. */
export const fluentd = daemon(80, []);
