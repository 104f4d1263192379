/**
 * Deployment controller: one ReplicaSet per pod template (named with the pod-template-hash),
 * scaled by the RollingUpdate rules (maxSurge / maxUnavailable, 25 % by default).
 */
import type { KObject } from '../../api/types';
import { isoTime, jsonEqual } from '../../model/meta';
import type { Simulation } from '../../sim/simulation';
import { controllerRef, kcmApi, owned, requeueLater, templateHash, updateStatus } from './common';
import { kcmSource } from './manager';

function pct(v: string | number | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return roundUp ? Math.ceil(total * 0.25) : Math.floor(total * 0.25);
  if (typeof v === 'number') return v;
  const n = Number(v.replace('%', ''));
  if (!v.endsWith('%')) return n;
  return roundUp ? Math.ceil((total * n) / 100) : Math.floor((total * n) / 100);
}

/**
 * sameTemplate per pair of stored templates (a ReplicaSet's and its Deployment's): stored objects
 * are never changed, so the answer for the same two objects is always the same.
 */
const sameTemplates = new WeakMap<object, { template: object; same: boolean }>();

function sameTemplate(rs: KObject, template: KObject['spec']): boolean {
  const own = rs.spec?.template;
  if (!own || typeof own !== 'object' || !template || typeof template !== 'object')
    return compareTemplates(rs, template);
  const known = sameTemplates.get(own);
  if (known && known.template === template) return known.same;
  const same = compareTemplates(rs, template);
  sameTemplates.set(own, { template, same });
  return same;
}

