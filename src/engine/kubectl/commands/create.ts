/**
 * `kubectl create -f`, and the generators `create deployment|namespace|service`
 * (kubernetes/kubectl pkg/cmd/create/*.go): the objects they build, field for field.
 * `create job|cronjob` are in createBatch.ts.
 */
import { resourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
import {
  type CommandContext,
  type CommandDef,
  DRY_RUN_FLAG,
  dryRunOf,
  FIELD_MANAGER_FLAG,
  FILENAME_FLAG,
  OUTPUT_FLAG,
  RECURSIVE_FLAG,
  SAVE_CONFIG_FLAG,
  VALIDATE_FLAG,
  validationOf,
} from '../command';
import { addSourceToErr, aggregate, CommandFailure, type Failure, failWith } from '../errors';
import { loadManifests } from '../files';
import { encodeJson } from '../merge';
import { LAST_APPLIED, unreachableErrors } from './apply';
import { createCronJob, createJob } from './createBatch';
import { createConfigMap, createSecret } from './createConfigData';
import { createGenerated, nameFromArgs, printResult, requireFlags } from './generated';
import { checkOutputFormat } from './get';

const GENERATOR_FLAGS = [
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
  SAVE_CONFIG_FLAG,
  FIELD_MANAGER_FLAG,
  VALIDATE_FLAG,
];

/** create_deployment.go buildPodSpec: a container per image, named after the image. */
function containersFor(images: string[]): { name: string; image: string }[] {
  const used = new Map<string, number>();
  return images.map((image) => {
    let name = image.split('/').pop() as string;
    name = name.split(':')[0].split('@')[0].replace(/_/g, '-');
    // sanitizeAndUniquify: repeated names get a numeric suffix.
    const n = used.get(name) ?? 0;
    used.set(name, n + 1);
    return { name: n === 0 ? name : `${name}-${n}`, image };
  });
}

const createDeployment: CommandDef = {
  name: 'deployment',
  aliases: ['deploy'],
  short: 'Create a deployment with the specified name',
  flags: [
    ...GENERATOR_FLAGS,
    { name: 'image', kind: 'stringSlice' },
    { name: 'replicas', short: 'r', kind: 'int', default: 1 },
    { name: 'port', kind: 'int', default: -1 },
  ],
  run(ctx) {
    const name = nameFromArgs(ctx);
    requireFlags(ctx, 'image');
    const labels = { app: name };
    const containers: KObject[] = containersFor(ctx.flags.list('image')).map(
      (c) => ({ ...c, resources: {} }) as unknown as KObject,
    );
    const port = ctx.flags.int('port');
    if (port >= 0 && containers.length > 0) containers[0].ports = [{ containerPort: port }];
    createGenerated(ctx, resourceInfo('deployments'), {
      metadata: { name, labels, creationTimestamp: null },
      spec: {
        replicas: ctx.flags.int('replicas'),
        selector: { matchLabels: labels },
        strategy: {},
        template: { metadata: { labels, creationTimestamp: null }, spec: { containers } },
      },
      status: {},
    } as unknown as KObject);
  },
};

const createNamespace: CommandDef = {
  name: 'namespace',
  aliases: ['ns'],
  short: 'Create a namespace with the specified name',
  flags: GENERATOR_FLAGS,
  run(ctx) {
    const name = nameFromArgs(ctx);
    createGenerated(ctx, resourceInfo('namespaces'), {
      metadata: { name, creationTimestamp: null },
      spec: {},
      status: {},
    } as unknown as KObject);
  },
};

/** create_service.go parsePorts: `port` or `port:targetPort`. */
function parsePorts(spec: string): { port: number; targetPort: number | string } {
  const [p, t] = spec.split(':');
  const port = Number(p);
  if (!/^\d+$/.test(p) || port > 65535) throw failWith.message(`invalid port: ${p}`);
  if (t === undefined) return { port, targetPort: port };
  return { port, targetPort: /^\d+$/.test(t) ? Number(t) : t };
}

function serviceGenerator(type: 'ClusterIP' | 'NodePort', name: string): CommandDef {
  return {
    name,
    short: `Create a ${type} service`,
    flags: [
      ...GENERATOR_FLAGS,
      { name: 'tcp', kind: 'stringSlice' },
      ...(type === 'NodePort'
        ? [{ name: 'node-port', kind: 'int' as const }]
        : [{ name: 'clusterip', kind: 'string' as const }]),
    ],
    run(ctx) {
      const svcName = nameFromArgs(ctx);
      const tcp = ctx.flags.list('tcp');
      const headless = ctx.flags.string('clusterip') === 'None';
      if (tcp.length === 0 && !headless)
        throw failWith.message('at least one tcp port specifier must be provided');
      const nodePort = ctx.flags.int('node-port');
      const ports = tcp.map((t) => ({
        name: t.replace(/:/g, '-'),
        protocol: 'TCP',
        ...parsePorts(t),
        ...(nodePort ? { nodePort } : {}),
      }));
      const spec: Record<string, unknown> = { ports, selector: { app: svcName }, type };
      if (ctx.flags.string('clusterip')) spec.clusterIP = ctx.flags.string('clusterip');
      createGenerated(ctx, resourceInfo('services'), {
        metadata: { name: svcName, labels: { app: svcName }, creationTimestamp: null },
        spec,
        status: { loadBalancer: {} },
      } as unknown as KObject);
    },
  };
}

const createService: CommandDef = {
  name: 'service',
  aliases: ['svc'],
  short: 'Create a service using a specified subcommand',
  flags: [],
  subcommands: [
    serviceGenerator('ClusterIP', 'clusterip'),
    serviceGenerator('NodePort', 'nodeport'),
  ],
  run(ctx) {
    throw failWith.message(
      ctx.args.length === 0
        ? `must specify a service type: clusterip or nodeport\nSee '${ctx.path} -h' for help and examples`
        : `unknown command ${JSON.stringify(ctx.args[0])} for ${JSON.stringify(ctx.path)}`,
    );
  },
};

export const createCommand: CommandDef = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  flags: [
    FILENAME_FLAG,
    RECURSIVE_FLAG,
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    VALIDATE_FLAG,
    SAVE_CONFIG_FLAG,
    FIELD_MANAGER_FLAG,
  ],
  subcommands: [
    createConfigMap,
    createCronJob,
    createDeployment,
    createJob,
    createNamespace,
    createSecret,
    createService,
  ],
  run: runCreateFromFiles,
};

