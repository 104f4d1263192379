/**
 * The attach door: a page that restores the feed's snapshot and applies its inputs holds the
 * very same cluster as the server, byte for byte.
 */
import { get, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { applyInput, type ClusterInput, createSimulation, type Simulation } from '../engine';
import { FEED_PATH, LINES_PATH } from './attach';
import { type RunningServer, serve } from './server';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ORIGIN = 'http://localhost:5173';

/** Follows the feed into a replica; resolves when the feed ends. */
function follow(url: string, token: string, replica: { sim?: Simulation; inputs: number }) {
  return new Promise<void>((resolve, reject) => {
    get(
      `${url}${FEED_PATH}`,
      { headers: { authorization: `Bearer ${token}`, origin: ORIGIN } },
      (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
        let buffered = '';
        res.on('data', (chunk: Buffer) => {
          buffered += chunk.toString('utf8');
          let nl = buffered.indexOf('\n');
          while (nl >= 0) {
            const msg = JSON.parse(buffered.slice(0, nl));
            buffered = buffered.slice(nl + 1);
            if (msg.type === 'hello') {
              replica.sim = createSimulation({ workers: 0, bootMs: 0 });
              replica.sim.restore(msg.snapshot);
            } else {
              applyInput(replica.sim as Simulation, msg as ClusterInput);
              replica.inputs++;
            }
            nl = buffered.indexOf('\n');
          }
        });
        res.on('end', resolve);
        res.on('error', reject);
      },
    ).on('error', reject);
  });
}

function postLine(url: string, token: string, line: string, origin = ORIGIN) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      `${url}${LINES_PATH}`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, origin, 'content-type': 'application/json' },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString('utf8');
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ line }));
  });
}

describe('the attach feed', () => {
  it('gives a page the same cluster as the server, byte for byte', async () => {
    server = await serve({ port: 0, workers: 1, seed: 3, token: 't' });
    const replica: { sim?: Simulation; inputs: number } = { inputs: 0 };
    const done = follow(server.attachUrl, 't', replica);
    await new Promise((r) => setTimeout(r, 100));
    const created = await postLine(
      server.attachUrl,
      't',
      'kubectl create deployment web --image=nginx:1.27 --replicas=2',
    );
    expect(JSON.parse(created.body)).toEqual({
      output: 'deployment.apps/web created\n',
      ok: true,
    });
    expect(JSON.parse((await postLine(server.attachUrl, 't', 'wait 30s')).body).ok).toBe(true);
    await postLine(server.attachUrl, 't', 'break kubelet worker-1');
    await new Promise((r) => setTimeout(r, 200));
    const cluster = server.cluster;
    await server.close();
    server = undefined;
    await done;
    expect(replica.inputs).toBeGreaterThan(3);
    expect(replica.sim?.snapshot()).toBe(cluster.snapshot());
    expect(
      replica.sim?.listPods().filter((p) => p.metadata?.name?.startsWith('web-')),
    ).toHaveLength(2);
  });

  it('refuses a wrong token and a foreign origin, and a line that is not one', async () => {
    server = await serve({ port: 0, workers: 0, token: 't' });
    expect((await postLine(server.attachUrl, 'nope', 'kubectl get pods')).status).toBe(401);
    expect(
      (await postLine(server.attachUrl, 't', 'kubectl get pods', 'http://evil.example')).status,
    ).toBe(403);
    expect((await postLine(server.attachUrl, 't', 'a\nb')).status).toBe(400);
    const unknown = JSON.parse((await postLine(server.attachUrl, 't', 'frobnicate')).body);
    expect(unknown.ok).toBe(false);
    expect(unknown.output).toContain('unknown command');
  });
});
