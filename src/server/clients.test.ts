/**
 * The served cluster driven by real clients: the official JavaScript client
 * (@kubernetes/client-node) and, when the machine has one, the real kubectl binary.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppsV1Api, CoreV1Api, KubeConfig, Watch } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeconfig } from './kubeconfig';
import { KUBECTL } from './realKubectl';
import { type RunningServer, serve } from './server';

const run = promisify(execFile);
/** The docs' manifests, as the repository copies them (src/engine/testing/k8s-examples). */
const EXAMPLES = join(import.meta.dirname, '..', 'engine', 'testing', 'k8s-examples');
let server: RunningServer;
let configPath: string;
let kc: KubeConfig;

beforeAll(async () => {
  server = await serve({ port: 0, workers: 2, seed: 7, token: 'test-token' });
  const text = kubeconfig({
    server: server.url,
    caCertPem: server.certificates.caCert,
    token: server.token,
  });
  configPath = join(mkdtempSync(join(tmpdir(), 'kk-')), 'kubeconfig');
  writeFileSync(configPath, text);
  kc = new KubeConfig();
  kc.loadFromString(text);
});

afterAll(async () => {
  await server?.close();
});

/** Waits (in simulated time, which the test drives) until the check passes. */
async function until(check: () => Promise<boolean> | boolean, simMs = 120_000): Promise<void> {
  const sim = server.cluster.sim;
  const end = sim.nowMs() + simMs;
  while (!(await check())) {
    if (sim.nowMs() >= end) throw new Error('not reached in simulated time');
    sim.advanceBy(1000);
    // Let the sockets deliver what that second wrote.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('@kubernetes/client-node', () => {
  it('lists the nodes kubeadm joined, Ready, and the kube-system pods', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const nodes = await core.listNode();
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual([
      'control-plane',
      'worker-1',
      'worker-2',
    ]);
    for (const n of nodes.items)
      expect(n.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    const system = await core.listNamespacedPod({ namespace: 'kube-system' });
    expect(system.items.map((p) => p.metadata?.name)).toContain('kube-apiserver-control-plane');
    expect(Number(system.metadata?.resourceVersion)).toBeGreaterThan(0);
  });

  it('creates a Deployment, watches its pods come up Running, reads a log, deletes it', async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    const core = kc.makeApiClient(CoreV1Api);
    const created = await apps.createNamespacedDeployment({
      namespace: 'default',
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
          },
        },
      },
    });
    expect(created.metadata?.uid).toBeTruthy();
    const seen: string[] = [];
    const running = new Set<string>();
    const watch = await new Watch(kc).watch(
      '/api/v1/namespaces/default/pods',
      { labelSelector: 'app=web' },
      (type, pod) => {
        seen.push(type);
        if (pod.status?.phase === 'Running') running.add(pod.metadata.name);
      },
      () => {},
    );
    await until(() => running.size === 2);
    watch.abort();
    expect(seen[0]).toBe('ADDED');
    expect(seen).toContain('MODIFIED');
    const [name] = [...running];
    const log = await core.readNamespacedPodLog({ namespace: 'default', name });
    expect(log).toContain('start worker processes');
    await apps.deleteNamespacedDeployment({ namespace: 'default', name: 'web' });
    await until(async () => {
      const left = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=web' });
      return left.items.length === 0;
    });
  });

  it('answers errors with the real Status: a missing pod is 404 NotFound', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const err = await core
      .readNamespacedPod({ namespace: 'default', name: 'nope' })
      .then(() => undefined)
      .catch((e: { code?: number; body?: string }) => e);
    expect(err?.code).toBe(404);
    expect(JSON.parse(err?.body ?? '{}')).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'pods "nope" not found',
      code: 404,
    });
  });
});

