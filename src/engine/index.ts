/** The engine's public API: everything outside src/engine imports from here. */

export {
  type ApiRequest,
  type ApiResult,
  type KObject,
  PATCH_CONTENT_TYPES,
  type PatchType,
} from './api/types';
export { splitCommandLine } from './kubectl/argv';
export {
  type FollowSpec,
  type FollowText,
  followText,
} from './kubectl/commands/watchPrinter';
export type { Component, KubectlHost, LabHost, WatchEvent } from './kubectl/host';
export { formatAge, podStatusReason, printObject } from './kubectl/print';
export { type PodSummary, podSummary } from './kubectl/print/podStatus';
export { nodeStatus } from './kubectl/print/tables/nodes';
export { runKubectl } from './kubectl/run';
export {
  DEFAULT_CLUSTER,
  LAB_CLUSTER_READY_MS,
  type LabIo,
  type LabLineResult,
  type LabResult,
  parseClusterArgs,
  parseLabLine,
  runLab,
  runLabLine,
  withFiles,
} from './lab';
export { normalizeImage } from './model/images';
export { type ClusterOptions, createSimulation } from './sim/bootstrap';
export { Simulation } from './sim/simulation';
export type { ClusterState } from './sim/state';
export type { TraceEntry, TraceKind } from './trace';
