/** The engine's public API: everything outside src/engine imports from here. */
export { createSimulation, type ClusterOptions } from './sim/bootstrap';
export { Simulation } from './sim/simulation';
export type { ClusterState } from './sim/state';
export type { TraceEntry, TraceKind } from './trace';
export type { KObject, ApiRequest, ApiResult } from './api/types';
export type { Component, KubectlHost, LabHost } from './kubectl/host';
