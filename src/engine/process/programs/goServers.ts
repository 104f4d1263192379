/**
 * Small Go servers from the docs' examples, and the stand-in for any program this simulation
 * does not know.
 *
 * A Go program that does not handle SIGTERM exits with status 2 when it gets one, even as PID 1:
 * the runtime catches the signal, re-raises it with the default action, and when it survives
 * that (init ignores it) it calls exit(2) (runtime/signal_unix.go dieFromSignal).
 *
 * - hello-app (GoogleCloudPlatform/kubernetes-engine-samples quickstarts/hello-app): logs
 *   `Server listening on port 8080`, then `Serving request: PATH` per request (Go's log package:
 *   stderr, `2006/01/02 15:04:05 ` prefix), answers every path with its greeting.
 * - goproxy (the probes page's TCP example: elazarl/goproxy's basic proxy): an HTTP proxy on
 *   8080; a plain request gets goproxy's NonproxyHandler error.
 * - hello-go (the "connect a frontend to a backend" tutorial's backend): `{"message":"Hello"}`.
 */
import { slashTime } from '../clock';
import type { Program, Step } from '../types';
import { RUN } from '../types';

const MIB = 1024 * 1024;

const GO_SIGTERM_EXIT = 2;

function goStop(sig: string): Step | 'ignored' {
  return sig === 'SIGTERM' || sig === 'SIGINT' || sig === 'SIGQUIT' || sig === 'SIGHUP'
    ? { kind: 'exit', code: GO_SIGTERM_EXIT }
    : 'ignored';
}

export const helloApp: Program = {
  baseMemBytes: 2 * MIB,
  start(ctx, p) {
    const port = Number(ctx.env.PORT) > 0 ? Number(ctx.env.PORT) : 8080;
    // The tag names the version the app prints (1.0 → 1.0.0, 2.0 → 2.0.0).
    const ref = ctx.imageRef;
    const tag =
      ref.lastIndexOf(':') > ref.lastIndexOf('/') ? ref.slice(ref.lastIndexOf(':') + 1) : '';
    const version = /^\d+\.\d+$/.test(tag) ? `${tag}.0` : tag || '1.0.0';
    p.data = { port, version };
    p.memBytes = 4 * MIB;
    ctx.write('stderr', `${slashTime(ctx.nowMs)} Server listening on port ${port}`);
    return RUN;
  },
  signal: (_ctx, _p, sig) => goStop(sig),
  listens: (p, port, protocol) => protocol === 'TCP' && port === p.data?.port,
  http(ctx, p, port, req) {
    if (port !== p.data?.port) return undefined;
    ctx.write('stderr', `${slashTime(ctx.nowMs)} Serving request: ${req.path.split('?')[0]}`);
    return {
      status: 200,
      body: `Hello, world!\nVersion: ${p.data.version}\nHostname: ${ctx.hostname}\n`,
    };
  },
};

export const goproxy: Program = {
  baseMemBytes: 2 * MIB,
  start(_ctx, p) {
    p.memBytes = 4 * MIB;
    return RUN;
  },
  signal: (_ctx, _p, sig) => goStop(sig),
  listens: (_p, port, protocol) => protocol === 'TCP' && port === 8080,
  http(_ctx, _p, port) {
    if (port !== 8080) return undefined;
    return {
      status: 500,
      body: 'This is a proxy server. Does not respond to non-proxy requests.\n',
    };
  },
};

export const helloGo: Program = {
  baseMemBytes: 2 * MIB,
  start(_ctx, p) {
    p.memBytes = 4 * MIB;
    return RUN;
  },
  signal: (_ctx, _p, sig) => goStop(sig),
  listens: (_p, port, protocol) => protocol === 'TCP' && port === 80,
  http: (_ctx, _p, port) =>
    port === 80 ? { status: 200, body: '{"message":"Hello"}' } : undefined,
};

/**
 * A program this simulation does not know (an image's own binary): it keeps running, silently,
 * accepting connections on the ports its image declares (EXPOSE), and stops when told to.
 */
export const unknownServer: Program = {
  baseMemBytes: MIB,
  start(ctx, p) {
    p.data = {
      ports: ctx.image.exposedPorts.map((x) => x.toUpperCase()),
    };
    p.memBytes = 8 * MIB;
    return RUN;
  },
  signal(_ctx, _p, sig): Step | 'ignored' {
    return sig === 'SIGTERM' || sig === 'SIGINT' || sig === 'SIGQUIT'
      ? { kind: 'exit', code: 0 }
      : 'ignored';
  },
  listens(p, port, protocol) {
    const ports = (p.data?.ports ?? []) as string[];
    return ports.includes(`${port}/${protocol}`);
  },
};
