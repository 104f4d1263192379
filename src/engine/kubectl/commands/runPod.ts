/**
 * `kubectl run NAME --image=…` (kubernetes/kubectl pkg/cmd/run/run.go): one Pod labelled
 * `run=NAME` unless --labels says otherwise, the container named after the pod; arguments after
 * `--` become the container's args (or command with --command). Attaching (-i/-t/--attach/--rm)
 * needs a terminal session and is refused.
 */
import { resourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
import {
  type CommandContext,
  type CommandDef,
  DRY_RUN_FLAG,
  FIELD_MANAGER_FLAG,
  OUTPUT_FLAG,
} from '../command';
import { failWith } from '../errors';
import { PairError, parsePairs } from '../pairs';
import { createGenerated } from './generated';

export const runCommand: CommandDef = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  flags: [
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    FIELD_MANAGER_FLAG,
    { name: 'image', kind: 'string' },
    { name: 'port', kind: 'string' },
    { name: 'labels', short: 'l', kind: 'string' },
    { name: 'env', kind: 'stringArray' },
    { name: 'annotations', kind: 'stringArray' },
    { name: 'restart', kind: 'string', default: 'Always' },
    { name: 'image-pull-policy', kind: 'string' },
    { name: 'command', kind: 'bool' },
    { name: 'expose', kind: 'bool' },
    { name: 'stdin', short: 'i', kind: 'bool' },
    { name: 'tty', short: 't', kind: 'bool' },
    { name: 'attach', kind: 'bool' },
    { name: 'rm', kind: 'bool' },
  ],
  run: runRun,
};

/** run.go parseLabels / parseEnvs and cmdutil.ParsePairs, with their messages. */
function pairs(items: string[], invalid: (item: string) => string): Record<string, string> {
  try {
    return parsePairs(items, invalid);
  } catch (e) {
    if (e instanceof PairError) throw failWith.message(e.message);
    throw e;
  }
}

function runRun(ctx: CommandContext): void {
  const { flags } = ctx;
  if (ctx.args.length === 0 || ctx.flags.argsLenAtDash === 0) {
    throw failWith.message('NAME is required for run');
  }
  const image = flags.string('image');
  if (!image) throw failWith.message('--image is required');
  const restart = flags.string('restart');
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) {
    throw failWith.message(
      `invalid restart policy: ${restart}, valid values are: Always, OnFailure, Never`,
    );
  }
  const pull = flags.string('image-pull-policy');
  if (pull && !['Always', 'IfNotPresent', 'Never'].includes(pull)) {
    throw failWith.message(`invalid image pull policy: ${pull}`);
  }
  const port = flags.string('port');
  if (port && !/^[+-]?\d+$/.test(port)) throw failWith.message('--port must be a number');
  if (flags.bool('expose') && !port)
    throw failWith.message('--port must be set when exposing a service');
  if (flags.bool('tty') && !flags.bool('stdin')) {
    throw failWith.message('-i/--stdin is required for containers with -t/--tty=true');
  }
  if (flags.bool('stdin') || flags.bool('attach') || flags.bool('rm')) {
    throw failWith.message(
      'attaching to a pod (-i, -t, --attach, --rm) is not supported by this simulator',
    );
  }
  if (flags.bool('expose'))
    throw failWith.message('--expose is not supported by this simulator; use kubectl expose');

  const name = ctx.args[0];
  const labelText = flags.string('labels');
  const labels = labelText
    ? pairs(labelText.split(','), (kv) => `invalid label spec: ${kv}`)
    : { run: name };
  const env = Object.entries(pairs(flags.list('env'), (e) => `invalid env: ${e}`)).map(
    ([n, value]) => ({
      name: n,
      value,
    }),
  );
  const container: Record<string, unknown> = { name, image, resources: {} };
  const rest = ctx.args.slice(1);
  if (rest.length > 0) container[flags.bool('command') ? 'command' : 'args'] = rest;
  if (env.length > 0) container.env = env;
  if (pull) container.imagePullPolicy = pull;
  if (port) container.ports = [{ containerPort: Number(port) }];
  const annotations = pairs(
    flags.list('annotations'),
    (a) => `invalid annotation: ${JSON.stringify(a)}`,
  );

  createGenerated(ctx, resourceInfo('pods'), {
    metadata: {
      name,
      labels,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      creationTimestamp: null,
    },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    status: {},
  } as unknown as KObject);
}
