/**
 * Same seed + same inputs = the same bytes; and a snapshot restored and fed the same inputs
 * continues exactly as the original did.
 */
import { describe, expect, it } from 'vitest';
import { runLabLine } from '../lab';
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

function drive(sim: Simulation, lines: string[]): string {
  return lines.map((l) => `$ ${l}\n${runLabLine(l, { host: sim }).output}`).join('');
}

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
    expect(drive(a, SCRIPT)).toBe(drive(b, SCRIPT));
    expect(traceText(a)).toBe(traceText(b));
    expect(a.snapshot()).toBe(b.snapshot());
  });

  it('differs for another seed (the seed really drives the run)', () => {
    const a = createSimulation({ seed: 1 });
    const b = createSimulation({ seed: 2 });
    drive(a, SCRIPT.slice(0, 4));
    drive(b, SCRIPT.slice(0, 4));
    expect(a.snapshot()).not.toBe(b.snapshot());
  });

  it('continues byte for byte the same after snapshot and restore', () => {
    const original = createSimulation({ seed: 7 });
    drive(original, SCRIPT.slice(0, 7));
    const snapshot = original.snapshot();
    const rest = SCRIPT.slice(7);
    const expected = drive(original, rest);

    const restored = createSimulation({ seed: 999, workers: 0, bootMs: 0 });
    restored.restore(snapshot);
    expect(restored.snapshot()).toBe(snapshot);
    expect(drive(restored, rest)).toBe(expected);
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
    drive(original, batch);
    expect(original.state.kcm.jobBackoff?.['default/flaky']?.failures).toBe(1);
    expect(Object.keys(original.state.kcm.waiting ?? {})).toContain('cronjob|default/tick');
    const snapshot = original.snapshot();
    const expected = drive(original, later);

    const restored = createSimulation({ seed: 999, workers: 0, bootMs: 0 });
    restored.restore(snapshot);
    expect(drive(restored, later)).toBe(expected);
    expect(restored.snapshot()).toBe(original.snapshot());
  });
});
