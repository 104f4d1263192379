import { useContext } from 'react';
import { useStore } from 'zustand';
import { SimStoreContext } from './SimStoreProvider';
import type { ViewState, ViewStore } from './viewState';

/**
 * Read the store. Selectors must return primitives or stable references (zustand v5 re-renders
 * forever on a fresh array each call): use `useShallow` for derived arrays and objects.
 */
export function useSim<T>(selector: (s: ViewState) => T): T {
  return useStore(useSimStore(), selector);
}

/** The store itself, for actions and non-React subscriptions. */
export function useSimStore(): ViewStore {
  const store = useContext(SimStoreContext);
  if (!store) throw new Error('useSim must be used inside <ViewStoreProvider>');
  return store;
}
