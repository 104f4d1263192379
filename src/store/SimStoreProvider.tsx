import { createContext, type ReactNode, useState } from 'react';
import { createSimStore, type SimStore, type SimStoreOptions } from './createSimStore';

export const SimStoreContext = createContext<SimStore | null>(null);

/** One store per provider: the app has one, each test or embedded mini-sim its own. */
export function SimStoreProvider({
  options,
  store: given,
  children,
}: {
  options?: SimStoreOptions;
  store?: SimStore;
  children: ReactNode;
}) {
  const [store] = useState(() => given ?? createSimStore(options));
  return <SimStoreContext.Provider value={store}>{children}</SimStoreContext.Provider>;
}
