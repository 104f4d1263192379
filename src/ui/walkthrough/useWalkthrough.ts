import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { useSimStore } from '../../store';
import type { WalkthroughState, WalkthroughStore } from '../../store/walkthrough';
import { walkthroughOf } from '../../store/worker/remoteStore';

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

/**
 * The walkthrough slice of the app's store (null for a store made without one). It runs with the
 * engine in its worker (src/store/walkthrough.ts); the page has its mirror, made with the store
 * (src/store/worker/remoteStore.ts).
 */
export function useWalkthroughSlice(): WalkthroughStore | null {
  return walkthroughOf(useSimStore()) ?? null;
}

/** The slice for actions (an inert one while it loads). */
export function useWalkthroughStore(): WalkthroughStore {
  return useWalkthroughSlice() ?? empty;
}

/** Read the walkthrough slice (selectors return primitives or stable references). */
export function useWalkthrough<T>(selector: (s: WalkthroughState) => T): T {
  return useStore(useWalkthroughStore(), selector);
}
