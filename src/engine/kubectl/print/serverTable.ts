/**
 * Server-side printing: the meta.k8s.io Table the API server answers when a client asks for
 * `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` (kubectl get does, for its
 * human-readable output). The columns and cells come from the same printers.go definitions the
 * engine's kubectl prints (./tables), so the real kubectl and the engine's print the same text.
 *
 * Sources: kubernetes pkg/printers/tablegenerator.go (GenerateTable: column definitions unless
 * NoHeaders, the list's resourceVersion/continue/remainingItemCount or the object's
 * resourceVersion), pkg/printers/storage/storage.go (the server always generates the wide row),
 * apiserver pkg/registry/rest/table.go (kinds without a printer), apiserver
 * pkg/endpoints/handlers/response.go asTable (includeObject) and optionsForTransform.
 */
import { badRequest } from '../../api/errors';
import type { KObject, StatusError } from '../../api/types';
import { quote } from '../jsonpath/goValues';
import { ENDPOINTSLICE_TABLE } from './tables/endpointSlices';
import { EVENT_TABLE } from './tables/events';
import { CONTROLLERREVISION_TABLE, SECRET_TABLE, STATEFULSET_TABLE } from './tables/firstWeek';
import { NODE_TABLE } from './tables/nodes';
import { POD_TABLE } from './tables/pods';
import { SERVICE_TABLE } from './tables/services';
import {
  CONFIGMAP_TABLE,
  LEASE_TABLE,
  NAMESPACE_TABLE,
  SERVICEACCOUNT_TABLE,
} from './tables/simple';
import { type Cell, DEFAULT_TABLE, type RowCondition, type TableDef } from './tables/tableDef';
import {
  CRONJOB_TABLE,
  DAEMONSET_TABLE,
  DEPLOYMENT_TABLE,
  JOB_TABLE,
  REPLICASET_TABLE,
} from './tables/workloads';

/** printers.go AddHandlers, for the resources this cluster serves. */
const TABLES: Readonly<Record<string, TableDef>> = {
  pods: POD_TABLE,
  nodes: NODE_TABLE,
  namespaces: NAMESPACE_TABLE,
  services: SERVICE_TABLE,
  deployments: DEPLOYMENT_TABLE,
  replicasets: REPLICASET_TABLE,
  daemonsets: DAEMONSET_TABLE,
  jobs: JOB_TABLE,
  cronjobs: CRONJOB_TABLE,
  endpointslices: ENDPOINTSLICE_TABLE,
  events: EVENT_TABLE,
  leases: LEASE_TABLE,
  serviceaccounts: SERVICEACCOUNT_TABLE,
  configmaps: CONFIGMAP_TABLE,
  secrets: SECRET_TABLE,
  statefulsets: STATEFULSET_TABLE,
  controllerrevisions: CONTROLLERREVISION_TABLE,
};

/** The printer for a resource, or the default table convertor's for one without. */
export function tableDefFor(resource: string): TableDef {
  return TABLES[resource] ?? DEFAULT_TABLE;
}

/** metav1.IncludeObjectPolicy; the server treats an absent includeObject as Metadata. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** metav1.TableColumnDefinition as it goes on the wire: no field is omitted. */
export interface TableColumnDefinition {
  readonly name: string;
  readonly type: string;
  readonly format: string;
  readonly description: string;
  readonly priority: number;
}

export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: string;
  metadata: Record<string, unknown>;
}

/**
 * A cell on the wire: printers.go appends strings and int64s (./tables Cell), other printers
 * booleans; a client pads missing cells with null.
 */
export type TableCell = Cell | boolean | null;

/** metav1.TableRow; `object` is null for includeObject=None (RawExtension marshals nil as null). */
export interface TableRow {
  cells: TableCell[];
  conditions?: readonly RowCondition[];
  object: KObject | PartialObjectMetadata | null;
}

/** metav1.ListMeta: what a list response carries and its table passes on. */
export interface ListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

/** metav1.Table. `null` where Go marshals a nil slice. */
export interface Table {
  kind: 'Table';
  apiVersion: string;
  metadata: ListMeta;
  columnDefinitions: readonly TableColumnDefinition[] | null;
  rows: TableRow[] | null;
}

export interface TableOptions {
  /** Simulation time, for the Age-like cells. */
  nowMs: number;
  /** The request's includeObject; Metadata when absent. */
  includeObject?: IncludeObject;
  /** No column definitions: a watch's events after the first carry none. */
  noHeaders?: boolean;
  /** The list's metadata, for a table of a list; without it the table is of one object. */
  list?: ListMeta;
  /** The meta.k8s.io version the client accepted (kubectl asks for v1 first). */
  version?: 'v1' | 'v1beta1';
}

