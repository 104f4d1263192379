/**
 * Lab scripts end to end on the real simulation (createSimulation). Lines that only kubectl
 * decides are asserted exactly; lines that depend on the cluster's behaviour are asserted by
 * shape, so engine changes do not break this test for the wrong reason.
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index';
import { EXAMPLES_DIR } from '../testing/examples';
import { runLab } from './runLab';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
`;

const SCRIPT = `# a tiny lab
cluster workers=2 proxy=iptables seed=7
kubectl apply -f web.yaml
kubectl apply -f web.yaml
kubectl rollout status deployment/web
kubectl expose deployment web --port=80
wait 5s
request web 2
kubectl scale deployment web --replicas=1
kubectl cordon worker-1
break apiserver
kubectl get pods
repair apiserver
wait 2s
kubectl uncordon worker-1
kubectl delete service web
`;

function run(script: string, files: Record<string, string> = { 'web.yaml': DEPLOYMENT }) {
  return runLab(script, {
    createHost: ({ workers, proxyMode, seed }) => createSimulation({ workers, proxyMode, seed }),
    readFile: (path) => files[path],
  });
}

/** The output lines of the command whose echo is `$ line`. */
function outputOf(transcript: string, line: string): string[] {
  const blocks = transcript.split(/^(?=\$ )/m);
  const block = blocks.find((b) => b.startsWith(`$ ${line}\n`));
  if (!block) throw new Error(`no command ${line}`);
  return block.split('\n').slice(1, -1);
}

describe('lab scripts on the simulation', () => {
  it('runs a tiny script end to end', () => {
    const { transcript, exitCode } = run(SCRIPT);
    expect(exitCode).toBe(0);
    expect(outputOf(transcript, 'kubectl apply -f web.yaml')).toEqual([
      'deployment.apps/web created',
    ]);
    expect(transcript).toContain('$ kubectl apply -f web.yaml\ndeployment.apps/web unchanged\n');
    const rollout = outputOf(transcript, 'kubectl rollout status deployment/web');
    expect(rollout.at(-1)).toBe('deployment "web" successfully rolled out');
    for (const line of rollout.slice(0, -1)) expect(line).toMatch(/^Waiting for deployment/);
    expect(outputOf(transcript, 'kubectl expose deployment web --port=80')).toEqual([
      'service/web exposed',
    ]);
    for (const line of outputOf(transcript, 'request web 2'))
      expect(line).toMatch(/^served by web-[a-z0-9]+-[a-z0-9]{5} on worker-\d$/);
    expect(outputOf(transcript, 'kubectl scale deployment web --replicas=1')).toEqual([
      'deployment.apps/web scaled',
    ]);
    expect(outputOf(transcript, 'kubectl cordon worker-1')).toEqual(['node/worker-1 cordoned']);
    expect(outputOf(transcript, 'kubectl get pods')).toEqual([
      'The connection to the server 172.18.0.2:6443 was refused - did you specify the right host or port?',
    ]);
    expect(outputOf(transcript, 'kubectl uncordon worker-1')).toEqual(['node/worker-1 uncordoned']);
    expect(outputOf(transcript, 'kubectl delete service web')).toEqual([
      'service "web" deleted from default namespace',
    ]);
  });

  it('gives the same bytes every run', () => {
    expect(run(SCRIPT).transcript).toBe(run(SCRIPT).transcript);
  });

  const EXAMPLES = EXAMPLES_DIR;
  it('creates every example manifest from kubernetes/website', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.yaml')) files.push(path);
      }
    };
    walk(EXAMPLES);
    const namespaces = ['qos-example', 'cpu-example', 'pod-resources-example'];
    for (const file of files) {
      // One cluster per file: several examples reuse a name. A new namespace gets its default
      // ServiceAccount from a controller a moment later, as in a real cluster.
      const setup = namespaces.map((n) => `kubectl create namespace ${n}`).join('\n');
      const script = `${setup}\nwait 2s\nkubectl apply -f ${file}\n`;
      const { transcript } = run(script, { [file]: readFileSync(file, 'utf8') });
      for (const line of outputOf(transcript, `kubectl apply -f ${file}`))
        expect(line).toMatch(/ created$/);
    }
  });
});
