/**
 * The store's public surface for views: hooks, provider, preferences and types. It imports no
 * engine code, so the page can paint before the engine has loaded; `createSimStore` (which
 * pulls in the engine) is imported from './createSimStore' directly, lazily by the app.
 */
export type {
  ClusterSpec,
  PanelTab,
  Recording,
  SimStore,
  SimStoreOptions,
  SimStoreState,
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
