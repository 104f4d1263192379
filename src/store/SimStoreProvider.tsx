import { createContext, type ReactNode } from 'react';
import type { ViewStore } from './viewState';

export const SimStoreContext = createContext<ViewStore | null>(null);

/** Hands one store to a React tree: the app has one, each test or embedded mini-sim its own. */
export function SimStoreProvider({ store, children }: { store: ViewStore; children: ReactNode }) {
  return <SimStoreContext.Provider value={store}>{children}</SimStoreContext.Provider>;
}
