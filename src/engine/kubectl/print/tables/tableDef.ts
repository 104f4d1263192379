/**
 * A `kubectl get` table as the API server builds it: printers.go's column definitions
 * (name, type, format, description, priority) and its row function. Every column is here,
 * the -o wide ones too (priority 1): the server generates the wide row (pkg/printers/storage
 * ConvertToTable passes Wide: true) and kubectl drops priority columns unless -o wide.
 */
import type { KObject } from '../kobject';
import { parseTimestampMs, timestampSince } from '../time';
import { SWAGGER_DOC } from './columnDocs';

/** metav1.TableColumnDefinition. */
export interface ColumnDef {
  /** As printers.go names it; kubectl prints it upper-cased. */
  name: string;
  /**
   * The OpenAPI type printers.go declares. It is not always what the cells hold: Restarts is
   * declared "string" and is one, but a ServiceAccount's Secrets is declared "string" and the
   * cell is an int64.
   */
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  /** "name" marks the object's name: kubectl prefixes it with kind/ when several kinds print. */
  format?: 'name';
  description: string;
  /** 1 for the -o wide columns. */
  priority?: 1;
}

/** A cell as printers.go appends it: a Go string, or an int64 where it appends one. */
export type Cell = string | number;

/** metav1.TableRowCondition. */
export interface RowCondition {
  type: 'Completed';
  status: 'True';
  reason: string;
  message: string;
}

export interface TableDef {
  columns: ColumnDef[];
  row(obj: KObject, nowMs: number): Cell[];
  /** The row's conditions (printPod marks pods that ran to completion). */
  conditions?(obj: KObject): readonly RowCondition[] | undefined;
}

export const NAME: ColumnDef = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: SWAGGER_DOC['metav1.ObjectMeta.name'],
};
export const AGE: ColumnDef = {
  name: 'Age',
  type: 'string',
  description: SWAGGER_DOC['metav1.ObjectMeta.creationTimestamp'],
};
export const CONTAINERS: ColumnDef = {
  name: 'Containers',
  type: 'string',
  priority: 1,
  description: 'Names of each container in the template.',
};
export const IMAGES: ColumnDef = {
  name: 'Images',
  type: 'string',
  priority: 1,
  description: 'Images referenced by each container in the template.',
};

/** The -o wide Selector column; each kind documents it from its own spec's selector. */
export function selectorColumn(description: string): ColumnDef {
  return { name: 'Selector', type: 'string', priority: 1, description };
}

export function age(obj: KObject, nowMs: number): string {
  return timestampSince(obj.metadata.creationTimestamp, nowMs);
}

/** printers.go layoutContainerCells: names and images, comma-joined. */
export function containerCells(
  containers: { name: string; image?: string }[] | undefined,
): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

/**
 * apiserver pkg/registry/rest/table.go defaultTableConvertor, the table of a kind without a
 * printer: Name, and "Created At" as the RFC3339 stamp in UTC (not an age).
 */
export const DEFAULT_TABLE: TableDef = {
  columns: [
    NAME,
    {
      name: 'Created At',
      type: 'date',
      description: SWAGGER_DOC['metav1.ObjectMeta.creationTimestamp'],
    },
  ],
  row: (obj) => [obj.metadata.name ?? '', rfc3339Utc(obj.metadata.creationTimestamp)],
};

/** Go's `t.UTC().Format(time.RFC3339)`: whole seconds, Z; a zero time is year 1. */
function rfc3339Utc(stamp: string | null | undefined): string {
  const at = parseTimestampMs(stamp);
  if (at === undefined) return '0001-01-01T00:00:00Z';
  return `${new Date(Math.floor(at / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}
