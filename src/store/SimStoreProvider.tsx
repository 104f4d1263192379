import { createContext, type ReactNode } from 'react';
import type { SimStore } from './createSimStore';

export const SimStoreContext = createContext<SimStore | null>(null);

/** Hands one store to a React tree: the app has one, each test or embedded mini-sim its own. */
export function SimStoreProvider({ store, children }: { store: SimStore; children: ReactNode }) {
  return <SimStoreContext.Provider value={store}>{children}</SimStoreContext.Provider>;
}
