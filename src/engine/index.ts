/** The engine's public API: everything outside src/engine imports from here. */

// What a server putting the engine on the wire needs beside Simulation (call, onWrite).
export {
  badRequest,
  internalError,
  methodNotAllowed,
  resourceNotFound,
} from './api/errors';
export { MAX_FILE_BYTES, MAX_MANIFEST_BYTES, MAX_REQUEST_BODY_BYTES } from './api/limits';
export { type ListObject, listObject } from './api/lists';
export {
  apiVersionOf,
  RESOURCES,
  type ResourceInfo,
  resourceForKind,
  resourceInfo,
  type ServedResource,
  type Subresource,
} from './api/resources';
export {
  ADMIN,
  type ApiRequest,
  type ApiResult,
  type FieldValidation,
  type ForwardTarget,
  type KObject,
  type LogFollow,
  PATCH_CONTENT_TYPES,
  type PatchType,
  type StatusError,
  type UserInfo,
  type Verb,
} from './api/types';
export { type DeleteOptionsInput, validateDeleteOptions } from './apiserver/deleteOptions';
export { watchOptionsDefaults, watchOptionsError } from './apiserver/listOptions';
export { watchMatcher } from './components/apiWatches';
export type { SessionOutput } from './components/execSession';
export { followLog, followOutput } from './components/kubeletServer';
export type { ForwardResult } from './components/portForward';
export { splitCommandLine } from './kubectl/argv';
export {
  type FollowSpec,
  type FollowText,
  followText,
} from './kubectl/commands/watchPrinter';
export { formatGoDuration, parseGoDuration } from './kubectl/duration';
export type { Component, KubectlHost, LabHost, WatchEvent } from './kubectl/host';
export { formatAge, podStatusReason, printObject } from './kubectl/print';
export { type PodSummary, podSummary } from './kubectl/print/podStatus';
export {
  type IncludeObject,
  type ListMeta,
  type PartialObjectMetadata,
  type Table,
  type TableCell,
  type TableColumnDefinition,
  type TableOptions,
  type TableRow,
  tableOf,
  tableOptionsError,
} from './kubectl/print/serverTable';
export { nodeStatus } from './kubectl/print/tables/nodes';
export { runKubectl } from './kubectl/run';
export {
  DEFAULT_CLUSTER,
  LAB_CLUSTER_READY_MS,
  type LabIo,
  type LabLineResult,
  type LabResult,
  labSteps,
  parseClusterArgs,
  parseLabLine,
  runLab,
  runLabLine,
  withFiles,
} from './lab';
export { MAX_WAIT_MS } from './lab/verbs';
export { normalizeImage } from './model/images';
export { type ClusterOptions, createSimulation } from './sim/bootstrap';
export { EPOCH_MS, KUBERNETES_VERSION } from './sim/defaults';
export { applyInput, type ClusterInput, type InputOutcome } from './sim/inputs';
export { Simulation, type StoredWrite } from './sim/simulation';
export type { ClusterState } from './sim/state';
export { copyState, type StateImage, stateFrom } from './sim/stateImage';
export type { TraceEntry, TraceKind } from './trace';
