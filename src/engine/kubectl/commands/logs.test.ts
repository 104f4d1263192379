/**
 * `kubectl logs` against a simulated cluster whose containers' logs are written here by hand
 * (the programs that write them are another module's), so each case knows what a log holds.
 */
import { describe, expect, it } from 'vitest';
import { appendLog } from '../../components/containerLogs';
import { latestInstance } from '../../components/runtime';
import { createSimulation } from '../../sim/bootstrap';
import type { Simulation } from '../../sim/simulation';
import type { RuntimeContainer } from '../../sim/state';
import { kubectl } from '../testing/kubectlLine';

function cluster(): Simulation {
  return createSimulation({ workers: 1, seed: 3 });
}

function run(sim: Simulation, line: string): string {
  return kubectl(sim, line).output;
}

/** The runtime's current instance of a pod's container. */
function instance(sim: Simulation, pod: string, container: string): RuntimeContainer {
  const obj = sim.store('pods')[`default/${pod}`];
  const node = sim.state.nodes[obj.spec.nodeName];
  const c = latestInstance(node, obj.metadata.uid as string, container);
  if (!c) throw new Error(`no container ${container} in ${pod}`);
  return c;
}

/** Container instances whose log this test has taken over. */
const handWritten = new WeakSet<RuntimeContainer>();

/**
 * Lines in a container's log, written here: the first write clears what the container's own
 * program printed (nginx's start-up lines), so each case knows exactly what the log holds.
 */
function write(sim: Simulation, pod: string, container: string, ...lines: string[]): void {
  const c = instance(sim, pod, container);
  if (!handWritten.has(c)) {
    handWritten.add(c);
    c.log = [];
  }
  for (const l of lines) appendLog(c, sim.state.nowMs, 'stdout', l);
}

const TWO_CONTAINERS = `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: main
    image: nginx
  - name: side
    image: busybox
    command: ["sleep", "3600"]
`;

