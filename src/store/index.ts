/**
 * The store's public surface for views: hooks, provider, preferences and types. It imports no
 * engine code: the engine runs in a worker (./worker), and the page holds a mirror of what the
 * views read (`ViewState`). `createSimStore` (the store itself, engine included) is imported
 * from './createSimStore' directly, by the worker and by tests.
 */
export type {
  AttachedState,
  ClusterSpec,
  LiveFollow,
  PanelTab,
  Recording,
  TranscriptEntry,
} from './createSimStore';
export type {
  ComponentHealth,
  ContainerView,
  ControlPlaneView,
  Frame,
  NodeView,
  PodView,
  ServiceView,
} from './frame';
export {
  defaultPrefs,
  type LabelMode,
  type Locale,
  type MotionPref,
  PREFS_KEY,
  type Prefs,
  parsePrefs,
  SPEEDS,
  serializePrefs,
  type ThemePref,
} from './prefs';
export { SimStoreProvider } from './SimStoreProvider';
export type { Keyframe, TimelineInput } from './timeline';
export { usePlaybackLoop } from './usePlaybackLoop';
export { useSim, useSimStore } from './useSim';
export type { ViewData, ViewState, ViewStore } from './viewState';
