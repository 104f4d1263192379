import { expect, test } from './fixtures';

test('inspect a pod from the Events list; a trace entry moves the timeline; accessible panels', async ({
  kitchen,
  page,
}) => {
  await kitchen.open();
  await kitchen.run('kubectl run nginx --image=nginx');
  await kitchen.run('wait 30s');
  await expect(kitchen.pods('nginx', 'Running')).toHaveCount(1);

  // The Events list: filter by object, then inspect the pod from one of its trace entries.
  await page.getByRole('tab', { name: 'Events' }).click();
  const trace = page.getByRole('list', { name: 'Trace entries' });
  await page.getByRole('searchbox', { name: 'Object' }).fill('pod/default/nginx');
  await expect(trace.getByRole('listitem').first()).toContainText('pod/default/nginx');
  await kitchen.expectAccessible();
  await trace.getByRole('button', { name: 'pod/default/nginx', exact: true }).first().click();

  // The inspector: both names, the stored object as kubectl prints it, its events and trace.
  await expect(page.getByRole('tab', { name: 'Inspector' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const inspector = page.getByRole('tabpanel', { name: 'Inspector' });
  await expect(inspector.getByRole('heading', { name: 'In Kubernetes: nginx' })).toBeVisible();
  await expect(inspector).toContainText('A station and its cooks');
  const yaml = inspector.getByRole('region', { name: 'pod/default/nginx (YAML)' });
  await expect(yaml).toContainText(/nodeName: worker-\d/);
  await expect(yaml).toContainText('phase: Running');
  await expect(
    inspector.getByRole('button', {
      name: 'Copy kubectl command: kubectl get pod nginx -o yaml',
    }),
  ).toBeVisible();
  await expect(inspector.getByRole('cell', { name: 'Scheduled' })).toBeVisible();
  await kitchen.expectAccessible();

  // A trace entry moves the timeline to its moment; back to live before acting again.
  await inspector
    .getByRole('button', { name: /create pods\/nginx/ })
    .first()
    .click();
  await expect(yaml).not.toContainText('phase: Running');
  await expect(yaml).not.toContainText('nodeName:');
  await page.getByRole('button', { name: 'Back to live' }).click();
  await expect(yaml).toContainText('phase: Running');
});

test('with the API server broken: the stored object, only errors in Events, the Kubernetes Events table, shortcuts help', async ({
  kitchen,
  page,
}) => {
  await kitchen.open();
  await kitchen.run('kubectl run nginx --image=nginx');
  await kitchen.run('wait 30s');
  await kitchen.pods('nginx', 'Running').click();
  const inspector = page.getByRole('tabpanel', { name: 'Inspector' });
  const yaml = inspector.getByRole('region', { name: 'pod/default/nginx (YAML)' });
  await expect(yaml).toContainText('phase: Running');

  // Break the API server: the kubelets' calls fail, and the Events list shows only errors.
  await page.getByRole('tab', { name: 'Faults' }).click();
  await page.getByRole('button', { name: 'Break API server' }).click();
  await kitchen.expectAccessible();
  await kitchen.run('wait 30s');
  // The inspector reads the stored object, not through the (broken) API server.
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await expect(yaml).toContainText('phase: Running');
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByRole('checkbox', { name: 'Errors only' }).check();
  const trace = page.getByRole('list', { name: 'Trace entries' });
  const items = trace.getByRole('listitem');
  await expect(items.first()).toContainText('kube-apiserver');
  expect(await items.count()).toBeGreaterThan(0);
  await expect(items.filter({ hasNotText: 'error' })).toHaveCount(0);
  await expect(page.locator('.events-trace .trace-row:not(.error)')).toHaveCount(0);

  // The kubectl-style Events table.
  await page.getByRole('button', { name: 'Kubernetes Events' }).click();
  await page.getByRole('checkbox', { name: 'Warnings only' }).uncheck();
  await expect(
    page.getByRole('table', { name: 'Kubernetes Events' }).getByRole('button', {
      name: 'pod/nginx',
    }),
  ).not.toHaveCount(0);

  // Keyboard shortcuts: `?` opens the dialog (from the checkbox just used), Escape closes it.
  await expect(page.getByRole('checkbox', { name: 'Warnings only' })).toBeFocused();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Play or pause');
  await expect(help.getByRole('button', { name: 'Close' })).toBeVisible();
  await kitchen.expectAccessible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('console Tab completion', async ({ kitchen, page }) => {
  await kitchen.open();
  await kitchen.console.fill('kubectl describe node worker-');
  await kitchen.console.press('Tab');
  await expect(page.getByText('Completions: worker-1  worker-2')).toBeVisible();
  await kitchen.console.pressSequentially('2');
  await kitchen.console.press('Tab');
  await expect(kitchen.console).toHaveValue('kubectl describe node worker-2 ');
  await kitchen.console.press('Enter');
  await expect(kitchen.transcript).toContainText('Name:               worker-2');
});

test('clicking a pod in the scene opens it in the inspector', async ({ kitchen, page }) => {
  await kitchen.open();
  await kitchen.run('kubectl run nginx --image=nginx');
  await kitchen.run('wait 30s');
  await page.getByRole('tab', { name: 'Faults' }).click();
  await kitchen.pods('nginx', 'Running').click();
  const inspector = page.getByRole('tabpanel', { name: 'Inspector' });
  await expect(inspector.getByRole('heading', { name: 'In Kubernetes: nginx' })).toBeVisible();
  await expect(inspector.getByRole('region', { name: 'pod/default/nginx (YAML)' })).toContainText(
    'phase: Running',
  );
});

test('the console session saves as a lab script that names every command and the time between', async ({
  kitchen,
  page,
}) => {
  await kitchen.open();
  await kitchen.run('kubectl run web --image=nginx:1.14.2');
  await kitchen.run('wait 30s');
  await kitchen.run('kubectl get pods');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as lab script' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('kube-kitchen-session.lab');
  const text = await (await file.createReadStream()).toArray();
  const script = Buffer.concat(text).toString('utf8');
  const lines = script.split('\n').filter((l) => l && !l.startsWith('#'));
  expect(lines[0]).toBe('cluster workers=2 proxy=iptables seed=1');
  expect(lines.filter((l) => !l.startsWith('wait ') || l === 'wait 30s')).toEqual([
    'cluster workers=2 proxy=iptables seed=1',
    'kubectl run web --image=nginx:1.14.2',
    'wait 30s',
    'kubectl get pods',
  ]);
  // The app's longer boot and the playback before the first command are waits too.
  expect(lines[1]).toMatch(/^wait \d+ms$/);
});

test('once loaded the page needs no network: inspector YAML and a walkthrough work offline', async ({
  kitchen,
  page,
  context,
}) => {
  await kitchen.open();
  // The idle preload fetched the last lazy chunk (the YAML printer).
  await expect
    .poll(() =>
      page.evaluate(() =>
        performance.getEntriesByType('resource').some((r) => /objectText-[^/]*\.js$/.test(r.name)),
      ),
    )
    .toBe(true);
  await context.setOffline(true);
  await kitchen.run('kubectl run nginx --image=nginx');
  await kitchen.run('wait 30s');
  await kitchen.pods('nginx', 'Running').click();
  const inspector = page.getByRole('tabpanel', { name: 'Inspector' });
  await expect(inspector.getByRole('region', { name: 'pod/default/nginx (YAML)' })).toContainText(
    'phase: Running',
  );
  await page.getByRole('combobox', { name: 'Walkthrough' }).selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(page.getByRole('region', { name: 'Narration' })).toBeVisible();
  await context.setOffline(false);
});

test('after one visit the page reloads with the network gone (a classroom whose wifi drops)', async ({
  kitchen,
  page,
  context,
}) => {
  await kitchen.open();
  // The service worker is registered when the page is idle, then holds every file of the build.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await context.setOffline(true);
  await page.reload();
  await expect(kitchen.node('worker-1')).toBeVisible({ timeout: 20_000 });
  await kitchen.run('kubectl get nodes');
  await expect(kitchen.transcript).toContainText('worker-2   Ready');
  await context.setOffline(false);
});

test('write or pick a manifest and apply it: the console runs kubectl apply -f and shows the answer', async ({
  kitchen,
  page,
}) => {
  // Opened paused: axe wants a still page, and the open dialog keeps the Pause button out of reach.
  await kitchen.open();
  await page.getByRole('button', { name: 'Write a manifest' }).click();
  const dialog = page.getByRole('dialog', { name: 'A manifest to apply' });
  await expect(dialog).toBeVisible();
  await kitchen.expectAccessible();

  // A manifest that is not YAML at all: kubectl's error in the console, nothing created.
  await dialog.getByRole('textbox', { name: 'File name' }).fill('broken.yaml');
  await dialog.getByRole('textbox', { name: 'Manifest (YAML or JSON)' }).fill('kind: [Pod');
  await dialog.getByRole('button', { name: 'Apply (kubectl apply -f broken.yaml)' }).click();
  await expect(dialog).toBeHidden();
  await expect(kitchen.transcript).toContainText('$ kubectl apply -f broken.yaml');
  await expect(kitchen.transcript).toContainText('error:');

  // An example from the Kubernetes documentation.
  await page.getByRole('button', { name: 'Write a manifest' }).click();
  await dialog
    .getByRole('combobox', { name: 'Example' })
    .selectOption('controllers/nginx-deployment.yaml');
  await expect(dialog.getByRole('textbox', { name: 'Manifest (YAML or JSON)' })).toHaveValue(
    /kind: Deployment/,
  );
  await expect(dialog.getByText('CC BY 4.0')).toBeVisible();
  await dialog
    .getByRole('button', { name: 'Apply (kubectl apply -f nginx-deployment.yaml)' })
    .click();
  await expect(kitchen.transcript).toContainText('deployment.apps/nginx-deployment created');
  await kitchen.run('wait 30s');
  await expect(kitchen.pods('nginx-deployment', 'Running')).toHaveCount(3);
  // The file stays: the console can apply it again.
  await kitchen.run('kubectl apply -f nginx-deployment.yaml');
  await expect(kitchen.transcript).toContainText('deployment.apps/nginx-deployment unchanged');
});

test('a file name typed while a picked example is still loading is kept', async ({
  kitchen,
  page,
}) => {
  // Each example is a chunk of its own: hold this one until the name has been typed.
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/assets\/job-[^/]*\.js$/, async (route) => {
    await gate;
    await route.continue();
  });
  await kitchen.open();
  await page.getByRole('button', { name: 'Write a manifest' }).click();
  const dialog = page.getByRole('dialog', { name: 'A manifest to apply' });
  await dialog.getByRole('combobox', { name: 'Example' }).selectOption('controllers/job.yaml');
  await dialog.getByRole('textbox', { name: 'File name' }).fill('my-job.yaml');
  release();
  await expect(dialog.getByRole('textbox', { name: 'Manifest (YAML or JSON)' })).toHaveValue(
    /kind: Job/,
  );
  await expect(dialog.getByRole('textbox', { name: 'File name' })).toHaveValue('my-job.yaml');
  await dialog.getByRole('button', { name: 'Apply (kubectl apply -f my-job.yaml)' }).click();
  await expect(kitchen.transcript).toContainText('job.batch/pi created');
});

test('a teacher’s lab script runs in the app: its cluster, its manifests, every line in the console', async ({
  kitchen,
  page,
}) => {
  await kitchen.open();
  const pick = page.getByLabel('Run a lab script…');
  const lab = (text: string) => ({
    name: 'lesson.lab',
    mimeType: 'text/plain',
    buffer: Buffer.from(text),
  });

  await pick.setInputFiles([lab('cluster workers=0\nkubectl get nodes\n')]);
  await expect(page.getByRole('alert')).toContainText(
    'The lab script was not run: line 1: the app shows 1 to 10 worker nodes',
  );
  await expect(kitchen.node('worker-2')).toBeVisible();

  await pick.setInputFiles([
    lab(
      '# a lesson\ncluster workers=3 seed=4\nkubectl apply -f manifests/web.yaml\nwait 20s\nkubectl get pods\n',
    ),
    {
      name: 'web.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from(
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.14.2\n',
      ),
    },
  ]);
  await expect(kitchen.node('worker-3')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(kitchen.transcript).toContainText('$ kubectl apply -f manifests/web.yaml');
  await expect(kitchen.transcript).toContainText('pod/web created');
  await expect(kitchen.transcript).toContainText(/web\s+1\/1\s+Running/);
});

test('a file too large is refused by its size before it is read, and never saved into a lab script', async ({
  kitchen,
  page,
}) => {
  test.setTimeout(90_000);
  await kitchen.open();
  const big = {
    name: 'big.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.alloc(5 * 1024 * 1024, 'x'),
  };
  await page.getByRole('button', { name: 'Write a manifest' }).click();
  const dialog = page.getByRole('dialog', { name: 'A manifest to apply' });
  await dialog.getByLabel('Open a file…').setInputFiles([big]);
  await expect(dialog.getByRole('alert')).toHaveText(
    'big.yaml is 5 MiB: larger than the 1 MiB a manifest can be here (the API server itself takes requests up to 3 MiB). It was not opened.',
  );
  await expect(dialog.getByRole('textbox', { name: 'Manifest (YAML or JSON)' })).toHaveValue('');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // The lab-script picker checks every file's size first as well.
  await page.getByLabel('Run a lab script…').setInputFiles([
    {
      name: 'lesson.lab',
      mimeType: 'text/plain',
      buffer: Buffer.from('kubectl apply -f big.yaml\n'),
    },
    big,
  ]);
  await expect(page.getByRole('alert')).toContainText('big.yaml is 5 MiB');

  await kitchen.run('kubectl apply -f big.yaml');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as lab script' }).click();
  const file = await download;
  const script = Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8');
  expect(script.length).toBeLessThan(2000);
});
