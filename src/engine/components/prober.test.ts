/**
 * The kubelet's prober end to end: the docs' probe examples, the real failure messages, the
 * thresholds, kills and restarts, readiness gating the pod's Ready condition and its endpoints,
 * startup gating the others, timers, snapshots, a kubelet restart.
 */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import { runLabLine } from '../lab';
import { createSimulation } from '../sim/bootstrap';
import type { Simulation } from '../sim/simulation';
import { resolvePort } from './prober';

function cluster(): Simulation {
  const sim = createSimulation({ workers: 1, seed: 7 });
  sim.advanceTo(30_000);
  return sim;
}

function run(sim: Simulation, line: string): string {
  return runLabLine(line, { host: sim }).output;
}

function apply(sim: Simulation, manifest: KObject): void {
  const res = sim.call({ verb: 'create', resource: 'pods', namespace: 'default', body: manifest });
  expect(res.ok).toBe(true);
}

function podWith(name: string, container: Record<string, unknown>, spec = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: name } },
    spec: { ...spec, containers: [{ name: 'c', ...container }] },
  };
}

function pod(sim: Simulation, name: string): KObject {
  return sim.store('pods')[`default/${name}`];
}

function status(sim: Simulation, name: string) {
  return pod(sim, name)?.status?.containerStatuses?.[0];
}

function readyCondition(sim: Simulation, name: string): string | undefined {
  return (pod(sim, name)?.status?.conditions ?? []).find(
    (c: { type: string }) => c.type === 'Ready',
  )?.status;
}

/** The pod's events as `Reason: message (xN)`, oldest first. */
function events(sim: Simulation, name: string): string[] {
  return Object.values(sim.store('events'))
    .filter((e) => e.involvedObject?.name === name)
    .sort((a, b) => String(a.firstTimestamp).localeCompare(String(b.firstTimestamp)))
    .map((e) => `${e.reason}: ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`);
}

/** Probe timers of the default namespace's pods (CoreDNS in kube-system probes too). */
function probeTimers(sim: Simulation): number {
  return sim.state.queue.filter((q) => {
    if (q.msg.t !== 'kubelet/probe') return false;
    const m = q.msg as { node: string; uid?: string };
    const kp = m.uid ? sim.state.nodes[m.node]?.kubelet.pods[m.uid] : undefined;
    return !kp || kp.key.startsWith('default/');
  }).length;
}

const EXEC_LIVENESS = podWith('liveness-exec', {
  image: 'registry.k8s.io/busybox:1.27.2',
  args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
  livenessProbe: {
    exec: { command: ['cat', '/tmp/healthy'] },
    initialDelaySeconds: 5,
    periodSeconds: 5,
  },
});

describe('the docs examples', () => {
  it('exec liveness: healthy for 30 s, then three failures, a kill and a restart', () => {
    const sim = cluster();
    apply(sim, EXEC_LIVENESS);
    sim.advanceBy(25_000);
    expect(events(sim, 'liveness-exec').some((e) => e.startsWith('Unhealthy'))).toBe(false);
    expect(status(sim, 'liveness-exec')?.ready).toBe(true);
    sim.advanceBy(20_000);
    expect(events(sim, 'liveness-exec')).toContain(
      "Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory (x3)",
    );
    expect(events(sim, 'liveness-exec')).toContain(
      'Killing: Container c failed liveness probe, will be restarted',
    );
    // sh as PID 1 ignores SIGTERM: killed when the 30 s grace period ends, then restarted.
    expect(status(sim, 'liveness-exec')?.restartCount).toBe(0);
    sim.advanceBy(40_000);
    const st = status(sim, 'liveness-exec');
    expect(st?.restartCount).toBe(1);
    expect(st?.lastState?.terminated?.exitCode).toBe(137);
    expect(st?.state?.running).toBeDefined();
    // The new container starts healthy again: the result was reset.
    sim.advanceBy(10_000);
    expect(status(sim, 'liveness-exec')?.restartCount).toBe(1);
  });

  it('tcp liveness and readiness on goproxy 8080: ready after initialDelaySeconds, never restarted', () => {
    const sim = cluster();
    const probe = { tcpSocket: { port: 8080 }, initialDelaySeconds: 15, periodSeconds: 10 };
    apply(
      sim,
      podWith('goproxy', {
        image: 'registry.k8s.io/goproxy:0.1',
        ports: [{ containerPort: 8080 }],
        readinessProbe: probe,
        livenessProbe: probe,
      }),
    );
    sim.advanceBy(10_000);
    expect(status(sim, 'goproxy')?.ready).toBe(false);
    expect(readyCondition(sim, 'goproxy')).toBe('False');
    sim.advanceBy(10_000);
    expect(status(sim, 'goproxy')?.ready).toBe(true);
    expect(readyCondition(sim, 'goproxy')).toBe('True');
    sim.advanceBy(120_000);
    expect(status(sim, 'goproxy')?.restartCount).toBe(0);
    expect(events(sim, 'goproxy').some((e) => e.startsWith('Unhealthy'))).toBe(false);
  });
});

