import { useContext } from 'react';
import { useStore } from 'zustand';
import type { SimStore, SimStoreState } from './createSimStore';
import { SimStoreContext } from './SimStoreProvider';

/**
 * Read the store. Selectors must return primitives or stable references (zustand v5 re-renders
 * forever on a fresh array each call): use `useShallow` for derived arrays and objects.
 */
export function useSim<T>(selector: (s: SimStoreState) => T): T {
  return useStore(useSimStore(), selector);
}

/** The store itself, for actions and non-React subscriptions. */
export function useSimStore(): SimStore {
  const store = useContext(SimStoreContext);
  if (!store) throw new Error('useSim must be used inside <SimStoreProvider>');
  return store;
}
