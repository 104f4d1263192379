/**
 * Same seed + same inputs = the same bytes; and a snapshot restored and fed the same inputs
 * continues exactly as the original did.
 */
import { describe, expect, it } from 'vitest';
import { runLines } from '../testing/labLines';
import { createSimulation } from './bootstrap';
import type { Simulation } from './simulation';

const SCRIPT = [
  'kubectl create deployment web --image=nginx --replicas=3',
  'kubectl expose deployment web --port=80',
  'wait 20s',
  'join node worker-3',
  'request web 5',
  'break apiserver',
  'wait 70s',
  'repair apiserver',
  'break node worker-2',
  'wait 6m',
  'kubectl get pods -o wide',
  'repair node worker-2',
  'join node worker-4',
  'wait 1m',
  'kubectl get nodes',
];

function traceText(sim: Simulation): string {
  return sim
    .traceEntries()
    .map((t) => JSON.stringify(t))
    .join('\n');
}

describe('determinism', () => {
  it('gives the same transcript, trace and state for the same seed', () => {
    const a = createSimulation({ seed: 42 });
    const b = createSimulation({ seed: 42 });
    expect(runLines(a, SCRIPT)).toBe(runLines(b, SCRIPT));
    expect(traceText(a)).toBe(traceText(b));
    expect(a.snapshot()).toBe(b.snapshot());
  });

  it('differs for another seed (the seed really drives the run)', () => {
    const a = createSimulation({ seed: 1 });
    const b = createSimulation({ seed: 2 });
    runLines(a, SCRIPT.slice(0, 4));
    runLines(b, SCRIPT.slice(0, 4));
    expect(a.snapshot()).not.toBe(b.snapshot());
  });

  it('continues byte for byte the same after snapshot and restore', () => {
    const original = createSimulation({ seed: 7 });
    runLines(original, SCRIPT.slice(0, 7));
    const snapshot = original.snapshot();
    const rest = SCRIPT.slice(7);
    const expected = runLines(original, rest);

    const restored = createSimulation({ seed: 999, workers: 0, bootMs: 0 });
    restored.restore(snapshot);
    expect(restored.snapshot()).toBe(snapshot);
    expect(runLines(restored, rest)).toBe(expected);
    expect(restored.snapshot()).toBe(original.snapshot());
  });

  it('restores the controller manager’s held-back work and Job back-off exactly', () => {
    // Mid-run the CronJob waits for its next minute and the Job for its failure back-off.
    const batch = [
      'kubectl create cronjob tick --image=busybox:1.28 --schedule="*/1 * * * *" -- date',
      'kubectl create job flaky --image=busybox:1.36 -- sleep 3600',
      'wait 6s',
      'crash job/flaky',
      'wait 3s',
    ];
    const later = [
      'wait 3m',
      'kubectl get jobs',
      'kubectl get pods',
      'kubectl describe cronjob tick',
    ];
    const original = createSimulation({ seed: 11 });
    runLines(original, batch);
    expect(original.state.kcm.jobBackoff?.['default/flaky']?.failures).toBe(1);
    expect(Object.keys(original.state.kcm.waiting ?? {})).toContain('cronjob|default/tick');
    const snapshot = original.snapshot();
    const expected = runLines(original, later);

    const restored = createSimulation({ seed: 999, workers: 0, bootMs: 0 });
    restored.restore(snapshot);
    expect(runLines(restored, later)).toBe(expected);
    expect(restored.snapshot()).toBe(original.snapshot());
  });
});
