/**
 * `kubectl set image` (kubernetes/kubectl pkg/cmd/set/set_image.go, with CalculatePatches from
 * set/helper.go and polymorphichelpers.UpdatePodSpecForObject). kubectl reads every object first
 * (any read error ends the command before anything changes), computes the new pod template and
 * sends a strategic merge patch; the API here has no PATCH, so the latest object is updated with
 * the same image changes (Client.modify). An object whose images are already those is skipped
 * silently, as kubectl skips an empty patch.
 */
import type { ResourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
import {
  type CommandContext,
  type CommandDef,
  commandHelp,
  DRY_RUN_FLAG,
  dryRunOf,
  FIELD_MANAGER_FLAG,
  FILENAME_FLAG,
  OUTPUT_FLAG,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
} from '../command';
import { CommandFailure, errorText, type Failure, failWith, usageError } from '../errors';
import { namedInFiles } from '../files';
import { PairError, parseKeyValuePairs, resourcesAndPairs } from '../pairs';
import { NO_RESOURCES_GIVEN, parseResourceArgs } from '../resourceArgs';
import { printResult } from './generated';
import { checkOutputFormat, stopOnNetwork } from './get';

const setImage: CommandDef = {
  name: 'image',
  short: 'Update the image of a pod template',
  flags: [
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    SELECTOR_FLAG,
    FILENAME_FLAG,
    RECURSIVE_FLAG,
    FIELD_MANAGER_FLAG,
    { name: 'all', kind: 'bool' },
  ],
  run: runSetImage,
};

/** The `kubectl set` subcommands real kubectl has. */
const SET_SUBCOMMANDS = ['env', 'image', 'resources', 'selector', 'serviceaccount', 'subject'];

export const setCommand: CommandDef = {
  name: 'set',
  short: 'Set specific features on objects',
  flags: [],
  subcommands: [setImage],
  run(ctx) {
    // cmdutil.DefaultSubCommandRun: help and exit status 1 without arguments, a usage error
    // with them.
    if (ctx.args.length === 0) {
      ctx.out.write(commandHelp(setCommand, ctx.path));
      throw new CommandFailure({ type: 'exit' });
    }
    if (SET_SUBCOMMANDS.includes(ctx.args[0])) {
      throw failWith.message(
        `kubectl set ${ctx.args[0]} is not available in this simulated cluster`,
      );
    }
    throw usageError(ctx.path, `unknown command ${JSON.stringify(ctx.args.join(' '))}`);
  },
};

/** The pod spec inside each kind UpdatePodSpecForObject knows (of those this cluster serves). */
function podSpecOf(
  obj: KObject,
): { containers?: Container[]; initContainers?: Container[] } | undefined {
  switch (obj.kind) {
    case 'Pod':
      return obj.spec;
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'Job':
    case 'StatefulSet':
      return obj.spec?.template?.spec;
    case 'CronJob':
      return obj.spec?.jobTemplate?.spec?.template?.spec;
    default:
      return undefined;
  }
}

interface Container {
  name: string;
  image?: string;
}

/** setImage: every container of that name (or all, for `*`) gets the image. */
function setImageIn(containers: Container[] | undefined, name: string, image: string) {
  let found = false;
  const next = (containers ?? []).map((c) => {
    if (c.name !== name && name !== '*') return c;
    found = true;
    return { ...c, image };
  });
  return { next, found };
}

/** The object with the images replaced, and the containers that were not found. */
function updateImages(
  obj: KObject,
  images: Record<string, string>,
): { obj: KObject; missing: string[] } | undefined {
  const spec = podSpecOf(obj);
  if (!spec) return undefined;
  let containers = spec.containers;
  let initContainers = spec.initContainers;
  const missing: string[] = [];
  for (const [name, image] of Object.entries(images)) {
    const init = setImageIn(initContainers, name, image);
    const main = setImageIn(containers, name, image);
    if (initContainers) initContainers = init.next;
    if (containers) containers = main.next;
    if (!init.found && !main.found) missing.push(name);
  }
  const newSpec = {
    ...spec,
    ...(containers ? { containers } : {}),
    ...(initContainers ? { initContainers } : {}),
  };
  const withTemplate = (spec: KObject['spec']) => ({
    ...spec,
    template: { ...spec.template, spec: newSpec },
  });
  const updated =
    obj.kind === 'Pod'
      ? { ...obj, spec: newSpec }
      : obj.kind === 'CronJob'
        ? {
            ...obj,
            spec: {
              ...obj.spec,
              jobTemplate: {
                ...obj.spec.jobTemplate,
                spec: withTemplate(obj.spec.jobTemplate.spec),
              },
            },
          }
        : { ...obj, spec: withTemplate(obj.spec) };
  return { obj: updated, missing };
}

const sameImages = (a: KObject, b: KObject) =>
  JSON.stringify(podSpecOf(a)) === JSON.stringify(podSpecOf(b));

/** The builder's Infos(): every object, or the first error(s) and nothing else. */
function infos(ctx: CommandContext, resources: string[]): { r: ResourceInfo; obj: KObject }[] {
  const { flags, client } = ctx;
  const selector = flags.string('selector');
  const errors: Failure[] = [];
  const out: { r: ResourceInfo; obj: KObject }[] = [];
  let named: { r: ResourceInfo; name: string; namespace?: string }[] = [];
  const filenames = flags.list('filename');
  if (filenames.length > 0) {
    const loaded = namedInFiles(ctx, filenames);
    errors.push(...loaded.errors);
    named = loaded.named;
  } else if (resources.length === 0) {
    throw failWith.message(NO_RESOURCES_GIVEN);
  }
  if (resources.length > 0) {
    const parsed = parseResourceArgs(resources);
    if (parsed.kind === 'types') {
      if (!flags.bool('all') && !selector)
        throw failWith.message('resource(s) were provided, but no name was specified');
      for (const r of parsed.types) {
        const res = client.tryList(r, ctx.namespace, { labelSelector: selector });
        if (res.ok) for (const obj of res.value) out.push({ r, obj });
        else errors.push(stopOnNetwork(res.failure));
      }
    } else {
      if (selector) throw failWith.message('name cannot be provided when a selector is specified');
      named = parsed.items;
    }
  }
  for (const item of named) {
    const res = client.tryGet(item.r, item.namespace ?? ctx.namespace, item.name);
    if (res.ok) out.push({ r: item.r, obj: res.value });
    else errors.push(stopOnNetwork(res.failure));
  }
  if (errors.length > 0)
    throw new CommandFailure(errors.length === 1 ? errors[0] : { type: 'aggregate', errors });
  return out;
}

function runSetImage(ctx: CommandContext): void {
  const { flags } = ctx;
  const dryRun = dryRunOf(ctx);
  checkOutputFormat(flags.string('output'), ['yaml', 'json', 'name']);
  let resources: string[];
  let images: Record<string, string>;
  try {
    const split = resourcesAndPairs(ctx.args, 'image');
    resources = split.resources;
    images = parseKeyValuePairs(split.pairs, 'image', false).set;
  } catch (e) {
    if (e instanceof PairError) throw failWith.message(e.message);
    throw e;
  }
  const targets = infos(ctx, resources);
  // Validate: every problem at once.
  const problems: string[] = [];
  if (flags.bool('all') && flags.string('selector'))
    problems.push('cannot set --all and --selector at the same time');
  if (resources.length < 1 && flags.list('filename').length === 0) {
    problems.push(
      'one or more resources must be specified as <resource> <name> or <resource>/<name>',
    );
  }
  const names = Object.keys(images);
  if (names.length < 1) problems.push('at least one image update is required');
  else if (names.length > 1 && names.includes('*')) {
    problems.push(
      'all containers are already specified by *, but saw more than one container_name=container_image pairs',
    );
  }
  if (problems.length > 0) {
    throw new CommandFailure(
      problems.length === 1
        ? { type: 'message', text: problems[0] }
        : { type: 'aggregate', errors: problems.map((text) => ({ type: 'message', text })) },
    );
  }

  const errors: Failure[] = [];
  const message = (text: string): Failure => ({ type: 'message', text });
  for (const { r, obj } of targets) {
    const name = obj.metadata.name as string;
    const updated = updateImages(obj, images);
    if (!updated) {
      // Info.ObjectName is `resource/name`; the kind is Go's %T of the typed object.
      errors.push(
        message(
          `error: ${r.resource}/${name} the object is not a pod or does not have a pod template: *${r.version}.${r.kind}\n`,
        ),
      );
      continue;
    }
    errors.push(
      ...updated.missing.map((c) =>
        message(`error: unable to find container named ${JSON.stringify(c)}`),
      ),
    );
    if (sameImages(obj, updated.obj)) continue;
    if (dryRun === 'client') {
      printResult(ctx, updated.obj, 'image updated', dryRun);
      continue;
    }
    const namespace = r.namespaced ? obj.metadata.namespace : undefined;
    try {
      const actual = ctx.client.patchFrom(
        r,
        namespace,
        obj,
        (latest) => updateImages(latest, images)?.obj ?? latest,
        dryRun === 'server',
      );
      printResult(ctx, actual, 'image updated', dryRun);
    } catch (e) {
      if (!(e instanceof CommandFailure)) throw e;
      const f = stopOnNetwork(e.failure);
      errors.push(
        message(
          `failed to patch image update to pod template: ${errorText(f, ctx.host.serverAddress)}`,
        ),
      );
    }
  }
  if (errors.length > 0)
    throw new CommandFailure(errors.length === 1 ? errors[0] : { type: 'aggregate', errors });
}