/**
 * The Table for `objects`, all of `resource`: one row per object, the wide columns included.
 * Rows share the objects (includeObject=Object) and their metadata's parts; nothing is copied
 * deeply and nothing is changed.
 */
export function tableOf(resource: string, objects: readonly KObject[], opts: TableOptions): Table {
  const def = tableDefFor(resource);
  const apiVersion = `meta.k8s.io/${opts.version ?? 'v1'}`;
  const include = opts.includeObject ?? 'Metadata';
  const rows = objects.map((obj): TableRow => {
    const row: TableRow = { cells: def.row(obj, opts.nowMs), object: null };
    const conditions = def.conditions?.(obj);
    if (conditions) row.conditions = conditions;
    if (include === 'Object') row.object = obj;
    else if (include === 'Metadata') row.object = partialObjectMetadata(obj, apiVersion);
    return row;
  });
  return {
    kind: 'Table',
    apiVersion,
    metadata: opts.list
      ? listMeta(opts.list)
      : listMeta({ resourceVersion: objects[0]?.metadata.resourceVersion }),
    columnDefinitions: opts.noHeaders ? null : columnDefinitions(def),
    // The default convertor appends rows to a nil slice; the printers make an empty one.
    rows: def === DEFAULT_TABLE && rows.length === 0 ? null : rows,
  };
}

/**
 * optionsForTransform's check of the request's includeObject (ValidateTableOptions), as the
 * 400 the server answers; undefined when the value is allowed.
 */
export function tableOptionsError(includeObject: string): StatusError | undefined {
  if (['', 'None', 'Metadata', 'Object'].includes(includeObject)) return undefined;
  return badRequest(
    `Unable to convert to Table as requested: includeObject: Invalid value: ${quote(includeObject)}: must be 'Metadata', 'Object', 'None', or empty`,
  );
}

const definitionsCache = new WeakMap<TableDef, readonly TableColumnDefinition[]>();

/** The wire form of a printer's columns, built once per printer and frozen (tables share it). */
function columnDefinitions(def: TableDef): readonly TableColumnDefinition[] {
  let definitions = definitionsCache.get(def);
  if (!definitions) {
    definitions = Object.freeze(
      def.columns.map((c) =>
        Object.freeze({
          name: c.name,
          type: c.type,
          format: c.format ?? '',
          description: c.description,
          priority: c.priority ?? 0,
        }),
      ),
    );
    definitionsCache.set(def, definitions);
  }
  return definitions;
}

/** ListMeta's omitempty fields: an empty string is left out, a count (a pointer) is kept. */
function listMeta(meta: ListMeta): ListMeta {
  const out: ListMeta = {};
  if (meta.resourceVersion) out.resourceVersion = meta.resourceVersion;
  if (meta.continue) out.continue = meta.continue;
  if (meta.remainingItemCount !== undefined) out.remainingItemCount = meta.remainingItemCount;
  return out;
}

/**
 * meta.AsPartialObjectMetadata: every ObjectMeta field, in the struct's order (how the server's
 * JSON lists them), with encoding/json's omitempty. creationTimestamp is a struct and is never
 * omitted: a zero time marshals as null.
 */
function partialObjectMetadata(obj: KObject, apiVersion: string): PartialObjectMetadata {
  const m = obj.metadata;
  const meta: Record<string, unknown> = {};
  const text = (
    key: 'name' | 'generateName' | 'namespace' | 'selfLink' | 'uid' | 'resourceVersion',
  ) => {
    if (m[key]) meta[key] = m[key];
  };
  const collection = (
    key: 'labels' | 'annotations' | 'ownerReferences' | 'finalizers' | 'managedFields',
  ) => {
    const value = m[key];
    if (value && Object.keys(value).length > 0) meta[key] = value;
  };
  text('name');
  text('generateName');
  text('namespace');
  text('selfLink');
  text('uid');
  text('resourceVersion');
  if (m.generation) meta.generation = m.generation;
  meta.creationTimestamp = m.creationTimestamp ?? null;
  if (m.deletionTimestamp != null) meta.deletionTimestamp = m.deletionTimestamp;
  if (m.deletionGracePeriodSeconds != null) {
    meta.deletionGracePeriodSeconds = m.deletionGracePeriodSeconds;
  }
  collection('labels');
  collection('annotations');
  collection('ownerReferences');
  collection('finalizers');
  collection('managedFields');
  return { kind: 'PartialObjectMetadata', apiVersion, metadata: meta };
}