function compareTemplates(rs: KObject, template: KObject['spec']): boolean {
  const labels = { ...(rs.spec?.template?.metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  const a = { ...rs.spec?.template, metadata: { ...rs.spec?.template?.metadata, labels } };
  return (
    JSON.stringify(a) ===
    JSON.stringify({
      ...template,
      metadata: { ...template.metadata, labels: { ...(template.metadata?.labels ?? {}) } },
    })
  );
}

export function reconcileDeployment(sim: Simulation, key: string): void {
  const d = sim.store('deployments')[key];
  if (!d || d.metadata.deletionTimestamp) return;
  const src = kcmSource('deployment-controller');
  const replicas: number = d.spec?.replicas ?? 1;
  const rss = owned(sim, d.metadata.uid as string, 'replicasets');
  let newRS = rss.find((rs) => sameTemplate(rs, d.spec.template));
  const olds = rss.filter((rs) => rs !== newRS);
  const paused = d.spec?.paused === true;
  // A paused Deployment rolls nothing out (sync without creating the new ReplicaSet).
  if (paused && !newRS) return syncPaused(sim, d, olds);
  if (newRS) newRS = syncNewRSAnnotations(sim, d, newRS, olds);
  const maxSurge = pct(d.spec?.strategy?.rollingUpdate?.maxSurge, replicas, true);
  let maxUnavailable = pct(d.spec?.strategy?.rollingUpdate?.maxUnavailable, replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  const recreate = d.spec?.strategy?.type === 'Recreate';
  const oldTotal = olds.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0);
  const oldAvailable = olds.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);

  if (!newRS) {
    const hash = templateHash(d.spec.template, d.status?.collisionCount ?? 0);
    const size = recreate
      ? oldTotal > 0
        ? 0
        : replicas
      : olds.length === 0
        ? replicas
        : Math.max(0, Math.min(replicas, replicas + maxSurge - oldTotal));
    const template = {
      ...d.spec.template,
      metadata: {
        ...d.spec.template.metadata,
        labels: { ...(d.spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash },
      },
    };
    const body: KObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: template.metadata.labels,
        annotations: {
          ...copiedAnnotations(d),
          'deployment.kubernetes.io/desired-replicas': String(replicas),
          'deployment.kubernetes.io/max-replicas': String(replicas + maxSurge),
          'deployment.kubernetes.io/revision': String(nextRevision(rss)),
        },
        ownerReferences: [controllerRef(d)],
      },
      spec: {
        replicas: size,
        minReadySeconds: d.spec.minReadySeconds ?? 0,
        selector: {
          matchLabels: { ...(d.spec.selector?.matchLabels ?? {}), 'pod-template-hash': hash },
          ...(d.spec.selector?.matchExpressions
            ? { matchExpressions: d.spec.selector.matchExpressions }
            : {}),
        },
        template,
      },
    };
    const res = kcmApi(sim, {
      verb: 'create',
      resource: 'replicasets',
      namespace: d.metadata.namespace,
      body,
    });
    if (!res.ok || !res.object)
      return requeueLater(sim, 'deployments', key, d.metadata.uid as string);
    newRS = res.object;
    if (size > 0)
      sim.recordEvent(
        src,
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${newRS.metadata.name} from 0 to ${size}`,
      );
  } else {
    const cur = newRS.spec?.replicas ?? 0;
    let target = cur;
    if (olds.length === 0 || oldTotal === 0) target = replicas;
    else if (!recreate) target = Math.max(cur, Math.min(replicas, replicas + maxSurge - oldTotal));
    if (target !== cur) scale(sim, d, newRS, target);
  }

  // Scale old ReplicaSets down as far as availability allows.
  const newAvailable = newRS.status?.availableReplicas ?? 0;
  let canRemove = recreate
    ? oldTotal
    : Math.max(0, oldAvailable + newAvailable - (replicas - maxUnavailable));
  for (const rs of olds) {
    const cur = rs.spec?.replicas ?? 0;
    if (cur === 0) continue;
    const unavailable = cur - (rs.status?.availableReplicas ?? 0);
    const remove = Math.min(cur, unavailable + canRemove);
    if (remove <= 0) continue;
    canRemove -= Math.max(0, remove - unavailable);
    scale(sim, d, rs, cur - remove);
  }

  // The Deployment carries its current revision, as `kubectl describe` and rollout history show.
  const revision = newRS.metadata.annotations?.['deployment.kubernetes.io/revision'];
  if (revision && d.metadata.annotations?.['deployment.kubernetes.io/revision'] !== revision) {
    const annotations = {
      ...(d.metadata.annotations ?? {}),
      'deployment.kubernetes.io/revision': revision,
    };
    kcmApi(sim, {
      verb: 'update',
      resource: 'deployments',
      namespace: d.metadata.namespace,
      name: d.metadata.name,
      body: { ...d, metadata: { ...d.metadata, annotations } },
    });
  }

  const all = [newRS, ...olds];
  const sum = (f: (rs: KObject) => number) => all.reduce((n, rs) => n + f(rs), 0);
  const available = sum((rs) => rs.status?.availableReplicas ?? 0);
  const updated = newRS.status?.replicas ?? 0;
  const total = sum((rs) => rs.status?.replicas ?? 0);
  const minAvailable = replicas - maxUnavailable;
  const availableCond =
    available >= minAvailable
      ? {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        }
      : {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
        };
  const complete = updated === replicas && available === replicas && total === replicas;
  const progressing = paused
    ? PAUSED_CONDITION
    : complete
      ? {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${newRS.metadata.name}" has successfully progressed.`,
        }
      : {
          type: 'Progressing',
          status: 'True',
          reason: 'ReplicaSetUpdated',
          message: `ReplicaSet "${newRS.metadata.name}" is progressing.`,
        };
  const fresh = sim.store('deployments')[key] ?? d;
  updateStatus(sim, 'deployments', fresh, {
    observedGeneration: d.metadata.generation,
    replicas: total,
    updatedReplicas: updated,
    readyReplicas: sum((rs) => rs.status?.readyReplicas ?? 0),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, replicas - available) || undefined,
    conditions: [mergeCond(sim, fresh, availableCond), mergeCond(sim, fresh, progressing)],
  });
}

/** deploymentutil's PausedDeployReason condition. */
const PAUSED_CONDITION = {
  type: 'Progressing',
  status: 'Unknown',
  reason: 'DeploymentPaused',
  message: 'Deployment is paused',
};

