import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { type SimStore, useSimStore } from '../../store';
import type { WalkthroughState, WalkthroughStore } from '../../store/walkthrough';

/**
 * The walkthrough slice lives with the engine (src/store/walkthrough.ts runs walkthroughs on it),
 * so it loads in the engine's chunk; until then the views see an empty slice.
 */
const loaded = new WeakMap<SimStore, WalkthroughStore>();
const loading = new WeakMap<SimStore, Promise<WalkthroughStore>>();

export function loadWalkthroughStore(sim: SimStore): Promise<WalkthroughStore> {
  let p = loading.get(sim);
  if (!p) {
    p = import('../../store/walkthrough').then((m) => {
      const w = m.walkthroughStoreFor(sim);
      loaded.set(sim, w);
      return w;
    });
    loading.set(sim, p);
  }
  return p;
}

const nothing = () => {};
const empty: WalkthroughStore = createStore<WalkthroughState>()(() => ({
  current: null,
  left: null,
  error: null,
  start: () => false,
  goTo: nothing,
  next: nothing,
  previous: nothing,
  answer: nothing,
  leave: nothing,
  back: nothing,
}));

/** The walkthrough slice of the app's store, or null while it loads. */
export function useWalkthroughSlice(): WalkthroughStore | null {
  const sim = useSimStore();
  const [store, setStore] = useState<WalkthroughStore | null>(() => loaded.get(sim) ?? null);
  useEffect(() => {
    if (store) return;
    let live = true;
    loadWalkthroughStore(sim).then((w) => {
      if (live) setStore(w);
    });
    return () => {
      live = false;
    };
  }, [sim, store]);
  return store;
}

/** The slice for actions (an inert one while it loads). */
export function useWalkthroughStore(): WalkthroughStore {
  return useWalkthroughSlice() ?? empty;
}

/** Read the walkthrough slice (selectors return primitives or stable references). */
export function useWalkthrough<T>(selector: (s: WalkthroughState) => T): T {
  return useStore(useWalkthroughStore(), selector);
}
