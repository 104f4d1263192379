/**
 * `kubectl get` (kubernetes/kubectl pkg/cmd/get/get.go): tables per resource type with a blank
 * line between types, kind/name when several types are listed, `No resources found…` on stderr
 * when nothing printed, and errors (NotFound…) after whatever could be shown.
 */
import type { ResourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
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
import { renderName, renderObjects, renderTable } from '../printing';
import { parseResourceArgs } from '../resourceArgs';

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
interface Info {
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
    { name: 'no-headers', kind: 'bool' },
    { name: 'ignore-not-found', kind: 'bool' },
    { name: 'show-kind', kind: 'bool' },
    { name: 'watch', short: 'w', kind: 'bool' },
  ],
  run: runGet,
};

function runGet(ctx: CommandContext): void {
  const { flags, out } = ctx;
  const format = flags.string('output');
  const filenames = flags.list('filename');
  if (ctx.args.length === 0 && filenames.length === 0) {
    out.write(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n',
    );
    throw usageError(
      ctx.path,
      'Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
    );
  }
  checkOutputFormat(format, ['wide', 'yaml', 'json', 'name']);
  if (flags.bool('show-labels') && format !== '' && format !== 'wide') {
    throw failWith.message(`--show-labels option cannot be used with ${format} printer`);
  }
  if (flags.bool('watch')) {
    throw failWith.message(
      '--watch is not supported by this simulator; run "get" again after a "wait"',
    );
  }
  const allNamespaces = flags.bool('all-namespaces');
  const ignoreNotFound = flags.bool('ignore-not-found');
  const { infos, errors, singleItemImplied } = fetch(ctx, allNamespaces);
  const shown = ignoreNotFound
    ? errors.filter((e) => !(e.type === 'status' && e.status.reason === 'NotFound'))
    : errors;

  if (format === 'yaml' || format === 'json' || format === 'name') {
    if (singleItemImplied && shown.length > 0) throw new CommandFailure(shown[0]);
    const objects = infos.flatMap((i) => i.objects);
    if (format === 'name') {
      for (const o of objects) out.line(renderName(o));
    } else if (!(ignoreNotFound && objects.length === 0)) {
      out.write(
        renderObjects(singleItemImplied && objects.length === 1 ? objects[0] : objects, format),
      );
    }
    const agg = aggregate(shown);
    if (agg) throw new CommandFailure(agg);
    return;
  }

  // Server-side printing returns one table per request, so kind/name shows whenever more
  // than one type came back, even if some tables are empty.
  const showKind = flags.bool('show-kind') || new Set(infos.map((i) => i.r)).size > 1;
  const noHeaders = flags.bool('no-headers');
  let written = false;
  let separate = false;
  let lastType: ResourceInfo | undefined;
  for (const group of groupConsecutive(infos)) {
    if (lastType && !noHeaders && written) separate = true;
    const text = renderTable(group.r, group.objects, {
      nowMs: ctx.host.nowMs(),
      wide: format === 'wide',
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

function fetch(
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
