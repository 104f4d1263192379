import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types';
import { runLabLine } from '../../lab';
import { timeMsOf } from '../../model/meta';
import { createSimulation } from '../../sim/bootstrap';
import type { Simulation } from '../../sim/simulation';

function kubectl(sim: Simulation, line: string): string {
  return runLabLine(line, { host: sim }).output;
}

function createWeb(sim: Simulation, spec: Record<string, unknown> = {}): void {
  const res = sim.call({
    verb: 'create',
    resource: 'statefulsets',
    namespace: 'default',
    body: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web' },
      spec: {
        serviceName: 'nginx',
        replicas: 3,
        selector: { matchLabels: { app: 'nginx' } },
        template: {
          metadata: { labels: { app: 'nginx' } },
          spec: {
            containers: [
              {
                name: 'nginx',
                image: 'nginx:1.14.2',
                volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }],
              },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'www' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        ],
        ...spec,
      },
    },
  });
  expect(res.ok).toBe(true);
}

const pods = (sim: Simulation) =>
  Object.values(sim.store('pods')).filter((p) => p.metadata.labels?.app === 'nginx');
const podNames = (sim: Simulation) =>
  pods(sim)
    .map((p) => p.metadata.name)
    .sort();

/** The set's events as `reason message`, oldest first. */
function setEvents(sim: Simulation): string[] {
  return Object.values(sim.store('events'))
    .filter((e) => e.involvedObject?.name === 'web' && e.involvedObject?.kind === 'StatefulSet')
    .sort(
      (a, b) =>
        timeMsOf(a.firstTimestamp) - timeMsOf(b.firstTimestamp) ||
        Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion),
    )
    .map((e) => `${e.reason} ${e.message}`);
}

function readySinceMs(pod: KObject): number {
  const c = pod.status?.conditions?.find(
    (x: { type: string; status: string }) => x.type === 'Ready' && x.status === 'True',
  );
  return c ? timeMsOf(c.lastTransitionTime) : Number.POSITIVE_INFINITY;
}

