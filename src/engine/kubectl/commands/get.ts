/**
 * `kubectl get` (kubernetes/kubectl pkg/cmd/get/get.go): tables per resource type with a blank
 * line between types, kind/name when several types are listed, `No resources found…` on stderr
 * when nothing printed, and errors (NotFound…) after whatever could be shown.
 */
import type { ResourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
import { DEFAULT_CHUNK_SIZE } from '../client';
import {
  type CommandContext,
  type CommandDef,
  FILENAME_FLAG,
  OUTPUT_FLAG,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
} from '../command';
import { aggregate, CommandFailure, type Failure, failWith, usageError } from '../errors';
import { namedInFiles } from '../files';
import { type GoValue, unstructured } from '../jsonpath/goValues';
import { PrintError } from '../print/jsonpathPrinter';
import { SortFatal, sortObjects, sortTableRows } from '../print/sorter';
import { renderTable } from '../printing';
import { parseResourceArgs } from '../resourceArgs';
import {
  genericPrinter,
  listContent,
  type OutputSpec,
  outputSpecOf,
  printing,
  sortedItems,
  sortFatalText,
} from './getOutput';
import { runWatch } from './getWatch';

/** printers the -o flag accepts (cli-runtime PrintFlags.AllowedFormats). */
export const ALLOWED_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

export function checkOutputFormat(format: string, supported: string[]): void {
  if (format === '' || supported.includes(format)) return;
  if (ALLOWED_FORMATS.split(',').includes(format.split('=')[0])) {
    throw failWith.message(
      `output format ${JSON.stringify(format)} is not supported by this simulator`,
    );
  }
  throw failWith.message(
    `unable to match a printer suitable for the output format ${JSON.stringify(format)}, allowed formats are: ${ALLOWED_FORMATS}`,
  );
}

/** One result the builder visited: a named object, or one type's list. */
export interface Info {
  r: ResourceInfo;
  objects: KObject[];
}

export const getCommand: CommandDef = {
  name: 'get',
  short: 'Display one or many resources',
  suggestFor: ['list', 'ps'],
  flags: [
    OUTPUT_FLAG,
    SELECTOR_FLAG,
    FILENAME_FLAG,
    RECURSIVE_FLAG,
    { name: 'field-selector', kind: 'string' },
    { name: 'all-namespaces', short: 'A', kind: 'bool' },
    { name: 'show-labels', kind: 'bool' },
    { name: 'show-managed-fields', kind: 'bool' },
    { name: 'no-headers', kind: 'bool' },
    { name: 'ignore-not-found', kind: 'bool' },
    { name: 'show-kind', kind: 'bool' },
    { name: 'watch', short: 'w', kind: 'bool' },
    { name: 'watch-only', kind: 'bool' },
    { name: 'sort-by', kind: 'string' },
    { name: 'template', kind: 'string' },
    { name: 'allow-missing-template-keys', kind: 'bool', default: true },
    { name: 'chunk-size', kind: 'int', default: DEFAULT_CHUNK_SIZE },
  ],
  run: runGet,
};

function runGet(ctx: CommandContext): void {
  const { flags, out } = ctx;
  const format = flags.string('output');
  const filenames = flags.list('filename');
  const watching = flags.bool('watch') || flags.bool('watch-only');
  if (ctx.args.length === 0 && filenames.length === 0 && !watching) {
    out.write(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n',
    );
    throw usageError(
      ctx.path,
      'Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
    );
  }
  if (flags.bool('show-labels') && format !== '' && format !== 'wide') {
    throw failWith.message(`--show-labels option cannot be used with ${format} printer`);
  }
  const sortBy = flags.string('sort-by');
  if (watching) {
    if (sortBy) {
      out.write(
        flags.bool('watch')
          ? 'warning: --watch requested, --sort-by will be ignored for watch events received\n'
          : 'warning: --watch-only requested, --sort-by will be ignored\n',
      );
    }
    runWatch(ctx);
    return;
  }
  const allNamespaces = flags.bool('all-namespaces');
  const ignoreNotFound = flags.bool('ignore-not-found');
  const { infos, errors, singleItemImplied } = fetch(ctx, allNamespaces);
  const shown = ignoreNotFound
    ? errors.filter((e) => !(e.type === 'status' && e.status.reason === 'NotFound'))
    : errors;

  // The printer is chosen after the request, as kubectl's ToPrinter runs in Run.
  const spec = outputSpecOf(format, flags.string('template'), (path) => ctx.host.readFile(path));
  if (spec.kind !== 'table') {
    printGeneric(ctx, spec, infos, shown, singleItemImplied);
    return;
  }

  // Server-side printing returns one table per request, so kind/name shows whenever more
  // than one type came back, even if some tables are empty.
  const showKind = flags.bool('show-kind') || new Set(infos.map((i) => i.r)).size > 1;
  const noHeaders = flags.bool('no-headers');
  // RuntimeSorter: several tables are sorted as objects themselves, before anything prints.
  if (sortBy && infos.length > 1) {
    printing(() => sortObjects(infos.map(tableObject), sortBy));
  }
  let written = false;
  let separate = false;
  let lastType: ResourceInfo | undefined;
  for (const group of groupConsecutive(infos)) {
    if (lastType && !noHeaders && written) separate = true;
    const objects = sortBy ? sortedRows(ctx, group.objects, sortBy) : group.objects;
    const text = renderTable(group.r, objects, {
      nowMs: ctx.host.nowMs(),
      wide: spec.wide,
      allNamespaces,
      showKind,
      noHeaders,
      showLabels: flags.bool('show-labels'),
    });
    if (text !== '') {
      if (separate) out.line();
      separate = false;
      out.write(text);
      written = true;
    }
    lastType = group.r;
  }
  if (!written && !ignoreNotFound && shown.length === 0) {
    const allNamespaced = !allNamespaces && infos.every((i) => i.r.namespaced);
    out.line(
      allNamespaced ? `No resources found in ${ctx.namespace} namespace.` : 'No resources found',
    );
  }
  const agg = aggregate(shown);
  if (agg) throw new CommandFailure(agg);
}

/**
 * SortingPrinter over one table's rows. Run ignores the error a table printer returns, so a
 * field no row has prints nothing at all (kubernetes/kubectl#1343); a value that cannot be
 * sorted ends kubectl through klog.
 */
function sortedRows(ctx: CommandContext, objects: KObject[], sortBy: string): KObject[] {
  try {
    return sortTableRows(objects, unstructured, sortBy);
  } catch (e) {
    if (e instanceof PrintError) return [];
    if (e instanceof SortFatal) {
      ctx.out.write(sortFatalText(e, ctx.host.nowMs()));
      throw new CommandFailure({ type: 'exit' });
    }
    throw e;
  }
}

/** A table the server returned, as the unstructured object kubectl's RuntimeSorter sees. */
function tableObject(): GoValue {
  return { apiVersion: 'meta.k8s.io/v1', kind: 'Table', metadata: { resourceVersion: '' } };
}

/** printGeneric: one object, or every item in a `kind: List`, through the chosen printer. */
function printGeneric(
  ctx: CommandContext,
  spec: Exclude<OutputSpec, { kind: 'table' }>,
  infos: Info[],
  shown: Failure[],
  singleItemImplied: boolean,
): void {
  const { flags, out } = ctx;
  if (singleItemImplied && shown.length > 0) throw new CommandFailure(shown[0]);
  const objects = infos.flatMap((i) => i.objects);
  if (objects.length === 0 && flags.bool('ignore-not-found')) {
    const agg = aggregate(shown);
    if (agg) throw new CommandFailure(agg);
    return;
  }
  const printer = genericPrinter(spec, {
    allowMissingKeys: flags.bool('allow-missing-template-keys'),
    noHeaders: flags.bool('no-headers'),
    showManagedFields: flags.bool('show-managed-fields'),
  });
  const single = singleItemImplied && objects.length === 1;
  const errors = [...shown];
  try {
    if (single) {
      out.write(printer.print(unstructured(objects[0]), objects, true));
    } else {
      const items = sortedItems(objects, flags.string('sort-by'));
      out.write(printer.print(listContent(items), items, false));
    }
  } catch (e) {
    if (e instanceof SortFatal) {
      out.write(sortFatalText(e, ctx.host.nowMs()));
      throw new CommandFailure({ type: 'exit' });
    }
    if (!(e instanceof PrintError)) throw e;
    errors.push({ type: 'message', text: e.message });
  }
  const agg = aggregate(errors);
  if (agg) throw new CommandFailure(agg);
}

/** Consecutive infos of one type share a table, as kubectl reuses its printer per mapping. */
function groupConsecutive(infos: Info[]): Info[] {
  const groups: Info[] = [];
  for (const info of infos) {
    const last = groups[groups.length - 1];
    if (last && last.r === info.r) last.objects = [...last.objects, ...info.objects];
    else groups.push({ r: info.r, objects: [...info.objects] });
  }
  return groups;
}

export function fetch(
  ctx: CommandContext,
  allNamespaces: boolean,
): { infos: Info[]; errors: Failure[]; singleItemImplied: boolean } {
  const { flags, client } = ctx;
  const infos: Info[] = [];
  const errors: Failure[] = [];
  const selector = flags.string('selector');
  const fieldSelector = flags.string('field-selector');
  const filenames = flags.list('filename');

  let named: { r: ResourceInfo; name: string; namespace?: string }[];
  let singleItemImplied = false;
  if (filenames.length > 0) {
    const loaded = namedInFiles(ctx, filenames);
    errors.push(...loaded.errors);
    named = loaded.named;
    singleItemImplied = named.length === 1;
  } else {
    const parsed = parseResourceArgs(ctx.args);
    if (parsed.kind === 'types') {
      for (const r of parsed.types) {
        const res = client.tryList(r, allNamespaces ? undefined : ctx.namespace, {
          labelSelector: selector,
          fieldSelector,
          chunkSize: flags.int('chunk-size'),
        });
        if (res.ok) infos.push({ r, objects: res.value });
        else errors.push(stopOnNetwork(res.failure));
      }
      return { infos, errors, singleItemImplied: false };
    }
    if (selector) throw failWith.message('name cannot be provided when a selector is specified');
    if (allNamespaces)
      throw failWith.message('a resource cannot be retrieved by name across all namespaces');
    named = parsed.items;
    singleItemImplied = parsed.items.length === 1;
  }
  for (const item of named) {
    const res = client.tryGet(item.r, item.namespace ?? ctx.namespace, item.name);
    if (res.ok) infos.push({ r: item.r, objects: [res.value] });
    else errors.push(stopOnNetwork(res.failure));
  }
  return { infos, errors, singleItemImplied };
}

/** Without a reachable server kubectl fails at discovery, once, before any request. */
export function stopOnNetwork(f: Failure): Failure {
  if (f.type === 'network') throw new CommandFailure(f);
  return f;
}
