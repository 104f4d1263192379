/**
 * The real `kubectl attach` against the served cluster: what the container writes from now on,
 * stdin to a shell whose spec opened it (`stdin: true`), and the real errors (kubectl's own, the
 * API server's, the kubelet's).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childOutput } from './childOutput';
import { KUBECTL, type RealKubectl, realKubectl } from './realKubectl';
import { type RunningServer, serve } from './server';

let server: RunningServer;
let kubectl: RealKubectl;
const children: { kill: () => boolean }[] = [];

const PODS = `apiVersion: v1
kind: Pod
metadata: {name: ticker}
spec:
  containers:
  - name: t
    image: busybox:1.36
    command: ["sh", "-c", "i=0; while true; do i=$((i+1)); echo tick $i; sleep 1; done"]
---
apiVersion: v1
kind: Pod
metadata: {name: box}
spec:
  restartPolicy: Never
  containers:
  - name: box
    image: busybox:1.36
    command: ["sh"]
    stdin: true
---
apiVersion: v1
kind: Pod
metadata: {name: duo}
spec:
  restartPolicy: Never
  containers:
  - {name: done, image: busybox:1.36, command: ["true"]}
  - {name: main, image: busybox:1.36, command: ["sleep", "3600"]}
---
apiVersion: v1
kind: Pod
metadata: {name: pend}
spec:
  nodeSelector: {disk: none}
  containers:
  - {name: main, image: busybox:1.36, command: ["sleep", "3600"]}
`;

beforeAll(async () => {
  if (!KUBECTL) return;
  server = await serve({ port: 0, workers: 1, seed: 12, token: 'attach-token' });
  kubectl = realKubectl(server);
  expect(await kubectl.run(['create', '-f', '-'], PODS)).toBe(
    'pod/ticker created\npod/box created\npod/duo created\npod/pend created\n',
  );
  expect(server.cluster.runLine('wait 30s').ok).toBe(true);
});
afterAll(async () => {
  for (const c of children) c.kill();
  await server?.close();
});

describe.runIf(KUBECTL !== undefined)('kubectl attach', () => {
  it('prints what the container writes from now on', async () => {
    const child = kubectl.start(['attach', 'ticker']);
    children.push(child);
    const out = childOutput(child);
    const m = await out.waitFor('stdout', /tick (\d+)\ntick (\d+)\n/);
    child.kill();
    expect(Number(m[2])).toBe(Number(m[1]) + 1);
    // Attached after 30 s of ticks: what came before is not shown again.
    expect(Number(m[1])).toBeGreaterThan(20);
    expect(out.stdout().startsWith('tick ')).toBe(true);
  });

  it('-i sends stdin to the shell the spec opened it for; its exit ends the attach', async () => {
    const out = await kubectl.run(['attach', '-i', 'box'], 'echo hi from $HOSTNAME\nexit 0\n');
    expect(out).toBe('hi from box\n');
    expect(await kubectl.run(['logs', 'box'])).toBe('hi from box\n');
    expect(await kubectl.run(['get', 'pod', 'box', '-o', 'jsonpath={.status.phase}'])).toMatch(
      /^(Running|Succeeded)$/,
    );
  });

  it('reports the real errors', async () => {
    // kubectl's own check (1.32's words; later versions list the containers there are).
    expect(await kubectl.run(['attach', 'ticker', '-c', 'nope'])).toMatch(
      /^exit 1\nerror: cannot attach to the container: container nope (not found in pod ticker|is not valid for pod ticker)/,
    );
    // The pod runs, the container does not: the kubelet's answer to the upgrade.
    // (After kubectl's own lines: "If you don't see a command prompt, try pressing enter.")
    expect(await kubectl.run(['attach', 'duo', '-c', 'done'])).toMatch(
      /^exit 1\n[\s\S]*\nerror: unable to upgrade connection: container done not found in pod duo_default\n$/,
    );
    expect(await kubectl.run(['attach', 'pend'])).toMatch(
      /^exit 1\n[\s\S]*\nError from server \(BadRequest\): pod pend does not have a host assigned\n$/,
    );
    expect(await kubectl.run(['attach', 'nope'])).toBe(
      'exit 1\nError from server (NotFound): pods "nope" not found\n',
    );
  });
});
