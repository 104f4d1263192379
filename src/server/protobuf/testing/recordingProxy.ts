/**
 * An HTTPS proxy in front of a served cluster that keeps every request body it passes on, so a
 * test can see the exact bytes the real kubectl sent. It serves the cluster's own certificate,
 * so a kubeconfig for the cluster works for it with only the port changed.
 */
import { createServer, request as httpsRequest, type Server } from 'node:https';
import type { Socket } from 'node:net';
import type { RunningServer } from '../../server';

export interface RecordedRequest {
  method: string;
  /** The path and query. */
  url: string;
  contentType: string;
  body: Buffer;
}

export interface RecordingProxy {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function recordingProxy(target: RunningServer): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer(
    { cert: target.certificates.cert, key: target.certificates.key },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        requests.push({
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          contentType: req.headers['content-type'] ?? '',
          body,
        });
        const upstream = httpsRequest(
          {
            host: '127.0.0.1',
            port: target.port,
            method: req.method,
            path: req.url,
            headers: req.headers,
            ca: target.certificates.caCert,
            servername: 'localhost',
          },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          },
        );
        upstream.on('error', () => res.destroy());
        upstream.end(body);
      });
    },
  );
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    }),
  );
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
