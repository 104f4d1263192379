/**
 * Containers running their programs, end to end through the simulation: exits and their
 * reasons, restarts, start errors, deletion with the stop signal and the grace period, the OOM
 * killer, output, idle servers, snapshots.
 */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import { runLabLine } from '../lab';
import { createSimulation } from '../sim/bootstrap';
import type { Simulation } from '../sim/simulation';
import type { RuntimeContainer } from '../sim/state';

function cluster(): Simulation {
  const sim = createSimulation({ workers: 1, seed: 7 });
  sim.advanceTo(30_000);
  return sim;
}

function run(sim: Simulation, line: string): string {
  const r = runLabLine(line, { host: sim });
  return r.output;
}

function pod(sim: Simulation, name: string): KObject | undefined {
  return sim.store('pods')[`default/${name}`];
}

function containers(sim: Simulation, name: string): RuntimeContainer[] {
  const p = pod(sim, name);
  const node = sim.state.nodes['worker-1'];
  return Object.values(node.runtime.containers)
    .filter((c) => c.podUid === p?.metadata.uid)
    .sort((a, b) => a.attempt - b.attempt);
}

function latest(sim: Simulation, name: string): RuntimeContainer | undefined {
  const all = containers(sim, name);
  return all[all.length - 1];
}

function exitsInTrace(sim: Simulation, name: string): string[] {
  return sim
    .traceEntries()
    .filter(
      (e) =>
        e.kind === 'process' && e.object === `pod/default/${name}` && e.summary.includes('exited'),
    )
    .map((e) => e.summary);
}

