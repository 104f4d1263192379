import { describe, expect, it } from 'vitest';
import { createSimulation, runLab, type Simulation } from '../engine';
import { createSimStore, snapshotLight } from './createSimStore';
import { sessionLabScript } from './labScript';

describe('a console session as a lab script', () => {
  it('replays to the very same cluster, playback time and all', () => {
    const store = createSimStore({ spec: { workers: 2, seed: 7 }, playing: true });
    const s = () => store.getState();
    s().tick(250);
    s().runLine('kubectl create deployment web --image=nginx:1.14.2 --replicas=3');
    for (let i = 0; i < 40; i++) s().tick(100); // the learner watches for a while
    s().runLine('kubectl expose deployment web --port=80');
    s().runLine('wait 20s');
    s().runLine('break kubelet worker-1');
    s().tick(2_500);
    s().runLine('request web 3');
    s().runLine('kubectl delete pod --all');
    s().runLine('kubectll get pods');
    s().tick(777);
    const script = s().labScript();
    expect(script).toMatch(/^# A kube-kitchen session/);
    expect(script).toContain('cluster workers=2 proxy=iptables seed=7\nwait 10250ms\n');
    expect(script).toContain('\n# kubectll get pods\n');

    let replayed: Simulation | undefined;
    const result = runLab(script, {
      createHost: (spec) => {
        replayed = createSimulation(spec);
        return replayed;
      },
      readFile: () => undefined,
    });
    expect(result.exitCode).toBe(0);
    expect(replayed?.nowMs()).toBe(s().nowMs);
    expect(snapshotLight(replayed as Simulation)).toBe(s().snapshot());
  });

  it('stops at the cursor, inside a wait if need be', () => {
    const script = sessionLabScript(
      { workers: 1, proxyMode: 'ipvs', seed: 3 },
      [
        { atMs: 40_000, doneMs: 40_000, line: 'kubectl run a --image=nginx', output: '', ok: true },
        { atMs: 41_000, doneMs: 101_000, line: 'wait 1m', output: '', ok: true },
        { atMs: 101_000, doneMs: 101_000, line: 'kubectl get pods', output: '', ok: true },
      ],
      30_000,
      40_000,
      70_000,
    );
    expect(script.split('\n').slice(1)).toEqual([
      'cluster workers=1 proxy=ipvs seed=3',
      'wait 10000ms',
      'kubectl run a --image=nginx',
      'wait 30000ms',
      '',
    ]);
  });
});
