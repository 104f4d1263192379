import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import { runLabLine } from '../lab';
import { checkInvariants } from '../testing/invariants';
import { createSimulation } from './bootstrap';
import type { Simulation } from './simulation';

const run = (sim: Simulation, line: string) => runLabLine(line, { host: sim }).output;

function podsOn(sim: Simulation, node: string, ns = 'default'): KObject[] {
  return Object.values(sim.store('pods')).filter(
    (p) => p.spec?.nodeName === node && p.metadata.namespace === ns,
  );
}

function eventsAbout(sim: Simulation, name: string, reason: string): KObject[] {
  return Object.values(sim.store('events')).filter(
    (e) => e.involvedObject?.name === name && e.reason === reason,
  );
}

describe('a node reboot (break node, then repair node)', () => {
  it('restarts every container with restartCount + 1 in a new sandbox, as the kubelet does', () => {
    const sim = createSimulation({ workers: 2, seed: 5 });
    run(sim, 'kubectl create deployment web --image=nginx:1.14.2 --replicas=4');
    run(sim, 'wait 20s');
    const before = podsOn(sim, 'worker-1');
    expect(before.length).toBeGreaterThan(0);
    run(sim, 'break node worker-1');
    run(sim, 'wait 20s');
    run(sim, 'repair node worker-1');
    run(sim, 'wait 15s');
    for (const old of before) {
      const pod = sim.store('pods')[`default/${old.metadata.name}`];
      const status = pod.status.containerStatuses[0];
      expect(status.restartCount).toBe(1);
      expect(status.ready).toBe(true);
      expect(status.lastState.terminated).toMatchObject({ exitCode: 255, reason: 'Unknown' });
      // A new sandbox: a new pod IP; the pod's start time stays what it was.
      expect(pod.status.podIP).not.toBe(old.status.podIP);
      expect(pod.status.startTime).toBe(old.status.startTime);
      const changed = eventsAbout(sim, old.metadata.name as string, 'SandboxChanged');
      expect(changed.map((e) => [e.type, e.message])).toEqual([
        ['Normal', 'Pod sandbox changed, it will be killed and re-created.'],
      ]);
    }
    // The DaemonSet's kube-proxy on the node restarted too; the other node's pods did not.
    expect(podsOn(sim, 'worker-1', 'kube-system')[0].status.containerStatuses[0].restartCount).toBe(
      1,
    );
    for (const pod of podsOn(sim, 'worker-2'))
      expect(pod.status.containerStatuses[0].restartCount).toBe(0);
  });

  it('reports the new boot ID with a Warning Rebooted event; a kubelet restart does not', () => {
    const sim = createSimulation({ workers: 1, seed: 2 });
    const bootId = () => sim.store('nodes')['worker-1'].status.nodeInfo.bootID as string;
    const first = bootId();
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    run(sim, 'break kubelet worker-1');
    run(sim, 'wait 5s');
    run(sim, 'repair kubelet worker-1');
    run(sim, 'wait 5s');
    expect(bootId()).toBe(first);
    expect(eventsAbout(sim, 'worker-1', 'Rebooted')).toEqual([]);
    run(sim, 'break node worker-1');
    run(sim, 'wait 5s');
    run(sim, 'repair node worker-1');
    run(sim, 'wait 5s');
    expect(bootId()).not.toBe(first);
    expect(eventsAbout(sim, 'worker-1', 'Rebooted').map((e) => [e.type, e.message])).toEqual([
      ['Warning', `Node worker-1 has been rebooted, boot id: ${bootId()}`],
    ]);
  });

  it('ignores answers the runtime sent before the machine went down', () => {
    const sim = createSimulation({ workers: 1, seed: 4 });
    run(sim, 'kubectl run web --image=nginx:1.14.2');
    // Power off while CreateContainer's answer is on its way, and on again at once.
    run(sim, 'wait 2300ms');
    run(sim, 'break node worker-1');
    run(sim, 'repair node worker-1');
    run(sim, 'wait 20s');
    const pod = sim.store('pods')['default/web'];
    expect(pod.status.phase).toBe('Running');
    const running = Object.values(sim.state.nodes['worker-1'].runtime.containers).filter(
      (c) => c.state === 'running' && c.podUid === pod.metadata.uid,
    );
    expect(running).toHaveLength(1);
    // (without the guard, the old container would run on outside any sandbox)
    expect(checkInvariants(sim).violations).toEqual([]);
  });
});
