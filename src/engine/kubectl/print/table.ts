/**
 * `kubectl get` human-readable output: the server-built Table (./serverTable) printed as
 * cli-runtime pkg/printers/tableprinter.go does (decorateTable, printTable), through the
 * RememberWidths tabwriter.
 */

import { kindDotGroup, RESOURCES } from '../../api/resources';
import type { KObject } from '../../api/types';
import { labelsString } from './labels';
import { type Table, tableOf } from './serverTable';
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

/** How kubectl decorates a table (cli-runtime PrintOptions). */
export interface TablePrintOptions {
  wide?: boolean;
  /** get.go: -A, unless the kind is cluster-scoped. */
  withNamespace?: boolean;
  /** `deployment.apps`: the prefix of the name column when several kinds print. */
  kind?: string;
  showLabels?: boolean;
}

/**
 * The tabwriter is flushed every 100 rows, RememberWidths keeping later rows at least as wide.
 * This is newer cli-runtime's printTable (flushInterval, 2026); kubectl 1.32 flushes a table
 * once, so there a wider row after the 100th widens the rows before it too.
 */
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
  // The rows keep the objects themselves (includeObject=Object): the namespace and labels
  // columns read them as kubectl reads each row's PartialObjectMetadata.
  const table = tableOf(resource, objects, { nowMs: opts.nowMs, includeObject: 'Object' });
  const info = RESOURCES.find((r) => r.resource === resource);
  writeServerTable(
    table,
    {
      wide: opts.wide,
      withNamespace: Boolean(opts.allNamespaces) && (info?.namespaced ?? true),
      kind: opts.showKind && info ? kindDotGroup(info) : undefined,
      showLabels: opts.showLabels,
    },
    out,
    header,
  );
}

/**
 * A Table as the server sent it, decorated and printed: the namespace column first, labels
 * last, kind/ before the name, priority columns only with -o wide.
 */
export function writeServerTable(
  table: Table,
  opts: TablePrintOptions,
  out: TabWriter,
  header: boolean,
): void {
  const columns = table.columnDefinitions ?? [];
  const rows = table.rows ?? [];
  const nameColumn = opts.kind
    ? columns.findIndex((c) => c.format === 'name' && c.type === 'string')
    : -1;
  // printTable prints no header (nor anything) for a table without rows.
  if (header && rows.length > 0) {
    const headers = columns.filter((c) => opts.wide || c.priority === 0).map((c) => c.name);
    if (opts.withNamespace) headers.unshift('Namespace');
    if (opts.showLabels) headers.push('Labels');
    out.write(`${headers.map((h) => h.toUpperCase()).join('\t')}\n`);
  }
  rows.forEach((row, rowIndex) => {
    const metadata = row.object?.metadata as KObject['metadata'] | undefined;
    const shown: string[] = [];
    if (opts.withNamespace) shown.push(cellText(metadata?.namespace ?? ''));
    // Cells past the column definitions are dropped (kubernetes#66379).
    columns.forEach((column, i) => {
      if (!opts.wide && column.priority !== 0) return;
      let cell: unknown = row.cells[i];
      if (i === nameColumn) cell = `${opts.kind}/${String(cell)}`;
      shown.push(cell === null || cell === undefined ? '' : cellText(cell));
    });
    if (opts.showLabels) {
      shown.push(metadata ? cellText(labelsString(metadata.labels) || '<none>') : '');
    }
    out.write(`${shown.join('\t')}\n`);
    if ((rowIndex + 1) % FLUSH_INTERVAL_ROWS === 0) out.flush();
  });
}

/**
 * tableprinter.go printTable's cell: a string stops at its first line break, marked with "...";
 * anything else prints as fmt.Sprint does. Either way a terminal escape is made visible
 * (printers.WriteEscaped).
 */
function cellText(value: unknown): string {
  let text = String(value);
  if (typeof value === 'string') {
    const cut = value.search(/[\f\n\r]/);
    if (cut >= 0) text = `${value.slice(0, cut)}...`;
  }
  return text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}
