/**
 * describe.go genericDescriber, used for kinds without a describer of their own (Lease, Event):
 * every field of the object, sorted, with camelCase names turned into words by smartLabelFor.
 */
import type { KObject } from '../kobject';
import { compareStrings } from '../labels';
import {
  type DescribeContext,
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from './common';
import { LEVEL_0, type PrefixWriter, tabbedString } from './writer';

const SKIPPED = new Set([
  '.metadata.managedFields',
  '.metadata.name',
  '.metadata.namespace',
  '.metadata.labels',
  '.metadata.annotations',
]);

export function describeGeneric(obj: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    printContent(w, LEVEL_0, JSON.parse(JSON.stringify(obj)), '');
    describeEvents(ctx.events, w, ctx.nowMs);
  });
}

function printContent(
  w: PrefixWriter,
  level: number,
  content: Record<string, unknown>,
  prefix: string,
): void {
  for (const field of Object.keys(content).sort(compareStrings)) {
    const path = `${prefix}.${field}`;
    if (SKIPPED.has(path)) continue;
    const value = content[field];
    if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (isMap(child)) printContent(w, level + 1, child, path);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else if (isMap(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printContent(w, level + 1, value, path);
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** fmt's %v of a JSON scalar. */
function goValue(value: unknown): string {
  return value === null || value === undefined ? '<nil>' : String(value);
}

const ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID'];

/** describe.go smartLabelFor: "apiVersion" → "API Version", "holderIdentity" → "Holder Identity". */
export function smartLabelFor(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return camelCaseSplit(field)
    .filter((part) => part !== '_')
    .map((part) => (ACRONYMS.includes(part.toUpperCase()) ? part.toUpperCase() : title(part)))
    .join(' ');
}

/** github.com/fatih/camelcase Split: runs of one character class, with "PDFLoader" → PDF Loader. */
function camelCaseSplit(text: string): string[] {
  const classOf = (ch: string) =>
    /\p{Ll}/u.test(ch) ? 1 : /\p{Lu}/u.test(ch) ? 2 : /\p{Nd}/u.test(ch) ? 3 : 4;
  const runs: string[][] = [];
  let last = 0;
  for (const ch of text) {
    const cls = classOf(ch);
    if (cls === last) runs[runs.length - 1].push(ch);
    else runs.push([ch]);
    last = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (classOf(runs[i][0]) === 2 && classOf(runs[i + 1][0]) === 1) {
      const moved = runs[i].pop();
      if (moved !== undefined) runs[i + 1].unshift(moved);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

function title(word: string): string {
  return word.length === 0 ? word : word[0].toUpperCase() + word.slice(1);
}
