/**
 * The real kubectl (v1.32, when the machine has it) against a served cluster, through a proxy that
 * keeps the bodies: its typed clients send protobuf, and each body must decode to exactly the
 * JSON `kubectl … --dry-run=client -o json` prints for the same command (less the
 * `creationTimestamp: null` that v1.34's omitzero drops), and the stored object must hold it.
 *
 * UPDATE_PROTOBUF_FIXTURES=1 writes the bodies and that JSON to __fixtures__/, for the fast tests
 * in decodeBody.test.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeconfig } from '../kubeconfig';
import { type RunningServer, serve } from '../server';
import { decodeProtobufBody, PROTOBUF_CONTENT_TYPE } from './decodeBody';
import { type RecordingProxy, recordingProxy } from './testing/recordingProxy';

const KUBECTL = '/usr/bin/kubectl';
const FIXTURES = join(import.meta.dirname, '__fixtures__');
const UPDATE = !!process.env.UPDATE_PROTOBUF_FIXTURES;

/** [fixture name, kubectl arguments, the stored object's `kubectl get` name]. */
const CASES: [string, string[], string][] = [
  [
    'create-deployment',
    ['create', 'deployment', 'web', '--image=nginx', '--replicas=3', '--port=80'],
    'deployment/web',
  ],
  ['create-job', ['create', 'job', 'hello', '--image=busybox', '--', 'echo', 'hi'], 'job/hello'],
  [
    'create-cronjob',
    ['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *', '--', 'date'],
    'cronjob/tick',
  ],
  ['create-job-from-cronjob', ['create', 'job', 'manual', '--from=cronjob/tick'], 'job/manual'],
  [
    'create-configmap',
    ['create', 'configmap', 'settings', '--from-literal=a=1', '--from-literal=b=two'],
    'configmap/settings',
  ],
  [
    'create-secret-generic',
    ['create', 'secret', 'generic', 'creds', '--from-literal=user=admin', '--from-literal=pw=s3=t'],
    'secret/creds',
  ],
  [
    'create-secret-docker-registry',
    [
      'create',
      'secret',
      'docker-registry',
      'registry',
      '--docker-username=u',
      '--docker-password=p',
      '--docker-server=registry.example',
    ],
    'secret/registry',
  ],
  [
    'create-service-clusterip',
    ['create', 'service', 'clusterip', 'web-svc', '--tcp=80:8080'],
    'service/web-svc',
  ],
  [
    'create-service-nodeport',
    ['create', 'service', 'nodeport', 'web-np', '--tcp=80:8080', '--node-port=30080'],
    'service/web-np',
  ],
  ['create-namespace', ['create', 'namespace', 'team-a'], 'namespace/team-a'],
  ['create-serviceaccount', ['create', 'serviceaccount', 'robot'], 'serviceaccount/robot'],
];