describe('what runs', () => {
  it('busybox with nothing to do exits 0 at once and is restarted with back-off', () => {
    const sim = cluster();
    run(sim, 'kubectl run bb --image=busybox');
    sim.advanceBy(20_000);
    expect(exitsInTrace(sim, 'bb').slice(0, 2)).toEqual([
      'container bb exited with code 0 (Completed)',
      'container bb exited with code 0 (Completed)',
    ]);
    const st = pod(sim, 'bb')?.status?.containerStatuses?.[0];
    expect(st.restartCount).toBeGreaterThanOrEqual(2);
    expect(st.lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('a failing command exits with its code and reason Error', () => {
    const sim = cluster();
    run(sim, 'kubectl run fail --image=busybox --restart=Never -- sh -c "exit 3"');
    sim.advanceBy(10_000);
    const st = pod(sim, 'fail')?.status;
    expect(st.phase).toBe('Failed');
    expect(st.containerStatuses[0].state.terminated).toMatchObject({
      exitCode: 3,
      reason: 'Error',
    });
  });

  it('sleep 5 with restartPolicy Never completes after five seconds', () => {
    const sim = cluster();
    run(sim, 'kubectl run once --image=busybox --restart=Never -- sleep 5');
    sim.advanceBy(4_000);
    expect(pod(sim, 'once')?.status?.phase).toBe('Running');
    sim.advanceBy(3_000);
    const st = pod(sim, 'once')?.status;
    expect(st.phase).toBe('Succeeded');
    const t = st.containerStatuses[0].state.terminated;
    expect(t.reason).toBe('Completed');
    expect(Date.parse(t.finishedAt) - Date.parse(t.startedAt)).toBe(5_000);
  });

  it('an argv[0] the image does not have is a StartError with runc’s words', () => {
    const sim = cluster();
    run(sim, 'kubectl run typo --image=busybox --restart=Never --command -- foo');
    sim.advanceBy(5_000);
    const t = pod(sim, 'typo')?.status?.containerStatuses?.[0]?.state?.terminated;
    expect(t).toMatchObject({
      exitCode: 128,
      reason: 'StartError',
      startedAt: '1970-01-01T00:00:00Z',
      message:
        'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "foo": executable file not found in $PATH: unknown',
    });
    const failed = Object.values(sim.store('events')).find(
      (e) => e.involvedObject?.name === 'typo' && e.reason === 'Failed',
    );
    expect(failed?.message).toBe(`Error: ${t.message}`);
    expect(failed?.type).toBe('Warning');
  });

  it('a path the image does not have fails with stat’s error', () => {
    const sim = cluster();
    run(sim, 'kubectl run typo --image=nginx --restart=Never --command -- /usr/bin/nope');
    sim.advanceBy(15_000);
    const t = pod(sim, 'typo')?.status?.containerStatuses?.[0]?.state?.terminated;
    expect(t?.message).toContain(
      'exec: "/usr/bin/nope": stat /usr/bin/nope: no such file or directory: unknown',
    );
  });

  it('nginx prints its start-up lines and one access-log line per request', () => {
    const sim = cluster();
    run(sim, 'kubectl run web --image=nginx --port=80');
    sim.advanceBy(10_000);
    run(sim, 'kubectl expose pod web --port=80');
    sim.advanceBy(3_000);
    expect(run(sim, 'request web 1')).toBe('served by web on worker-1\n');
    const log = latest(sim, 'web')?.log ?? [];
    expect(
      log.some((l) =>
        l.endsWith('stdout F /docker-entrypoint.sh: Configuration complete; ready for start up'),
      ),
    ).toBe(true);
    expect(
      log.some((l) =>
        / stderr F \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: start worker processes$/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(log[log.length - 1]).toMatch(
      /stdout F 10\.244\.1\.1 - - \[01\/Jan\/2026:09:00:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.5\.0" "-"$/,
    );
  });

  it('a Service port nothing listens on refuses the connection', () => {
    const sim = cluster();
    run(sim, 'kubectl run cache --image=redis');
    sim.advanceBy(10_000);
    run(sim, 'kubectl expose pod cache --port=80');
    sim.advanceBy(3_000);
    expect(run(sim, 'request cache 1')).toMatch(
      /^failed: connection refused \(10\.244\.1\.\d+:80\)\n$/,
    );
  });
});

describe('signals and the grace period', () => {
  it('sleep as PID 1 ignores SIGTERM: Terminating for 30 s, then SIGKILL (137)', () => {
    const sim = cluster();
    run(sim, 'kubectl run sleeper --image=busybox -- sleep 3600');
    sim.advanceBy(10_000);
    run(sim, 'kubectl delete pod sleeper --wait=false');
    sim.advanceBy(29_000);
    expect(pod(sim, 'sleeper')?.metadata.deletionTimestamp).toBeDefined();
    sim.advanceBy(2_000);
    expect(pod(sim, 'sleeper')).toBeUndefined();
    expect(exitsInTrace(sim, 'sleeper')).toEqual([
      'container sleeper exited with code 137 (Error)',
    ]);
  });

  it('nginx stops on its STOPSIGNAL (SIGQUIT) at once, exit 0, with its shutdown lines', () => {
    const sim = cluster();
    run(sim, 'kubectl run web --image=nginx');
    sim.advanceBy(10_000);
    const c = latest(sim, 'web') as RuntimeContainer;
    run(sim, 'kubectl delete pod web --wait=false');
    sim.advanceBy(1_000);
    expect(pod(sim, 'web')).toBeUndefined();
    expect(exitsInTrace(sim, 'web')).toEqual(['container web exited with code 0 (Completed)']);
    expect(
      c.log?.some((l) => l.endsWith('[notice] 1#1: signal 3 (SIGQUIT) received, shutting down')),
    ).toBe(true);
  });

  it('--grace-period=5 and --force --grace-period=0 shorten the wait (the kubelet gives at least 2 s)', () => {
    const sim = cluster();
    run(sim, 'kubectl run a --image=busybox -- sleep 3600');
    run(sim, 'kubectl run b --image=busybox -- sleep 3600');
    sim.advanceBy(10_000);
    run(sim, 'kubectl delete pod a --grace-period=5 --wait=false');
    const bc = latest(sim, 'b') as RuntimeContainer;
    run(sim, 'kubectl delete pod b --grace-period=0 --force');
    expect(pod(sim, 'b')).toBeUndefined();
    sim.advanceBy(1_500);
    expect(bc.state).toBe('running');
    sim.advanceBy(1_000);
    expect(bc.state).toBe('exited');
    expect(bc.exitCode).toBe(137);
    expect(pod(sim, 'a')).toBeDefined();
    sim.advanceBy(3_000);
    expect(pod(sim, 'a')).toBeUndefined();
  });

  it('a second, shorter delete brings the SIGKILL forward', () => {
    const sim = cluster();
    run(sim, 'kubectl run s --image=busybox -- sleep 3600');
    sim.advanceBy(10_000);
    run(sim, 'kubectl delete pod s --wait=false');
    sim.advanceBy(5_000);
    run(sim, 'kubectl delete pod s --grace-period=3 --wait=false');
    sim.advanceBy(4_000);
    expect(pod(sim, 's')).toBeUndefined();
  });

  it('a preStop hook holds the stop signal back (the docs’ graceful-termination example)', () => {
    const sim = cluster();
    sim.call({
      verb: 'create',
      resource: 'pods',
      namespace: 'default',
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'slow' },
        spec: {
          terminationGracePeriodSeconds: 20,
          containers: [
            {
              name: 'nginx',
              image: 'nginx',
              lifecycle: { preStop: { exec: { command: ['/bin/sh', '-c', 'sleep 180'] } } },
            },
          ],
        },
      },
    });
    sim.advanceBy(10_000);
    const c = latest(sim, 'slow') as RuntimeContainer;
    run(sim, 'kubectl delete pod slow --wait=false');
    sim.advanceBy(19_000);
    expect(c.state).toBe('running');
    sim.advanceBy(3_000);
    expect(c.state).toBe('exited');
    expect(c.exitCode).toBe(0);
  });
});

describe('memory', () => {
  it('stress allocating past the memory limit is OOMKilled (137)', () => {
    const sim = cluster();
    sim.call({
      verb: 'create',
      resource: 'pods',
      namespace: 'default',
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'memory-demo-2' },
        spec: {
          containers: [
            {
              name: 'memory-demo-2-ctr',
              image: 'polinux/stress',
              resources: { requests: { memory: '50Mi' }, limits: { memory: '100Mi' } },
              command: ['stress'],
              args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'],
            },
          ],
        },
      },
    });
    sim.advanceBy(20_000);
    const st = pod(sim, 'memory-demo-2')?.status?.containerStatuses?.[0];
    expect(st.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(st.restartCount).toBeGreaterThanOrEqual(1);
    expect(latest(sim, 'memory-demo-2')?.log?.[0]).toMatch(
      / stdout F stress: info: \[1\] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd$/,
    );
  });
});

describe('state', () => {
  it('idle servers schedule no timers', () => {
    const sim = cluster();
    run(sim, 'kubectl create deployment web --image=nginx --replicas=3');
    sim.advanceBy(30_000);
    const wakes = sim.state.queue.filter((q) => q.msg.t === 'runtime/processWake');
    expect(wakes).toEqual([]);
  });

  it('a snapshot taken mid-sleep continues exactly', () => {
    const a = cluster();
    run(a, 'kubectl run once --image=busybox --restart=Never -- sleep 5');
    a.advanceBy(3_000);
    const b = createSimulation({ workers: 1, seed: 7 });
    b.restore(a.snapshot());
    a.advanceBy(5_000);
    b.advanceBy(5_000);
    expect(b.snapshot()).toBe(a.snapshot());
    expect(pod(b, 'once')?.status?.phase).toBe('Succeeded');
  });
});

describe('the docs’ examples', () => {
  it('init-demo: the init container fetches the page into the emptyDir and nginx serves it', () => {
    const sim = cluster();
    sim.call({
      verb: 'create',
      resource: 'pods',
      namespace: 'default',
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'init-demo', labels: { app: 'init-demo' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx',
              ports: [{ containerPort: 80 }],
              volumeMounts: [{ name: 'workdir', mountPath: '/usr/share/nginx/html' }],
            },
          ],
          initContainers: [
            {
              name: 'install',
              image: 'busybox',
              command: ['wget', '-O', '/work-dir/index.html', 'http://info.cern.ch'],
              volumeMounts: [{ name: 'workdir', mountPath: '/work-dir' }],
            },
          ],
          dnsPolicy: 'Default',
          volumes: [{ name: 'workdir', emptyDir: {} }],
        },
      },
    });
    sim.advanceBy(20_000);
    expect(pod(sim, 'init-demo')?.status?.phase).toBe('Running');
    run(sim, 'kubectl expose pod init-demo --port=80');
    sim.advanceBy(3_000);
    run(sim, 'request init-demo 1');
    const nginx = containers(sim, 'init-demo').find((c) => c.name === 'nginx');
    expect(nginx?.log?.[nginx.log.length - 1]).toContain('"GET / HTTP/1.1" 200 646 "-"');
  });

  it('basic-daemonset: the init container reads the node’s /etc/machine-id (hostPath)', () => {
    const sim = cluster();
    run(sim, 'kubectl run m --image=busybox --restart=Never -- cat /etc/machine-id');
    sim.advanceBy(10_000);
    // Without the hostPath mount the file is not in the container.
    expect(pod(sim, 'm')?.status?.phase).toBe('Failed');
    expect(latest(sim, 'm')?.log?.[0]).toMatch(
      /cat: can't open '\/etc\/machine-id': No such file or directory$/,
    );
  });
});
