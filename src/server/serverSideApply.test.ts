/**
 * Server-side apply on the wire, driven by real clients: the real kubectl's
 * `apply --server-side` (create, update, a conflict, --force-conflicts, a dropped field,
 * kubectl's own migration from client-side apply) and @kubernetes/client-node's PATCH with
 * application/apply-patch+yaml.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { AppsV1Api, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeconfig } from './kubeconfig';
import { type RunningServer, serve } from './server';

const run = promisify(execFile);
const EXAMPLES = join(import.meta.dirname, '..', 'engine', 'testing', 'k8s-examples');
const KUBECTL =
  process.env.KUBECTL ??
  (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'kubectl'))
    .find((p) => existsSync(p));

let server: RunningServer;
let configPath: string;
let dir: string;
let kc: KubeConfig;

beforeAll(async () => {
  server = await serve({ port: 0, workers: 2, seed: 11, token: 'test-token' });
  const text = kubeconfig({
    server: server.url,
    caCertPem: server.certificates.caCert,
    token: server.token,
  });
  dir = mkdtempSync(join(tmpdir(), 'kk-ssa-'));
  configPath = join(dir, 'kubeconfig');
  writeFileSync(configPath, text);
  kc = new KubeConfig();
  kc.loadFromString(text);
});

afterAll(async () => {
  await server?.close();
});

const CONFLICT_HINT = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`;

/** An example manifest with one line changed, written beside the kubeconfig. */
function variant(example: string, from: string, to: string): string {
  const text = readFileSync(join(EXAMPLES, example), 'utf8');
  expect(text).toContain(from);
  const path = join(dir, `${example.replace(/\W/g, '-')}-${to.replace(/\W/g, '-')}.yaml`);
  writeFileSync(path, text.replace(from, to));
  return path;
}

describe.runIf(KUBECTL !== undefined)('the real kubectl, apply --server-side', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'kk-cache-'));
  const kubectl = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(KUBECTL as string, ['--cache-dir', cacheDir, ...args], {
        env: { ...process.env, KUBECONFIG: configPath },
        timeout: 30_000,
      });
      return stdout + stderr;
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; code?: number };
      return `exit ${err.code}\n${err.stdout ?? ''}${err.stderr ?? ''}`;
    }
  };
  const managers = (kind: string, name: string) =>
    kubectl(
      'get',
      kind,
      name,
      '-o',
      'jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation}{.subresource} {end}',
    );

  it('creates, updates, refuses a conflict, forces it, and prunes what the applier dropped', async () => {
    const example = join(EXAMPLES, 'controllers', 'nginx-deployment.yaml');
    expect(await kubectl('apply', '--server-side', '-f', example)).toBe(
      'deployment.apps/nginx-deployment serverside-applied\n',
    );
    expect(await kubectl('apply', '--server-side', '-f', example)).toBe(
      'deployment.apps/nginx-deployment serverside-applied\n',
    );
    const five = variant('controllers/nginx-deployment.yaml', 'replicas: 3', 'replicas: 5');
    expect(await kubectl('apply', '--server-side', '--field-manager=other', '-f', five)).toBe(
      `exit 1\nerror: Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas\n${CONFLICT_HINT}`,
    );
    expect(
      await kubectl(
        'apply',
        '--server-side',
        '--field-manager=other',
        '--force-conflicts',
        '-f',
        five,
      ),
    ).toBe('deployment.apps/nginx-deployment serverside-applied\n');
    expect(
      await kubectl('get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.spec.replicas}'),
    ).toBe('5');
    const yaml = await kubectl(
      'get',
      'deploy',
      'nginx-deployment',
      '-o',
      'yaml',
      '--show-managed-fields',
    );
    // Both own the fields they applied alike; replicas only `other` now.
    expect(yaml).toContain('        f:replicas: {}\n        f:selector: {}\n');
    expect(yaml.match(/f:replicas: \{\}\n/g)).toHaveLength(2); // other's, and the status's
    expect(yaml).toContain('    manager: other\n    operation: Apply\n');
    expect(await kubectl('get', 'deploy', 'nginx-deployment', '-o', 'yaml')).not.toContain(
      'managedFields',
    );
    // `other` alone owns replicas now: applying without it removes it (and defaulting sets 1).
    const bare = variant('controllers/nginx-deployment.yaml', '  replicas: 3\n', '');
    expect(await kubectl('apply', '--server-side', '--field-manager=other', '-f', bare)).toBe(
      'deployment.apps/nginx-deployment serverside-applied\n',
    );
    expect(
      await kubectl('get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.spec.replicas}'),
    ).toBe('1');
    expect(await managers('deploy', 'nginx-deployment')).toMatch(
      /^kubectl\/Apply other\/Apply kube-controller-manager\/Update /,
    );
    expect(await kubectl('delete', 'deploy', 'nginx-deployment')).toBe(
      'deployment.apps "nginx-deployment" deleted\n',
    );
  });

  it('after a client-side apply: a conflict with kubectl-client-side-apply, then kubectl takes over', async () => {
    const example = join(EXAMPLES, 'controllers', 'frontend.yaml');
    expect(await kubectl('apply', '-f', example)).toBe('replicaset.apps/frontend created\n');
    const four = variant('controllers/frontend.yaml', 'replicas: 3', 'replicas: 4');
    expect(await kubectl('apply', '--server-side', '--field-manager=mine', '-f', four)).toBe(
      `exit 1\nerror: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas\n${CONFLICT_HINT}`,
    );
    // kubectl's own manager: what the last-applied configuration set is no conflict
    // (lastAppliedManager), and kubectl then migrates the client-side owner into its own.
    expect(await kubectl('apply', '--server-side', '-f', four)).toBe(
      'replicaset.apps/frontend serverside-applied\n',
    );
    expect(await kubectl('get', 'rs', 'frontend', '-o', 'jsonpath={.spec.replicas}')).toBe('4');
    const owners = await managers('rs', 'frontend');
    expect(owners).toMatch(/^kubectl-last-applied\/Apply kubectl\/Apply /);
    expect(owners).not.toContain('kubectl-client-side-apply');
    expect(
      await kubectl(
        'get',
        'rs',
        'frontend',
        '-o',
        "jsonpath={.metadata.annotations['kubectl\\.kubernetes\\.io/last-applied-configuration']}",
      ),
    ).toContain('"replicas":4');
    expect(await kubectl('delete', 'rs', 'frontend')).toBe('replicaset.apps "frontend" deleted\n');
  });
});