describe('kubectl logs', () => {
  it('prints what the container wrote, with --tail, --timestamps, --since and --limit-bytes', () => {
    const sim = cluster();
    run(sim, 'kubectl run web --image=nginx');
    sim.advanceBy(10_000);
    write(sim, 'web', 'web', 'one', 'two');
    sim.advanceBy(5_000);
    write(sim, 'web', 'web', 'three');
    expect(kubectl(sim, 'kubectl logs web')).toEqual({ output: 'one\ntwo\nthree\n', ok: true });
    expect(run(sim, 'kubectl logs pod/web --tail=1')).toBe('three\n');
    expect(run(sim, 'kubectl logs web --since=3s')).toBe('three\n');
    expect(run(sim, 'kubectl logs web --limit-bytes=5')).toBe('one\nt\n');
    expect(run(sim, 'kubectl logs web --tail 1 --timestamps')).toMatch(
      /^2026-01-01T09:\d\d:\d\d(\.\d+)?Z three\n$/,
    );
  });

  it('reads the previous instance with -p once the container has restarted', () => {
    const sim = cluster();
    run(sim, 'kubectl run web --image=nginx');
    sim.advanceBy(10_000);
    expect(run(sim, 'kubectl logs web -p')).toBe(
      'Error from server (BadRequest): previous terminated container "web" in pod "web" not found\n',
    );
    write(sim, 'web', 'web', 'first life');
    sim.crash('web');
    sim.advanceBy(15_000);
    write(sim, 'web', 'web', 'second life');
    expect(run(sim, 'kubectl logs web')).toBe('second life\n');
    expect(run(sim, 'kubectl logs web --previous')).toBe('first life\n');
  });

  it('says why a container has no log yet', () => {
    const sim = cluster();
    run(sim, 'kubectl run web --image=nginx');
    // Not scheduled yet: no node to ask, the log is empty.
    expect(kubectl(sim, 'kubectl logs web')).toEqual({ output: '', ok: true });
    sim.advanceBy(200);
    expect(kubectl(sim, 'kubectl logs web')).toEqual({
      output:
        'Error from server (BadRequest): container "web" in pod "web" is waiting to start: ContainerCreating\n',
      ok: false,
    });
  });

  it('picks a container: -c, the first with a note, all of them with prefixes', () => {
    const sim = cluster();
    sim.fileReader = () => TWO_CONTAINERS;
    run(sim, 'kubectl apply -f two.yaml');
    sim.advanceBy(15_000);
    write(sim, 'two', 'main', 'from main');
    write(sim, 'two', 'side', 'from side');
    expect(run(sim, 'kubectl logs two')).toBe(
      'Defaulted container "main" out of: main, side\nfrom main\n',
    );
    expect(run(sim, 'kubectl logs two -c side')).toBe('from side\n');
    expect(run(sim, 'kubectl logs two side')).toBe('from side\n');
    expect(run(sim, 'kubectl logs two --all-containers --prefix')).toBe(
      '[pod/two/main] from main\n[pod/two/side] from side\n',
    );
    expect(run(sim, 'kubectl logs two -c nope')).toBe(
      'error: container nope is not valid for pod two\n',
    );
    expect(run(sim, 'kubectl logs two -c side --all-containers')).toBe(
      'error: --all-containers=true should not be specified with container name side\n',
    );
  });

  it('takes one pod of a workload, or every pod a selector matches (10 lines each)', () => {
    const sim = cluster();
    run(sim, 'kubectl create deployment app --image=nginx --replicas=2');
    sim.advanceBy(15_000);
    const pods = Object.values(sim.store('pods'))
      .filter((p) => p.metadata.labels?.app === 'app')
      .map((p) => p.metadata.name as string)
      .sort();
    for (const p of pods)
      write(sim, p, 'nginx', ...Array.from({ length: 12 }, (_, i) => `${p} line ${i}`));
    const one = run(sim, 'kubectl logs deploy/app');
    expect(one).toMatch(/^Found 2 pods, using pod\/app-/);
    expect(one.split('\n')).toHaveLength(1 + 12 + 1);
    const all = run(sim, 'kubectl logs -l app=app');
    expect(all.split('\n').filter(Boolean)).toHaveLength(20);
    expect(all.startsWith(`${pods[0]} line 2\n`)).toBe(true);
    expect(run(sim, 'kubectl logs -l app=nothing')).toBe(
      'No resources found in default namespace.\n',
    );
    expect(run(sim, 'kubectl logs -l app=app -f --max-log-requests=1')).toBe(
      'error: you are attempting to follow 2 log streams, but maximum allowed concurrency is 1, use --max-log-requests to increase the limit\n',
    );
  });

  it('waits for a workload without pods, then gives up as kubectl does', () => {
    const sim = cluster();
    run(sim, 'kubectl create deployment none --image=nginx --replicas=0');
    sim.advanceBy(1_000);
    const before = sim.nowMs();
    expect(run(sim, 'kubectl logs deployment/none --pod-running-timeout=2s')).toBe(
      'error: timed out waiting for the condition\n',
    );
    expect(sim.nowMs() - before).toBe(2_000);
  });

  it('with -f prints the log so far and says it stops there', () => {
    const sim = cluster();
    run(sim, 'kubectl run web --image=nginx');
    sim.advanceBy(10_000);
    write(sim, 'web', 'web', 'hello');
    expect(run(sim, 'kubectl logs -f web')).toBe(
      'hello\n# kube-kitchen: -f printed the log so far and stopped; run the command again for newer lines\n',
    );
  });

  it('reports the node: kubelet down, machine off, runtime down', () => {
    const sim = cluster();
    run(sim, 'kubectl run web --image=nginx');
    sim.advanceBy(10_000);
    sim.breakComponent('runtime', 'worker-1');
    expect(run(sim, 'kubectl logs web')).toMatch(
      /^unable to retrieve container logs for containerd:\/\/[0-9a-f]{64}\n$/,
    );
    sim.repairComponent('runtime', 'worker-1');
    sim.breakComponent('kubelet', 'worker-1');
    expect(run(sim, 'kubectl logs web --tail=5')).toBe(
      'Error from server: Get "https://172.18.0.3:10250/containerLogs/default/web/web?tailLines=5": dial tcp 172.18.0.3:10250: connect: connection refused\n',
    );
    sim.breakComponent('node', 'worker-1');
    expect(run(sim, 'kubectl logs web')).toBe(
      'Error from server: Get "https://172.18.0.3:10250/containerLogs/default/web/web": dial tcp 172.18.0.3:10250: connect: no route to host\n',
    );
  });

  it("refuses bad arguments with kubectl's words", () => {
    const sim = cluster();
    expect(run(sim, 'kubectl logs')).toBe(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
    );
    expect(run(sim, 'kubectl logs web -l app=web')).toBe(
      "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n",
    );
    expect(run(sim, 'kubectl logs nope')).toBe(
      'error: error from server (NotFound): pods "nope" not found in namespace "default"\n',
    );
    expect(run(sim, 'kubectl logs node/worker-1')).toBe(
      'error: cannot get the logs from *v1.Node: selector for *v1.Node not implemented\n',
    );
    run(sim, 'kubectl run web --image=nginx');
    expect(run(sim, 'kubectl logs web --since=400ms')).toBe(
      'The PodLogOptions "web" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0\n',
    );
  });
});