describe('StatefulSet controller', () => {
  it('makes web-0, web-1, web-2 one at a time, each Running and Ready before the next', () => {
    const sim = createSimulation({ workers: 2, seed: 3 });
    createWeb(sim);
    sim.advanceBy(2_000);
    expect(podNames(sim)).toEqual(['web-0']);
    sim.advanceBy(60_000);
    expect(podNames(sim)).toEqual(['web-0', 'web-1', 'web-2']);
    const byName = Object.fromEntries(pods(sim).map((p) => [p.metadata.name, p]));
    expect(timeMsOf(byName['web-1'].metadata.creationTimestamp)).toBeGreaterThanOrEqual(
      readySinceMs(byName['web-0']),
    );
    expect(timeMsOf(byName['web-2'].metadata.creationTimestamp)).toBeGreaterThanOrEqual(
      readySinceMs(byName['web-1']),
    );
    const web1 = byName['web-1'];
    expect(web1.spec.hostname).toBe('web-1');
    expect(web1.spec.subdomain).toBe('nginx');
    expect(web1.metadata.labels).toMatchObject({
      'apps.kubernetes.io/pod-index': '1',
      'statefulset.kubernetes.io/pod-name': 'web-1',
    });
    expect(web1.spec.volumes[0]).toEqual({
      name: 'www',
      persistentVolumeClaim: { claimName: 'www-web-1' },
    });
    // PersistentVolumeClaims are not simulated: none is created.
    expect(Object.keys(sim.store('persistentvolumeclaims'))).toEqual([]);
    expect(setEvents(sim)).toEqual([
      'SuccessfulCreate create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate create Pod web-1 in StatefulSet web successful',
      'SuccessfulCreate create Pod web-2 in StatefulSet web successful',
    ]);
    expect(kubectl(sim, 'kubectl get sts web')).toMatch(
      /^NAME {3}READY {3}AGE\nweb {4}3\/3 {5}\d+s\n$/,
    );
  });

  it('scales down from the highest ordinal, one pod at a time', () => {
    const sim = createSimulation({ workers: 2, seed: 3 });
    createWeb(sim);
    sim.advanceBy(60_000);
    expect(kubectl(sim, 'kubectl scale sts web --replicas=1')).toBe(
      'statefulset.apps/web scaled\n',
    );
    // Never two at once: each pod is gone before the next one is asked to go.
    const gone: string[] = [];
    for (let t = 0; t < 60_000; t += 100) {
      sim.advanceBy(100);
      const names = podNames(sim);
      for (const n of ['web-2', 'web-1']) if (!names.includes(n) && !gone.includes(n)) gone.push(n);
      expect(pods(sim).filter((p) => p.metadata.deletionTimestamp).length).toBeLessThanOrEqual(1);
    }
    expect(gone).toEqual(['web-2', 'web-1']);
    expect(podNames(sim)).toEqual(['web-0']);
    expect(setEvents(sim).slice(-2)).toEqual([
      'SuccessfulDelete delete Pod web-2 in StatefulSet web successful',
      'SuccessfulDelete delete Pod web-1 in StatefulSet web successful',
    ]);
  });

  it('creates every pod at once with podManagementPolicy Parallel', () => {
    const sim = createSimulation({ workers: 2, seed: 3 });
    createWeb(sim, { podManagementPolicy: 'Parallel' });
    sim.advanceBy(1_000);
    expect(podNames(sim)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('rolls out a new template from the highest ordinal down, and honours the partition', () => {
    const sim = createSimulation({ workers: 2, seed: 3 });
    createWeb(sim, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } });
    sim.advanceBy(60_000);
    expect(kubectl(sim, 'kubectl set image sts/web nginx=nginx:1.16.1')).toBe(
      'statefulset.apps/web image updated\n',
    );
    sim.advanceBy(120_000);
    const images = Object.fromEntries(
      pods(sim).map((p) => [p.metadata.name, p.spec.containers[0].image]),
    );
    expect(images).toEqual({
      'web-0': 'nginx:1.14.2',
      'web-1': 'nginx:1.16.1',
      'web-2': 'nginx:1.16.1',
    });
    const deletes = setEvents(sim).filter((e) => e.startsWith('SuccessfulDelete'));
    expect(deletes).toEqual([
      'SuccessfulDelete delete Pod web-2 in StatefulSet web successful',
      'SuccessfulDelete delete Pod web-1 in StatefulSet web successful',
    ]);
    const sts = sim.store('statefulsets')['default/web'];
    expect(sts.status).toMatchObject({ replicas: 3, updatedReplicas: 2, readyReplicas: 3 });
    expect(sts.status.currentRevision).not.toBe(sts.status.updateRevision);
    expect(kubectl(sim, 'kubectl get controllerrevisions').split('\n').length).toBe(4);
    // A deleted pod below the partition comes back at the current revision.
    kubectl(sim, 'kubectl delete pod web-0 --wait=false');
    sim.advanceBy(60_000);
    const web0 = sim.store('pods')['default/web-0'];
    expect(web0.spec.containers[0].image).toBe('nginx:1.14.2');
    expect(web0.metadata.labels?.['controller-revision-hash']).toBe(sts.status.currentRevision);
  });

  it('is cleaned up by the garbage collector, and adopts its pods back after an orphaning delete', () => {
    const sim = createSimulation({ workers: 2, seed: 3 });
    createWeb(sim, { replicas: 2 });
    sim.advanceBy(60_000);
    expect(kubectl(sim, 'kubectl delete sts web --cascade=orphan')).toBe(
      'statefulset.apps "web" deleted from default namespace\n',
    );
    sim.advanceBy(10_000);
    expect(podNames(sim)).toEqual(['web-0', 'web-1']);
    expect(pods(sim).every((p) => !p.metadata.ownerReferences?.length)).toBe(true);
    createWeb(sim, { replicas: 2 });
    sim.advanceBy(10_000);
    const uid = sim.store('statefulsets')['default/web'].metadata.uid;
    expect(pods(sim).map((p) => p.metadata.ownerReferences?.[0]?.uid)).toEqual([uid, uid]);
    expect(setEvents(sim).filter((e) => e.startsWith('SuccessfulCreate'))).toHaveLength(2);
    expect(kubectl(sim, 'kubectl delete statefulset web')).toBe(
      'statefulset.apps "web" deleted from default namespace\n',
    );
    sim.advanceBy(60_000);
    expect(podNames(sim)).toEqual([]);
    expect(Object.keys(sim.store('controllerrevisions'))).toEqual([]);
  });

  it('continues exactly after a snapshot and restore', () => {
    const a = createSimulation({ workers: 2, seed: 5 });
    createWeb(a);
    a.advanceBy(3_000);
    const b = createSimulation({ workers: 2, seed: 5 });
    b.restore(a.snapshot());
    a.advanceBy(40_000);
    b.advanceBy(40_000);
    expect(b.snapshot()).toBe(a.snapshot());
  });
});
