/**
 * The kubelet's image pulls against the simulated registry: ErrImagePull, ImagePullBackOff with
 * its doubling back-off, imagePullPolicy, private registries (pkg/kubelet/images/image_manager.go,
 * kuberuntime_container.go startContainer).
 */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import { runLabLine } from '../lab';
import { createSimulation } from '../sim/bootstrap';
import { goDuration } from './kubelet';

type Sim = ReturnType<typeof createSimulation>;

const run = (sim: Sim, line: string) => runLabLine(line, { host: sim }).output;

function pod(sim: Sim, name: string): KObject {
  const p = sim.store('pods')[`default/${name}`];
  if (!p) throw new Error(`no pod ${name}`);
  return p;
}

function waiting(sim: Sim, name: string, container = 0) {
  return pod(sim, name).status?.containerStatuses?.[container]?.state?.waiting;
}

function events(sim: Sim, name: string, reason?: string): KObject[] {
  return Object.values(sim.store('events')).filter(
    (e) => e.involvedObject?.name === name && (!reason || e.reason === reason),
  );
}

function count(sim: Sim, name: string, reason: string): number {
  return events(sim, name, reason).reduce((n, e) => n + (e.count ?? 1), 0);
}

/** Times (ms) the kubelet asked the runtime to pull, from the trace. */
function pullTimes(sim: Sim, image: string): number[] {
  return sim
    .traceEntries()
    .filter((e) => e.kind === 'cri' && e.summary === `PullImage ${image}`)
    .map((e) => e.timeMs);
}

const NOT_FOUND =
  'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:no-such-tag": failed to resolve reference "docker.io/library/nginx:no-such-tag": docker.io/library/nginx:no-such-tag: not found';

describe('a pull the registry cannot serve', () => {
  it('shows ErrImagePull with the runtime error, then ImagePullBackOff with it appended', () => {
    const sim = createSimulation({ workers: 1, seed: 5 });
    run(sim, 'kubectl run typo --image=nginx:no-such-tag');
    run(sim, 'wait 3s');
    // The sandbox's PLEG event syncs the pod again at once: already backing off.
    expect(waiting(sim, 'typo')).toEqual({
      reason: 'ImagePullBackOff',
      message: `Back-off pulling image "nginx:no-such-tag": ErrImagePull: ${NOT_FOUND}`,
    });
    const failed = events(sim, 'typo', 'Failed').map((e) => e.message);
    expect(failed).toContain(`Failed to pull image "nginx:no-such-tag": ${NOT_FOUND}`);
    expect(failed).toContain('Error: ErrImagePull');
    expect(failed).toContain('Error: ImagePullBackOff');
    expect(events(sim, 'typo', 'BackOff')[0].message).toBe(
      'Back-off pulling image "nginx:no-such-tag"',
    );
    expect(events(sim, 'typo', 'Pulled')).toEqual([]);
    // The next pull fails again: ErrImagePull until the pod worker's next sync.
    run(sim, 'wait 15s');
    expect(waiting(sim, 'typo')).toEqual({ reason: 'ErrImagePull', message: NOT_FOUND });
    expect(run(sim, 'kubectl get pod typo')).toMatch(/typo\s+0\/1\s+ErrImagePull\s+0/);
    expect(pod(sim, 'typo').status?.phase).toBe('Pending');
  });

  it('backs off 10 s, doubling to 300 s, retried by the pod worker every 10–15 s', () => {
    const sim = createSimulation({ workers: 1, seed: 7 });
    run(sim, 'kubectl run typo --image=nginx:no-such-tag');
    run(sim, 'wait 20m');
    const times = pullTimes(sim, 'nginx:no-such-tag');
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // Each wait is at least the back-off (10, 20, 40 … 300 s) and at most one worker retry more.
    let backoff = 10_000;
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(backoff);
      expect(gap).toBeLessThanOrEqual(backoff + 16_000);
      backoff = Math.min(backoff * 2, 300_000);
    }
    expect(gaps.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(300_000);
  });

  it('recovers when the image is fixed: the new image is pulled at once', () => {
    const sim = createSimulation({ workers: 1, seed: 5 });
    run(sim, 'kubectl run typo --image=nginx:no-such-tag');
    run(sim, 'wait 30s');
    run(sim, 'kubectl set image pod/typo typo=nginx:1.14.2');
    run(sim, 'wait 3s');
    const st = pod(sim, 'typo').status?.containerStatuses?.[0];
    expect(st?.state?.running).toBeDefined();
    expect(st?.ready).toBe(true);
    expect(count(sim, 'typo', 'Pulled')).toBe(1);
  });

  it('still starts the pod’s other containers (SyncPod tries them all)', () => {
    const sim = createSimulation({ workers: 1, seed: 5 });
    sim.call({
      verb: 'create',
      resource: 'pods',
      namespace: 'default',
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'two' },
        spec: {
          containers: [
            { name: 'bad', image: 'nginx:no-such-tag' },
            { name: 'good', image: 'nginx:1.14.2' },
          ],
        },
      },
    });
    run(sim, 'wait 20s');
    expect(waiting(sim, 'two', 0)?.reason).toMatch(/ErrImagePull|ImagePullBackOff/);
    expect(pod(sim, 'two').status?.containerStatuses?.[1]?.state?.running).toBeDefined();
    expect(run(sim, 'kubectl get pod two')).toMatch(/two\s+1\/2\s+(ErrImagePull|ImagePullBackOff)/);
  });

  it('keeps a snapshot taken mid-back-off on the same course', () => {
    const a = createSimulation({ workers: 1, seed: 9 });
    run(a, 'kubectl run typo --image=nginx:no-such-tag');
    run(a, 'wait 25s');
    const b = createSimulation({ workers: 1, seed: 9 });
    b.restore(a.snapshot());
    run(a, 'wait 3m');
    run(b, 'wait 3m');
    expect(b.snapshot()).toBe(a.snapshot());
  });
});

