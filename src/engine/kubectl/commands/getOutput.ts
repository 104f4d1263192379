/**
 * `kubectl get`'s printers (kubernetes/kubectl pkg/cmd/get/get_flags.go ToPrinter, get.go
 * printGeneric): which printer an `-o` value names (json and yaml, name, jsonpath and
 * jsonpath-as-json / jsonpath-file, custom-columns / custom-columns-file, the human-readable
 * table), and the generic path that prints one object, or several as a `kind: List`.
 */
import type { KObject } from '../../api/types';
import { isoTime } from '../../model/meta';
import { CommandFailure, failWith } from '../errors';
import { type GoValue, unstructured } from '../jsonpath/goValues';
import {
  type Column,
  CustomColumnsPrinter,
  columnsFromSpec,
  columnsFromTemplate,
} from '../print/customColumns';
import { JsonPathPrinter, PrintError } from '../print/jsonpathPrinter';
import { type SortFatal, sortObjects } from '../print/sorter';
import { GET_TABWRITER, TabWriter } from '../print/tabwriter';
import { renderName, renderObjects } from '../printing';

export type OutputSpec =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' | 'json' | 'name' }
  | { kind: 'jsonpath'; template: string; asJson: boolean }
  | { kind: 'custom-columns'; columns: Column[] };

/** printers the -o flag accepts (kubectl get's PrintFlags.AllowedFormats). */
export const GET_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** A template printer's `FORMAT=VALUE`, or the --template flag beside a bare FORMAT. */
function templateValue(format: string, formats: string[], templateFlag: string): [string, string] {
  if (templateFlag) return [format, templateFlag];
  for (const f of formats) {
    if (format.startsWith(`${f}=`)) return [f, format.slice(f.length + 1)];
  }
  return [format, ''];
}

/**
 * PrintFlags.ToPrinter for kubectl get, trying the printers in kubectl's order. Files named by
 * `*-file` formats are read through `readFile`.
 */
export function outputSpecOf(
  format: string,
  templateFlag: string,
  readFile: (path: string) => string | undefined,
): OutputSpec {
  let output = format;
  if (templateFlag && output === '') output = 'go-template';
  const lower = output.toLowerCase();
  if (lower === 'json' || lower === 'yaml') return { kind: lower };
  if (output === 'name') return { kind: 'name' };

  const [jpFormat, jpValue] = templateValue(
    output,
    ['jsonpath', 'jsonpath-file', 'jsonpath-as-json'],
    templateFlag,
  );
  if (jpFormat === 'jsonpath' || jpFormat === 'jsonpath-file' || jpFormat === 'jsonpath-as-json') {
    if (jpValue === '') throw failWith.message('template format specified but no template given');
    let template = jpValue;
    if (jpFormat === 'jsonpath-file') {
      const text = readFile(jpValue);
      if (text === undefined) {
        throw failWith.message(
          `error reading --template ${jpValue}, open ${jpValue}: no such file or directory`,
        );
      }
      template = text;
    }
    return { kind: 'jsonpath', template, asJson: jpFormat === 'jsonpath-as-json' };
  }
  const [goFormat] = templateValue(
    output,
    ['go-template', 'go-template-file', 'template', 'templatefile'],
    templateFlag,
  );
  if (['go-template', 'go-template-file', 'template', 'templatefile'].includes(goFormat)) {
    throw failWith.message(
      `output format ${JSON.stringify(output)} is not supported by this simulator`,
    );
  }

  const [ccFormat, ccValue] = templateValue(output, ['custom-columns-file', 'custom-columns'], '');
  if (ccFormat === 'custom-columns' || ccFormat === 'custom-columns-file') {
    if (ccValue === '') {
      throw failWith.message('custom-columns format specified but no custom columns given');
    }
    try {
      if (ccFormat === 'custom-columns')
        return { kind: 'custom-columns', columns: columnsFromSpec(ccValue) };
      const text = readFile(ccValue);
      if (text === undefined) {
        throw failWith.message(
          `error reading template ${ccValue}, open ${ccValue}: no such file or directory\n`,
        );
      }
      return { kind: 'custom-columns', columns: columnsFromTemplate(text) };
    } catch (e) {
      throw asFailure(e);
    }
  }
  if (output === '' || output === 'wide') return { kind: 'table', wide: output === 'wide' };
  throw failWith.message(
    `unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: ${GET_FORMATS}`,
  );
}

/** A printer's error as the Go error kubectl would print. */
export function asFailure(e: unknown): unknown {
  if (e instanceof PrintError) return failWith.message(e.message);
  return e;
}

/** The printer behind a generic (non-table) spec, built before anything prints. */
export interface GenericPrinter {
  /** Print one object (or a list's content) and return the text. */
  print(content: GoValue, items: KObject[], single: boolean): string;
}

export function genericPrinter(
  spec: Exclude<OutputSpec, { kind: 'table' }>,
  opts: { allowMissingKeys: boolean; noHeaders: boolean; showManagedFields?: boolean },
): GenericPrinter {
  switch (spec.kind) {
    case 'yaml':
    case 'json':
      return {
        print: (_content, items, single) =>
          renderObjects(
            single ? items[0] : items,
            spec.kind as 'yaml' | 'json',
            opts.showManagedFields,
          ),
      };
    case 'name':
      return { print: (_content, items) => items.map((o) => `${renderName(o)}\n`).join('') };
    case 'jsonpath': {
      let printer: JsonPathPrinter;
      try {
        printer = new JsonPathPrinter(spec.template, opts.allowMissingKeys, spec.asJson);
      } catch (e) {
        throw asFailure(e);
      }
      return { print: (content) => printer.print(content) };
    }
    case 'custom-columns': {
      const printer = new CustomColumnsPrinter(spec.columns, opts.noHeaders);
      return {
        print: (_content, items) => {
          const out = new TabWriter(GET_TABWRITER);
          printer.print(items.map(unstructured), out);
          return out.text();
        },
      };
    }
  }
}

/** The `kind: List` kubectl wraps several objects in, as unstructured content. */
export function listContent(items: KObject[]): GoValue {
  return {
    apiVersion: 'v1',
    items: items.map(unstructured),
    kind: 'List',
    metadata: { resourceVersion: '' },
  };
}

/** SortingPrinter over a list: the items in --sort-by order (none for an empty list). */
export function sortedItems(items: KObject[], sortBy: string): KObject[] {
  if (sortBy === '' || items.length === 0) return items;
  const contents = items.map(unstructured);
  const order = sortObjects(contents, sortBy);
  return order.map((c) => items[contents.indexOf(c)]);
}

/**
 * klog.Exitf's line on stderr when --sort-by meets values it cannot order; kubectl exits 1.
 * The header carries the simulated clock and a fixed thread id.
 */
export function sortFatalText(e: SortFatal, nowMs: number): string {
  const iso = isoTime(nowMs);
  const header = `F${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 19)}.000000       1 sorter.go:${e.line}]`;
  return `${header} ${e.message}\n`;
}

/** Run a printing step, turning printer failures into kubectl's. */
export function printing<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof PrintError) throw new CommandFailure({ type: 'message', text: e.message });
    throw e;
  }
}