describe.runIf(KUBECTL !== undefined)('the real kubectl', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'kk-cache-'));
  const kubectl = async (...args: string[]) => {
    try {
      // Its own discovery cache: a cache from another run (another server) would be read back.
      const { stdout } = await run(KUBECTL as string, ['--cache-dir', cacheDir, ...args], {
        env: { ...process.env, KUBECONFIG: configPath },
        timeout: 30_000,
      });
      return stdout;
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; code?: number };
      return `exit ${err.code}\n${err.stdout ?? ''}${err.stderr ?? ''}`;
    }
  };

  /** kubectl with `input` on its stdin (a pipe, not a terminal). */
  const kubectlWithStdin = (input: string, ...args: string[]) =>
    new Promise<string>((resolve) => {
      const child = execFile(
        KUBECTL as string,
        ['--cache-dir', cacheDir, ...args],
        { env: { ...process.env, KUBECONFIG: configPath }, timeout: 30_000 },
        (err, stdout, stderr) =>
          resolve(err ? `exit ${err.code}\n${stdout}${stderr}` : `${stdout}${stderr}`),
      );
      child.stdin?.end(input);
    });

  it('reads the version and the nodes', async () => {
    expect(await kubectl('version', '-o', 'json')).toContain('"gitVersion": "v1.34.2"');
    const nodes = await kubectl('get', 'nodes', '-o', 'name');
    expect(nodes.trim().split('\n')).toEqual([
      'node/control-plane',
      'node/worker-1',
      'node/worker-2',
    ]);
  });

  it('creates from a manifest, reads it back as YAML and JSONPath, deletes it', async () => {
    const file = join(tmpdir(), `kk-pod-${process.pid}.yaml`);
    writeFileSync(
      file,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: hello\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: ["sh", "-c", "echo hello from the kitchen; sleep 3600"]\n',
    );
    expect(await kubectl('create', '-f', file)).toBe('pod/hello created\n');
    await until(
      () => server.cluster.sim.store('pods')['default/hello']?.status?.phase === 'Running',
    );
    expect(await kubectl('get', 'pod', 'hello', '-o', 'jsonpath={.status.phase}')).toBe('Running');
    expect(await kubectl('logs', 'hello')).toBe('hello from the kitchen\n');
    expect(await kubectl('get', 'pod', 'hello', '-o', 'yaml')).toContain('image: busybox:1.36');
    // exec over the WebSocket channel protocol: output, then the exit code.
    expect(await kubectl('exec', 'hello', '--', 'sh', '-c', 'echo "$HOSTNAME"')).toBe('hello\n');
    expect(await kubectl('exec', 'hello', '--', 'sh', '-c', 'echo out; exit 3')).toBe(
      'exit 3\nout\ncommand terminated with exit code 3\n',
    );
    // stdin (-i): a shell reads its commands from it, keeping its variables and directory.
    expect(
      await kubectlWithStdin(
        'x=soup; cd /tmp\necho "$x in $(pwd)"; echo oops >&2\necho made > dish; cat dish\nexit 4\necho never\n',
        'exec',
        '-i',
        'hello',
        '--',
        'sh',
      ),
    ).toBe('exit 4\nsoup in /tmp\nmade\noops\ncommand terminated with exit code 4\n');
    expect(await kubectlWithStdin('echo $HOSTNAME', 'exec', '-i', 'hello', '--', 'sh')).toBe(
      'hello\n',
    );
    expect(await kubectl('exec', 'hello', '--', 'cat', '/tmp/dish')).toBe('made\n');
    expect(await kubectl('exec', 'hello', '-c', 'nope', '--', 'true')).toContain(
      'Error from server (BadRequest): container nope is not valid for pod hello',
    );
    expect(await kubectl('delete', 'pod', 'hello', '--wait=false')).toBe('pod "hello" deleted\n');
  });

  it('prints the server’s tables (as=Table) as kubectl prints a real cluster’s', async () => {
    const nodes = (await kubectl('get', 'nodes')).split('\n');
    expect(nodes[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    expect(nodes[1]).toMatch(/^control-plane\s+Ready\s+control-plane\s+\d+s\s+v1\.34\.2$/);
    const wide = (await kubectl('get', 'pods', '-n', 'kube-system', '-o', 'wide')).split('\n');
    expect(wide[0]).toMatch(
      /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/,
    );
    expect(wide.find((l) => l.startsWith('kube-apiserver-control-plane'))).toMatch(
      /1\/1\s+Running\s+0\s+\d+s\s+172\.18\.0\.2\s+control-plane\s+<none>\s+<none>/,
    );
  });

  it('applies, scales, labels, drains and deletes as on a real cluster (protobuf bodies, PATCH, eviction)', async () => {
    const example = join(EXAMPLES, 'controllers', 'nginx-deployment.yaml');
    expect(await kubectl('apply', '-f', example)).toBe(
      'deployment.apps/nginx-deployment created\n',
    );
    expect(await kubectl('apply', '-f', example)).toBe(
      'deployment.apps/nginx-deployment unchanged\n',
    );
    expect(await kubectl('scale', 'deployment/nginx-deployment', '--replicas=4')).toBe(
      'deployment.apps/nginx-deployment scaled\n',
    );
    expect(await kubectl('label', 'deployment/nginx-deployment', 'tier=front')).toBe(
      'deployment.apps/nginx-deployment labeled\n',
    );
    expect(await kubectl('create', 'configmap', 'menu', '--from-literal=dish=soup')).toBe(
      'configmap/menu created\n',
    );
    await until(
      () =>
        server.cluster.sim.store('deployments')['default/nginx-deployment']?.status
          ?.readyReplicas === 4,
    );
    const drained = await kubectl('drain', 'worker-1', '--ignore-daemonsets');
    expect(drained).toMatch(/^node\/worker-1 cordoned\n/);
    expect(drained).toMatch(/node\/worker-1 drained\n$/);
    expect(await kubectl('get', 'node', 'worker-1', '-o', 'jsonpath={.spec.unschedulable}')).toBe(
      'true',
    );
    expect(await kubectl('uncordon', 'worker-1')).toBe('node/worker-1 uncordoned\n');
    expect(await kubectl('delete', 'deployment', 'nginx-deployment')).toBe(
      'deployment.apps "nginx-deployment" deleted\n',
    );
  });

  it('follows a log (logs -f) until the container stops, with --tail and --timestamps', async () => {
    const file = join(tmpdir(), `kk-ticker-${process.pid}.yaml`);
    writeFileSync(
      file,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ticker\nspec:\n  restartPolicy: Never\n  containers:\n  - name: t\n    image: busybox:1.36\n    command: ["sh", "-c", "for i in 1 2 3 4 5 6 7 8; do echo tick $i; sleep 2; done"]\n',
    );
    expect(await kubectl('create', '-f', file)).toBe('pod/ticker created\n');
    await until(() =>
      (server.cluster.sim.store('pods')['default/ticker']?.status?.containerStatuses ?? []).some(
        (c: { state?: { running?: object } }) => c.state?.running,
      ),
    );
    // Started while it runs: what is there (the last line), then each new line, then the end.
    let asked = false;
    const stop = server.cluster.onInput((i) => {
      if (i.type === 'request' && i.request.subresource === 'log' && i.request.logOptions?.follow)
        asked = true;
    });
    const following = kubectl('logs', '-f', '--tail=1', '--timestamps', 'ticker', '-c', 't');
    // kubectl takes its time to start on a busy machine: the clock moves once it follows.
    for (let waited = 0; !asked && waited < 20_000; waited += 50)
      await new Promise((r) => setTimeout(r, 50));
    stop();
    await until(
      () => server.cluster.sim.store('pods')['default/ticker']?.status?.phase === 'Succeeded',
      60_000,
    );
    const lines = (await following).trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z tick 8$/);
    const ticks = lines.map((l) => Number(l.split(' tick ')[1]));
    expect(ticks).toEqual(ticks.map((_, i) => ticks[0] + i));
    expect(ticks.length).toBeGreaterThan(3);
    // Once it has stopped, -f prints the log and ends at once.
    expect(await kubectl('logs', '-f', 'ticker', '--tail=2')).toBe('tick 7\ntick 8\n');
    await kubectl('delete', 'pod', 'ticker', '--wait=false');
  });

  it('reports the server’s errors in kubectl’s words', async () => {
    expect(await kubectl('get', 'pod', 'nope')).toContain(
      'Error from server (NotFound): pods "nope" not found',
    );
    expect(await kubectl('get', 'nopes')).toContain(
      'error: the server doesn\'t have a resource type "nopes"',
    );
  });
});
