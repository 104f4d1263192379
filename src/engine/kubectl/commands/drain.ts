/**
 * `kubectl cordon`, `uncordon` and `drain` (kubernetes/kubectl pkg/cmd/drain/drain.go and
 * pkg/drain/drain.go). Drain cordons, refuses pods it must not evict (see drainFilters.ts),
 * evicts the rest through the eviction subresource (or, with --disable-eviction, deletes them)
 * and waits, polling every second as kubectl does, until each is gone.
 */
import { resourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
import { DEFAULT_CHUNK_SIZE, isNotFound, type Outcome } from '../client';
import {
  type CommandContext,
  type CommandDef,
  DRY_RUN_FLAG,
  type DryRun,
  dryRunOf,
  dryRunSuffix,
  SELECTOR_FLAG,
} from '../command';
import { CommandFailure, errorText, type Failure, usageError } from '../errors';
import { filterPods } from './drainFilters';
import { stopOnNetwork } from './get';

/** How long drain may wait when --timeout is 0 (kubectl would wait forever). */
export const DRAIN_BOUND_MS = 10 * 60_000;
const POLL_MS = 1_000;

const nodes = resourceInfo('nodes');
const pods = resourceInfo('pods');

function nodeFlags(): CommandDef['flags'] {
  return [SELECTOR_FLAG, DRY_RUN_FLAG];
}

export const cordonCommand: CommandDef = {
  name: 'cordon',
  short: 'Mark node as unschedulable',
  flags: nodeFlags(),
  run: (ctx) => runCordonOrUncordon(ctx, findNodes(ctx, 'cordon NODE'), true, dryRunOf(ctx)),
};

export const uncordonCommand: CommandDef = {
  name: 'uncordon',
  short: 'Mark node as schedulable',
  flags: nodeFlags(),
  run: (ctx) => runCordonOrUncordon(ctx, findNodes(ctx, 'uncordon NODE'), false, dryRunOf(ctx)),
};

export const drainCommand: CommandDef = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  flags: [
    ...nodeFlags(),
    { name: 'force', kind: 'bool' },
    { name: 'ignore-daemonsets', kind: 'bool' },
    { name: 'delete-emptydir-data', kind: 'bool' },
    { name: 'delete-local-data', kind: 'bool' },
    { name: 'grace-period', kind: 'int', default: -1 },
    { name: 'timeout', kind: 'duration' },
    { name: 'pod-selector', kind: 'string' },
    { name: 'disable-eviction', kind: 'bool' },
    { name: 'skip-wait-for-delete-timeout', kind: 'int' },
    { name: 'chunk-size', kind: 'int', default: DEFAULT_CHUNK_SIZE },
  ],
  run: runDrain,
};

/** DrainCmdOptions.Complete: the nodes named (or selected), fetched before anything changes. */
function findNodes(ctx: CommandContext, use: string): KObject[] {
  const selector = ctx.flags.string('selector');
  if (ctx.args.length === 0 && !ctx.flags.changed('selector'))
    throw usageError(ctx.path, `USAGE: ${use} [flags]`);
  if (ctx.args.length > 0 && selector) {
    throw usageError(ctx.path, 'error: cannot specify both a node name and a --selector option');
  }
  if (selector) return ctx.client.list(nodes, undefined, { labelSelector: selector });
  return ctx.args.map((name) => ctx.client.get(nodes, undefined, name));
}

function printNode(ctx: CommandContext, node: KObject, operation: string, dryRun: DryRun): void {
  ctx.out.line(`node/${node.metadata.name} ${operation}${dryRunSuffix(dryRun)}`);
}

/** RunCordonOrUncordon: per-node problems are printed and the command still succeeds. */
function runCordonOrUncordon(
  ctx: CommandContext,
  list: KObject[],
  desired: boolean,
  dryRun: DryRun,
): void {
  const verb = desired ? 'cordon' : 'uncordon';
  for (const node of list) {
    if (Boolean(node.spec?.unschedulable) === desired) {
      printNode(ctx, node, desired ? 'already cordoned' : 'already uncordoned', dryRun);
      continue;
    }
    if (dryRun !== 'client') {
      try {
        ctx.client.modify(
          nodes,
          undefined,
          node.metadata.name ?? '',
          (current) => {
            const spec = { ...(current.spec ?? {}) };
            if (desired) spec.unschedulable = true;
            else delete spec.unschedulable;
            return { ...current, spec };
          },
          dryRun === 'server',
        );
      } catch (e) {
        if (!(e instanceof CommandFailure)) throw e;
        stopOnNetwork(e.failure);
        ctx.out.line(
          `error: unable to ${verb} node ${JSON.stringify(node.metadata.name)}: ${errorText(e.failure, ctx.host.serverAddress)}`,
        );
        continue;
      }
    }
    printNode(ctx, node, desired ? 'cordoned' : 'uncordoned', dryRun);
  }
}

