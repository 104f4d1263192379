/**
 * `kubectl delete` (kubernetes/kubectl pkg/cmd/delete/delete.go): by type and name, by label, by
 * --all, or by file; then, like kubectl's default --wait=true, let simulated time pass until every
 * deleted object is really gone (graceful pod termination finishes on the node).
 */
import { type ResourceInfo, resourceDotGroup } from '../../api/resources';
import { isNotFound } from '../client';
import {
  type CommandContext,
  type CommandDef,
  DRY_RUN_FLAG,
  dryRunOf,
  dryRunSuffix,
  FILENAME_FLAG,
  OUTPUT_FLAG,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
} from '../command';
import { addSourceToErr, aggregate, CommandFailure, type Failure, failWith } from '../errors';
import { loadManifests } from '../files';
import { NO_RESOURCES_GIVEN, parseResourceArgs } from '../resourceArgs';
import { stopOnNetwork } from './get';

/** Simulated time a wait may take when --timeout is 0 (kubectl would wait a week). */
export const DEFAULT_WAIT_BOUND_MS = 5 * 60_000;
export const WAIT_STEP_MS = 100;

export const deleteCommand: CommandDef = {
  name: 'delete',
  short:
    'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  suggestFor: ['rm'],
  flags: [
    FILENAME_FLAG,
    RECURSIVE_FLAG,
    SELECTOR_FLAG,
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    { name: 'field-selector', kind: 'string' },
    { name: 'all', kind: 'bool' },
    { name: 'all-namespaces', short: 'A', kind: 'bool' },
    { name: 'grace-period', kind: 'int', default: -1 },
    { name: 'force', kind: 'bool' },
    { name: 'now', kind: 'bool' },
    { name: 'wait', kind: 'bool', default: true },
    { name: 'timeout', kind: 'duration' },
    { name: 'ignore-not-found', kind: 'bool' },
    { name: 'cascade', kind: 'string', default: 'background', noOptDefVal: 'background' },
  ],
  run: runDelete,
};

interface Target {
  r: ResourceInfo;
  namespace: string | undefined;
  name: string;
  source: string;
}

/**
 * Since kubectl v1.33 a namespaced deletion names its namespace
 * (`pod "nginx" deleted from default namespace`).
 */
export function deletedLine(
  r: ResourceInfo,
  name: string,
  namespace: string | undefined,
  operation: string,
): string {
  const kind = r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase();
  return r.namespaced && namespace
    ? `${kind} "${name}" ${operation} from ${namespace} namespace`
    : `${kind} "${name}" ${operation}`;
}

