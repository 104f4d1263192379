import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types';
import { runLabLine } from '../../lab';
import { createSimulation } from '../../sim/bootstrap';
import type { Simulation } from '../../sim/simulation';
import { nodeUpdateConcernsDaemons } from './daemonSet';

function kubectl(sim: Simulation, line: string): string {
  return runLabLine(line, { host: sim }).output;
}

/** The nodes the DaemonSet's active pods are pinned to, sorted. */
function daemonNodes(sim: Simulation, name: string): string[] {
  const pods = Object.values(sim.store('pods')).filter(
    (p) => p.metadata.ownerReferences?.[0]?.name === name && !p.metadata.deletionTimestamp,
  );
  return pods
    .map(
      (p) =>
        p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution
          .nodeSelectorTerms[0].matchFields[0].values[0] as string,
    )
    .sort();
}

function createSsdDaemon(sim: Simulation): void {
  const res = sim.call({
    verb: 'create',
    resource: 'daemonsets',
    namespace: 'default',
    body: {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'ssd-monitor' },
      spec: {
        selector: { matchLabels: { app: 'ssd-monitor' } },
        template: {
          metadata: { labels: { app: 'ssd-monitor' } },
          spec: {
            nodeSelector: { disk: 'ssd' },
            containers: [{ name: 'main', image: 'busybox:1.36' }],
          },
        },
      },
    },
  });
  expect(res.ok).toBe(true);
}

describe('DaemonSet controller and Node updates (daemon_controller.go updateNode)', () => {
  it('follows a node label: a pod when the node starts matching, none when it stops', () => {
    const sim = createSimulation({ workers: 3, seed: 4 });
    createSsdDaemon(sim);
    sim.advanceBy(5_000);
    expect(daemonNodes(sim, 'ssd-monitor')).toEqual([]);
    expect(kubectl(sim, 'kubectl label node worker-2 disk=ssd')).toBe('node/worker-2 labeled\n');
    sim.advanceBy(5_000);
    expect(daemonNodes(sim, 'ssd-monitor')).toEqual(['worker-2']);
    kubectl(sim, 'kubectl label node worker-2 disk-');
    sim.advanceBy(40_000);
    expect(daemonNodes(sim, 'ssd-monitor')).toEqual([]);
  });

  it('ignores Node updates that change no DaemonSet’s answer', () => {
    const sim = createSimulation({ workers: 1, seed: 4 });
    createSsdDaemon(sim);
    const node = sim.store('nodes')['worker-1'] as KObject;
    const withImage = {
      ...node,
      status: {
        ...node.status,
        images: [...(node.status.images ?? []), { names: ['x'], sizeBytes: 1 }],
      },
    };
    const heartbeat = {
      ...node,
      metadata: { ...node.metadata, resourceVersion: '999999' },
      status: {
        ...node.status,
        conditions: node.status.conditions.map((c: Record<string, unknown>) => ({
          ...c,
          lastHeartbeatTime: '2030-01-01T00:00:00Z',
        })),
      },
    };
    const labelled = {
      ...node,
      metadata: { ...node.metadata, labels: { ...node.metadata.labels, disk: 'ssd' } },
    };
    const otherLabel = {
      ...node,
      metadata: { ...node.metadata, labels: { ...node.metadata.labels, zone: 'a' } },
    };
    expect(nodeUpdateConcernsDaemons(sim, node, heartbeat)).toBe(false);
    expect(nodeUpdateConcernsDaemons(sim, node, withImage)).toBe(false);
    expect(nodeUpdateConcernsDaemons(sim, node, otherLabel)).toBe(false);
    expect(nodeUpdateConcernsDaemons(sim, node, labelled)).toBe(true);
    // A NoSchedule taint the daemon pods do not tolerate.
    const tainted = {
      ...node,
      spec: { ...node.spec, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
    };
    expect(nodeUpdateConcernsDaemons(sim, labelled, { ...labelled, spec: tainted.spec })).toBe(
      true,
    );
  });
});
