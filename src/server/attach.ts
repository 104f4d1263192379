/**
 * The kitchen's side door: a plain-HTTP listener on 127.0.0.1 for the app page attached to the
 * served cluster (`/?server=URL&token=…`). Browsers do not trust the served CA, and a page may
 * talk to loopback over HTTP, so this door is HTTP; the bearer token guards it, and CORS admits
 * only the app's origins.
 *
 *   GET  /kube-kitchen/v1/feed   newline-delimited JSON: {"type":"hello", options, snapshot}
 *                                (the state with the trace's newest entries only) then every
 *                                ClusterInput as it happens (src/engine/sim/inputs.ts); gzip
 *                                when the page accepts it
 *   POST /kube-kitchen/v1/lines  {"line": "break apiserver"} → {"output", "ok"}: a console line
 *                                run on the served cluster (its effects arrive through the feed)
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createGzip, constants as zlibConstants } from 'node:zlib';
import type { ServedCluster } from './servedCluster';

export const FEED_PATH = '/kube-kitchen/v1/feed';
export const LINES_PATH = '/kube-kitchen/v1/lines';
/** A console line is short; this bounds what a page can make the server parse. */
const MAX_LINE_BODY_BYTES = 64 * 1024;

export interface AttachOptions {
  cluster: ServedCluster;
  token: string;
  /** Origins whose pages may attach (the dev server's and preview's by default). */
  origins: readonly string[];
  /** What the feed's hello says the cluster was made with. */
  options: { workers: number; proxyMode: string; seed: number };
}

export interface AttachDoor {
  server: Server;
  close(): void;
}

export function attachDoor(o: AttachOptions): AttachDoor {
  const feeds = new Set<() => void>();
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const origin = req.headers.origin;
    if (origin && o.origins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }
    if (origin && !o.origins.includes(origin)) return refuse(res, 403, 'origin not allowed');
    if (req.headers.authorization !== `Bearer ${o.token}`) return refuse(res, 401, 'Unauthorized');
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path === FEED_PATH) return feed(o, req, res, feeds);
    if (req.method === 'POST' && path === LINES_PATH) return lines(o, req, res);
    refuse(res, 404, 'not found');
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    server,
    close() {
      for (const end of feeds) end();
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

function feed(
  o: AttachOptions,
  req: IncomingMessage,
  res: ServerResponse,
  feeds: Set<() => void>,
): void {
  o.cluster.catchUp();
  // A busy cluster's hello is mostly its Events, repetitive JSON: gzip makes it about a tenth
  // (a browser asks for it and inflates it as it streams). Each input is flushed as it comes.
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  res.writeHead(200, {
    'Content-Type': 'application/x-ndjson',
    'Cache-Control': 'no-store',
    Vary: 'Accept-Encoding',
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
  const zipped = gzip ? createGzip() : undefined;
  zipped?.pipe(res);
  zipped?.on('error', () => res.destroy());
  const send = (text: string) => {
    if (!zipped) return void res.write(text);
    zipped.write(text);
    zipped.flush(zlibConstants.Z_SYNC_FLUSH);
  };
  send(
    `${JSON.stringify({ type: 'hello', options: o.options, snapshot: o.cluster.helloSnapshot() })}\n`,
  );
  const stop = o.cluster.onInput((input) => send(`${JSON.stringify(input)}\n`));
  const end = () => {
    stop();
    feeds.delete(end);
    if (zipped) {
      if (!zipped.writableEnded) zipped.end();
    } else if (!res.writableEnded) res.end();
  };
  feeds.add(end);
  res.on('close', end);
}

function lines(o: AttachOptions, req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size <= MAX_LINE_BODY_BYTES) chunks.push(c);
  });
  req.on('end', () => {
    if (size > MAX_LINE_BODY_BYTES) return refuse(res, 413, 'line too long');
    let line: unknown;
    try {
      line = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { line?: unknown }).line;
    } catch {
      return refuse(res, 400, 'expected {"line": "…"}');
    }
    if (typeof line !== 'string' || line.includes('\n'))
      return refuse(res, 400, 'expected {"line": "…"} with one line');
    const result = o.cluster.runLine(line);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(result));
  });
}

function refuse(res: ServerResponse, code: number, message: string): void {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: message }));
}
