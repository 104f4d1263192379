/**
 * An image restores like a snapshot: the simulation continues byte for byte as the original did,
 * the image itself never changes (it can be restored again and again), and it shares the stored
 * objects it can rather than copying them.
 */
import { describe, expect, it } from 'vitest';
import { runLines } from '../testing/labLines';
import { createSimulation } from './bootstrap';
import { copyState, imageOf, stateFrom, stateOf } from './stateImage';

const BEFORE = [
  'kubectl create deployment web --image=nginx --replicas=4',
  'kubectl expose deployment web --port=80',
  'wait 15s',
  'kubectl create job once --image=busybox:1.36 -- sleep 30',
  'wait 4s',
];
const AFTER = [
  'kubectl scale deployment web --replicas=7',
  'break node worker-1',
  'request web 6',
  'wait 50s',
  'kubectl delete pod --all',
  'repair node worker-1',
  'wait 1m',
  'kubectl get pods -o wide',
  'kubectl get events',
];

describe('state image', () => {
  it('continues exactly as the original, and stays as it was to be restored again', () => {
    const original = createSimulation({ seed: 5 });
    runLines(original, BEFORE);
    const image = original.image();
    const atImage = original.snapshot();
    const expected = runLines(original, AFTER);

    for (let round = 0; round < 2; round++) {
      const restored = createSimulation({ seed: 999, workers: 0, bootMs: 0 });
      restored.restore(image);
      expect(restored.snapshot()).toBe(atImage);
      expect(runLines(restored, AFTER)).toBe(expected);
      expect(restored.snapshot()).toBe(original.snapshot());
    }
    expect(JSON.stringify(image.state)).toBe(atImage);
  });

  it('shares stored objects and copies what the engine changes in place', () => {
    const sim = createSimulation({ seed: 5 });
    runLines(sim, BEFORE);
    const image = imageOf(sim.state);
    const pods = sim.state.etcd.data.pods;
    const key = Object.keys(pods)[0];
    expect(image.state.etcd.data.pods[key]).toBe(pods[key]);
    expect(image.state.etcd.data.pods).not.toBe(pods);
    expect(image.state.nodes['worker-1']).not.toBe(sim.state.nodes['worker-1']);
    expect(image.state.queue).not.toBe(sim.state.queue);
    const restored = stateOf(image);
    expect(restored.etcd.data.pods[key]).toBe(pods[key]);
    expect(restored.queue).not.toBe(image.state.queue);
    expect(copyState(sim.state).etcd.data.pods[key]).toBe(pods[key]);
    // A state parsed from JSON has stored objects of its own: an image of it shares them too.
    const parsed = stateFrom(sim.snapshot());
    expect(imageOf(parsed).state.etcd.data.pods[key]).toBe(parsed.etcd.data.pods[key]);
    // The stores' maps keep their shape: no prototype, as hashRecord makes them.
    expect(Object.getPrototypeOf(restored.etcd.data.pods)).toBe(
      Object.getPrototypeOf(sim.state.etcd.data.pods),
    );
    expect(image.size).toBeGreaterThan(0);
    expect(image.size).toBeLessThan(sim.snapshot().length);
  });

  it('refuses a state that is not plain data rather than copying it wrong', () => {
    const sim = createSimulation({ seed: 5 });
    (sim.state as unknown as { extra: unknown }).extra = new Map([['a', 1]]);
    expect(() => sim.image()).toThrow(/not plain data/);
  });
});
