import { describe, expect, it } from 'vitest';
import { walkthroughById, walkthroughs } from '../scenarios';
import { type StepCheckpoint, WalkthroughSession } from '../scenarios/runner';
import { createSimStore, type SimStore } from './createSimStore';
import { createWalkthroughStore, readingPauseMs, recordingOf } from './walkthrough';

/** A checkpoint's snapshot as the sim store keeps it (without the trace ring). */
function light(snapshot: string): string {
  const state = JSON.parse(snapshot);
  state.trace = [];
  state.traceHead = 0;
  return JSON.stringify(state);
}

function setup() {
  const sim: SimStore = createSimStore({ playing: false });
  const timers: { fn: () => void; ms: number }[] = [];
  const w = createWalkthroughStore(sim, {
    setTimer: (fn, ms) => {
      timers.push({ fn, ms });
      return timers.length as unknown as ReturnType<typeof setTimeout>;
    },
    clearTimer: () => {},
  });
  const reference = new WalkthroughSession(walkthroughById('pod-creation') ?? fail());
  return { sim, w, timers, reference };
}

function fail(): never {
  throw new Error('no such walkthrough');
}

describe('walkthrough slice', () => {
  it('shows a step: the exact checkpoint, its highlight, its end as the play limit', () => {
    const { sim, w, reference } = setup();
    expect(w.getState().start('pod-creation', 0)).toBe(true);
    const cp = reference.goTo(0) as StepCheckpoint;
    const s = sim.getState();
    expect(w.getState().current).toMatchObject({ id: 'pod-creation', index: 0, phase: 'observe' });
    expect(s.snapshot()).toBe(light(cp.snapshot));
    expect(s.nowMs).toBe(cp.nowMs);
    expect(s.playLimitMs).toBe(cp.nowMs);
    expect(s.highlight).toEqual(['kubectl', 'kube-apiserver', 'etcd']);
    expect(s.transcript.map((l) => l.line)).toEqual(['kubectl apply -f nginx-pod.yaml']);
    expect(s.inputs).toEqual([
      { fromMs: cp.startMs, toMs: cp.startMs, line: 'kubectl apply -f nginx-pod.yaml' },
    ]);
    expect(w.getState().start('nope')).toBe(false);
    expect(w.getState().start('pod-creation', 99)).toBe(false);
  });

  it('goes forward and back to the exact states, and before the first step', () => {
    const { sim, w, reference } = setup();
    w.getState().start('pod-creation', 3);
    w.getState().next();
    expect(w.getState().current?.index).toBe(4);
    expect(sim.getState().snapshot()).toBe(light((reference.goTo(4) as StepCheckpoint).snapshot));
    w.getState().goTo(1);
    w.getState().previous();
    w.getState().previous();
    expect(w.getState().current?.index).toBe(-1);
    expect(sim.getState().snapshot()).toBe(light(reference.initial.snapshot));
    w.getState().previous();
    expect(w.getState().current?.index).toBe(-1);
  });

  it('asks a question before the step, then shows what happened', () => {
    const { sim, w, reference } = setup();
    w.getState().start('pod-creation', 5);
    w.getState().next(); // step 7 (bind) has a question
    expect(w.getState().current).toMatchObject({ index: 6, phase: 'predict', answer: null });
    expect(sim.getState().snapshot()).toBe(light((reference.goTo(5) as StepCheckpoint).snapshot));
    w.getState().answer('podCreation.bind.q.worker');
    expect(w.getState().current).toMatchObject({
      index: 6,
      phase: 'observe',
      answer: 'podCreation.bind.q.worker',
      vars: { node: 'worker-1' },
    });
    expect(w.getState().current?.diff[0]).toEqual({
      path: 'spec.nodeName',
      before: undefined,
      after: 'worker-1',
    });
    expect(sim.getState().snapshot()).toBe(light((reference.goTo(6) as StepCheckpoint).snapshot));
    // Previous from a question goes back to the step before it.
    w.getState().goTo(5);
    w.getState().next();
    w.getState().previous();
    expect(w.getState().current).toMatchObject({ index: 5, phase: 'observe' });
  });

  it('plays through the steps: reading pause at the end, next step from its start', () => {
    const { sim, w, timers, reference } = setup();
    w.getState().start('pod-creation', 7);
    sim.getState().play();
    // At the end of a step shown by Next, Play goes on after a short pause.
    expect(timers).toHaveLength(1);
    expect(timers[0].ms).toBe(300);
    timers[0].fn();
    const cp = reference.goTo(8) as StepCheckpoint;
    expect(w.getState().current?.index).toBe(8);
    expect(sim.getState().playing).toBe(true);
    expect(sim.getState().nowMs).toBe(cp.startMs);
    // The playback runs to the step's end and no further.
    for (let i = 0; i < 20; i++) sim.getState().tick(100);
    expect(sim.getState().nowMs).toBe(cp.nowMs);
    expect(sim.getState().snapshot()).toBe(light(cp.snapshot));
    // Stepping does not run the cluster past the step either.
    sim.getState().stepForward();
    expect(sim.getState().nowMs).toBe(cp.nowMs);
    sim.getState().play();
    // Then a reading pause long enough for the narration.
    const pause = timers[timers.length - 1];
    expect(pause.ms).toBeGreaterThanOrEqual(3_000);
    pause.fn();
    expect(w.getState().current?.index).toBe(9);
    // Pausing stops the walk.
    sim.getState().pause();
    for (let i = 0; i < 30; i++) sim.getState().tick(100);
    expect(w.getState().current?.index).toBe(9);
  });

  it('acting on the cluster leaves into free play; back returns to the step', () => {
    const { sim, w, reference } = setup();
    w.getState().start('pod-creation', 4);
    sim.getState().runLine('kubectl get pods');
    expect(w.getState().current).toBeNull();
    expect(w.getState().left).toEqual({ id: 'pod-creation', index: 4 });
    expect(sim.getState().playLimitMs).toBeNull();
    expect(sim.getState().highlight).toEqual([]);
    w.getState().back();
    expect(w.getState().current?.index).toBe(4);
    expect(sim.getState().snapshot()).toBe(light((reference.goTo(4) as StepCheckpoint).snapshot));
    w.getState().leave();
    expect(w.getState().left).toEqual({ id: 'pod-creation', index: 4 });
  });

  it('a fresh-cluster step hands over its own cluster', () => {
    const { sim, w } = setup();
    expect(w.getState().start('seating-chart', 7)).toBe(true);
    expect(sim.getState().spec).toEqual({ workers: 2, proxyMode: 'ipvs', seed: 7 });
    expect(sim.getState().transcript[0].line).toBe(
      'kubectl create deployment web --image=nginx:1.14.2 --replicas=3',
    );
  });

  it('reading pauses grow with the text and shrink with the speed', () => {
    expect(readingPauseMs('short', 1)).toBe(3_000);
    expect(readingPauseMs('x'.repeat(1000), 1)).toBe(15_000);
    expect(readingPauseMs('x'.repeat(1000), 4)).toBe(3_750);
  });

  it.each(walkthroughs.map((wt) => [wt.id, wt] as const))(
    '%s: every step plays from its start to exactly its checkpoint',
    (_id, wt) => {
      const sim = createSimStore({ playing: false });
      const session = new WalkthroughSession(wt);
      for (let i = 0; i < wt.steps.length; i++) {
        const cp = session.goTo(i) as StepCheckpoint;
        const { recording, spec, endMs } = recordingOf(wt, session, i, 'start');
        const s = sim.getState();
        s.adoptRecording(recording, spec);
        s.setPlayLimit(endMs);
        expect(sim.getState().nowMs).toBe(cp.startMs);
        s.setSpeed(16);
        s.play();
        for (let n = 0; n < 10_000 && sim.getState().nowMs < endMs; n++) sim.getState().tick(250);
        expect(sim.getState().nowMs, wt.steps[i].id).toBe(cp.nowMs);
        expect(sim.getState().snapshot() === light(cp.snapshot), wt.steps[i].id).toBe(true);
      }
    },
  );
});
