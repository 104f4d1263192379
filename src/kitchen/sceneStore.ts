/**
 * The scene's own view of the store. The sim store changes every animation frame (the clock
 * moves); the scene's stations, actors and rooms only care about the frame, the highlight, the
 * selection and the preferences. This bridge forwards just those, so on a frame where only time
 * moved, one listener runs for the whole scene instead of one per element; only the moving layer
 * follows the clock (it subscribes to the sim store itself).
 */
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { type Params, translate } from '../i18n';
import type { Frame, Prefs, ViewData, ViewStore } from '../store';

export interface SceneState {
  frame: Frame;
  highlight: readonly string[];
  selection: string | null;
  prefs: Prefs;
  /**
   * The picture should jump, not move: the clock is paused (a scrub, a step, a command while
   * paused) or went back in time. Presence and layout transitions then take no time.
   */
  instant: boolean;
}

export type SceneStore = StoreApi<SceneState>;

function pick(s: ViewData, before?: SceneState): SceneState {
  return {
    frame: s.frame,
    highlight: s.highlight,
    selection: s.selection,
    prefs: s.prefs,
    instant: !s.playing || (before !== undefined && s.frame.nowMs < before.frame.nowMs),
  };
}

/** Copy the fields when one of them changed. */
export function syncScene(scene: SceneStore, s: ViewData): void {
  const l = scene.getState();
  if (
    s.frame !== l.frame ||
    s.highlight !== l.highlight ||
    s.selection !== l.selection ||
    s.prefs !== l.prefs ||
    !s.playing !== l.instant
  ) {
    scene.setState(pick(s, l));
  }
}

export function createSceneStore(store: { getState(): ViewData }): SceneStore {
  return createStore<SceneState>(() => pick(store.getState()));
}

/** The scene store for a sim store, following it while mounted. */
export function useSceneBridge(store: ViewStore): SceneStore {
  const [scene] = useState(() => createSceneStore(store));
  useEffect(() => {
    // Catch up on anything that changed between render and subscription, then keep following.
    syncScene(scene, store.getState());
    return store.subscribe((s) => syncScene(scene, s));
  }, [scene, store]);
  return scene;
}

export const SceneContext = createContext<SceneStore | null>(null);

export function useScene<T>(selector: (s: SceneState) => T): T {
  const scene = useContext(SceneContext);
  if (!scene) throw new Error('useScene must be used inside <KitchenScene>');
  return useStore(scene, selector);
}

/** `t(key, params)` in the learner's language, read from the scene store. */
export function useSceneT(): (key: string, params?: Params) => string {
  const locale = useScene((s) => s.prefs.locale);
  return useCallback((key: string, params?: Params) => translate(locale, key, params), [locale]);
}