describe('httpGet', () => {
  it('a readiness probe on a port nothing listens on: never Ready, never restarted, out of the endpoints', () => {
    const sim = cluster();
    apply(
      sim,
      podWith('wrong', {
        image: 'nginx',
        readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
      }),
    );
    run(sim, 'kubectl expose pod wrong --port=80');
    sim.advanceBy(60_000);
    expect(status(sim, 'wrong')?.ready).toBe(false);
    expect(status(sim, 'wrong')?.restartCount).toBe(0);
    const ip = pod(sim, 'wrong').status.podIP;
    const unhealthy = events(sim, 'wrong').find((e) => e.startsWith('Unhealthy'));
    expect(unhealthy).toMatch(
      new RegExp(
        `^Unhealthy: Readiness probe failed: Get "http://${ip.replace(/\./g, '\\.')}:8080/healthz": dial tcp ${ip.replace(/\./g, '\\.')}:8080: connect: connection refused \\(x\\d+\\)$`,
      ),
    );
    const slices = Object.values(sim.store('endpointslices')).filter(
      (s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'wrong',
    );
    expect(slices[0]?.endpoints?.[0]?.conditions?.ready).toBe(false);
  });

  it('liveness on a path nginx does not serve fails with its status and restarts nginx', () => {
    const sim = cluster();
    apply(
      sim,
      podWith('nx', {
        image: 'nginx:1.27.3',
        ports: [{ name: 'web', containerPort: 80 }],
        readinessProbe: { httpGet: { path: '/', port: 'web' } },
        livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 3 },
      }),
    );
    sim.advanceBy(15_000);
    expect(events(sim, 'nx')).toContain(
      'Killing: Container c failed liveness probe, will be restarted',
    );
    expect(events(sim, 'nx').find((e) => e.startsWith('Unhealthy'))).toMatch(
      /^Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 404/,
    );
    const st = status(sim, 'nx');
    expect(st?.restartCount).toBeGreaterThanOrEqual(1);
    // nginx stops at once on SIGTERM: exit 0.
    expect(st?.lastState?.terminated?.exitCode).toBe(0);
    // nginx logged the probes it answered, as kube-probe.
    const node = sim.state.nodes['worker-1'];
    const logs = Object.values(node.runtime.containers)
      .filter((c) => c.podUid === pod(sim, 'nx').metadata.uid)
      .flatMap((c) => c.log ?? []);
    expect(
      logs.some((l) => l.includes('"GET /healthz HTTP/1.1" 404') && l.includes('kube-probe/')),
    ).toBe(true);
  });

  it('liveness with restartPolicy Never kills without a restart', () => {
    const sim = cluster();
    apply(
      sim,
      podWith(
        'once',
        { image: 'nginx', livenessProbe: { httpGet: { path: '/', port: 81 }, periodSeconds: 2 } },
        { restartPolicy: 'Never' },
      ),
    );
    sim.advanceBy(20_000);
    expect(events(sim, 'once')).toContain('Killing: Container c failed liveness probe');
    expect(status(sim, 'once')?.restartCount).toBe(0);
    expect(pod(sim, 'once').status.phase).toBe('Succeeded');
  });
});

