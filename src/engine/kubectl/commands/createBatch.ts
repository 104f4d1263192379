/**
 * `kubectl create job` and `kubectl create cronjob` (kubernetes/kubectl pkg/cmd/create
 * create_job.go, create_cronjob.go): the objects they build field for field, `--from=cronjob/NAME`
 * with its `cronjob.kubernetes.io/instantiate: manual` annotation and plain owner reference, and
 * their "failed to create …" errors (a wrapped error, so kubectl prints it behind `error: `).
 */
import { apiVersionOf, type ResourceInfo, resourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
import { must } from '../client';
import {
  type CommandContext,
  type CommandDef,
  DRY_RUN_FLAG,
  dryRunOf,
  FIELD_MANAGER_FLAG,
  OUTPUT_FLAG,
  SAVE_CONFIG_FLAG,
  VALIDATE_FLAG,
} from '../command';
import { CommandFailure, errorText, failWith, usageError } from '../errors';
import { parseResourceArgs } from '../resourceArgs';
import { printResult } from './generated';
import { checkOutputFormat } from './get';

const FLAGS = [DRY_RUN_FLAG, OUTPUT_FLAG, SAVE_CONFIG_FLAG, FIELD_MANAGER_FLAG, VALIDATE_FLAG];

/** NameFromCommandArgs: exactly one argument before `--`; the rest is the command. */
function nameAndCommand(ctx: CommandContext): { name: string; command?: string[] } {
  const atDash = ctx.flags.argsLenAtDash;
  const count = atDash === -1 ? ctx.args.length : atDash;
  if (count !== 1) throw usageError(ctx.path, `exactly one NAME is required, got ${count}`);
  const command = ctx.args.slice(1);
  return { name: ctx.args[0], command: command.length ? command : undefined };
}

/** Send (or under --dry-run=client only print) the object; errors as the command wraps them. */
function send(ctx: CommandContext, r: ResourceInfo, obj: KObject, what: string): void {
  const dryRun = dryRunOf(ctx);
  checkOutputFormat(ctx.flags.string('output'), ['yaml', 'json', 'name']);
  const body = { ...obj, apiVersion: apiVersionOf(r), kind: r.kind } as KObject;
  body.metadata = { ...body.metadata, namespace: ctx.namespace };
  if (dryRun === 'client') {
    printResult(ctx, body, 'created', dryRun);
    return;
  }
  const res = ctx.client.tryCreate(r, ctx.namespace, body, dryRun === 'server');
  if (!res.ok) {
    // A transport failure reads as kubectl reports an unreachable server.
    if (res.failure.type === 'network') throw new CommandFailure(res.failure);
    throw failWith.message(
      `failed to create ${what}: ${errorText(res.failure, ctx.host.serverAddress)}`,
    );
  }
  printResult(ctx, res.value, 'created', dryRun);
}

function container(name: string, image: string, command: string[] | undefined) {
  return command ? { name, image, command, resources: {} } : { name, image, resources: {} };
}

export const createJob: CommandDef = {
  name: 'job',
  short: 'Create a job with the specified name',
  flags: [...FLAGS, { name: 'image', kind: 'string' }, { name: 'from', kind: 'string' }],
  run(ctx) {
    const { name, command } = nameAndCommand(ctx);
    const image = ctx.flags.string('image');
    const from = ctx.flags.string('from');
    if ((!image && !from) || (image && from))
      throw failWith.message('either --image or --from must be specified');
    if (command && from) throw failWith.message('cannot specify --from and command');
    const jobs = resourceInfo('jobs');
    if (image) {
      send(
        ctx,
        jobs,
        {
          metadata: { name, creationTimestamp: null },
          spec: {
            template: {
              metadata: { creationTimestamp: null },
              spec: { containers: [container(name, image, command)], restartPolicy: 'Never' },
            },
          },
          status: {},
        } as unknown as KObject,
        'job',
      );
      return;
    }
    send(ctx, jobs, jobFromCronJob(name, cronJobFrom(ctx, from)), 'job');
  },
};

/** The builder's lookup of --from: exactly one object, which must be a CronJob. */
function cronJobFrom(ctx: CommandContext, from: string): KObject {
  const parsed = parseResourceArgs([from]);
  const found: KObject[] = [];
  if (parsed.kind === 'names') {
    for (const item of parsed.items)
      found.push(must(ctx.client.tryGet(item.r, ctx.namespace, item.name)));
  } else {
    for (const r of parsed.types) found.push(...must(ctx.client.tryList(r, ctx.namespace)));
  }
  if (found.length !== 1) throw failWith.message('from must be an existing cronjob');
  const obj = found[0];
  if (obj.kind !== 'CronJob') throw failWith.message(`unknown object type *v1.${obj.kind}`);
  return obj;
}

/** createJobFromCronJob: the template's spec, labels and annotations, and a plain owner reference. */
function jobFromCronJob(name: string, cj: KObject): KObject {
  const template = cj.spec?.jobTemplate ?? {};
  const metadata: KObject['metadata'] = {
    name,
    creationTimestamp: null as unknown as string,
    annotations: {
      'cronjob.kubernetes.io/instantiate': 'manual',
      ...(template.metadata?.annotations ?? {}),
    },
    ownerReferences: [
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        name: cj.metadata.name as string,
        uid: cj.metadata.uid as string,
      },
    ],
  };
  if (template.metadata?.labels) metadata.labels = { ...template.metadata.labels };
  return { metadata, spec: template.spec ?? {}, status: {} } as unknown as KObject;
}

export const createCronJob: CommandDef = {
  name: 'cronjob',
  aliases: ['cj'],
  short: 'Create a cronjob with the specified name',
  flags: [
    ...FLAGS,
    { name: 'image', kind: 'string' },
    { name: 'schedule', kind: 'string' },
    { name: 'restart', kind: 'string' },
  ],
  run(ctx) {
    const missing = ['image', 'schedule'].filter((n) => !ctx.flags.changed(n));
    if (missing.length > 0)
      throw failWith.message(
        `required flag(s) ${missing.map((n) => JSON.stringify(n)).join(', ')} not set`,
      );
    const { name, command } = nameAndCommand(ctx);
    const restart = ctx.flags.string('restart') || 'OnFailure';
    send(
      ctx,
      resourceInfo('cronjobs'),
      {
        metadata: { name, creationTimestamp: null },
        spec: {
          jobTemplate: {
            metadata: { name, creationTimestamp: null },
            spec: {
              template: {
                metadata: { creationTimestamp: null },
                spec: {
                  containers: [container(name, ctx.flags.string('image'), command)],
                  restartPolicy: restart,
                },
              },
            },
          },
          schedule: ctx.flags.string('schedule'),
        },
        status: {},
      } as unknown as KObject,
      'cronjob',
    );
  },
};