function runDelete(ctx: CommandContext): void {
  const { flags, out, client, host } = ctx;
  let grace = flags.int('grace-period');
  const force = flags.bool('force');
  const deleteAll = flags.bool('all');
  const selector = flags.string('selector');
  const fieldSelector = flags.string('field-selector');
  const ignoreNotFound = flags.changed('ignore-not-found')
    ? flags.bool('ignore-not-found')
    : deleteAll || !!selector || !!fieldSelector;
  if (flags.bool('now')) {
    if (grace !== -1)
      throw failWith.message('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  // --grace-period=0 without --force is turned into 1 so data is not lost by accident.
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  const dryRun = dryRunOf(ctx);
  // delete.go GetDeletionCascadingStrategy: --cascade=background|orphan|foreground.
  const cascade = flags.string('cascade');
  const propagation = (
    { background: 'Background', orphan: 'Orphan', foreground: 'Foreground' } as const
  )[cascade as 'background' | 'orphan' | 'foreground'];
  if (!propagation) {
    throw failWith.message(
      `invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan".`,
    );
  }
  const format = flags.string('output');
  if (format !== '' && format !== 'name') {
    throw failWith.message(`unexpected -o output mode: ${format}. We only support '-o name'`);
  }
  if (deleteAll && selector)
    throw failWith.message('cannot set --all and --selector at the same time');
  if (deleteAll && fieldSelector)
    throw failWith.message('cannot set --all and --field-selector at the same time');
  if (grace === 0 && force) {
    out.line(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
    );
  } else if (grace > 0 && force) {
    throw failWith.message(
      '--force and --grace-period greater than 0 cannot be specified together',
    );
  }

  const {
    targets,
    errors,
    unread = [],
  } = resolveTargets(ctx, {
    deleteAll,
    selector,
    fieldSelector,
  });
  let warnClusterScope = ctx.explicitNamespace && !flags.bool('all-namespaces');
  const operation = `${grace === 0 ? 'force deleted' : 'deleted'}${dryRunSuffix(dryRun)}`;
  const deleted: { t: Target; uid: string | undefined }[] = [];
  let found = 0;
  for (const t of targets) {
    if (warnClusterScope && !t.r.namespaced) {
      out.line('Warning: deleting cluster-scoped resources, not scoped to the provided namespace');
      warnClusterScope = false;
    }
    found++;
    const print = () =>
      out.line(
        format === 'name'
          ? `${kindName(t.r)}/${t.name}`
          : deletedLine(t.r, t.name, t.namespace, operation),
      );
    if (dryRun === 'client') {
      print();
      continue;
    }
    const res = client.tryDelete(t.r, t.namespace, t.name, {
      propagationPolicy: propagation,
      gracePeriodSeconds: grace >= 0 ? grace : undefined,
      dryRun: dryRun === 'server',
    });
    if (!res.ok) {
      const f = stopOnNetwork(res.failure);
      if (ignoreNotFound && isNotFound(f)) {
        found--;
        continue;
      }
      errors.push(addSourceToErr('deleting', t.source, f, host.serverAddress));
      continue;
    }
    print();
    deleted.push({ t, uid: res.value.metadata?.uid });
  }
  // What the builder could not read is reported after the deletions (ContinueOnErrorVisitor).
  errors.push(...unread);
  const agg = aggregate(errors.filter((e) => !(ignoreNotFound && isNotFound(e))));
  if (agg) throw new CommandFailure(agg);
  if (found === 0) {
    out.line('No resources found');
    return;
  }
  if (!flags.bool('wait') || dryRun !== 'none') return;
  waitForDeletion(ctx, deleted, flags.durationMs('timeout') || DEFAULT_WAIT_BOUND_MS);
}

function kindName(r: ResourceInfo): string {
  return r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase();
}

function resolveTargets(
  ctx: CommandContext,
  opts: { deleteAll: boolean; selector: string; fieldSelector: string },
): { targets: Target[]; errors: Failure[]; unread?: Failure[] } {
  const { client, flags } = ctx;
  const filenames = flags.list('filename');
  const errors: Failure[] = [];
  if (filenames.length > 0) {
    const loaded = loadManifests(ctx.host, filenames, {
      cwd: ctx.cwd,
      namespace: ctx.namespace,
      enforceNamespace: ctx.explicitNamespace,
      validate: false,
    });
    const targets = loaded.objects.map((m) => ({
      r: m.r,
      namespace: m.namespace,
      name: m.obj.metadata.name ?? '',
      source: m.source,
    }));
    return { targets, errors, unread: loaded.errors };
  }
  if (ctx.args.length === 0) {
    throw failWith.message(NO_RESOURCES_GIVEN);
  }
  const parsed = parseResourceArgs(ctx.args);
  const allNamespaces = flags.bool('all-namespaces');
  if (parsed.kind === 'names') {
    if (opts.selector || opts.deleteAll) {
      throw failWith.message('name cannot be provided when a selector is specified');
    }
    return {
      targets: parsed.items.map((i) => ({
        r: i.r,
        namespace: i.r.namespaced ? ctx.namespace : undefined,
        name: i.name,
        source: '',
      })),
      errors,
    };
  }
  if (!opts.deleteAll && !opts.selector && !opts.fieldSelector) {
    throw failWith.message('resource(s) were provided, but no name was specified');
  }
  const targets: Target[] = [];
  for (const r of parsed.types) {
    const res = client.tryList(r, allNamespaces ? undefined : ctx.namespace, {
      labelSelector: opts.selector,
      fieldSelector: opts.fieldSelector,
    });
    if (!res.ok) {
      errors.push(stopOnNetwork(res.failure));
      continue;
    }
    for (const o of res.value) {
      targets.push({
        r,
        namespace: r.namespaced ? o.metadata.namespace : undefined,
        name: o.metadata.name ?? '',
        source: '',
      });
    }
  }
  return { targets, errors };
}

/** cmd/wait IsDeleted: gone, or replaced by a new object with another UID. */
function waitForDeletion(
  ctx: CommandContext,
  deleted: { t: Target; uid: string | undefined }[],
  boundMs: number,
): void {
  let pending = deleted;
  const isGone = (d: { t: Target; uid: string | undefined }) => {
    const res = ctx.client.tryGet(d.t.r, d.t.namespace, d.t.name);
    if (!res.ok) return isNotFound(res.failure);
    return d.uid !== undefined && res.value.metadata.uid !== d.uid;
  };
  pending = pending.filter((d) => !isGone(d));
  for (let waited = 0; pending.length > 0 && waited < boundMs; waited += WAIT_STEP_MS) {
    ctx.host.advanceBy(WAIT_STEP_MS);
    pending = pending.filter((d) => !isGone(d));
  }
  if (pending.length > 0) {
    const d = pending[0];
    throw failWith.message(
      `timed out waiting for the condition on ${resourceDotGroup(d.t.r)}/${d.t.name}`,
    );
  }
}
