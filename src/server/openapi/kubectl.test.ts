/**
 * The real kubectl (when this machine has one) reading the served discovery and OpenAPI:
 * api-resources, explain from the v3 documents and from the v2 one, client-side validation of a
 * List. The explain transcripts are goldens (`npx vitest run src/server/openapi -u` rewrites
 * them; read the diff).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeconfig } from '../kubeconfig';
import { type RunningServer, serve } from '../server';

const run = promisify(execFile);
const KUBECTL =
  process.env.KUBECTL ??
  (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'kubectl'))
    .find((p) => existsSync(p));

let server: RunningServer;
let dir: string;

beforeAll(async () => {
  if (!KUBECTL) return;
  server = await serve({ port: 0, workers: 1, seed: 3, token: 'test-token' });
  dir = mkdtempSync(join(tmpdir(), 'kk-openapi-'));
  writeFileSync(
    join(dir, 'kubeconfig'),
    kubeconfig({ server: server.url, caCertPem: server.certificates.caCert, token: server.token }),
  );
});

afterAll(async () => {
  await server?.close();
});

/** kubectl with this test's own cache, so nothing discovered elsewhere is read back. */
async function kubectl(...args: string[]): Promise<string> {
  try {
    const { stdout } = await run(KUBECTL as string, ['--cache-dir', join(dir, 'cache'), ...args], {
      env: { ...process.env, KUBECONFIG: join(dir, 'kubeconfig') },
      timeout: 30_000,
    });
    return stdout;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; code?: number };
    return `exit ${err.code}\n${err.stdout ?? ''}${err.stderr ?? ''}`;
  }
}

describe.runIf(KUBECTL !== undefined)('kubectl reading discovery and OpenAPI', () => {
  it('lists the served resources as a real cluster lists them', async () => {
    expect(await kubectl('api-resources')).toBe(
      [
        'NAME                  SHORTNAMES   APIVERSION               NAMESPACED   KIND',
        'configmaps            cm           v1                       true         ConfigMap',
        'events                ev           v1                       true         Event',
        'namespaces            ns           v1                       false        Namespace',
        'nodes                 no           v1                       false        Node',
        'pods                  po           v1                       true         Pod',
        'secrets                            v1                       true         Secret',
        'serviceaccounts       sa           v1                       true         ServiceAccount',
        'services              svc          v1                       true         Service',
        'controllerrevisions                apps/v1                  true         ControllerRevision',
        'daemonsets            ds           apps/v1                  true         DaemonSet',
        'deployments           deploy       apps/v1                  true         Deployment',
        'replicasets           rs           apps/v1                  true         ReplicaSet',
        'statefulsets          sts          apps/v1                  true         StatefulSet',
        'cronjobs              cj           batch/v1                 true         CronJob',
        'jobs                               batch/v1                 true         Job',
        'leases                             coordination.k8s.io/v1   true         Lease',
        'endpointslices                     discovery.k8s.io/v1      true         EndpointSlice',
        '',
      ].join('\n'),
    );
    expect(await kubectl('api-resources', '--categories', 'all', '-o', 'name')).toBe(
      'pods\nservices\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nstatefulsets.apps\ncronjobs.batch\njobs.batch\n',
    );
  });

  it('explains fields from the v3 documents', async () => {
    await expect(await kubectl('explain', 'pods.spec.containers')).toMatchFileSnapshot(
      '__golden__/explain-pods.spec.containers.txt',
    );
    await expect(await kubectl('explain', 'deployment', '--recursive')).toMatchFileSnapshot(
      '__golden__/explain-deployment-recursive.txt',
    );
    const maxSurge = await kubectl('explain', 'deploy.spec.strategy.rollingUpdate.maxSurge');
    expect(maxSurge).toContain('FIELD: maxSurge <IntOrString>');
  });

  it('explains from the v2 document in protobuf when asked to', async () => {
    const out = await kubectl('explain', '--output', 'plaintext-openapiv2', 'svc.spec.type');
    expect(out).toMatch(/^KIND: {5}Service\nVERSION: {2}v1\n\nFIELD: {4}type <string>\n/);
  });

  it('validates a List on the client with the v2 document, in kubectl’s words', async () => {
    const file = join(dir, 'list.yaml');
    writeFileSync(
      file,
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n  colour: blue\n',
    );
    expect(await kubectl('apply', '--dry-run=client', '-f', file)).toContain(
      `error validating "${file}": error validating data: ValidationError(ConfigMap): unknown field "colour" in io.k8s.api.core.v1.ConfigMap`,
    );
  });
});
