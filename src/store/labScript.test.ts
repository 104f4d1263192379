import { describe, expect, it } from 'vitest';
import { createSimulation, runLab, type Simulation } from '../engine';
import { walkthroughs } from '../scenarios';
import { createSimStore, snapshotLight } from './createSimStore';
import { sessionLabScript, withScriptPaths } from './labScript';
import { createWalkthroughStore } from './walkthrough';

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

  it('names the files it applies and carries their text as comments', () => {
    const script = sessionLabScript(
      { workers: 1, proxyMode: 'iptables', seed: 1 },
      [{ atMs: 40_000, line: 'kubectl apply -f web.yaml', output: '', ok: true }],
      30_000,
      40_000,
      40_000,
      () => true,
      { 'web.yaml': 'kind: Pod\nmetadata:\n  name: web\n', 'other.yaml': 'unused' },
    );
    expect(script).toBe(
      [
        '# A kube-kitchen session. Replay it with: npm run --silent lab -- FILE',
        '# It applies files it does not contain; put them beside it: web.yaml',
        'cluster workers=1 proxy=iptables seed=1',
        'wait 10000ms',
        'kubectl apply -f web.yaml',
        '',
        '# ---- web.yaml ----',
        '# kind: Pod',
        '# metadata:',
        '#   name: web',
        '',
      ].join('\n'),
    );
  });

  it('never embeds a file kubectl refused for its size (a rejected 27 MB file made a 34 MB script)', () => {
    const huge = `data: "${'x'.repeat(5 * 1024 * 1024)}"\n`;
    const script = sessionLabScript(
      { workers: 1, proxyMode: 'iptables', seed: 1 },
      [
        { atMs: 40_000, line: 'kubectl apply -f big.yaml', output: '', ok: false },
        { atMs: 40_000, line: 'kubectl apply -f web.yaml', output: '', ok: true },
      ],
      30_000,
      40_000,
      40_000,
      () => true,
      { 'big.yaml': huge, 'web.yaml': 'kind: Pod\n' },
    );
    expect(script.length).toBeLessThan(1000);
    expect(script).toContain(
      '# ---- big.yaml: not included (5242889 bytes; kubectl reads at most 1048576) ----',
    );
    expect(script).toContain('# ---- web.yaml ----\n# kind: Pod\n');
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

describe('a session that came from a walkthrough, as a lab script', () => {
  for (const w of walkthroughs) {
    it(`${w.id}: saved at each step's end, it replays to that step's cluster (with the walkthrough's files)`, () => {
      const sim = createSimStore({ playing: false });
      const slice = createWalkthroughStore(sim, {
        setTimer: () => 0 as unknown as ReturnType<typeof setTimeout>,
        clearTimer: () => {},
      });
      for (const index of [0, Math.floor(w.steps.length / 2), w.steps.length - 1]) {
        expect(slice.getState().start(w.id, index)).toBe(true);
        // At the step's end, as a learner who pressed Play and let it finish.
        sim.getState().seekTo(sim.getState().playLimitMs ?? sim.getState().nowMs);
        const script = sim.getState().labScript();
        let replayed: Simulation | undefined;
        const result = runLab(script, {
          createHost: (spec) => {
            replayed = createSimulation(spec);
            return replayed;
          },
          readFile: (path) => w.files?.[path],
        });
        expect(result.transcript).not.toMatch(/^error: line/m);
        // The files it applies are named in its header (the lab reads them beside the script).
        for (const file of Object.keys(w.files ?? {}))
          if (script.includes(`-f ${file}`))
            expect(script.split('\n')[1]).toMatch(new RegExp(`^# It applies files .*${file}`));
        expect(replayed?.nowMs()).toBe(sim.getState().nowMs);
        expect(snapshotLight(replayed as Simulation)).toBe(sim.getState().snapshot());
      }
    });
  }
});

describe('files picked by name for a script', () => {
  it('serve the paths the script names', () => {
    expect(
      withScriptPaths(['kubectl apply -f manifests/web.yaml', 'kubectl apply -f db.yaml'], {
        'web.yaml': 'W',
        'db.yaml': 'D',
      }),
    ).toEqual({ 'web.yaml': 'W', 'db.yaml': 'D', 'manifests/web.yaml': 'W' });
  });
});
