/**
 * `kubectl rollout history|undo|restart|pause|resume` (kubernetes/kubectl pkg/cmd/rollout and
 * pkg/polymorphichelpers history.go, rollback.go, objectrestarter.go, objectpauser.go,
 * objectresumer.go). Rolling back is client-side: kubectl copies the old revision's pod template
 * into the workload and the controller rolls out to it. Patches are read-modify-write here
 * (the API has no PATCH).
 */
import type { ResourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
import { isoTime, jsonEqual } from '../../model/meta';
import { must } from '../client';
import {
  type CommandContext,
  type CommandDef,
  DRY_RUN_FLAG,
  dryRunOf,
  dryRunSuffix,
  FILENAME_FLAG,
  OUTPUT_FLAG,
  SELECTOR_FLAG,
} from '../command';
import { aggregate, CommandFailure, type Failure, failWith } from '../errors';
import { namedInFiles } from '../files';
import { DESCRIBE_TABWRITER, TabWriter } from '../print/tabwriter';
import { renderName, renderObjects, renderPodTemplate } from '../printing';
import { parseResourceArgs } from '../resourceArgs';
import { stopOnNetwork } from './get';
import {
  byRevision,
  CHANGE_CAUSE,
  groupKind,
  HASH_LABEL,
  HISTORY,
  REVISION,
  type Revision,
  rsRevision,
} from './rolloutHistory';

interface Target {
  r: ResourceInfo;
  obj: KObject;
}

/** The builder: TYPE NAME…, TYPE/NAME…, TYPE -l SELECTOR, -f FILE; errors kept in order. */
function targets(ctx: CommandContext): { found: Target[]; errors: Failure[] } {
  const { client, flags } = ctx;
  const found: Target[] = [];
  const errors: Failure[] = [];
  const filenames = flags.list('filename');
  let named: { r: ResourceInfo; name: string; namespace?: string }[] = [];
  if (filenames.length > 0) {
    const loaded = namedInFiles(ctx, filenames);
    errors.push(...loaded.errors);
    named = loaded.named;
  } else {
    const parsed = parseResourceArgs(ctx.args);
    if (parsed.kind === 'types') {
      for (const r of parsed.types) {
        const res = client.tryList(r, ctx.namespace, { labelSelector: flags.string('selector') });
        if (res.ok) for (const obj of res.value) found.push({ r, obj });
        else errors.push(stopOnNetwork(res.failure));
      }
      return { found, errors };
    }
    named = parsed.items;
  }
  for (const n of named) {
    const res = client.tryGet(n.r, n.namespace ?? ctx.namespace, n.name);
    if (res.ok) found.push({ r: n.r, obj: res.value });
    else errors.push(stopOnNetwork(res.failure));
  }
  return { found, errors };
}

function requireResources(ctx: CommandContext): void {
  if (ctx.args.length === 0 && ctx.flags.list('filename').length === 0) {
    throw failWith.message('required resource not specified');
  }
}

function viewerFor(r: ResourceInfo, what: 'history viewer' | 'rollbacker') {
  const viewer = HISTORY[r.kind];
  if (!viewer) {
    throw failWith.message(
      what === 'history viewer'
        ? `no history viewer has been implemented for ${JSON.stringify(groupKind(r))}`
        : `no rollbacker has been implemented for ${JSON.stringify(groupKind(r))}`,
    );
  }
  return viewer;
}

// ---- history ------------------------------------------------------------------------------

const historyCommand: CommandDef = {
  name: 'history',
  short: 'View rollout history',
  flags: [FILENAME_FLAG, SELECTOR_FLAG, OUTPUT_FLAG, { name: 'revision', kind: 'int' }],
  run(ctx) {
    requireResources(ctx);
    const revision = ctx.flags.int('revision');
    if (revision < 0) throw failWith.message(`revision must be a positive integer: ${revision}`);
    const output = ctx.flags.string('output');
    if (output !== '' && !['yaml', 'json', 'name'].includes(output)) {
      throw failWith.message(
        `unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`,
      );
    }
    const { found, errors } = targets(ctx);
    if (errors.length > 0) throw new CommandFailure(errors[0]);
    for (const { r, obj } of found) {
      const history = byRevision(viewerFor(r, 'history viewer').revisions(ctx.client, obj));
      if (output) {
        const keys = revision > 0 ? [revision] : [...history.keys()].sort((a, b) => a - b);
        for (const k of keys) {
          const h = history.get(k);
          // kubectl hands the printer a nil object for a missing revision; nothing prints.
          if (!h) continue;
          ctx.out.write(
            output === 'name'
              ? `${renderName(h.object)}\n`
              : renderObjects(h.object, output as 'yaml' | 'json'),
          );
        }
        continue;
      }
      const text = viewHistory(history, revision);
      const withRevision = revision > 0 ? `with revision #${revision}` : '';
      ctx.out.write(`${renderName(obj)} ${withRevision}\n${text}\n`);
    }
  },
};

/** ViewHistory / printHistory: the REVISION CHANGE-CAUSE table, or one revision's template. */
function viewHistory(history: Map<number, Revision>, revision: number): string {
  if (history.size === 0) return 'No rollout history found.';
  if (revision > 0) {
    const h = history.get(revision);
    if (!h) throw failWith.message('unable to find the specified revision');
    return renderPodTemplate(withChangeCause(h));
  }
  const out = new TabWriter(DESCRIBE_TABWRITER);
  out.write('REVISION\tCHANGE-CAUSE\n');
  for (const r of [...history.keys()].sort((a, b) => a - b)) {
    const cause = (history.get(r) as Revision).changeCause || '<none>';
    out.write(`${r}\t${cause}\n`);
  }
  return out.text();
}

/** The Deployment viewer shows a revision's change cause among its template's annotations. */
function withChangeCause(h: Revision): KObject['spec'] {
  if (!h.changeCause || h.object.kind !== 'ReplicaSet') return h.template;
  const meta = h.template?.metadata ?? {};
  return {
    ...h.template,
    metadata: {
      ...meta,
      annotations: { ...(meta.annotations ?? {}), [CHANGE_CAUSE]: h.changeCause },
    },
  };
}

// ---- undo ---------------------------------------------------------------------------------

/** Annotations a rollback keeps from the Deployment instead of taking the ReplicaSet's. */
const ANNOTATIONS_TO_SKIP = [
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
];

function withoutHash(template: KObject['spec']): KObject['spec'] {
  const labels = { ...(template?.metadata?.labels ?? {}) };
  delete labels[HASH_LABEL];
  return { ...template, metadata: { ...(template?.metadata ?? {}), labels } };
}

const undoCommand: CommandDef = {
  name: 'undo',
  short: 'Undo a previous rollout',
  flags: [
    FILENAME_FLAG,
    SELECTOR_FLAG,
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    { name: 'to-revision', kind: 'int' },
  ],
  run(ctx) {
    requireResources(ctx);
    const dryRun = dryRunOf(ctx);
    const toRevision = ctx.flags.int('to-revision');
    const { found, errors } = targets(ctx);
    if (errors.length > 0) throw new CommandFailure(errors[0]);
    for (const { r, obj } of found) {
      const viewer = viewerFor(r, 'rollbacker');
      if (toRevision < 0) throw failWith.message(notFound(toRevision));
      const result =
        r.kind === 'Deployment'
          ? rollbackDeployment(ctx, r, obj, toRevision, dryRun)
          : rollbackByControllerRevision(
              ctx,
              r,
              obj,
              viewer.revisions(ctx.client, obj),
              toRevision,
              dryRun,
            );
      ctx.out.line(`${renderName(obj)} ${result}${dryRunSuffix(dryRun)}`);
    }
  },
};

function notFound(r: number): string {
  return `unable to find specified revision ${r} in history`;
}

function rollbackDeployment(
  ctx: CommandContext,
  r: ResourceInfo,
  given: KObject,
  toRevision: number,
  dryRun: ReturnType<typeof dryRunOf>,
): string {
  const name = given.metadata.name as string;
  const res = ctx.client.tryGet(r, given.metadata.namespace, name);
  if (!res.ok) {
    throw failWith.message(`failed to retrieve Deployment ${name}: ${errorMessage(res.failure)}`);
  }
  const d = res.value;
  const rs = deploymentRevision(ctx, d, toRevision);
  if (dryRun === 'client') return renderPodTemplate(rs.spec?.template);
  if (d.spec?.paused) {
    throw failWith.message(
      "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    );
  }
  if (jsonEqual(withoutHash(rs.spec?.template), withoutHash(d.spec?.template))) {
    return `skipped rollback (current template already matches revision ${toRevision})`;
  }
  const annotations: Record<string, string> = {};
  for (const k of ANNOTATIONS_TO_SKIP) {
    const v = d.metadata.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) {
    if (!ANNOTATIONS_TO_SKIP.includes(k)) annotations[k] = v as string;
  }
  const template = withoutHash(rs.spec?.template);
  try {
    // DeploymentRollbacker's getDeploymentPatch: a JSON patch replacing the template and the
    // annotations.
    must(
      ctx.client.tryPatch(
        r,
        d.metadata.namespace,
        d.metadata.name as string,
        'json',
        [
          { op: 'replace', path: '/spec/template', value: template },
          { op: 'replace', path: '/metadata/annotations', value: annotations },
        ],
        { dryRun: dryRun === 'server' },
      ),
    );
  } catch (e) {
    if (e instanceof CommandFailure && e.failure.type !== 'network') {
      throw failWith.message(`failed restoring revision ${toRevision}: ${errorMessage(e.failure)}`);
    }
    throw e;
  }
  return 'rolled back';
}

/** deploymentRevision: the ReplicaSet of that revision, or the one before the newest (0). */
function deploymentRevision(ctx: CommandContext, d: KObject, toRevision: number): KObject {
  const revisions = HISTORY.Deployment.revisions(ctx.client, d);
  let latest: { v: number; rs?: KObject } = { v: -1 };
  let previous: { v: number; rs?: KObject } = { v: -1 };
  for (const h of revisions) {
    const v = rsRevision(h.object);
    if (v === undefined) continue;
    if (toRevision === 0) {
      if (latest.v < v) {
        previous = latest;
        latest = { v, rs: h.object };
      } else if (previous.v < v) {
        previous = { v, rs: h.object };
      }
    } else if (toRevision === v) {
      return h.object;
    }
  }
  if (toRevision > 0) throw failWith.message(notFound(toRevision));
  if (!previous.rs) {
    throw failWith.message(
      `no rollout history found for deployment ${JSON.stringify(d.metadata.name)}`,
    );
  }
  return previous.rs;
}

function rollbackByControllerRevision(
  ctx: CommandContext,
  r: ResourceInfo,
  obj: KObject,
  history: Revision[],
  toRevision: number,
  dryRun: ReturnType<typeof dryRunOf>,
): string {
  if (toRevision === 0 && history.length <= 1)
    throw failWith.message('no last revision to roll back to');
  let to: Revision | undefined;
  if (toRevision === 0) {
    const sorted = [...history].sort((a, b) => a.revision - b.revision);
    to = sorted[sorted.length - 2];
  } else {
    to = history.find((h) => h.revision === toRevision);
  }
  if (!to) throw failWith.message(notFound(toRevision));
  if (dryRun === 'client') return `will roll back to ${renderPodTemplate(to.template)}`;
  if (jsonEqual(to.template, obj.spec?.template)) {
    return `skipped rollback (current template already matches revision ${toRevision})`;
  }
  try {
    // The revision's data is a strategic merge patch (its template with `$patch: replace`):
    // kubectl sends it as it is.
    must(
      ctx.client.tryPatch(
        r,
        obj.metadata.namespace,
        obj.metadata.name as string,
        'strategic',
        to.object.data ?? { spec: { template: { ...to.template, $patch: 'replace' } } },
        { dryRun: dryRun === 'server' },
      ),
    );
  } catch (e) {
    if (e instanceof CommandFailure && e.failure.type !== 'network') {
      throw failWith.message(`failed restoring revision ${toRevision}: ${errorMessage(e.failure)}`);
    }
    throw e;
  }
  return 'rolled back';
}

function errorMessage(f: Failure): string {
  if (f.type === 'status') return f.status.message;
  if (f.type === 'message') return f.text;
  return '';
}

// ---- restart, pause, resume ---------------------------------------------------------------

type Patcher = (obj: KObject, nowMs: number) => KObject | string;

/** objectrestarter.go: a new `kubectl.kubernetes.io/restartedAt` on the pod template. */
const restarter: Patcher = (obj, nowMs) => {
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(obj.kind)) {
    return 'restarting is not supported';
  }
  if (obj.kind === 'Deployment' && obj.spec?.paused) {
    return "can't restart paused deployment (run rollout resume first)";
  }
  const meta = obj.spec?.template?.metadata ?? {};
  return {
    ...obj,
    spec: {
      ...obj.spec,
      template: {
        ...obj.spec?.template,
        metadata: {
          ...meta,
          annotations: {
            ...(meta.annotations ?? {}),
            'kubectl.kubernetes.io/restartedAt': isoTime(nowMs),
          },
        },
      },
    },
  };
};

const pauser: Patcher = (obj) => {
  if (obj.kind !== 'Deployment') return 'pausing is not supported';
  if (obj.spec?.paused) return 'is already paused';
  return { ...obj, spec: { ...obj.spec, paused: true } };
};

const resumer: Patcher = (obj) => {
  if (obj.kind !== 'Deployment') return 'resuming is not supported';
  if (!obj.spec?.paused) return 'is not paused';
  return { ...obj, spec: { ...obj.spec, paused: false } };
};

/**
 * RunRestart / RunPause / RunResume: CalculatePatches, then one patch per object; a patch error
 * reads `error: deployments.apps "web" is already paused`, an empty patch is the caller's case.
 */
function patchAll(
  ctx: CommandContext,
  patch: Patcher,
  done: string,
  emptyPatch: (t: Target) => Failure | string,
): void {
  const { found, errors } = targets(ctx);
  const all: Failure[] = [...errors];
  if (found.length === 0 && errors.length === 0) {
    ctx.out.line(`No resources found in ${ctx.namespace} namespace.`);
    return;
  }
  for (const t of found) {
    const result = patch(t.obj, ctx.host.nowMs());
    if (typeof result === 'string') {
      const resource = t.r.group ? `${t.r.resource}.${t.r.group}` : t.r.resource;
      all.push({
        type: 'message',
        text: `error: ${resource} ${JSON.stringify(t.obj.metadata.name)} ${result}`,
      });
      continue;
    }
    if (jsonEqual(result, t.obj)) {
      const empty = emptyPatch(t);
      if (typeof empty === 'string') ctx.out.line(`${renderName(t.obj)} ${empty}`);
      else all.push(empty);
      continue;
    }
    try {
      const updated = ctx.client.patchFrom(t.r, t.obj.metadata.namespace, t.obj, (cur) => {
        const again = patch(cur, ctx.host.nowMs());
        return typeof again === 'string' ? cur : again;
      });
      ctx.out.line(`${renderName(updated)} ${done}`);
    } catch (e) {
      if (!(e instanceof CommandFailure) || e.failure.type === 'network') throw e;
      all.push({ type: 'message', text: `failed to patch: ${errorMessage(e.failure)}` });
    }
  }
  const agg = aggregate(all);
  if (agg) throw new CommandFailure(agg);
}

const restartCommand: CommandDef = {
  name: 'restart',
  short: 'Restart a resource',
  flags: [FILENAME_FLAG, SELECTOR_FLAG, OUTPUT_FLAG, { name: 'field-manager', kind: 'string' }],
  run(ctx) {
    requireResources(ctx);
    patchAll(ctx, restarter, 'restarted', (t) => ({
      type: 'message',
      text: `failed to create patch for ${t.obj.metadata.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`,
    }));
  },
};

const pauseCommand: CommandDef = {
  name: 'pause',
  short: 'Mark the provided resource as paused',
  flags: [FILENAME_FLAG, SELECTOR_FLAG, OUTPUT_FLAG, { name: 'field-manager', kind: 'string' }],
  run(ctx) {
    requireResources(ctx);
    patchAll(ctx, pauser, 'paused', () => 'already paused');
  },
};

const resumeCommand: CommandDef = {
  name: 'resume',
  short: 'Resume a paused resource',
  flags: [FILENAME_FLAG, SELECTOR_FLAG, OUTPUT_FLAG, { name: 'field-manager', kind: 'string' }],
  run(ctx) {
    requireResources(ctx);
    patchAll(ctx, resumer, 'resumed', () => 'already resumed');
  },
};

export const ROLLOUT_SUBCOMMANDS: CommandDef[] = [
  historyCommand,
  pauseCommand,
  restartCommand,
  resumeCommand,
  undoCommand,
];
