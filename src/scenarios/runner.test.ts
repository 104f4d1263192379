import { describe, expect, it } from 'vitest';
import {
  prepareWalkthrough,
  type StepCheckpoint,
  WalkthroughError,
  WalkthroughSession,
} from './runner';
import type { Walkthrough } from './schema';

const tiny: Walkthrough = {
  id: 'tiny',
  titleKey: 'podCreation.title',
  summaryKey: 'podCreation.summary',
  cluster: { workers: 1, proxy: 'iptables', seed: 5 },
  setup: ['kubectl get nodes'],
  files: {
    'pod.yaml':
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: soup\nspec:\n  containers:\n    - name: soup\n      image: nginx:1.14.2\n',
  },
  vars: { node: { object: 'pod/default/soup', path: 'spec.nodeName' } },
  steps: [
    {
      id: 'apply',
      narrationKey: 'podCreation.apply',
      commands: ['kubectl apply -f pod.yaml'],
      expect: [{ output: { includes: 'pod/soup created' } }],
      highlight: ['kubectl'],
      diff: { object: 'pod/default/soup', paths: ['status.phase', 'spec.nodeName'] },
    },
    {
      id: 'bound',
      narrationKey: 'podCreation.bind',
      commands: [],
      until: [{ field: { object: 'pod/default/soup', path: 'spec.nodeName', exists: true } }],
      expect: [{ field: { object: 'pod/default/soup', path: 'spec.nodeName', equals: '{node}' } }],
      highlight: ['kube-scheduler'],
      diff: { object: 'pod/default/soup', paths: ['spec.nodeName'] },
    },
    {
      id: 'running',
      narrationKey: 'podCreation.report',
      commands: [],
      until: [{ condition: { object: 'pod/default/soup', type: 'Ready', status: 'True' } }],
      expect: [
        { trace: { kind: 'cri', from: 'kubelet/{node}', summaryIncludes: 'StartContainer' } },
      ],
      highlight: ['kubelet/{node}'],
    },
    {
      id: 'crash',
      narrationKey: 'apiserverDown.crash',
      commands: ['crash soup', 'wait 2s'],
      expect: [
        {
          field: {
            object: 'pod/default/soup',
            path: 'status.containerStatuses[0].restartCount',
            equals: 1,
          },
        },
      ],
      highlight: ['pod/default/soup'],
    },
  ],
};

