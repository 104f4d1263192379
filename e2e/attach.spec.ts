/**
 * The kitchen attached to a served cluster (issue 11): the real server (src/server `serve()`)
 * runs in the test's process, the page opens the link it prints, and a pod created with the
 * real kubectl (or, on a machine without one, the official JavaScript client) appears in the
 * kitchen and becomes Running.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { kubeconfig } from '../src/server/kubeconfig';
import { type RunningServer, serve } from '../src/server/server';
import { expect, test } from './fixtures';

const KUBECTL = '/usr/bin/kubectl';
const run = promisify(execFile);

let server: RunningServer;
let dir: string;
let configPath: string;

test.beforeAll(async () => {
  // The preview server's origin: the attach door lets pages from there in (CORS).
  const origin = String(test.info().project.use.baseURL);
  // 4× real time: the pod's image pull and start take seconds, not tens of them.
  server = await serve({ port: 0, workers: 1, seed: 1, speed: 4, appOrigins: [origin] });
  dir = mkdtempSync(join(tmpdir(), 'kk-attach-'));
  configPath = join(dir, 'kubeconfig');
  writeFileSync(
    configPath,
    kubeconfig({ server: server.url, caCertPem: server.certificates.caCert, token: server.token }),
  );
});

test.afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `kubectl run NAME --image=…` with the real kubectl, else the same Pod with client-node. */
async function createPod(name: string, image: string): Promise<string> {
  if (existsSync(KUBECTL)) {
    const { stdout } = await run(KUBECTL, [
      '--kubeconfig',
      configPath,
      'run',
      name,
      `--image=${image}`,
    ]);
    return stdout;
  }
  const kc = new KubeConfig();
  kc.loadFromFile(configPath);
  await kc.makeApiClient(CoreV1Api).createNamespacedPod({
    namespace: 'default',
    body: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels: { run: name } },
      spec: { containers: [{ name, image }] },
    },
  });
  return `pod/${name} created\n`;
}

test('a pod created with kubectl appears in the attached kitchen and becomes Running', async ({
  kitchen,
  page,
}) => {
  // A long journey (a page load, a real kubectl, axe, a new cluster) on a busy machine.
  test.setTimeout(90_000);
  const link = `/?server=${encodeURIComponent(server.attachUrl)}&token=${server.token}`;
  await page.goto(link);
  const bar = page.getByRole('region', { name: 'Served cluster' });
  await expect(bar.getByRole('status')).toContainText(`Attached to ${server.attachUrl}`, {
    timeout: 20_000,
  });
  await expect(kitchen.node('worker-1')).toBeVisible();
  // The token does not stay in the address bar.
  expect(new URL(page.url()).search).toBe('');

  expect(await createPod('web', 'nginx:1.27')).toBe('pod/web created\n');
  // The request arrives through the feed: the pod is in the kitchen, then cooking.
  await expect(kitchen.scene.getByRole('group', { name: /^web, / })).toBeVisible();
  await expect(kitchen.pods('web', 'Running')).toHaveCount(1, { timeout: 30_000 });

  // The console sends its lines to the served cluster and prints the server's answer.
  await kitchen.run('kubectl get pod web');
  await expect(kitchen.transcript).toContainText(/web\s+1\/1\s+Running/);

  // Pausing freezes the view; the served cluster goes on (the scrubber's end moves on).
  await kitchen.pause();
  await expect(page.getByRole('button', { name: 'Back to live' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to live' }).click();
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
  // (axe on the Faults tab: the Events tab's long trace list takes it many seconds.)
  await page.getByRole('tab', { name: 'Faults' }).click();
  await kitchen.expectAccessible();

  // Detach: a fresh in-browser cluster (made like the served one), without the served pod.
  await bar.getByRole('button', { name: 'Detach' }).click();
  await expect(bar).toBeHidden();
  await expect(kitchen.node('worker-1')).toBeVisible();
  await expect(kitchen.scene.getByRole('group', { name: /^web, / })).toHaveCount(0);
});

test('a bad link says so and opens the in-browser cluster', async ({ kitchen, page }) => {
  await page.goto('/?server=http%3A%2F%2Fevil.example%3A1&token=whatever-token');
  await expect(page.getByRole('status').filter({ hasText: 'not valid' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(kitchen.node('worker-2')).toBeVisible();
  expect(new URL(page.url()).search).toBe('');
});

test('a stopped server is a lost connection with Reconnect; the timeline stays', async ({
  kitchen,
  page,
}, testInfo) => {
  test.setTimeout(60_000);
  const origin = String(testInfo.project.use.baseURL);
  const own = await serve({ port: 0, workers: 1, seed: 2, appOrigins: [origin] });
  try {
    await page.goto(`/?server=${encodeURIComponent(own.attachUrl)}&token=${own.token}`);
    const bar = page.getByRole('region', { name: 'Served cluster' });
    await expect(bar.getByRole('status')).toContainText('Attached to', { timeout: 20_000 });
    await expect(kitchen.node('worker-1')).toBeVisible();
  } finally {
    await own.close();
  }
  const bar = page.getByRole('region', { name: 'Served cluster' });
  await expect(bar.getByRole('status')).toContainText('lost');
  await expect(bar.getByRole('button', { name: 'Reconnect' })).toBeVisible();
  // What was streamed is still there to scrub through.
  await expect(kitchen.node('worker-1')).toBeVisible();
  const timeline = page.getByRole('slider', { name: 'Timeline' });
  await timeline.focus();
  await timeline.press('Home');
  await expect(page.getByRole('button', { name: 'Back to live' })).toBeVisible();
  await page.getByRole('tab', { name: 'Faults' }).click();
  await kitchen.expectAccessible();
});
