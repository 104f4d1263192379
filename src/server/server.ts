/**
 * The sockets: an HTTPS server on 127.0.0.1 whose requests go to `handle`, watch streams kept
 * open and fed from the cluster's writes, the clock pumped while clients wait, and the listener
 * closed while the simulated API server is down (clients get connection refused, as from a
 * stopped kube-apiserver) and opened again when it is back.
 */
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttps, type Server } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ADMIN, followLog, MAX_REQUEST_BODY_BYTES } from '../engine';
import { attachDoor } from './attach';
import { authenticate } from './auth';
import { execUpgrade } from './exec';
import { handle, type Reply, type ServerContext, type WireRequest } from './handler';
import { attachUpgrade } from './podAttach';
import { portForwardUpgrade } from './portForward';
import { route } from './routes';
import { ServedCluster, type ServedClusterOptions } from './servedCluster';
import { forbiddenPath, notFoundStatus, requestEntityTooLarge } from './status';
import { makeCertificates, type ServingCertificates } from './tls';
import { httpError } from './upgrade';
import type { WatchEvent, WatchOpen } from './watchRequest';

/** apiserver's MaxRequestBodyBytes: 3 MiB. */
export { MAX_REQUEST_BODY_BYTES };

/** How often the cluster catches up with the wall clock while clients wait. */
const PUMP_INTERVAL_MS = 50;
/** The watch cache sends a bookmark about once a minute to watchers who asked. */
const BOOKMARK_INTERVAL_MS = 60_000;

export interface ServeOptions extends ServedClusterOptions {
  port?: number;
  host?: string;
  /** A fixed token (tests); by default a random one. */
  token?: string;
  /** The attach door's port (default: the API port + 1; 0 picks a free one). */
  attachPort?: number;
  /** Origins of the app pages that may attach (default: the dev server's and preview's). */
  appOrigins?: string[];
}

/** Where `npm run dev` and `npm run preview` serve the app. */
export const DEFAULT_APP_ORIGINS = [
  'http://localhost:5173',
  'http://127.0.0.1:5173',
  'http://localhost:4173',
  'http://127.0.0.1:4173',
];

export interface RunningServer {
  url: string;
  /** The attach door (src/server/attach.ts): what `?server=` names. */
  attachUrl: string;
  port: number;
  token: string;
  certificates: ServingCertificates;
  cluster: ServedCluster;
  close(): Promise<void>;
}

export async function serve(opts: ServeOptions = {}): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const cluster = new ServedCluster(opts);
  const certificates = await makeCertificates(Date.now(), {
    dns: [
      'control-plane',
      'kubernetes',
      'kubernetes.default',
      'kubernetes.default.svc',
      'kubernetes.default.svc.cluster.local',
      'localhost',
    ],
    ips: ['10.96.0.1', '127.0.0.1', host === '0.0.0.0' ? '127.0.0.1' : host].filter(
      (v, i, a) => a.indexOf(v) === i,
    ),
  });
  const ctx: ServerContext = { cluster, tokens: new Map([[token, ADMIN]]) };
  const sockets = new Set<Socket>();
  const watches = new Set<() => void>();
  const server: Server = createHttps(
    { cert: certificates.cert, key: certificates.key },
    (req, res) => onRequest(ctx, req, res, watches),
  );
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) =>
    onUpgrade(ctx, req, socket, watches),
  );
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await listen(server, opts.port ?? 6443, host);
  const door = attachDoor({
    cluster,
    token,
    origins: opts.appOrigins ?? DEFAULT_APP_ORIGINS,
    options: {
      workers: opts.workers ?? 2,
      proxyMode: opts.proxyMode ?? 'iptables',
      seed: opts.seed ?? 1,
    },
  });
  const attachPort = await listen(
    door.server,
    opts.attachPort ?? (opts.port === 0 ? 0 : port + 1),
    host,
  );
  let listening = true;
  let closed = false;
  let switching = false;
  const pump = setInterval(() => {
    cluster.catchUp();
    const up = cluster.sim.state.apiserverUp;
    if (switching || up === listening || closed) return;
    switching = true;
    if (!up) {
      // kube-apiserver stopped: every connection goes with it.
      for (const end of watches) end();
      for (const s of sockets) s.destroy();
      server.close(() => {
        listening = false;
        switching = false;
      });
    } else {
      listen(server, port, host).then(() => {
        listening = true;
        switching = false;
      });
    }
  }, PUMP_INTERVAL_MS);
  return {
    url: `https://${host}:${port}`,
    attachUrl: `http://${host}:${attachPort}`,
    port,
    token,
    certificates,
    cluster,
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        clearInterval(pump);
        door.close();
        for (const end of watches) end();
        for (const s of sockets) s.destroy();
        if (!listening) return resolve();
        server.close(() => resolve());
      }),
  };
}

