/**
 * What `create deployment`, `create service`, `run` and `expose` share: send one generated
 * object (or only print it under --dry-run=client) and report it the way their PrintFlags do.
 */
import { apiVersionOf, type ResourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
import { must } from '../client';
import { type CommandContext, type DryRun, dryRunOf, dryRunSuffix, validationOf } from '../command';
import { failWith } from '../errors';
import { renderName, renderObjects } from '../printing';
import { checkOutputFormat } from './get';

export function printResult(
  ctx: CommandContext,
  obj: KObject,
  operation: string,
  dryRun: DryRun,
): void {
  const format = ctx.flags.string('output');
  if (format === 'yaml' || format === 'json') ctx.out.write(renderObjects(obj, format));
  else if (format === 'name') ctx.out.line(renderName(obj));
  else ctx.out.line(`${renderName(obj)} ${operation}${dryRunSuffix(dryRun)}`);
}

/**
 * The generators build objects without type meta; the resource supplies it. Those with
 * --validate (the `create` generators) send it as fieldValidation; `run` and `expose` send none.
 */
export function createGenerated(
  ctx: CommandContext,
  r: ResourceInfo,
  obj: { metadata: KObject['metadata']; [field: string]: unknown },
  operation = 'created',
): void {
  const fieldValidation = ctx.flags.string('validate') ? validationOf(ctx) : undefined;
  const dryRun = dryRunOf(ctx);
  checkOutputFormat(ctx.flags.string('output'), ['yaml', 'json', 'name']);
  const body = { ...obj, apiVersion: apiVersionOf(r), kind: r.kind } as KObject;
  // The generators set a namespace only when -n was given (EnforceNamespace); the request
  // itself goes to the context's namespace either way.
  if (r.namespaced && ctx.explicitNamespace)
    body.metadata = { ...body.metadata, namespace: ctx.namespace };
  const created =
    dryRun === 'client'
      ? body
      : must(
          ctx.client.tryCreate(r, ctx.namespace, body, {
            dryRun: dryRun === 'server',
            fieldValidation,
          }),
        );
  printResult(ctx, created, operation, dryRun);
}

/** cmdutil.NameFromCommandArgs. */
export function nameFromArgs(ctx: CommandContext): string {
  if (ctx.args.length !== 1) {
    throw failWith.message(
      `exactly one NAME is required, got ${ctx.args.length}\nSee '${ctx.path} -h' for help and examples`,
    );
  }
  return ctx.args[0];
}

/** cobra's check for flags marked required. */
export function requireFlags(ctx: CommandContext, ...names: string[]): void {
  const missing = names.filter((n) => !ctx.flags.changed(n));
  if (missing.length > 0) {
    throw failWith.message(
      `required flag(s) ${missing.map((n) => JSON.stringify(n)).join(', ')} not set`,
    );
  }
}