/** Annotations a ReplicaSet does not take from its Deployment (deploymentutil skipCopyAnnotation). */
const SKIP_COPY = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** copyDeploymentAnnotationsToReplicaSet: the Deployment's own annotations (change-cause…). */
function copiedAnnotations(d: KObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (!SKIP_COPY.has(k)) out[k] = v as string;
  }
  return out;
}

/**
 * SetNewReplicaSetAnnotations for a ReplicaSet that already runs the template: it takes the
 * Deployment's annotations, and when it becomes new again (a rollback) the next revision
 * number, its old numbers kept in `deployment.kubernetes.io/revision-history`.
 */
function syncNewRSAnnotations(sim: Simulation, d: KObject, rs: KObject, olds: KObject[]): KObject {
  const annotations: Record<string, string> = { ...(rs.metadata.annotations ?? {}) };
  Object.assign(annotations, copiedAnnotations(d));
  const key = 'deployment.kubernetes.io/revision';
  const newRevision = nextRevision(olds);
  const had = rs.metadata.annotations?.[key];
  const oldRevision = Number(had ?? 0);
  if (oldRevision < newRevision) {
    annotations[key] = String(newRevision);
    if (had !== undefined) {
      const history = annotations['deployment.kubernetes.io/revision-history'];
      annotations['deployment.kubernetes.io/revision-history'] = history
        ? `${history},${had}`
        : had;
    }
  }
  if (jsonEqual(annotations, rs.metadata.annotations ?? {})) return rs;
  const res = kcmApi(sim, {
    verb: 'update',
    resource: 'replicasets',
    namespace: rs.metadata.namespace,
    name: rs.metadata.name,
    body: { ...rs, metadata: { ...rs.metadata, annotations } },
  });
  return res.ok && res.object ? res.object : rs;
}

/** A paused Deployment without a ReplicaSet for its template: status only, Progressing paused. */
function syncPaused(sim: Simulation, d: KObject, olds: KObject[]): void {
  const sum = (f: (rs: KObject) => number) => olds.reduce((n, rs) => n + f(rs), 0);
  const key = `${d.metadata.namespace}/${d.metadata.name}`;
  const fresh = sim.store('deployments')[key] ?? d;
  const conditions = (fresh.status?.conditions ?? []).filter(
    (c: { type: string }) => c.type !== 'Progressing',
  );
  updateStatus(sim, 'deployments', fresh, {
    observedGeneration: d.metadata.generation,
    replicas: sum((rs) => rs.status?.replicas ?? 0),
    updatedReplicas: 0,
    readyReplicas: sum((rs) => rs.status?.readyReplicas ?? 0),
    availableReplicas: sum((rs) => rs.status?.availableReplicas ?? 0),
    conditions: [...conditions, mergeCond(sim, fresh, PAUSED_CONDITION)],
  });
}

function nextRevision(rss: KObject[]): number {
  return (
    rss.reduce(
      (m, rs) =>
        Math.max(m, Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0)),
      0,
    ) + 1
  );
}

function scale(sim: Simulation, d: KObject, rs: KObject, to: number): void {
  const from = rs.spec?.replicas ?? 0;
  const res = kcmApi(sim, {
    verb: 'update',
    resource: 'replicasets',
    namespace: rs.metadata.namespace,
    name: rs.metadata.name,
    body: { ...rs, spec: { ...rs.spec, replicas: to } },
  });
  if (!res.ok) return;
  sim.recordEvent(
    kcmSource('deployment-controller'),
    d,
    'Normal',
    'ScalingReplicaSet',
    `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`,
  );
}

/** Keep lastTransitionTime when the status is unchanged; lastUpdateTime moves with the reason. */
function mergeCond(
  sim: Simulation,
  d: KObject,
  c: { type: string; status: string; reason: string; message: string },
) {
  const now = isoTime(sim.state.nowMs);
  const old = (d.status?.conditions ?? []).find((x: { type: string }) => x.type === c.type);
  const lastTransitionTime = old && old.status === c.status ? old.lastTransitionTime : now;
  const lastUpdateTime =
    old && old.reason === c.reason && old.message === c.message ? old.lastUpdateTime : now;
  return { ...c, lastTransitionTime, lastUpdateTime };
}
