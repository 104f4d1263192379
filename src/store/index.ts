/** The store's public surface for views. */
export {
  type ClusterSpec,
  createSimStore,
  DEFAULT_SPEC,
  type PanelTab,
  type Recording,
  type SimStore,
  type SimStoreOptions,
  type SimStoreState,
  type TranscriptEntry,
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
