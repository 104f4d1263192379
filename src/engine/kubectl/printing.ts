/**
 * The one place commands reach kubectl's printers (./print, written separately): tables, YAML and
 * JSON, `-o name`, describe. Keeping the seam here lets command tests stub the printers.
 */
import type { ResourceInfo } from '../api/resources';
import type { KObject } from '../api/types';
import {
  type DescribeContext,
  describe as describeObject,
  printName,
  printObject,
  printTable,
} from './print';
import { describePodTemplate } from './print/describe/podTemplate';
import { untabbedString } from './print/describe/writer';

export type { DescribeContext };

export interface TableOptions {
  nowMs: number;
  wide: boolean;
  allNamespaces: boolean;
  showKind: boolean;
  noHeaders: boolean;
  showLabels: boolean;
}

/** One resource type's table, '' for no objects. */
export function renderTable(r: ResourceInfo, objects: KObject[], opts: TableOptions): string {
  return printTable(r.resource, objects, opts);
}

/** `-o yaml|json`: one object, or a `kind: List` of several. */
export function renderObjects(
  objs: KObject | KObject[],
  format: 'yaml' | 'json',
  showManagedFields = false,
): string {
  return printObject(objs, format, showManagedFields);
}

/** `-o name`: `pod/nginx`, `deployment.apps/web`. */
export function renderName(obj: KObject): string {
  return printName(obj);
}

export function renderDescribe(r: ResourceInfo, obj: KObject, ctx: DescribeContext): string {
  return describeObject(r.resource, obj, ctx);
}

/** polymorphichelpers printTemplate: DescribePodTemplate through an unaligned prefix writer. */
export function renderPodTemplate(template: KObject['spec']): string {
  return untabbedString((w) => describePodTemplate(template, w));
}
