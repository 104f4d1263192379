import { create } from 'zustand';
import { type EventsFilter, NO_FILTER } from './filters';

export type EventsView = 'trace' | 'kube';

interface EventsPanelState {
  view: EventsView;
  filter: EventsFilter;
  setView(view: EventsView): void;
  setFilter(patch: Partial<EventsFilter>): void;
  clear(): void;
}

/**
 * The Events panel's own view state (not the simulation's): kept outside the tab so a filter
 * survives a trip to the inspector and back.
 */
export const useEventsPanel = create<EventsPanelState>()((set, get) => ({
  view: 'trace',
  filter: NO_FILTER,
  setView: (view) => set({ view }),
  setFilter: (patch) => set({ filter: { ...get().filter, ...patch } }),
  clear: () => set({ filter: NO_FILTER }),
}));