describe('hosts', () => {
  it('127.0.0.1 reaches a host-network pod (HTTPS answered like HTTP); an address no pod has times out', () => {
    const sim = cluster();
    apply(
      sim,
      podWith(
        'hostnet',
        {
          image: 'nginx',
          livenessProbe: {
            httpGet: { host: '127.0.0.1', path: '/', port: 80, scheme: 'HTTPS' },
            periodSeconds: 2,
          },
          readinessProbe: { httpGet: { host: '10.9.9.9', path: '/', port: 80 }, periodSeconds: 2 },
        },
        { hostNetwork: true },
      ),
    );
    sim.advanceBy(15_000);
    const evs = events(sim, 'hostnet');
    expect(evs.some((e) => e.includes('Liveness'))).toBe(false);
    expect(evs).toContainEqual(
      expect.stringMatching(
        /^Unhealthy: Readiness probe failed: Get "http:\/\/10\.9\.9\.9:80\/": context deadline exceeded \(Client\.Timeout exceeded while awaiting headers\)/,
      ),
    );
    expect(status(sim, 'hostnet')?.ready).toBe(false);
  });
});

describe('readiness follows the probe', () => {
  it('a file that comes and goes: Ready, then not Ready (no restart)', () => {
    const sim = cluster();
    apply(
      sim,
      podWith('flip', {
        image: 'busybox',
        command: ['sh', '-c', 'touch /tmp/ready; sleep 20; rm /tmp/ready; sleep 3600'],
        readinessProbe: {
          exec: { command: ['cat', '/tmp/ready'] },
          periodSeconds: 2,
          failureThreshold: 2,
        },
      }),
    );
    sim.advanceBy(10_000);
    expect(readyCondition(sim, 'flip')).toBe('True');
    sim.advanceBy(20_000);
    expect(readyCondition(sim, 'flip')).toBe('False');
    expect(status(sim, 'flip')?.restartCount).toBe(0);
    expect(events(sim, 'flip').some((e) => e.startsWith('Killing'))).toBe(false);
  });
});

describe('startup', () => {
  it('gates liveness and readiness; started turns true when it passes', () => {
    const sim = cluster();
    apply(
      sim,
      podWith('slow', {
        image: 'busybox',
        command: ['sh', '-c', 'sleep 9; touch /tmp/started; sleep 3600'],
        startupProbe: {
          exec: { command: ['cat', '/tmp/started'] },
          periodSeconds: 2,
          failureThreshold: 10,
        },
        // Would fail at once if it ran before the container started.
        livenessProbe: { exec: { command: ['false'] }, periodSeconds: 1, failureThreshold: 1 },
      }),
    );
    sim.advanceBy(6_000);
    expect(status(sim, 'slow')?.started).toBe(false);
    expect(status(sim, 'slow')?.ready).toBe(false);
    expect(events(sim, 'slow').some((e) => e.includes('Liveness'))).toBe(false);
    sim.advanceBy(6_000);
    expect(events(sim, 'slow').some((e) => e.includes('Liveness probe failed'))).toBe(true);
  });

  it('a startup probe that never passes kills the container after failureThreshold', () => {
    const sim = cluster();
    apply(
      sim,
      podWith('never', {
        image: 'nginx',
        startupProbe: { tcpSocket: { port: 9999 }, periodSeconds: 2, failureThreshold: 3 },
      }),
    );
    sim.advanceBy(15_000);
    expect(events(sim, 'never')).toContainEqual(
      expect.stringMatching(/^Killing: Container c failed startup probe, will be restarted/),
    );
    expect(status(sim, 'never')?.restartCount).toBeGreaterThanOrEqual(1);
    const ip = pod(sim, 'never').status.podIP;
    expect(events(sim, 'never')).toContainEqual(
      expect.stringContaining(
        `Startup probe failed: dial tcp ${ip}:9999: connect: connection refused`,
      ),
    );
  });
});