describe('WalkthroughSession', () => {
  it('computes steps only when asked, and each step from the one before', () => {
    const s = new WalkthroughSession(tiny, { strict: true });
    expect(s.index).toBe(-1);
    expect(s.computed).toBe(0);
    expect(s.initial.transcript).toContain(
      '$ cluster workers=1 proxy=iptables seed=5\n$ kubectl get nodes\n',
    );
    const cp = s.goTo(1) as StepCheckpoint;
    expect(s.computed).toBe(2);
    expect(cp.stepId).toBe('bound');
    expect(cp.vars).toEqual({ node: 'worker-1' });
    expect(cp.transcript).toMatch(/^\$ wait \d+ms\n$/);
    expect(cp.diff).toEqual([{ path: 'spec.nodeName', before: undefined, after: 'worker-1' }]);
    const first = s.checkpoint(0) as StepCheckpoint;
    expect(first.transcript).toBe('$ kubectl apply -f pod.yaml\npod/soup created\n');
    expect(first.diff).toEqual([
      { path: 'status.phase', before: undefined, after: 'Pending' },
      { path: 'spec.nodeName', before: undefined, after: undefined },
    ]);
    expect(cp.traceFromSeq).toBe(first.traceToSeq);
    expect(cp.trace.every((e) => e.seq >= cp.traceFromSeq && e.seq < cp.traceToSeq)).toBe(true);
  });

  it('goes back to the exact state, and forward again to the same bytes', () => {
    const s = prepareWalkthrough(tiny, { strict: true });
    expect(s.computed).toBe(4);
    const last = s.checkpoint(3) as StepCheckpoint;
    expect(s.sim.snapshot()).toBe(last.snapshot);
    s.goTo(0);
    expect(s.sim.snapshot()).toBe(s.checkpoint(0)?.snapshot);
    s.previous();
    expect(s.index).toBe(-1);
    expect(s.sim.snapshot()).toBe(s.initial.snapshot);
    for (let i = 0; i < 4; i++) {
      const again = s.replayStep(i);
      const kept = s.checkpoint(i) as StepCheckpoint;
      expect(again.snapshot === kept.snapshot).toBe(true);
      expect(again.transcript).toBe(kept.transcript);
    }
    s.goTo(-1);
    expect(s.next().index).toBe(0);
    expect(s.previous().index).toBe(-1);
    expect(s.previous().index).toBe(-1);
  });

  it('restores the step when someone else moved the simulation', () => {
    const s = new WalkthroughSession(tiny, { strict: true });
    const cp = s.goTo(2);
    s.sim.advanceBy(60_000);
    expect(s.goTo(2)).toBe(cp);
    expect(s.sim.snapshot()).toBe(cp.snapshot);
    // Computing further starts from the kept step, not from the moved state.
    s.sim.advanceBy(60_000);
    const fresh = new WalkthroughSession(tiny, { strict: true });
    expect(s.goTo(3).snapshot).toBe(fresh.goTo(3).snapshot);
  });

  it('forks a separate simulation for free play', () => {
    const s = new WalkthroughSession(tiny);
    s.goTo(1);
    const copy = s.fork();
    copy.advanceBy(30_000);
    expect(s.sim.snapshot()).toBe(s.checkpoint(1)?.snapshot);
    expect(copy.nowMs()).toBe(s.sim.nowMs() + 30_000);
  });

  it('rejects steps out of range', () => {
    const s = new WalkthroughSession(tiny);
    expect(() => s.goTo(4)).toThrow(RangeError);
    expect(() => s.goTo(-2)).toThrow(RangeError);
    expect(() => s.replayStep(0)).toThrow(RangeError);
  });
});

describe('failures', () => {
  const broken: Walkthrough = {
    ...tiny,
    steps: [
      tiny.steps[0],
      {
        ...tiny.steps[1],
        expect: [
          { field: { object: 'pod/default/soup', path: 'spec.nodeName', equals: 'control-plane' } },
        ],
      },
    ],
  };

  it('strict: the first false claim throws, naming the step and what was found', () => {
    const s = new WalkthroughSession(broken, { strict: true });
    expect(() => s.goTo(1)).toThrow(WalkthroughError);
    expect(() => new WalkthroughSession(broken, { strict: true }).goTo(1)).toThrow(
      'tiny step 2 (bound): expected pod/default/soup: spec.nodeName = "control-plane"; found worker-1',
    );
  });

  it('not strict: failures are kept on the checkpoint', () => {
    const cp = new WalkthroughSession(broken).goTo(1) as StepCheckpoint;
    expect(cp.failures).toEqual([
      'expected pod/default/soup: spec.nodeName = "control-plane"; found worker-1',
    ]);
  });

  it('an until that never holds fails loudly after maxWaitMs', () => {
    const w: Walkthrough = {
      ...tiny,
      steps: [
        {
          ...tiny.steps[1],
          until: [
            { field: { object: 'pod/default/soup', path: 'status.phase', equals: 'Running' } },
          ],
          maxWaitMs: 5_000,
        },
      ],
    };
    expect(() => new WalkthroughSession(w, { strict: true }).goTo(0)).toThrow(
      /until not reached within 5000 ms: expected pod\/default\/soup: status.phase = "Running"; found no such object/,
    );
  });

  it('a command that needs a variable without a value fails', () => {
    const w: Walkthrough = {
      ...tiny,
      steps: [{ ...tiny.steps[3], commands: ['crash {node}-pod'], expect: [] }],
    };
    const cp = new WalkthroughSession(w).goTo(0) as StepCheckpoint;
    expect(cp.failures).toEqual(['"crash {node}-pod" needs {node}, which has no value']);
  });
});
