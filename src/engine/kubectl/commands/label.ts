/**
 * `kubectl label` and `kubectl annotate` (kubernetes/kubectl pkg/cmd/label/label.go and
 * pkg/cmd/annotate/annotate.go, with cmdutil.GetResourcesAndPairs / ParsePairs). kubectl reads
 * each object (the builder's Latest()), changes the map locally and sends the JSON merge patch
 * from the object read to the object changed.
 */
import type { ResourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
import { createMergePatch } from '../../apiserver/patch/mergePatch';
import { isValidLabelValue } from '../../apiserver/validation/names';
import { jsonClone } from '../../model/meta';
import {
  type CommandContext,
  type CommandDef,
  DRY_RUN_FLAG,
  type DryRun,
  dryRunOf,
  FIELD_MANAGER_FLAG,
  FILENAME_FLAG,
  OUTPUT_FLAG,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
} from '../command';
import { aggregate, CommandFailure, type Failure, failWith } from '../errors';
import { namedInFiles } from '../files';
import { PairError, parseKeyValuePairs, resourcesAndPairs } from '../pairs';
import { parseResourceArgs } from '../resourceArgs';
import { printResult } from './generated';
import { checkOutputFormat, stopOnNetwork } from './get';

const SHARED_FLAGS = [
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
  SELECTOR_FLAG,
  FILENAME_FLAG,
  RECURSIVE_FLAG,
  FIELD_MANAGER_FLAG,
  { name: 'overwrite', kind: 'bool' as const },
  { name: 'list', kind: 'bool' as const },
  { name: 'all', kind: 'bool' as const },
  { name: 'all-namespaces', short: 'A', kind: 'bool' as const },
  { name: 'field-selector', kind: 'string' as const },
  { name: 'resource-version', kind: 'string' as const },
];

export const labelCommand: CommandDef = {
  name: 'label',
  short: 'Update the labels on a resource',
  flags: SHARED_FLAGS,
  run: runLabel,
};

export const annotateCommand: CommandDef = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  flags: SHARED_FLAGS,
  run: runAnnotate,
};

/** One object the builder visited, as the server last returned it. */
interface Target {
  r: ResourceInfo;
  obj: KObject;
}

/**
 * The resource builder with ContinueOnError and Latest(): `TYPE NAME…`, `TYPE/NAME…`, `-f`,
 * `-l`, `--field-selector` or `--all`. Objects that cannot be read become errors; `one` is the
 * builder's singleItemImplied.
 */
function visitTargets(
  ctx: CommandContext,
  resources: string[],
): { targets: Target[]; errors: Failure[]; one: boolean } {
  const { flags, client } = ctx;
  const errors: Failure[] = [];
  const targets: Target[] = [];
  const selector = flags.string('selector');
  const fieldSelector = flags.string('field-selector');
  const allNamespaces = flags.bool('all-namespaces');
  let named: { r: ResourceInfo; name: string; namespace?: string }[] = [];
  let one = false;
  const filenames = flags.list('filename');
  if (filenames.length > 0) {
    const loaded = namedInFiles(ctx, filenames);
    errors.push(...loaded.errors);
    named = loaded.named;
    one = named.length === 1;
  }
  if (resources.length > 0) {
    const parsed = parseResourceArgs(resources);
    if (parsed.kind === 'types') {
      if (!flags.bool('all') && !selector && !fieldSelector)
        throw failWith.message('resource(s) were provided, but no name was specified');
      for (const r of parsed.types) {
        const res = client.tryList(r, allNamespaces ? undefined : ctx.namespace, {
          labelSelector: selector,
          fieldSelector,
        });
        if (res.ok) for (const obj of res.value) targets.push({ r, obj });
        else errors.push(stopOnNetwork(res.failure));
      }
      return { targets, errors, one: false };
    }
    if (selector || fieldSelector)
      throw failWith.message('name cannot be provided when a selector is specified');
    named = parsed.items;
    one = parsed.items.length === 1;
  }
  for (const item of named) {
    const res = client.tryGet(item.r, item.namespace ?? ctx.namespace, item.name);
    if (res.ok) targets.push({ r: item.r, obj: res.value });
    else errors.push(stopOnNetwork(res.failure));
  }
  return { targets, errors, one };
}

type MapField = 'labels' | 'annotations';

/** The object with one metadata map replaced; an empty map is left out, as the server stores it. */
function withMap(obj: KObject, field: MapField, map: Record<string, string>): KObject {
  const metadata = { ...obj.metadata };
  if (Object.keys(map).length > 0) metadata[field] = map;
  else delete metadata[field];
  return { ...obj, metadata };
}