describe('exec messages', () => {
  it('a command that outlives timeoutSeconds times out; a missing program is an error thrown away', () => {
    const sim = cluster();
    apply(
      sim,
      podWith('slowcmd', {
        image: 'busybox',
        command: ['sleep', '3600'],
        livenessProbe: { exec: { command: ['sleep', '5'] }, failureThreshold: 100 },
        readinessProbe: { exec: { command: ['nosuch'] } },
      }),
    );
    sim.advanceBy(12_000);
    const evs = events(sim, 'slowcmd');
    expect(evs).toContainEqual(
      expect.stringMatching(/^Unhealthy: Liveness probe failed: command "sleep 5" timed out/),
    );
    expect(evs).toContainEqual(
      expect.stringMatching(
        /^Unhealthy: Readiness probe errored and resulted in unknown state: rpc error: code = Unknown desc = failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in \$PATH: unknown/,
      ),
    );
    expect(status(sim, 'slowcmd')?.ready).toBe(false);
  });
});

describe('cost and state', () => {
  it('an unprobed container has no workers and no timers; a probed one has one timer', () => {
    const sim = cluster();
    run(sim, 'kubectl run plain --image=nginx');
    sim.advanceBy(20_000);
    expect(probeTimers(sim)).toBe(0);
    const probe = { tcpSocket: { port: 80 }, periodSeconds: 3 };
    apply(
      sim,
      podWith('three', {
        image: 'nginx',
        startupProbe: probe,
        livenessProbe: { ...probe, periodSeconds: 7 },
        readinessProbe: { ...probe, periodSeconds: 5 },
      }),
    );
    for (let i = 0; i < 30; i++) {
      sim.advanceBy(1_000);
      expect(probeTimers(sim)).toBeLessThanOrEqual(1);
    }
    expect(status(sim, 'three')?.ready).toBe(true);
  });

  it('a snapshot taken mid-probing continues exactly', () => {
    const a = cluster();
    apply(a, EXEC_LIVENESS);
    a.advanceBy(38_000);
    const b = createSimulation({ workers: 1, seed: 7 });
    b.restore(a.snapshot());
    a.advanceBy(60_000);
    b.advanceBy(60_000);
    expect(b.snapshot()).toBe(a.snapshot());
    expect(status(b, 'liveness-exec')?.restartCount).toBe(1);
  });

  it('a restarted kubelet keeps a ready container ready and probes it again', () => {
    const sim = cluster();
    apply(
      sim,
      podWith('kept', {
        image: 'nginx',
        readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 },
      }),
    );
    sim.advanceBy(10_000);
    expect(readyCondition(sim, 'kept')).toBe('True');
    run(sim, 'break kubelet worker-1');
    sim.advanceBy(5_000);
    run(sim, 'repair kubelet worker-1');
    sim.advanceBy(1_000);
    expect(readyCondition(sim, 'kept')).toBe('True');
    sim.advanceBy(20_000);
    expect(readyCondition(sim, 'kept')).toBe('True');
    const kp = Object.values(sim.state.nodes['worker-1'].kubelet.pods).find(
      (p) => p.pod.metadata.name === 'kept',
    );
    expect(kp?.probes?.c?.workers.readiness?.result).toBe('success');
  });
});

describe('resolvePort', () => {
  const spec = { name: 'c', ports: [{ name: 'web', containerPort: 8080 }] };
  it('takes numbers, named ports and numbers written as strings', () => {
    expect(resolvePort(80, spec)).toBe(80);
    expect(resolvePort('web', spec)).toBe(8080);
    expect(resolvePort('9090', spec)).toBe(9090);
  });
  it('reports what the kubelet reports otherwise', () => {
    expect(resolvePort('http', spec)).toBe('strconv.Atoi: parsing "http": invalid syntax');
    expect(resolvePort(70000, spec)).toBe('invalid port number: 70000');
  });
});
