/**
 * The attach door: a page that restores the feed's snapshot and applies its inputs holds the
 * very same cluster as the server, byte for byte.
 */
import { get, request } from 'node:http';
import { createGunzip, constants as zlibConstants } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { applyInput, type ClusterInput, createSimulation, type Simulation } from '../engine';
import { FEED_PATH, LINES_PATH } from './attach';
import { HELLO_TRACE_ENTRIES } from './servedCluster';
import { type RunningServer, serve } from './server';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ORIGIN = 'http://localhost:5173';

/** Follows the feed into a replica; resolves when the feed ends. */
function follow(
  url: string,
  token: string,
  replica: { sim?: Simulation; inputs: number; helloBytes?: number },
  gzip = false,
) {
  return new Promise<void>((resolve, reject) => {
    get(
      `${url}${FEED_PATH}`,
      {
        headers: {
          authorization: `Bearer ${token}`,
          origin: ORIGIN,
          ...(gzip ? { 'accept-encoding': 'gzip, deflate, br' } : {}),
        },
      },
      (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
        expect(res.headers['content-encoding']).toBe(gzip ? 'gzip' : undefined);
        const gunzip = gzip
          ? res.pipe(createGunzip({ finishFlush: zlibConstants.Z_SYNC_FLUSH }))
          : undefined;
        // The server going cuts the response: what was inflated so far is all there is.
        if (gunzip) res.on('close', () => gunzip.end());
        const body = gunzip ?? res;
        let buffered = '';
        // A character may straddle two chunks: the stream's decoder keeps its bytes together.
        body.setEncoding('utf8');
        body.on('data', (chunk: string) => {
          buffered += chunk;
          let nl = buffered.indexOf('\n');
          while (nl >= 0) {
            const msg = JSON.parse(buffered.slice(0, nl));
            buffered = buffered.slice(nl + 1);
            if (msg.type === 'hello') {
              replica.helloBytes = nl;
              replica.sim = createSimulation({ workers: 0, bootMs: 0 });
              replica.sim.restore(msg.snapshot);
            } else {
              applyInput(replica.sim as Simulation, msg as ClusterInput);
              replica.inputs++;
            }
            nl = buffered.indexOf('\n');
          }
        });
        body.on('end', resolve);
        body.on('error', reject);
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

  it('says hello with the newest trace entries only, gzipped for a page that accepts it', async () => {
    server = await serve({ port: 0, workers: 2, seed: 4, token: 't' });
    const cluster = server.cluster;
    // A long trace: more entries than the hello carries.
    while (cluster.sim.state.traceSeq < HELLO_TRACE_ENTRIES * 3) cluster.sim.advanceBy(60_000);
    const replica: { sim?: Simulation; inputs: number; helloBytes?: number } = { inputs: 0 };
    const done = follow(server.attachUrl, 't', replica, true);
    while (!replica.sim) await new Promise((r) => setTimeout(r, 20));
    await postLine(server.attachUrl, 't', 'kubectl create deployment web --image=nginx:1.27');
    await postLine(server.attachUrl, 't', 'wait 20s');
    await new Promise((r) => setTimeout(r, 200));
    await server.close();
    server = undefined;
    await done;
    const sim = replica.sim as Simulation;
    expect(replica.helloBytes).toBeLessThan(cluster.snapshot().length / 2);
    // The same cluster; of the trace, the newest entries, the same ones.
    const light = (s: Simulation) => {
      const { trace: _t, traceHead: _h, ...rest } = JSON.parse(s.snapshot());
      return JSON.stringify(rest);
    };
    expect(light(sim)).toBe(light(cluster.sim));
    const kept = sim.traceEntries();
    expect(kept.length).toBeGreaterThan(HELLO_TRACE_ENTRIES);
    expect(kept.length).toBeLessThan(cluster.sim.traceEntries().length);
    expect(JSON.stringify(kept)).toBe(JSON.stringify(cluster.sim.traceTail(kept.length)));
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
