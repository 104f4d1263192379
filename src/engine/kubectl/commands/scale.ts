/**
 * `kubectl scale` (kubernetes/kubectl pkg/cmd/scale/scale.go). kubectl writes the scale
 * subresource; this API has none, so spec.replicas is updated on the object itself, with the
 * same precondition (--current-replicas) and the same output.
 */
import { resourceDotGroup } from '../../api/resources';
import type { KObject } from '../../api/types';
import {
  type CommandContext,
  type CommandDef,
  DRY_RUN_FLAG,
  dryRunOf,
  OUTPUT_FLAG,
} from '../command';
import { failWith } from '../errors';
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
    const check = (obj: KObject) => {
      const have = obj.spec?.replicas ?? 1;
      if (current >= 0 && have !== current) {
        throw failWith.message(`Expected replicas to be ${current}, was ${have}`);
      }
      return { ...obj, spec: { ...obj.spec, replicas } };
    };
    const result =
      dryRun === 'client'
        ? check(ctx.client.get(r, ctx.namespace, name))
        : ctx.client.modify(r, ctx.namespace, name, check, dryRun === 'server');
    printResult(ctx, result, 'scaled', dryRun);
  }
}
