/**
 * `kubectl get` human-readable output: cli-runtime pkg/printers/tableprinter.go (printTable,
 * decorateTable) over the server-built table, through the RememberWidths tabwriter.
 */

import { kindDotGroup, RESOURCES, type ResourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
import { labelsString } from './labels';
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
import { DEFAULT_TABLE, type TableDef } from './tables/tableDef';
import {
  CRONJOB_TABLE,
  DAEMONSET_TABLE,
  DEPLOYMENT_TABLE,
  JOB_TABLE,
  REPLICASET_TABLE,
} from './tables/workloads';
import { GET_TABWRITER, TabWriter } from './tabwriter';

export interface PrintOptions {
  /** Simulation time (ms since EPOCH_MS), for the AGE-like columns. */
  nowMs: number;
  wide?: boolean;
  /** -A: a NAMESPACE column first (namespaced kinds only, as kubectl does). */
  allNamespaces?: boolean;
  /** NAME column as kind/name (kubectl does this when several kinds are listed). */
  showKind?: boolean;
  noHeaders?: boolean;
  /** --show-labels: a LABELS column last. */
  showLabels?: boolean;
}

const TABLES: Record<string, TableDef> = {
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

/** tableprinter.go flushes the tabwriter every 100 rows; RememberWidths keeps later rows aligned. */
const FLUSH_INTERVAL_ROWS = 100;

/**
 * The table for one resource type, ending in '\n'; '' for an empty list (kubectl prints no
 * headers then, and the caller reports "No resources found in default namespace.").
 */
export function printTable(resource: string, objects: KObject[], opts: PrintOptions): string {
  if (objects.length === 0) return '';
  const out = new TabWriter(GET_TABWRITER);
  writeTable(resource, objects, opts, out, !opts.noHeaders);
  return out.text();
}

/**
 * One PrintObj of a table into `out` (kubectl get -w keeps one tabwriter across the list and
 * every watch event): the header when asked, then a row per object.
 */
export function writeTable(
  resource: string,
  objects: KObject[],
  opts: PrintOptions,
  out: TabWriter,
  header: boolean,
): void {
  const def = TABLES[resource] ?? DEFAULT_TABLE;
  const info: ResourceInfo | undefined = RESOURCES.find((r) => r.resource === resource);
  const withNamespace = Boolean(opts.allNamespaces) && (info?.namespaced ?? true);
  const kindPrefix = opts.showKind && info ? `${kindDotGroup(info)}/` : '';
  const nameColumn = def.columns.findIndex((c) => c.isName);
  const visible = def.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => opts.wide || !column.wideOnly);

  if (header) {
    const headers = visible.map(({ column }) => column.name.toUpperCase());
    if (withNamespace) headers.unshift('NAMESPACE');
    if (opts.showLabels) headers.push('LABELS');
    out.write(`${headers.join('\t')}\n`);
  }
  objects.forEach((obj, rowIndex) => {
    const cells = def.row(obj, opts.nowMs).map(String);
    if (kindPrefix && nameColumn >= 0) cells[nameColumn] = kindPrefix + cells[nameColumn];
    const shown = visible.map(({ index }) => cellText(cells[index] ?? ''));
    if (withNamespace) shown.unshift(obj.metadata.namespace ?? '');
    if (opts.showLabels) shown.push(labelsString(obj.metadata.labels) || '<none>');
    out.write(`${shown.join('\t')}\n`);
    if ((rowIndex + 1) % FLUSH_INTERVAL_ROWS === 0) out.flush();
  });
}

/**
 * tableprinter.go appendCellValue: a cell stops at its first line break, marked with "...", and
 * a terminal escape is made visible (printers.WriteEscaped).
 */
function cellText(value: string): string {
  const cut = value.search(/[\f\n\r]/);
  const text = cut >= 0 ? `${value.slice(0, cut)}...` : value;
  return text.replaceAll('\x1b', '^[');
}
