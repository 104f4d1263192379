import { describe, expect, it } from 'vitest';
import { createSimStore } from '../store/createSimStore';
import { createSceneStore, syncScene } from './sceneStore';

describe('scene store bridge', () => {
  it('follows frame, highlight, selection and prefs, and ignores the clock alone', () => {
    const store = createSimStore({ playing: true });
    const scene = createSceneStore(store);
    let notified = 0;
    scene.subscribe(() => notified++);
    store.subscribe((s) => syncScene(scene, s));

    // Time passes with nothing happening in the engine: the frame is the same object.
    const frame = store.getState().frame;
    store.getState().tick(1);
    if (store.getState().frame === frame) expect(notified).toBe(0);

    store.getState().select('kube-apiserver');
    expect(scene.getState().selection).toBe('kube-apiserver');
    store.getState().setHighlight(['etcd']);
    expect(scene.getState().highlight).toEqual(['etcd']);
    store.getState().setPrefs({ labels: 'kubernetes' });
    expect(scene.getState().prefs.labels).toBe('kubernetes');
    store.getState().runLine('kubectl run nginx --image=nginx');
    expect(scene.getState().frame).toBe(store.getState().frame);
  });
});

describe('jump, do not animate', () => {
  it('is instant while paused or when time goes back, and animates while playing forward', () => {
    const store = createSimStore({ playing: true });
    const scene = createSceneStore(store);
    store.subscribe((s) => syncScene(scene, s));
    store.getState().runLine('kubectl run nginx --image=nginx');
    store.getState().tick(2000);
    expect(scene.getState().instant).toBe(false);
    store.getState().pause();
    expect(scene.getState().instant).toBe(true);
    store.getState().play();
    expect(scene.getState().instant).toBe(false);
    store.getState().seekTo(store.getState().startMs);
    expect(scene.getState().instant).toBe(true);
  });
});
