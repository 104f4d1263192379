/**
 * `kubectl get -w` / `--watch-only` (kubernetes/kubectl pkg/cmd/get/get.go watch): one resource
 * type (or one object), its current state printed, then a watch opened on the API server. The
 * command returns with the stream open: the lab runner and the console print its events as
 * simulated time passes (watchPrinter.ts followText) until the next command interrupts it.
 */

import type { ResourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
import type { CommandContext } from '../command';
import { CommandFailure, failWith } from '../errors';
import { namedInFiles } from '../files';
import { unstructured } from '../jsonpath/goValues';
import { PrintError } from '../print/jsonpathPrinter';
import { SortFatal, sortTableRows } from '../print/sorter';
import { NO_RESOURCES_GIVEN, parseResourceArgs } from '../resourceArgs';
import { stopOnNetwork } from './get';
import { outputSpecOf, sortFatalText } from './getOutput';
import { type FollowSpec, WatchPrinter } from './watchPrinter';

const SINGLE_TYPE = 'you may only specify a single resource type';

export function runWatch(ctx: CommandContext): void {
  const { flags, client, out } = ctx;
  const allNamespaces = flags.bool('all-namespaces');
  const selector = flags.string('selector');
  const fieldSelector = flags.string('field-selector');
  const filenames = flags.list('filename');

  let r: ResourceInfo;
  let names: { name: string; namespace?: string }[] = [];
  if (filenames.length > 0) {
    const loaded = namedInFiles(ctx, filenames);
    if (loaded.errors.length > 0) throw new CommandFailure(loaded.errors[0]);
    if (new Set(loaded.named.map((n) => n.r)).size > 1) throw failWith.message(SINGLE_TYPE);
    if (loaded.named.length === 0) throw failWith.message(NO_RESOURCES_GIVEN);
    r = loaded.named[0].r;
    names = loaded.named;
  } else {
    if (ctx.args.length === 0) throw failWith.message(NO_RESOURCES_GIVEN);
    const parsed = parseResourceArgs(ctx.args);
    if (parsed.kind === 'types') {
      if (parsed.types.length > 1) throw failWith.message(SINGLE_TYPE);
      r = parsed.types[0];
    } else {
      if (new Set(parsed.items.map((i) => i.r)).size > 1) throw failWith.message(SINGLE_TYPE);
      if (selector) throw failWith.message('name cannot be provided when a selector is specified');
      if (allNamespaces) {
        throw failWith.message('a resource cannot be retrieved by name across all namespaces');
      }
      r = parsed.items[0].r;
      names = parsed.items;
    }
  }
  const namespace = allNamespaces ? undefined : ctx.namespace;

  // The builder's request: the list, or each named object (the first error ends the command).
  let objects: KObject[];
  if (names.length === 0) {
    const res = client.tryList(r, namespace, { labelSelector: selector, fieldSelector });
    if (!res.ok) throw new CommandFailure(stopOnNetwork(res.failure));
    objects = res.value;
  } else {
    objects = names.map((n) => {
      const res = client.tryGet(r, n.namespace ?? ctx.namespace, n.name);
      if (!res.ok) throw new CommandFailure(stopOnNetwork(res.failure));
      return res.value;
    });
  }

  const output = outputSpecOf(flags.string('output'), flags.string('template'), (path) =>
    ctx.host.readFile(path),
  );
  const base = {
    output,
    resource: r.resource,
    allNamespaces,
    showLabels: flags.bool('show-labels'),
    noHeaders: flags.bool('no-headers'),
    allowMissingKeys: flags.bool('allow-missing-template-keys'),
    watchOnly: flags.bool('watch-only') && !flags.bool('watch'),
  };
  const startedAtMs = ctx.host.nowMs();
  let printer: WatchPrinter;
  try {
    printer = new WatchPrinter(base);
  } catch (e) {
    if (e instanceof PrintError) throw failWith.message(e.message);
    throw e;
  }
  try {
    // The SortingPrinter still orders the first table's rows; events come as they come.
    const sortBy = flags.string('sort-by');
    const first =
      sortBy && output.kind === 'table' ? sortTableRows(objects, unstructured, sortBy) : objects;
    out.write(printer.printInitial(first, startedAtMs));
  } catch (e) {
    if (e instanceof PrintError) {
      throw failWith.message(`unable to output the provided object: ${e.message}`);
    }
    if (e instanceof SortFatal) {
      out.write(sortFatalText(e, startedAtMs));
      throw new CommandFailure({ type: 'exit' });
    }
    throw e;
  }
  if (names.length > 1) {
    throw failWith.message('you may only watch a single resource or type of resource at a time');
  }

  // A named object is watched through a metadata.name field selector, as Info.Watch does.
  const watched = client.tryWatch(
    r,
    names.length === 1 ? (names[0].namespace ?? ctx.namespace) : namespace,
    {
      labelSelector: selector,
      fieldSelector: names.length === 1 ? `metadata.name=${names[0].name}` : fieldSelector,
    },
  );
  if (!watched.ok) throw new CommandFailure(stopOnNetwork(watched.failure));
  const follow: FollowSpec = {
    ...base,
    watchId: watched.value,
    initial: objects,
    initialAtMs: startedAtMs,
  };
  out.follow = follow;
}