describe('@kubernetes/client-node, PATCH application/apply-patch+yaml', () => {
  it('creates and updates by apply with a field manager, and a conflict is a 409', async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    const body = (replicas: number) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', namespace: 'default' },
      spec: {
        replicas,
        selector: { matchLabels: { app: 'api' } },
        template: {
          metadata: { labels: { app: 'api' } },
          spec: { containers: [{ name: 'api', image: 'nginx:1.27' }] },
        },
      },
    });
    const apply = (replicas: number, fieldManager: string, force = false) =>
      apps.patchNamespacedDeployment(
        { name: 'api', namespace: 'default', body: body(replicas), fieldManager, force },
        setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
      );
    const created = await apply(2, 'client-node');
    expect(created.spec?.replicas).toBe(2);
    expect(created.metadata?.managedFields?.map((e) => `${e.manager}/${e.operation}`)).toEqual([
      'client-node/Apply',
    ]);
    const refused = await apply(3, 'someone-else').catch(
      (e: { code?: number; body?: string }) => e,
    );
    expect((refused as { code?: number }).code).toBe(409);
    expect(JSON.parse((refused as { body: string }).body)).toMatchObject({
      kind: 'Status',
      reason: 'Conflict',
      message: 'Apply failed with 1 conflict: conflict with "client-node": .spec.replicas',
    });
    const forced = await apply(3, 'someone-else', true);
    expect(forced.spec?.replicas).toBe(3);
    await apps.deleteNamespacedDeployment({ namespace: 'default', name: 'api' });
  });
});

/** One raw request (YAML bodies, chosen headers). */
function raw(
  method: string,
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; json: { [k: string]: unknown } }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      new URL(path, server.url),
      {
        method,
        ca: server.certificates.caCert,
        headers: { authorization: `Bearer ${server.token}`, ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString('utf8');
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the wire, raw', () => {
  const path = '/api/v1/namespaces/default/configmaps/menu';
  const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: menu\ndata:\n  dish: soup\n';
  const apply = { 'content-type': 'application/apply-patch+yaml' };

  it('an apply needs a fieldManager, creates with 201, updates with 200', async () => {
    const refused = await raw('PATCH', path, yaml, apply);
    expect(refused.status).toBe(422);
    expect(refused.json.message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
    expect((await raw('PATCH', `${path}?fieldManager=chef`, yaml, apply)).status).toBe(201);
    const again = await raw(
      'PATCH',
      `${path}?fieldManager=chef`,
      yaml.replace('soup', 'stew'),
      apply,
    );
    expect(again.status).toBe(200);
    expect(again.json.data).toEqual({ dish: 'stew' });
  });

  it("a write without a fieldManager is recorded under its User-Agent's first word", async () => {
    const res = await raw('PATCH', path, JSON.stringify({ data: { side: 'bread' } }), {
      'content-type': 'application/merge-patch+json',
      'user-agent': 'curl/8.5.0',
    });
    expect(res.status).toBe(200);
    const entries = (
      res.json.metadata as { managedFields: { manager: string; operation: string }[] }
    ).managedFields;
    expect(entries.map((e) => `${e.manager}/${e.operation}`)).toEqual([
      'chef/Apply',
      'curl/Update',
    ]);
  });
});