function listen(server: Server | HttpServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    // A burst of clients (1,000 at once) must queue, not be reset: a deep accept backlog.
    server.listen({ port, host, backlog: 4096 }, () => {
      server.off('error', onError);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

/** The streaming subresources a WebSocket upgrade may reach. */
type Upgrade = (
  ctx: ServerContext,
  req: IncomingMessage,
  socket: Duplex,
  target: { namespace: string; name: string },
  query: URLSearchParams,
  who: Extract<ReturnType<typeof authenticate>, { kind: 'user' }>,
  ends: Set<() => void>,
) => void;
const UPGRADES = new Map<string, Upgrade>([
  [
    'exec',
    (ctx, req, socket, target, query, who) => execUpgrade(ctx, req, socket, target, query, who),
  ],
  ['attach', attachUpgrade],
  [
    'portforward',
    (ctx, req, socket, target, _query, who, ends) =>
      portForwardUpgrade(ctx, req, socket, target, who, ends),
  ],
]);

/**
 * kubectl exec's, attach's and port-forward's WebSockets; any other upgrade is refused as the
 * API server refuses it.
 */
function onUpgrade(
  ctx: ServerContext,
  req: IncomingMessage,
  socket: Duplex,
  ends: Set<() => void>,
): void {
  socket.on('error', () => socket.destroy());
  ctx.cluster.catchUp();
  const url = new URL(req.url ?? '/', 'https://localhost');
  const who = authenticate(ctx.tokens, headersOf(req));
  const refuse = (code: number, status: object) => httpError(socket, code, status);
  if (who.kind === 'unauthorized') return refuse(401, who.status as object);
  if (!ctx.cluster.sim.state.apiserverUp) return void socket.destroy();
  if (who.kind === 'anonymous')
    return refuse(403, forbiddenPath(req.method?.toLowerCase() ?? 'get', url.pathname));
  const r = route(url.pathname);
  const upgrade =
    r.kind === 'resource' && r.target.resource.resource === 'pods'
      ? UPGRADES.get(r.target.subresource ?? '')
      : undefined;
  if (!upgrade || r.kind !== 'resource' || !r.target.namespace || !r.target.name)
    return refuse(404, notFoundStatus());
  upgrade(
    ctx,
    req,
    socket,
    { namespace: r.target.namespace, name: r.target.name },
    url.searchParams,
    who,
    ends,
  );
}

/** Header names lower-cased, repeated headers joined as Go's Header.Get would see them. */
function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers))
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  return headers;
}

function onRequest(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  watches: Set<() => void>,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (c: Buffer) => {
    if (tooLarge) return;
    size += c.length;
    if (size > MAX_REQUEST_BODY_BYTES) {
      tooLarge = true;
      chunks.length = 0;
      return;
    }
    chunks.push(c);
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    if (tooLarge) {
      send(res, { kind: 'json', status: 413, body: requestEntityTooLarge(MAX_REQUEST_BODY_BYTES) });
      return;
    }
    const url = new URL(req.url ?? '/', 'https://localhost');
    const headers = headersOf(req);
    const wire: WireRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      headers,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    };
    let reply: Reply;
    try {
      reply = handle(ctx, wire);
    } catch (e) {
      reply = {
        kind: 'json',
        status: 500,
        body: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `Internal error occurred: ${(e as Error).message}`,
          reason: 'InternalError',
          code: 500,
        },
      };
    }
    if (reply.kind === 'watch') return stream(ctx, reply.open, res, watches);
    if (reply.kind === 'logFollow') return followLogStream(ctx, reply, res, watches);
    send(res, reply);
  });
}

