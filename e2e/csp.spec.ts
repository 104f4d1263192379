import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

/**
 * The built page under its Content-Security-Policy (scripts/csp.ts): the lazy chunks, motion, a
 * manifest example fetched, and the attach door's fetch to a loopback server all run without
 * one violation.
 */
test('the built page runs under its Content-Security-Policy, attach door included', async ({
  kitchen,
  page,
}) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const violations = () =>
    page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

  await kitchen.open('', { live: true });
  expect(
    await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'),
  ).toContain("script-src 'self';");
  await kitchen.run('kubectl run web --image=nginx');
  await kitchen.run('wait 30s');
  await page.getByRole('button', { name: 'Write a manifest' }).click();
  const dialog = page.getByRole('dialog', { name: 'A manifest to apply' });
  await dialog.getByRole('combobox', { name: 'Example' }).selectOption('pods/simple-pod.yaml');
  await expect(dialog.getByRole('textbox', { name: 'Manifest (YAML or JSON)' })).toHaveValue(
    /kind: "?Pod/,
  );
  expect(await violations()).toEqual([]);

  // A door on this computer: the page's fetch reaches it (it answers nothing useful).
  const asked: string[] = [];
  const door = createServer((req, res) => {
    asked.push(req.url ?? '');
    res.writeHead(404, { 'Access-Control-Allow-Origin': '*' }).end();
  });
  await new Promise<void>((resolve) => door.listen(0, '127.0.0.1', resolve));
  const port = (door.address() as AddressInfo).port;
  try {
    await page.goto(`/?server=http://127.0.0.1:${port}&token=abcdefghijkl`);
    await expect.poll(() => asked.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await violations()).toEqual([]);
  } finally {
    door.close();
  }
});
