/**
 * `npm run bench:api`: the served cluster's speed over real sockets (TLS, keep-alive): GET and
 * create requests per second with 50 concurrent clients, and watch fan-out latency — a write's
 * time to reach 100 open watches. Prints medians and p99s; run it three times for a figure.
 */

import { Agent, request } from 'node:https';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type RunningServer, serve } from '../server/server';

const CLIENTS = 50;
const GETS = 5_000;
const CREATES = 2_000;
const WATCHERS = 100;
const FANOUT_ROUNDS = 30;

function caller(server: RunningServer) {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS, ca: server.certificates.caCert });
  return (method: string, path: string, body?: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        new URL(path, server.url),
        {
          method,
          agent,
          headers: {
            authorization: `Bearer ${server.token}`,
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

/** `total` calls from `CLIENTS` workers; requests per second and latency percentiles. */
async function load(total: number, one: (i: number) => Promise<number>, expectStatus: number) {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < total) {
        const i = next++;
        const s = performance.now();
        const status = await one(i);
        if (status !== expectStatus) throw new Error(`request ${i}: HTTP ${status}`);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: total / seconds,
    p50: latencies[Math.floor(latencies.length / 2)],
    p99: latencies[Math.floor(latencies.length * 0.99)],
  };
}

async function fanOut(server: RunningServer, send: ReturnType<typeof caller>) {
  const agent = new Agent({
    keepAlive: true,
    maxSockets: WATCHERS,
    ca: server.certificates.caCert,
  });
  const waiting = new Map<string, { left: number; start: number; done: (ms: number) => void }>();
  const opened: Promise<void>[] = [];
  for (let i = 0; i < WATCHERS; i++) {
    opened.push(
      new Promise((ready, reject) => {
        const req = request(
          new URL('/api/v1/namespaces/bench/configmaps?watch=true', server.url),
          { agent, headers: { authorization: `Bearer ${server.token}` } },
          (res) => {
            ready();
            let buffered = '';
            res.on('data', (c: Buffer) => {
              buffered += c.toString('utf8');
              let nl = buffered.indexOf('\n');
              while (nl >= 0) {
                const e = JSON.parse(buffered.slice(0, nl));
                buffered = buffered.slice(nl + 1);
                const w = waiting.get(e.object?.metadata?.name);
                if (w && e.type === 'ADDED' && --w.left === 0) w.done(performance.now() - w.start);
                nl = buffered.indexOf('\n');
              }
            });
          },
        );
        req.on('error', reject);
        req.end();
      }),
    );
  }
  await Promise.all(opened);
  const times: number[] = [];
  for (let round = 0; round < FANOUT_ROUNDS; round++) {
    const name = `fan-${round}`;
    const arrived = new Promise<number>((done) =>
      waiting.set(name, { left: WATCHERS, start: performance.now(), done }),
    );
    await send(
      'POST',
      '/api/v1/namespaces/bench/configmaps',
      JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } }),
    );
    times.push(await arrived);
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)], max: times[times.length - 1] };
}

async function main() {
  const server = await serve({ port: 0, workers: 3, seed: 1 });
  const send = caller(server);
  await send(
    'POST',
    '/api/v1/namespaces',
    JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } }),
  );
  console.log(
    `kube-kitchen API bench — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const gets = await load(
    GETS,
    () => send('GET', '/api/v1/namespaces/kube-system/pods/kube-apiserver-control-plane'),
    200,
  );
  console.log(
    `GET one pod, ${CLIENTS} clients: ${gets.perSecond.toFixed(0)}/s (p50 ${gets.p50.toFixed(1)} ms, p99 ${gets.p99.toFixed(1)} ms)`,
  );
  const creates = await load(
    CREATES,
    (i) =>
      send(
        'POST',
        '/api/v1/namespaces/bench/configmaps',
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: `cm-${i}` },
          data: { i: String(i) },
        }),
      ),
    201,
  );
  console.log(
    `create ConfigMap, ${CLIENTS} clients: ${creates.perSecond.toFixed(0)}/s (p50 ${creates.p50.toFixed(1)} ms, p99 ${creates.p99.toFixed(1)} ms)`,
  );
  const fan = await fanOut(server, send);
  console.log(
    `watch fan-out to ${WATCHERS} watchers: p50 ${fan.p50.toFixed(1)} ms, max ${fan.max.toFixed(1)} ms (${FANOUT_ROUNDS} writes)`,
  );
  await server.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
