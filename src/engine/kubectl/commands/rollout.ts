/**
 * `kubectl rollout` and its `status` (history, undo, restart, pause and resume are in
 * rolloutCommands.ts). `rollout status` (kubernetes/kubectl pkg/cmd/rollout/rollout_status.go with the status
 * viewers of pkg/polymorphichelpers/rollout_status.go). kubectl watches the object and prints a
 * line for every change until the rollout is done; here simulated time advances in small steps
 * and a line is printed whenever the object changed.
 */
import type { KObject } from '../../api/types';
import { type CommandContext, type CommandDef, FILENAME_FLAG } from '../command';
import { failWith } from '../errors';
import { parseResourceArgs } from '../resourceArgs';
import { ROLLOUT_SUBCOMMANDS } from './rolloutCommands';
import { statefulSetStatus } from './rolloutStatefulSet';

export const ROLLOUT_STEP_MS = 100;
/** Past a Deployment's default progressDeadlineSeconds (600), so a stuck rollout says so. */
export const ROLLOUT_BOUND_MS = 11 * 60_000;

type Viewer = (obj: KObject) => { message: string; done: boolean };

/** DeploymentStatusViewer.Status (revision 0). */
function deploymentStatus(d: KObject): { message: string; done: boolean } {
  const name = JSON.stringify(d.metadata.name);
  const status = d.status ?? {};
  if ((d.metadata.generation ?? 0) <= (status.observedGeneration ?? 0)) {
    const progressing = (status.conditions ?? []).find(
      (c: { type: string }) => c.type === 'Progressing',
    );
    if (progressing?.reason === 'ProgressDeadlineExceeded') {
      throw failWith.message(`deployment ${name} exceeded its progress deadline`);
    }
    const replicas = d.spec?.replicas;
    const updated = status.updatedReplicas ?? 0;
    if (replicas !== undefined && replicas !== null && updated < replicas) {
      return {
        message: `Waiting for deployment ${name} rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`,
        done: false,
      };
    }
    if ((status.replicas ?? 0) > updated) {
      return {
        message: `Waiting for deployment ${name} rollout to finish: ${(status.replicas ?? 0) - updated} old replicas are pending termination...`,
        done: false,
      };
    }
    if ((status.availableReplicas ?? 0) < updated) {
      return {
        message: `Waiting for deployment ${name} rollout to finish: ${status.availableReplicas ?? 0} of ${updated} updated replicas are available...`,
        done: false,
      };
    }
    return { message: `deployment ${name} successfully rolled out`, done: true };
  }
  return { message: 'Waiting for deployment spec update to be observed...', done: false };
}

/** DaemonSetStatusViewer.Status. */
function daemonSetStatus(ds: KObject): { message: string; done: boolean } {
  const name = JSON.stringify(ds.metadata.name);
  const status = ds.status ?? {};
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    throw failWith.message('rollout status is only available for RollingUpdate strategy type');
  }
  if ((ds.metadata.generation ?? 0) <= (status.observedGeneration ?? 0)) {
    const desired = status.desiredNumberScheduled ?? 0;
    if ((status.updatedNumberScheduled ?? 0) < desired) {
      return {
        message: `Waiting for daemon set ${name} rollout to finish: ${status.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...`,
        done: false,
      };
    }
    if ((status.numberAvailable ?? 0) < desired) {
      return {
        message: `Waiting for daemon set ${name} rollout to finish: ${status.numberAvailable ?? 0} of ${desired} updated pods are available...`,
        done: false,
      };
    }
    return { message: `daemon set ${name} successfully rolled out`, done: true };
  }
  return { message: 'Waiting for daemon set spec update to be observed...', done: false };
}

const VIEWERS: Record<string, Viewer> = {
  Deployment: deploymentStatus,
  DaemonSet: daemonSetStatus,
  StatefulSet: statefulSetStatus,
};

const rolloutStatus: CommandDef = {
  name: 'status',
  short: 'Show the status of the rollout',
  flags: [
    FILENAME_FLAG,
    { name: 'watch', short: 'w', kind: 'bool', default: true },
    { name: 'revision', kind: 'int' },
    { name: 'timeout', kind: 'duration' },
  ],
  run: runRolloutStatus,
};

export const rolloutCommand: CommandDef = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  flags: [],
  subcommands: [...ROLLOUT_SUBCOMMANDS.slice(0, 4), rolloutStatus, ...ROLLOUT_SUBCOMMANDS.slice(4)],
  run(ctx) {
    throw failWith.message(
      ctx.args.length === 0
        ? `You must specify a rollout subcommand (history, pause, restart, resume, status, undo)\nSee '${ctx.path} -h' for help and examples`
        : `unknown command ${JSON.stringify(ctx.args[0])} for "kubectl rollout"`,
    );
  },
};

function runRolloutStatus(ctx: CommandContext): void {
  if (ctx.args.length === 0) throw failWith.message('required resource not specified');
  const revision = ctx.flags.int('revision');
  if (revision < 0) throw failWith.message(`revision must be a positive integer: ${revision}`);
  const parsed = parseResourceArgs(ctx.args);
  if (parsed.kind !== 'names' || parsed.items.length !== 1) {
    const count = parsed.kind === 'names' ? parsed.items.length : 0;
    throw failWith.message(
      `rollout status is only supported on individual resources and resource collections - ${count} resources were found`,
    );
  }
  const { r, name } = parsed.items[0];
  const viewer = VIEWERS[r.kind];
  const first = ctx.client.get(r, ctx.namespace, name);
  if (!viewer) {
    throw failWith.message(
      `no status viewer has been implemented for ${r.group ? `${r.kind}.${r.group}` : r.kind}`,
    );
  }
  const timeoutMs = ctx.flags.durationMs('timeout');
  const boundMs = timeoutMs > 0 ? timeoutMs : ROLLOUT_BOUND_MS;
  const watch = ctx.flags.bool('watch');
  let obj = first;
  let lastVersion = '';
  for (let waited = 0; ; waited += ROLLOUT_STEP_MS) {
    if (obj.metadata.resourceVersion !== lastVersion) {
      lastVersion = obj.metadata.resourceVersion ?? '';
      const { message, done } = viewer(obj);
      ctx.out.line(message);
      if (done || !watch) return;
    }
    if (waited + ROLLOUT_STEP_MS > boundMs)
      throw failWith.message('timed out waiting for the condition');
    ctx.host.advanceBy(ROLLOUT_STEP_MS);
    const res = ctx.client.tryGet(r, ctx.namespace, name);
    if (!res.ok) {
      if (res.failure.type === 'status' && res.failure.status.reason === 'NotFound') {
        throw failWith.message('object has been deleted');
      }
      // A watch rides out a broken connection by retrying; keep polling.
      continue;
    }
    obj = res.value;
  }
}