/** What the merge patch does on the server: set and remove keys of the latest map. */
function patched(
  current: Record<string, string> | undefined,
  set: Record<string, string>,
  remove: string[],
): Record<string, string> {
  const next: Record<string, string> = { ...(current ?? {}), ...set };
  for (const k of remove) delete next[k];
  return next;
}

interface MapChange {
  field: MapField;
  set: Record<string, string>;
  remove: string[];
}

/**
 * Send the change for one object as kubectl does: the JSON merge patch from the object read to
 * the object changed (jsonpatch.CreateMergePatch), with --resource-version set in the changed
 * object (and cleared from the one read) so that the patch carries it as a precondition.
 */
function write(ctx: CommandContext, t: Target, change: MapChange, dryRun: DryRun): KObject {
  const { r } = t;
  const name = t.obj.metadata.name as string;
  const namespace = r.namespaced ? t.obj.metadata.namespace : undefined;
  const rv = ctx.flags.string('resource-version');
  const before = jsonClone(t.obj);
  if (rv) delete before.metadata.resourceVersion;
  const after = withMap(
    before,
    change.field,
    patched(before.metadata[change.field], change.set, change.remove),
  );
  if (rv) after.metadata = { ...after.metadata, resourceVersion: rv };
  const patch = createMergePatch(before, after);
  const res = ctx.client.tryPatch(r, namespace, name, 'merge', patch, {
    dryRun: dryRun === 'server',
  });
  if (!res.ok) throw new CommandFailure(stopOnNetwork(res.failure));
  return res.value;
}

/** Run `fn` for one object; a failure is collected (ContinueOnError) unless the server is gone. */
function collect(errors: Failure[], fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof CommandFailure)) throw e;
    errors.push(stopOnNetwork(e.failure));
  }
}

function finish(errors: Failure[]): void {
  const agg = aggregate(errors);
  if (agg) throw new CommandFailure(errors.length === 1 ? errors[0] : agg);
}

/** The `--list` output: `k=v` lines, under a heading when several objects may be listed. */
function listMap(
  ctx: CommandContext,
  what: string,
  t: Target,
  map: Record<string, string>,
  one: boolean,
) {
  let indent = '';
  if (!one) {
    indent = ' ';
    // Kind.Group/name from the unstructured object: the core group leaves a bare dot.
    const group = t.r.group;
    ctx.out.line(`Listing ${what} for ${t.obj.kind}.${group}/${t.obj.metadata.name}:`);
  }
  // Go ranges over the map in random order; sorted keys keep transcripts stable.
  for (const k of Object.keys(map).sort()) ctx.out.line(`${indent}${k}=${map[k]}`);
}

/** Complete + Validate, shared: the command's errors in kubectl's order. */
function prepare(
  ctx: CommandContext,
  pairType: 'label' | 'annotation',
  parse: (pairs: string[]) => { set: Record<string, string>; remove: string[] },
): { resources: string[]; set: Record<string, string>; remove: string[]; dryRun: DryRun } {
  const { flags } = ctx;
  const dryRun = dryRunOf(ctx);
  let resources: string[];
  let set: Record<string, string>;
  let remove: string[];
  try {
    const split = resourcesAndPairs(ctx.args, pairType);
    resources = split.resources;
    ({ set, remove } = parse(split.pairs));
  } catch (e) {
    if (e instanceof PairError) throw failWith.message(e.message);
    throw e;
  }
  const output = flags.string('output');
  if (flags.bool('list') && output)
    throw failWith.message('--list and --output may not be specified together');
  checkOutputFormat(output, ['yaml', 'json', 'name']);
  if (flags.bool('all') && flags.string('selector'))
    throw failWith.message('cannot set --all and --selector at the same time');
  if (flags.bool('all') && flags.string('field-selector'))
    throw failWith.message('cannot set --all and --field-selector at the same time');
  if (resources.length < 1 && flags.list('filename').length === 0) {
    throw failWith.message(
      'one or more resources must be specified as <resource> <name> or <resource>/<name>',
    );
  }
  if (Object.keys(set).length < 1 && remove.length < 1 && !flags.bool('list'))
    throw failWith.message(`at least one ${pairType} update is required`);
  return { resources, set, remove, dryRun };
}

/** parseLabels: `k=v` (exactly one `=`, a valid label value) or `k-`. */
function parseLabels(specs: string[]): { set: Record<string, string>; remove: string[] } {
  const entries: [string, string][] = [];
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) throw new PairError(`invalid label spec: ${spec}`);
      const errs = isValidLabelValue(parts[1]);
      if (errs.length > 0)
        throw new PairError(`invalid label value: ${JSON.stringify(spec)}: ${errs.join(';')}`);
      entries.push([parts[0], parts[1]]);
    } else if (spec.endsWith('-')) {
      remove.push(spec.slice(0, -1));
    } else {
      throw new PairError(`unknown label spec: ${spec}`);
    }
  }
  const set = Object.fromEntries(entries);
  if (remove.some((k) => Object.hasOwn(set, k)))
    throw new PairError('can not both modify and remove a label in the same command');
  return { set, remove };
}

