/** `kubectl exec` against a simulated cluster: the API server, the kubelet and the runtime. */
import { describe, expect, it } from 'vitest';
import { readLogs } from '../../components/containerLogs';
import { latestInstance } from '../../components/runtime';
import { createSimulation } from '../../sim/bootstrap';
import type { Simulation } from '../../sim/simulation';
import { kubectl } from '../testing/kubectlLine';

function running(image = 'nginx', args = ''): Simulation {
  const sim = createSimulation({ workers: 1, seed: 5 });
  kubectl(sim, `kubectl run web --image=${image}${args ? ` -- ${args}` : ''}`);
  sim.advanceBy(15_000);
  return sim;
}

function run(sim: Simulation, line: string): string {
  return kubectl(sim, line).output;
}

describe('kubectl exec', () => {
  it('runs the command in the container and prints what it wrote', () => {
    const sim = running();
    expect(kubectl(sim, 'kubectl exec web -- echo hello world')).toEqual({
      output: 'hello world\n',
      ok: true,
    });
    expect(run(sim, 'kubectl exec web -- hostname')).toBe('web\n');
    expect(run(sim, 'kubectl exec pod/web -c web -- date')).toBe('Thu Jan  1 09:00:45 UTC 2026\n');
  });

  it("ends with the command's exit code", () => {
    const sim = running();
    expect(kubectl(sim, 'kubectl exec web -- sh -c "exit 3"')).toEqual({
      output: 'command terminated with exit code 3\n',
      ok: false,
    });
    expect(run(sim, 'kubectl exec web -- cat /nope')).toBe(
      'cat: /nope: No such file or directory\ncommand terminated with exit code 1\n',
    );
  });

  it('keeps the files a command writes, and writes nothing to the log', () => {
    const sim = running();
    const pod = sim.store('pods')['default/web'];
    const c = latestInstance(sim.state.nodes[pod.spec.nodeName], pod.metadata.uid as string, 'web');
    if (!c) throw new Error('no container');
    const before = { '/tmp/': '', '/etc/motd': 'hi\n' };
    c.fs = before;
    const log = readLogs(c, { nowMs: sim.nowMs() });
    expect(run(sim, 'kubectl exec web -- touch /tmp/healthy')).toBe('');
    expect(run(sim, 'kubectl exec web -- ls /tmp')).toBe('healthy\n');
    expect(c.fs?.['/tmp/healthy']).toBe('');
    // The record is replaced, not changed: another container may share the old one.
    expect(before).toEqual({ '/tmp/': '', '/etc/motd': 'hi\n' });
    expect(run(sim, 'kubectl exec web -- cat /etc/motd')).toBe('hi\n');
    expect(readLogs(c, { nowMs: sim.nowMs() })).toBe(log);
  });

  it('lets simulated time pass while the command sleeps', () => {
    const sim = running('busybox', 'sleep 3600');
    const before = sim.nowMs();
    expect(run(sim, 'kubectl exec web -- sleep 5')).toBe('');
    expect(sim.nowMs() - before).toBe(5_000);
    expect(run(sim, 'kubectl exec web -- sleep infinity')).toBe(
      '# kube-kitchen: the command was still running after 10m; the lab stopped waiting for it\n',
    );
    expect(sim.nowMs() - before).toBe(5_000 + 10 * 60_000);
  });

  it('fails to start a program the image does not have, as runc says it', () => {
    const sim = running('registry.k8s.io/coredns/coredns:v1.12.0');
    expect(run(sim, 'kubectl exec web -- sh')).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in \$PATH: unknown\n$/,
    );
  });

  it('has no terminal: -it says so, and a lone shell ends at once', () => {
    const sim = running();
    expect(run(sim, 'kubectl exec -it web -- sh')).toBe(
      'Unable to use a TTY - input is not a terminal or the right kind of file\n# kube-kitchen: no terminal here, so an interactive shell reads nothing and ends; run one command at a time: kubectl exec POD -- CMD\n',
    );
    expect(run(sim, 'kubectl exec -t web -- true')).toBe('');
  });

  it('refuses what kubectl refuses', () => {
    const sim = running();
    expect(run(sim, 'kubectl exec web ls')).toBe(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    );
    expect(run(sim, 'kubectl exec web')).toBe(
      'error: you must specify at least one command for the container\n',
    );
    expect(run(sim, 'kubectl exec -- ls')).toBe(
      'error: pod, type/name or --filename must be specified\n',
    );
    expect(run(sim, 'kubectl exec nope -- ls')).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
    expect(run(sim, 'kubectl exec web -c nope -- ls')).toBe(
      'Error from server (BadRequest): container nope is not valid for pod web\n',
    );
  });

  it('needs a running container, and a pod that has not completed', () => {
    const sim = createSimulation({ workers: 1, seed: 5 });
    kubectl(sim, 'kubectl run web --image=nginx');
    expect(run(sim, 'kubectl exec web -- ls')).toBe(
      'Error from server (BadRequest): pod web does not have a host assigned\n',
    );
    sim.advanceBy(200);
    expect(run(sim, 'kubectl exec web -- ls')).toBe(
      'error: unable to upgrade connection: container not found ("web")\n',
    );
    kubectl(sim, 'kubectl run done --image=busybox --restart=Never');
    sim.advanceBy(60_000);
    expect(sim.store('pods')['default/done'].status.phase).toBe('Succeeded');
    expect(run(sim, 'kubectl exec done -- ls')).toBe(
      'error: cannot exec into a container in a completed pod; current phase is Succeeded\n',
    );
  });

  it('enters the most active pod of a workload', () => {
    const sim = createSimulation({ workers: 1, seed: 5 });
    kubectl(sim, 'kubectl create deployment app --image=nginx --replicas=2');
    sim.advanceBy(15_000);
    const out = run(sim, 'kubectl exec deploy/app -- hostname');
    expect(out).toMatch(/^app-[a-z0-9]+-[a-z0-9]{5}\n$/);
  });

  it('reports a kubelet that cannot be reached, or a runtime that is down', () => {
    const sim = running();
    sim.breakComponent('runtime', 'worker-1');
    expect(run(sim, 'kubectl exec web -- ls')).toBe(
      'error: unable to upgrade connection: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused"\n',
    );
    sim.breakComponent('kubelet', 'worker-1');
    expect(run(sim, 'kubectl exec web -- ls')).toBe(
      'Error from server: error dialing backend: dial tcp 172.18.0.3:10250: connect: connection refused\n',
    );
  });
});
