/**
 * A `kubectl get` table as the API server builds it (printers.go column definitions): every
 * column including the -o wide ones (priority 1), since the server always generates the wide
 * row and kubectl drops priority columns unless -o wide.
 */
import type { KObject } from '../kobject';
import { timestampSince } from '../time';

export interface ColumnDef {
  /** As printers.go names it; kubectl prints it upper-cased. */
  name: string;
  wideOnly?: boolean;
  /** The column with Format "name": kubectl prefixes it with kind/ when several kinds print. */
  isName?: boolean;
}

export interface TableDef {
  columns: ColumnDef[];
  row(obj: KObject, nowMs: number): (string | number)[];
}

export const NAME: ColumnDef = { name: 'Name', isName: true };
export const AGE: ColumnDef = { name: 'Age' };
export const CONTAINERS: ColumnDef = { name: 'Containers', wideOnly: true };
export const IMAGES: ColumnDef = { name: 'Images', wideOnly: true };
export const SELECTOR: ColumnDef = { name: 'Selector', wideOnly: true };

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

/** cli-runtime's default handler for kinds without a printer: NAME and AGE. */
export const DEFAULT_TABLE: TableDef = {
  columns: [NAME, AGE],
  row: (obj, nowMs) => [obj.metadata.name ?? '', age(obj, nowMs)],
};
