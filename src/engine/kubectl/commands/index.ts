/** The commands this kubectl implements, and the names of every command real kubectl has. */
import type { CommandDef } from '../command';
import { applyCommand } from './apply';
import { createCommand } from './create';
import { deleteCommand } from './delete';
import { describeCommand } from './describe';
import { cordonCommand, drainCommand, uncordonCommand } from './drain';
import { execCommand } from './exec';
import { exposeCommand } from './expose';
import { getCommand } from './get';
import { apiResourcesCommand, clusterInfoCommand, versionCommand } from './info';
import { annotateCommand, labelCommand } from './label';
import { logsCommand } from './logs';
import { patchCommand } from './patch';
import { rolloutCommand } from './rollout';
import { runCommand } from './runPod';
import { scaleCommand } from './scale';
import { setCommand } from './set';
import { taintCommand } from './taint';

export const COMMANDS: CommandDef[] = [
  createCommand,
  exposeCommand,
  runCommand,
  setCommand,
  getCommand,
  deleteCommand,
  rolloutCommand,
  scaleCommand,
  clusterInfoCommand,
  cordonCommand,
  uncordonCommand,
  drainCommand,
  taintCommand,
  describeCommand,
  logsCommand,
  execCommand,
  applyCommand,
  labelCommand,
  annotateCommand,
  patchCommand,
  apiResourcesCommand,
  versionCommand,
];

/** `kubectl --help` (v1.34): cobra matches mistyped commands against all of these. */
export const KUBECTL_COMMAND_NAMES = [
  'annotate',
  'api-resources',
  'api-versions',
  'apply',
  'attach',
  'auth',
  'autoscale',
  'certificate',
  'cluster-info',
  'completion',
  'config',
  'cordon',
  'cp',
  'create',
  'debug',
  'delete',
  'describe',
  'diff',
  'drain',
  'edit',
  'events',
  'exec',
  'explain',
  'expose',
  'get',
  'help',
  'kustomize',
  'label',
  'logs',
  'options',
  'patch',
  'plugin',
  'port-forward',
  'proxy',
  'replace',
  'rollout',
  'run',
  'scale',
  'set',
  'taint',
  'top',
  'uncordon',
  'version',
  'wait',
];
