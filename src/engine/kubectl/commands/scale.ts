/**
 * `kubectl scale` (kubernetes/kubectl pkg/cmd/scale/scale.go, pkg/scale/scale.go): the objects
 * are fetched, then each is scaled through its scale subresource: with a precondition
 * (--current-replicas, --resource-version) the Scale is read, checked and PUT back; without one
 * kubectl sends a merge PATCH of spec.replicas, for which this kubectl PUTs the Scale it read
 * with no resourceVersion (a blind update, as the patch is). A Conflict is tried again a second
 * later, for up to five minutes. What prints is the fetched object with the new replicas.
 */
import { type ResourceInfo, resourceDotGroup } from '../../api/resources';
import type { KObject } from '../../api/types';
import { must } from '../client';
import {
  type CommandContext,
  type CommandDef,
  DRY_RUN_FLAG,
  type DryRun,
  dryRunOf,
  OUTPUT_FLAG,
} from '../command';
import { CommandFailure, failWith } from '../errors';
import { NO_RESOURCES_GIVEN, parseResourceArgs } from '../resourceArgs';
import { printResult, requireFlags } from './generated';

export const scaleCommand: CommandDef = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  flags: [
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    { name: 'replicas', kind: 'int', default: -1 },
    { name: 'current-replicas', kind: 'int', default: -1 },
    { name: 'resource-version', kind: 'string' },
    { name: 'timeout', kind: 'duration' },
  ],
  run: runScale,
};

function runScale(ctx: CommandContext): void {
  requireFlags(ctx, 'replicas');
  const replicas = ctx.flags.int('replicas');
  if (replicas < 0) {
    throw failWith.message(
      'The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
    );
  }
  if (ctx.args.length === 0) {
    throw failWith.message(NO_RESOURCES_GIVEN);
  }
  const dryRun = dryRunOf(ctx);
  const parsed = parseResourceArgs(ctx.args);
  if (parsed.kind !== 'names')
    throw failWith.message('resource(s) were provided, but no name was specified');
  const current = ctx.flags.int('current-replicas');
  const resourceVersion = ctx.flags.string('resource-version');
  if (resourceVersion && parsed.items.length > 1)
    throw failWith.message('cannot use --resource-version with multiple resources');
  const precondition = current !== -1 || resourceVersion !== '';
  for (const { r, name } of parsed.items) {
    if (!['Deployment', 'ReplicaSet', 'StatefulSet'].includes(r.kind)) {
      throw failWith.status({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'NotFound',
        code: 404,
        message: `the server could not find the requested resource (get ${resourceDotGroup(r)} ${name})`,
      });
    }
    const obj = ctx.client.get(r, ctx.namespace, name);
    const actual =
      dryRun === 'client'
        ? replicas
        : scaleWithRetries(ctx, r, name, replicas, precondition, current, resourceVersion, dryRun);
    const result = { ...obj, spec: { ...obj.spec, replicas: actual } };
    printResult(ctx, result, 'scaled', dryRun);
  }
}

/** Scale → ScaleCondition → ScaleSimple, polled every second while the update conflicts. */
function scaleWithRetries(
  ctx: CommandContext,
  r: ResourceInfo,
  name: string,
  replicas: number,
  precondition: boolean,
  current: number,
  resourceVersion: string,
  dryRun: DryRun,
): number {
  for (let waitedMs = 0; ; waitedMs += RETRY_MS) {
    const scale = must(ctx.client.tryGetScale(r, ctx.namespace, name));
    if (precondition) {
      const have = scale.spec?.replicas ?? 0;
      if (current !== -1 && have !== current)
        throw failWith.message(`Expected replicas to be ${current}, was ${have}`);
      if (resourceVersion && scale.metadata.resourceVersion !== resourceVersion)
        throw failWith.message(
          `Expected resource version to be ${resourceVersion}, was ${scale.metadata.resourceVersion}`,
        );
    }
    // Without a precondition the update is blind, as kubectl's patch is.
    const { resourceVersion: _stale, ...blind } = scale.metadata;
    const body: KObject = {
      ...scale,
      metadata: precondition ? scale.metadata : blind,
      spec: { ...scale.spec, replicas },
    };
    const res = ctx.client.tryUpdateScale(r, ctx.namespace, name, body, dryRun === 'server');
    if (res.ok) return res.value.spec?.replicas ?? 0;
    const conflict = res.failure.type === 'status' && res.failure.status.reason === 'Conflict';
    if (!conflict || waitedMs + RETRY_MS > RETRY_TIMEOUT_MS) throw new CommandFailure(res.failure);
    ctx.host.advanceBy(RETRY_MS);
  }
}

/** scale.NewRetryParams(1*time.Second, 5*time.Minute). */
const RETRY_MS = 1_000;
const RETRY_TIMEOUT_MS = 5 * 60_000;