function runCreateFromFiles(ctx: CommandContext): void {
  const filenames = ctx.flags.list('filename');
  if (filenames.length === 0) {
    if (ctx.args.length > 0) {
      throw failWith.message(`unknown command ${JSON.stringify(ctx.args[0])} for "kubectl create"`);
    }
    throw failWith.message('must specify one of -f and -k');
  }
  if (ctx.args.length > 0) {
    throw failWith.message(
      `Unexpected args: [${ctx.args.join(' ')}]\nSee '${ctx.path} -h' for help and examples`,
    );
  }
  const dryRun = dryRunOf(ctx);
  checkOutputFormat(ctx.flags.string('output'), ['yaml', 'json', 'name']);
  const fieldValidation = validationOf(ctx);
  const validate = fieldValidation !== 'Ignore';
  const { objects, errors } = loadManifests(ctx.host, filenames, {
    cwd: ctx.cwd,
    namespace: ctx.namespace,
    enforceNamespace: ctx.explicitNamespace,
    validate,
  });
  if (objects.length === 0 && errors.length === 0)
    throw failWith.message('no objects passed to create');
  const failures: Failure[] = [];
  for (const [i, m] of objects.entries()) {
    let body = m.obj;
    if (ctx.flags.bool('save-config')) {
      const plain = {
        ...body,
        metadata: { ...body.metadata, annotations: { ...(body.metadata.annotations ?? {}) } },
      };
      delete plain.metadata.annotations[LAST_APPLIED];
      body = {
        ...plain,
        metadata: {
          ...plain.metadata,
          annotations: { ...plain.metadata.annotations, [LAST_APPLIED]: encodeJson(plain) },
        },
      };
    }
    if (dryRun === 'client') {
      printResult(ctx, body, 'created', dryRun);
      continue;
    }
    const res = ctx.client.tryCreate(m.r, m.namespace, body, {
      dryRun: dryRun === 'server',
      fieldValidation,
    });
    if (res.ok) {
      printResult(ctx, res.value, 'created', dryRun);
      continue;
    }
    if (i === 0 && errors.length === 0 && res.failure.type === 'network') {
      throw new CommandFailure(
        unreachableErrors(objects, res.failure.detail, ctx.host.serverAddress, validate),
      );
    }
    failures.push(addSourceToErr('creating', m.source, res.failure, ctx.host.serverAddress));
  }
  // The builder's own errors (ContinueOnErrorVisitor) come after those of the objects it created.
  failures.push(...errors);
  const agg = aggregate(failures);
  if (agg) throw new CommandFailure(failures.length === 1 ? failures[0] : agg);
}