function runDrain(ctx: CommandContext): void {
  const dryRun = dryRunOf(ctx);
  const list = findNodes(ctx, 'drain NODE');
  runCordonOrUncordon(ctx, list, true, dryRun);
  const fatal: Failure[] = [];
  const remaining: string[] = [];
  for (const node of list) {
    const name = node.metadata.name ?? '';
    const err = drainNode(ctx, name, dryRun);
    if (!err) {
      printNode(ctx, node, 'drained', dryRun);
      continue;
    }
    ctx.out.line(
      `error: unable to drain node ${JSON.stringify(name)} due to error: ${errorText(err, ctx.host.serverAddress)}, continuing command...`,
    );
    fatal.push(err);
    remaining.push(name);
  }
  if (remaining.length > 0) {
    ctx.out.line('There are pending nodes to be drained:');
    for (const n of remaining) ctx.out.line(` ${n}`);
    throw new CommandFailure({ type: 'aggregate', errors: fatal });
  }
}

function podsOnNode(ctx: CommandContext, node: string) {
  const all = ctx.client.list(pods, undefined, {
    fieldSelector: `spec.nodeName=${node}`,
    labelSelector: ctx.flags.string('pod-selector'),
    chunkSize: ctx.flags.int('chunk-size'),
  });
  return filterPods(
    ctx.client,
    all,
    {
      force: ctx.flags.bool('force'),
      ignoreDaemonSets: ctx.flags.bool('ignore-daemonsets'),
      deleteEmptyDirData:
        ctx.flags.bool('delete-emptydir-data') || ctx.flags.bool('delete-local-data'),
    },
    ctx.host.serverAddress,
  );
}

/** deleteOrEvictPodsSimple: undefined when the node is drained, else the error that stopped it. */
function drainNode(ctx: CommandContext, node: string, dryRun: DryRun): Failure | undefined {
  const list = podsOnNode(ctx, node);
  if (list.errors.length > 0) {
    return { type: 'aggregate', errors: list.errors.map((text) => ({ type: 'message', text })) };
  }
  if (list.warnings) ctx.out.line(`Warning: ${list.warnings}`);
  if (dryRun === 'client') {
    for (const p of list.pods)
      ctx.out.line(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)`);
    return undefined;
  }
  const err = evictPods(ctx, list.pods, dryRun);
  if (!err) return undefined;
  const pending = podsOnNode(ctx, node).pods;
  if (pending.length > 0) {
    ctx.out.line(
      `There are pending pods in node ${JSON.stringify(node)} when an error occurred: ${errorText(err, ctx.host.serverAddress)}`,
    );
    for (const p of pending) ctx.out.line(`pod/${p.metadata.name}`);
  }
  return err;
}

/**
 * DeleteOrEvictPods: evictPods (an Eviction per pod, then each waited for) or, with
 * --disable-eviction, deletePods (a DELETE per pod, the first failure ends it, then all waited
 * for).
 */
function evictPods(ctx: CommandContext, targets: KObject[], dryRun: DryRun): Failure | undefined {
  const grace = ctx.flags.int('grace-period');
  const options = {
    gracePeriodSeconds: grace >= 0 ? grace : undefined,
    dryRun: dryRun === 'server',
  };
  const evicting = !ctx.flags.bool('disable-eviction');
  const errors: Failure[] = [];
  const waiting: KObject[] = [];
  for (const pod of targets) {
    const ns = pod.metadata.namespace as string;
    const name = pod.metadata.name as string;
    let res: Outcome<KObject>;
    if (evicting) {
      ctx.out.line(`evicting pod ${ns}/${name}${dryRun === 'server' ? ' (server dry run)' : ''}`);
      res = ctx.client.tryEvict(ns, name, options);
    } else {
      res = ctx.client.tryDelete(pods, ns, name, options);
    }
    if (res.ok) {
      if (dryRun !== 'server') waiting.push(pod);
    } else if (!isNotFound(res.failure)) {
      if (!evicting) return res.failure;
      errors.push({
        type: 'message',
        text: `error when evicting pods/${JSON.stringify(name)} -n ${JSON.stringify(ns)}: ${errorText(res.failure, ctx.host.serverAddress)}`,
      });
    }
  }
  const timeoutMs = ctx.flags.durationMs('timeout');
  const boundMs = timeoutMs > 0 ? timeoutMs : DRAIN_BOUND_MS;
  let pending = waiting;
  for (let waited = 0; ; waited += POLL_MS) {
    pending = pending.filter((pod) => {
      const res = ctx.client.tryGet(pods, pod.metadata.namespace, pod.metadata.name as string);
      const gone = res.ok ? res.value.metadata.uid !== pod.metadata.uid : isNotFound(res.failure);
      if (gone) ctx.out.line(`pod/${pod.metadata.name} ${evicting ? 'evicted' : 'deleted'}`);
      return !gone;
    });
    if (pending.length === 0 || waited + POLL_MS > boundMs) break;
    ctx.host.advanceBy(POLL_MS);
  }
  // The wait runs under a context with the deadline; kubectl reports its expiry like this.
  const why = 'context deadline exceeded';
  if (!evicting && pending.length > 0) return { type: 'message', text: why };
  for (const pod of pending) {
    errors.push({
      type: 'message',
      text: `error when waiting for pod ${JSON.stringify(pod.metadata.name)} in namespace ${JSON.stringify(pod.metadata.namespace)} to terminate: ${why}`,
    });
  }
  return errors.length > 0 ? { type: 'aggregate', errors } : undefined;
}