describe('goDuration', () => {
  it('prints durations as Go does', () => {
    expect(goDuration(775)).toBe('775ms');
    expect(goDuration(1523)).toBe('1.523s');
    expect(goDuration(2000)).toBe('2s');
    expect(goDuration(62_500)).toBe('1m2.5s');
    expect(goDuration(3_600_000)).toBe('1h0m0s');
    expect(goDuration(0)).toBe('0s');
  });
});

describe('imagePullPolicy', () => {
  it('Never: ErrImageNeverPull for an image the node does not hold', () => {
    const sim = createSimulation({ workers: 1, seed: 5 });
    run(sim, 'kubectl run never --image=redis:7.2 --image-pull-policy=Never');
    run(sim, 'wait 5s');
    expect(waiting(sim, 'never')).toEqual({
      reason: 'ErrImageNeverPull',
      message: 'Container image "redis:7.2" is not present with pull policy of Never',
    });
    expect(events(sim, 'never', 'Failed').map((e) => e.message)).toEqual([
      'Error: ErrImageNeverPull',
    ]);
    expect(pullTimes(sim, 'redis:7.2')).toEqual([]);
  });

  it('IfNotPresent pulls once per node; Always asks the registry at every start', () => {
    const sim = createSimulation({ workers: 1, seed: 5 });
    run(sim, 'kubectl run a --image=nginx:1.14.2');
    run(sim, 'wait 5s');
    run(sim, 'kubectl run b --image=nginx:1.14.2');
    run(sim, 'kubectl run c --image=nginx:1.14.2 --image-pull-policy=Always');
    run(sim, 'wait 5s');
    expect(count(sim, 'a', 'Pulling')).toBe(1);
    expect(count(sim, 'b', 'Pulling')).toBe(0);
    expect(events(sim, 'b', 'Pulled')[0].message).toBe(
      'Container image "nginx:1.14.2" already present on machine',
    );
    expect(count(sim, 'c', 'Pulling')).toBe(1);
    // Layers present: only the manifest is fetched (under a second, not ~1 s per 40 MB).
    expect(events(sim, 'c', 'Pulled')[0].message).toMatch(/ in \d{3}ms \(\d{3}ms including/);
  });
});

describe('a private registry', () => {
  const image = 'registry.example.com/kitchen/secret-sauce:1.0';

  it('answers 401 without imagePullSecrets and serves the image with one', () => {
    const sim = createSimulation({ workers: 1, seed: 5 });
    const create = (name: string, secrets?: { name: string }[]) =>
      sim.call({
        verb: 'create',
        resource: 'pods',
        namespace: 'default',
        body: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name },
          spec: {
            ...(secrets ? { imagePullSecrets: secrets } : {}),
            containers: [{ name: 'sauce', image }],
          },
        },
      });
    create('sauce');
    run(sim, 'wait 3s');
    expect(events(sim, 'sauce', 'Failed').map((e) => e.message)).toContain(
      `Failed to pull image "${image}": rpc error: code = Unknown desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": unexpected status from HEAD request to https://registry.example.com/v2/kitchen/secret-sauce/manifests/1.0: 401 Unauthorized`,
    );
    // A named secret that does not exist does not help; a docker-registry one does.
    create('sauce-missing', [{ name: 'nope' }]);
    run(sim, 'wait 3s');
    expect(events(sim, 'sauce-missing', 'FailedToRetrieveImagePullSecret')).toHaveLength(1);
    expect(
      pod(sim, 'sauce-missing').status?.containerStatuses?.[0]?.state?.running,
    ).toBeUndefined();
    run(
      sim,
      'kubectl create secret docker-registry regcred --docker-server=registry.example.com --docker-username=chef --docker-password=s3cret',
    );
    create('sauce-ok', [{ name: 'regcred' }]);
    run(sim, 'wait 3s');
    expect(pod(sim, 'sauce-ok').status?.containerStatuses?.[0]?.state?.running).toBeDefined();
  });
});