/**
 * updateDataChangeMsg compares the JSON of the object before and after labelFunc: equal is
 * `not labeled`, shorter without --overwrite `unlabeled`, anything else `labeled`. Only the
 * labels (always present afterwards, if only as `{}`) and a --resource-version differ.
 */
function labelMessage(
  before: Record<string, string> | undefined,
  after: Record<string, string>,
  rv: string,
  overwrite: boolean,
): string {
  const json = (labels: Record<string, string> | undefined, version?: string) =>
    JSON.stringify({
      ...(labels ? { labels: Object.fromEntries(Object.entries(labels).sort()) } : {}),
      ...(version ? { resourceVersion: version } : {}),
    });
  const oldData = json(before);
  const newData = json(after, rv);
  if (oldData === newData) return 'not labeled';
  if (!overwrite && newData.length < oldData.length) return 'unlabeled';
  return 'labeled';
}

function runLabel(ctx: CommandContext): void {
  const { flags, out } = ctx;
  const { resources, set, remove, dryRun } = prepare(ctx, 'label', parseLabels);
  const overwrite = flags.bool('overwrite');
  const list = flags.bool('list');
  const rv = flags.string('resource-version');
  const { targets, errors, one } = visitTargets(ctx, resources);
  if (!one && rv)
    throw failWith.message('--resource-version may only be used with a single resource');
  for (const t of targets) {
    collect(errors, () => {
      const before: Record<string, string> | undefined = t.obj.metadata.labels;
      const local = dryRun === 'client' || list;
      if (!local) {
        for (const k of remove)
          if (!before || !Object.hasOwn(before, k))
            out.line(`label ${JSON.stringify(k)} not found.`);
      }
      if (!overwrite) {
        const exists = Object.keys(set)
          .filter((k) => before && Object.hasOwn(before, k))
          .map(
            (k): Failure => ({
              type: 'message',
              text: `'${k}' already has a value (${before?.[k]}), and --overwrite is false`,
            }),
          );
        if (exists.length > 0) throw new CommandFailure({ type: 'aggregate', errors: exists });
      }
      const after = patched(before, set, remove);
      const message = labelMessage(before, after, rv, overwrite);
      const obj = withMap(t.obj, 'labels', after);
      if (!local) write(ctx, t, { field: 'labels', set, remove }, dryRun);
      if (list) listMap(ctx, 'labels', t, after, one);
      // label prints its own copy of the object, not the server's answer.
      else printResult(ctx, obj, message, dryRun);
    });
  }
  finish(errors);
}

/** validateAnnotations: no key both set and removed. */
function parseAnnotations(pairs: string[]): { set: Record<string, string>; remove: string[] } {
  const parsed = parseKeyValuePairs(pairs, 'annotation', true);
  const both = parsed.remove.filter((k) => Object.hasOwn(parsed.set, k));
  if (both.length > 0) {
    throw new PairError(
      `can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`,
    );
  }
  return parsed;
}

/** The annotation `kubectl --record` writes; annotate may always overwrite it. */
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

function runAnnotate(ctx: CommandContext): void {
  const { flags } = ctx;
  const { resources, set, remove, dryRun } = prepare(ctx, 'annotation', parseAnnotations);
  const overwrite = flags.bool('overwrite');
  const list = flags.bool('list');
  const rv = flags.string('resource-version');
  const { targets, errors, one } = visitTargets(ctx, resources);
  if (!one && rv)
    throw failWith.message('--resource-version may only be used with a single resource');
  for (const t of targets) {
    collect(errors, () => {
      const before: Record<string, string> = t.obj.metadata.annotations ?? {};
      if (!overwrite) {
        const declared = Object.keys(set)
          .filter((k) => k !== CHANGE_CAUSE && Object.hasOwn(before, k))
          .map((k) => `'${k}' already has a value (${before[k]})`);
        if (declared.length > 0) {
          throw failWith.message(
            `--overwrite is false but found the following declared annotation(s): ${declared.join('; ')}`,
          );
        }
      }
      const after = patched(before, set, remove);
      const local = dryRun === 'client' || list;
      const obj = local
        ? withMap(t.obj, 'annotations', after)
        : write(ctx, t, { field: 'annotations', set, remove }, dryRun);
      if (list) listMap(ctx, 'annotations', t, after, one);
      else printResult(ctx, obj, 'annotated', dryRun);
    });
  }
  finish(errors);
}
