/**
 * Bad input on the wire: every request gets the right Status, the server stays up and the
 * cluster loses nothing. Over real sockets (TLS, the served CA).
 */
import { Agent, request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serve } from './server';

let server: RunningServer;

beforeAll(async () => {
  server = await serve({ port: 0, workers: 1, seed: 5, token: 'tok' });
});
afterAll(async () => {
  await server?.close();
});

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function call(
  method: string,
  path: string,
  opts: {
    body?: string | Buffer;
    headers?: Record<string, string>;
    token?: string | null;
    agent?: Agent;
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.url);
    const req = httpsRequest(
      url,
      {
        method,
        ca: server.certificates.caCert,
        ...(opts.agent ? { agent: opts.agent } : {}),
        headers: {
          ...(opts.token === null ? {} : { authorization: `Bearer ${opts.token ?? 'tok'}` }),
          ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString('utf8');
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const status = (a: Answer) =>
  JSON.parse(a.body) as { reason: string; message: string; code: number };

describe('the wire', () => {
  it('serves the health checks and version to anyone, nothing else', async () => {
    expect((await call('GET', '/healthz', { token: null })).body).toBe('ok');
    expect(JSON.parse((await call('GET', '/version', { token: null })).body).gitVersion).toBe(
      'v1.34.2',
    );
    const anon = await call('GET', '/api/v1/pods', { token: null });
    expect(anon.status).toBe(403);
    expect(status(anon).message).toBe(
      'forbidden: User "system:anonymous" cannot get path "/api/v1/pods"',
    );
    const wrong = await call('GET', '/api/v1/pods', { token: 'nope' });
    expect(wrong.status).toBe(401);
    expect(status(wrong).reason).toBe('Unauthorized');
  });

  it('answers unknown paths, groups, versions and resources with a 404 Status', async () => {
    for (const path of ['/api/v2/pods', '/apis/apps/v9/deployments', '/api/v1/frobs', '/nope']) {
      const a = await call('GET', path);
      expect(a.status, path).toBe(404);
      expect(status(a).reason, path).toBe('NotFound');
    }
  });

  it('refuses malformed bodies, wrong content types and bad options with the real words', async () => {
    const broken = await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: '{"kind":',
    });
    expect(broken.status).toBe(400);
    expect(status(broken).message).toBe(
      "couldn't get version/kind; json parse error: unexpected end of JSON input",
    );
    const garbage = await call('POST', '/api/v1/namespaces/default/configmaps', { body: 'xyz' });
    expect(status(garbage).message).toBe(
      "couldn't get version/kind; json parse error: invalid character 'x' looking for beginning of value",
    );
    const xml = await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: '<cm/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(xml.status).toBe(415);
    expect(status(xml).reason).toBe('UnsupportedMediaType');
    const dry = await call('POST', '/api/v1/namespaces/default/configmaps?dryRun=Maybe', {
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }),
    });
    expect(dry.status).toBe(422);
    expect(status(dry).message).toBe(
      'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"Maybe"}: supported values: "All"',
    );
    const otherNs = await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'x', namespace: 'kube-system' },
      }),
    });
    expect(status(otherNs).message).toBe(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  });

  it('refuses a body over 3 MiB with 413 and keeps serving', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 1, 0x20);
    const a = await call('POST', '/api/v1/namespaces/default/configmaps', { body: big });
    expect(a.status).toBe(413);
    expect(status(a).message).toBe('Request entity too large: limit is 3145728');
    expect((await call('GET', '/api/v1/namespaces/default/configmaps')).status).toBe(200);
  });

  it('answers 1,000 requests at once, each right, and loses nothing', async () => {
    // Sent together; a client pools its connections (as client-go does), 100 sockets here.
    const agent = new Agent({ keepAlive: true, maxSockets: 100, ca: server.certificates.caCert });
    const writes = Array.from({ length: 200 }, (_, i) =>
      call('POST', '/api/v1/namespaces/default/configmaps', {
        body: JSON.stringify({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: `burst-${i}` },
          data: { i: String(i) },
        }),
        agent,
      }),
    );
    const reads = Array.from({ length: 800 }, (_, i) =>
      call('GET', i % 2 ? '/api/v1/nodes' : '/api/v1/namespaces/kube-system/pods', { agent }),
    );
    const answers = await Promise.all([...writes, ...reads]);
    expect(answers.slice(0, 200).every((a) => a.status === 201)).toBe(true);
    expect(answers.slice(200).every((a) => a.status === 200)).toBe(true);
    const list = JSON.parse((await call('GET', '/api/v1/namespaces/default/configmaps')).body);
    const burst = list.items.filter((i: { metadata: { name: string } }) =>
      i.metadata.name.startsWith('burst-'),
    );
    expect(burst).toHaveLength(200);
    agent.destroy();
  }, 120_000);

  it('survives abandoned watches and a watch from a resourceVersion it no longer holds', async () => {
    for (let i = 0; i < 20; i++) {
      const req = httpsRequest(new URL('/api/v1/pods?watch=true', server.url), {
        ca: server.certificates.caCert,
        headers: { authorization: 'Bearer tok' },
      });
      req.on('response', (res) => {
        res.once('data', () => req.destroy());
      });
      req.on('error', () => {});
      req.end();
    }
    const old = await call('GET', '/api/v1/pods?watch=true&resourceVersion=1&timeoutSeconds=1');
    const event = JSON.parse(old.body.split('\n')[0]);
    expect(event.type).toBe('ERROR');
    expect(event.object).toMatchObject({ reason: 'Expired', code: 410 });
    expect(event.object.message).toMatch(/^too old resource version: 1 \(\d+\)$/);
    expect((await call('GET', '/healthz')).body).toBe('ok');
  });

  it('sends a watch its headers at once, before any event (as serveWatch flushes them)', async () => {
    const rv = server.cluster.revision();
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      // From the current revision: nothing to send until the cluster changes.
      const req = httpsRequest(
        new URL(
          `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}`,
          server.url,
        ),
        { ca: server.certificates.caCert, headers: { authorization: 'Bearer tok' } },
      );
      req.on('response', (res) => {
        resolve(res.headers);
        req.destroy();
      });
      req.on('error', reject);
      req.end();
    });
    expect(headers['content-type']).toBe('application/json');
  }, 10_000);

  it('refuses connections while the simulated API server is down, and serves again after', async () => {
    expect(server.cluster.runLine('break apiserver').ok).toBe(true);
    await expect
      .poll(() =>
        call('GET', '/api/v1/nodes').then(
          () => 'open',
          (e: NodeJS.ErrnoException) => e.code,
        ),
      )
      .toBe('ECONNREFUSED');
    expect(server.cluster.runLine('repair apiserver').ok).toBe(true);
    await expect
      .poll(
        () =>
          call('GET', '/api/v1/nodes').then(
            (a) => a.status,
            () => 0,
          ),
        { timeout: 10_000 },
      )
      .toBe(200);
  });
});
