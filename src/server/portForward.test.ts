/**
 * The real `kubectl port-forward` (WebSocket, SPDY/3.1 inside) against the served cluster: it
 * listens locally, and an HTTP request there reaches the simulated nginx, whose access log
 * shows it; the real errors for a port nothing listens on and a pod not running.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childOutput } from './childOutput';
import { KUBECTL, type RealKubectl, realKubectl } from './realKubectl';
import { type RunningServer, serve } from './server';

let server: RunningServer;
let kubectl: RealKubectl;
const children: { kill: () => boolean }[] = [];

beforeAll(async () => {
  if (!KUBECTL) return;
  server = await serve({ port: 0, workers: 1, seed: 11, token: 'pf-token' });
  kubectl = realKubectl(server);
  for (const line of [
    'kubectl create deployment web --image=nginx:1.27 --port=80',
    'kubectl expose deployment web --port=8000 --target-port=80',
    'wait 30s',
  ])
    expect(server.cluster.runLine(line).ok).toBe(true);
  await kubectl.run([
    'run',
    'pend',
    '--image=nginx:1.27',
    '--overrides={"spec":{"nodeSelector":{"disk":"none"}}}',
  ]);
});
afterAll(async () => {
  for (const c of children) c.kill();
  await server?.close();
});

/** kubectl port-forward TARGET :REMOTE, once it listens: its local port and its output. */
async function forward(target: string, remote: number, env?: Record<string, string>) {
  const child = kubectl.start(['port-forward', target, `:${remote}`], env);
  children.push(child);
  const out = childOutput(child);
  const m = await out.waitFor('stdout', /Forwarding from 127\.0\.0\.1:(\d+) -> (\d+)/);
  return { localPort: Number(m[1]), remotePort: Number(m[2]), out, child };
}

function get(
  port: number,
  path: string,
): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, timeout: 20_000 }, (res) => {
      let body = '';
      res.on('data', (b: Buffer) => {
        body += b.toString('utf8');
      });
      res.on('end', () => resolve({ status: res.statusCode, body }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ error: e.message }));
    req.end();
  });
}

describe.runIf(KUBECTL !== undefined)('kubectl port-forward', () => {
  it('forwards to a pod: nginx answers, and its access log shows the request from 127.0.0.1', async () => {
    const pod = (await kubectl.run(['get', 'pods', '-l', 'app=web', '-o', 'name'])).trim();
    expect(pod).toMatch(/^pod\/web-/);
    const { localPort, out, child } = await forward(pod, 80);
    const home = await get(localPort, '/');
    expect(home.status).toBe(200);
    expect(home.body).toContain('<title>Welcome to nginx!</title>');
    const missing = await get(localPort, '/menu');
    expect(missing.status).toBe(404);
    await out.waitFor('stdout', /(Handling connection for \d+\n){2}/);
    const log = await kubectl.run(['logs', pod]);
    expect(log).toMatch(/127\.0\.0\.1 - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 200 615 "-" "-" "-"/);
    expect(log).toContain('"GET /menu HTTP/1.1" 404 153');
    child.kill();
  });

  it('forwards to a service’s target port and to a deployment’s pod', async () => {
    const svc = await forward('svc/web', 8000);
    expect(svc.remotePort).toBe(80);
    expect((await get(svc.localPort, '/via-service')).status).toBe(404);
    svc.child.kill();
    const deploy = await forward('deployment/web', 80);
    expect((await get(deploy.localPort, '/via-deployment')).status).toBe(404);
    deploy.child.kill();
    const log = await kubectl.run(['logs', 'deployment/web']);
    expect(log).toContain('"GET /via-service HTTP/1.1" 404');
    expect(log).toContain('"GET /via-deployment HTTP/1.1" 404');
  });

  it('forwards over a plain SPDY upgrade when kubectl does not tunnel it in a WebSocket', async () => {
    const { localPort, child } = await forward('deployment/web', 80, {
      KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false',
    });
    const home = await get(localPort, '/');
    expect(home.status).toBe(200);
    expect(home.body).toContain('<title>Welcome to nginx!</title>');
    expect((await get(localPort, '/over-spdy')).status).toBe(404);
    child.kill();
    expect(await kubectl.run(['logs', 'deployment/web'])).toContain(
      '"GET /over-spdy HTTP/1.1" 404',
    );
  });

  it('reports a port nothing listens on as containerd does, and ends', async () => {
    const { localPort, out } = await forward('deployment/web', 81);
    expect((await get(localPort, '/')).error).toBeDefined();
    const m = await out.waitFor(
      'stderr',
      /error forwarding port 81 to pod ([0-9a-f]{64}), uid : (.*)/,
    );
    // klog quotes the error (err="…"): its own quotes come escaped.
    expect(m[2].replaceAll('\\"', '"')).toContain(
      `failed to connect to localhost:81 inside namespace "${m[1]}", IPv4: dial tcp4 127.0.0.1:81: connect: connection refused IPv6 dial tcp6 [::1]:81: connect: connection refused`,
    );
    await out.waitFor('stderr', /error: lost connection to pod/);
    expect(await out.exited).toBe(1);
  });

  it('refuses a pod that is not running, in kubectl’s words', async () => {
    expect(await kubectl.run(['port-forward', 'pod/pend', ':80'])).toBe(
      'exit 1\nerror: unable to forward port because pod is not running. Current status=Pending\n',
    );
    expect(await kubectl.run(['port-forward', 'pod/nope', ':80'])).toBe(
      'exit 1\nError from server (NotFound): pods "nope" not found\n',
    );
  });
});