describe.skipIf(!existsSync(KUBECTL))('the real kubectl sends protobuf bodies', () => {
  let server: RunningServer;
  let proxy: RecordingProxy;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    server = await serve({ port: 0, token: 'protobuf-test', seed: 1 });
    proxy = await recordingProxy(server);
    dir = mkdtempSync(join(tmpdir(), 'kk-protobuf-'));
    const config = join(dir, 'kubeconfig');
    writeFileSync(
      config,
      kubeconfig({
        server: proxy.url,
        caCertPem: server.certificates.caCert,
        token: 'protobuf-test',
      }),
    );
    env = { ...process.env, KUBECONFIG: config, HOME: dir };
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const kubectl = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(KUBECTL, args, { env }, (err, stdout, stderr) =>
        resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
      );
    });

  /** The protobuf bodies kubectl sent while `run` ran. */
  const bodiesDuring = async (run: () => Promise<unknown>) => {
    const from = proxy.requests.length;
    await run();
    return proxy.requests.slice(from).filter((r) => r.contentType === PROTOBUF_CONTENT_TYPE);
  };

  for (const [name, args, stored] of CASES) {
    it(`kubectl ${args.join(' ')}`, async () => {
      // The flags go before a command's `--`.
      const dash = args.includes('--') ? args.indexOf('--') : args.length;
      const dry = await kubectl([
        ...args.slice(0, dash),
        '--dry-run=client',
        '-o',
        'json',
        ...args.slice(dash),
      ]);
      expect(dry.stderr).toBe('');
      const expected = withoutNullTimestamps(JSON.parse(dry.stdout));

      let out = { code: -1, stdout: '', stderr: '' };
      const bodies = await bodiesDuring(async () => {
        out = await kubectl(args);
      });
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      expect(bodies.map((b) => b.method)).toEqual(['POST']);
      const decoded = decodeProtobufBody(bodies[0].body);
      if (!decoded.ok) throw new Error(decoded.message);
      // Same fields, same values, same order as Go's JSON of the same object.
      expect(JSON.stringify(decoded.object, null, 2)).toBe(JSON.stringify(expected, null, 2));

      const got = await kubectl(['get', stored, '-o', 'json']);
      expect(got.stderr).toBe('');
      expectContains(JSON.parse(got.stdout), expected, stored);

      if (UPDATE) {
        writeFileSync(join(FIXTURES, `kubectl-${name}.pb`), bodies[0].body);
        writeFileSync(
          join(FIXTURES, `kubectl-${name}.json`),
          `${JSON.stringify(expected, null, 2)}\n`,
        );
      }
    });
  }

  it('kubectl drain --disable-eviction deletes with protobuf DeleteOptions', async () => {
    const pods = await kubectl(['get', 'pods', '-A', '-o', 'wide']);
    expect(pods.stdout).toContain('web-');
    // (Its evictions, without the flag, are JSON: kubectl posts them through another client.)
    let out = { code: -1, stdout: '', stderr: '' };
    const bodies = await bodiesDuring(async () => {
      out = await kubectl([
        'drain',
        'worker-1',
        '--ignore-daemonsets',
        '--force',
        '--delete-emptydir-data',
        '--disable-eviction',
        '--timeout=60s',
      ]);
    });
    expect(out.stdout).toContain('node/worker-1 drained');
    expect(bodies.length).toBeGreaterThan(0);
    for (const b of bodies) {
      expect(b.method).toBe('DELETE');
      expect(ok(decodeProtobufBody(b.body))).toEqual({ kind: 'DeleteOptions', apiVersion: 'v1' });
    }
    if (UPDATE) writeFileSync(join(FIXTURES, 'kubectl-drain-delete-options.pb'), bodies[0].body);
  });
});

function ok(d: ReturnType<typeof decodeProtobufBody>): Record<string, unknown> {
  if (!d.ok) throw new Error(d.message);
  return d.object;
}

/** kubectl 1.32 prints a zero creationTimestamp as null; 1.34's `omitzero` leaves it out. */
function withoutNullTimestamps(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNullTimestamps);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'creationTimestamp' && x === null) continue;
      out[k] = withoutNullTimestamps(x);
    }
    return out;
  }
  return v;
}

/** Every value `want` sets is in `got` (defaults may add more); status is the controllers'. */
function expectContains(got: unknown, want: unknown, path: string): void {
  if (want && typeof want === 'object' && !Array.isArray(want)) {
    expect(got, path).toBeTypeOf('object');
    for (const [k, v] of Object.entries(want)) {
      if (k === 'status' && path.split('.').length === 1) continue;
      expectContains((got as Record<string, unknown>)[k], v, `${path}.${k}`);
    }
  } else if (Array.isArray(want)) {
    expect(Array.isArray(got), path).toBe(true);
    expect((got as unknown[]).length, path).toBe(want.length);
    want.forEach((v, i) => {
      expectContains((got as unknown[])[i], v, `${path}[${i}]`);
    });
  } else {
    expect(got, path).toEqual(want);
  }
}