function send(res: ServerResponse, reply: Exclude<Reply, { kind: 'watch' | 'logFollow' }>): void {
  if (reply.kind === 'refuse') {
    res.destroy();
    return;
  }
  if (reply.kind === 'text') {
    res.writeHead(reply.status, { 'Content-Type': reply.contentType });
    res.end(reply.body);
    return;
  }
  if (reply.kind === 'answer') {
    res.writeHead(reply.answer.status, reply.answer.headers);
    res.end(reply.answer.body);
    return;
  }
  const headers: Record<string, string | string[]> = { 'Content-Type': 'application/json' };
  if (reply.warnings?.length)
    headers.Warning = reply.warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(reply.status, headers);
  res.end(JSON.stringify(reply.body));
}

/** A watch: newline-delimited JSON events, chunked, until the client goes or the timeout. */
function stream(
  ctx: ServerContext,
  open: WatchOpen,
  res: ServerResponse,
  watches: Set<() => void>,
): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  // As the apiserver's serveWatch (WriteHeader, then Flush): the client hears the watch has
  // started before any event, not with the first one.
  res.flushHeaders();
  const write = (e: WatchEvent) => res.write(`${JSON.stringify(e)}\n`);
  for (const e of open.initial) write(e);
  if (open.endAfterInitial) {
    res.end();
    return;
  }
  const unsubscribe = ctx.cluster.subscribe((w) => {
    const e = open.convert(w);
    if (e) write(e);
  });
  const timers: NodeJS.Timeout[] = [];
  const end = () => {
    unsubscribe();
    for (const t of timers) clearTimeout(t);
    watches.delete(end);
    if (!res.writableEnded) res.end();
  };
  watches.add(end);
  res.on('close', end);
  if (open.timeoutSeconds !== undefined) timers.push(setTimeout(end, open.timeoutSeconds * 1000));
  if (open.bookmark) {
    const { kind, apiVersion } = open.bookmark;
    const tick = setInterval(() => {
      write({
        type: 'BOOKMARK',
        object: { kind, apiVersion, metadata: { resourceVersion: String(ctx.cluster.revision()) } },
      });
    }, BOOKMARK_INTERVAL_MS);
    timers.push(tick as unknown as NodeJS.Timeout);
  }
}

/**
 * `kubectl logs -f`: the log so far, then each line the container writes, read as the kubelet
 * reads a followed file (checked every FOLLOW_INTERVAL_MS, as the cluster catches up); the
 * response ends when the container stops (its last lines sent first), at limitBytes, when the
 * client goes, or with the server.
 */
function followLogStream(
  ctx: ServerContext,
  reply: Extract<Reply, { kind: 'logFollow' }>,
  res: ServerResponse,
  watches: Set<() => void>,
): void {
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  let left = reply.limitBytes ?? Number.POSITIVE_INFINITY;
  let follow = reply.follow;
  /** Writes what fits under limitBytes; false once the limit is reached. */
  const write = (text: string): boolean => {
    if (text === '') return left > 0;
    const bytes = Buffer.from(text, 'utf8');
    const fits = bytes.length <= left ? bytes : cutUtf8(bytes, left);
    if (fits.length > 0) res.write(fits);
    left -= bytes.length;
    return left > 0;
  };
  const end = () => {
    clearInterval(tick);
    watches.delete(end);
    if (!res.writableEnded) res.end();
  };
  const poll = () => {
    ctx.cluster.catchUp();
    const read = followLog(ctx.cluster.sim, follow, reply.timestamps);
    follow = read.follow;
    if (!write(read.text) || read.ended) end();
  };
  const tick = setInterval(poll, FOLLOW_INTERVAL_MS);
  watches.add(end);
  res.on('close', end);
  if (!write(reply.body)) end();
  else poll();
}

/** How often a followed log is read again. */
const FOLLOW_INTERVAL_MS = 100;

/** The first `limit` bytes of UTF-8 text, not splitting a character. */
function cutUtf8(bytes: Buffer, limit: number): Buffer {
  let n = Math.max(0, limit);
  while (n > 0 && n < bytes.length && (bytes[n] & 0xc0) === 0x80) n--;
  return bytes.subarray(0, n);
}
