/**
 * A workload's revisions as kubectl reads them (kubernetes/kubectl pkg/polymorphichelpers
 * history.go and rollback.go): a Deployment's are its ReplicaSets, numbered by their
 * `deployment.kubernetes.io/revision` annotation; a DaemonSet's and a StatefulSet's are the
 * ControllerRevisions they own, each holding the pod template as a strategic-merge patch.
 * New workload kinds plug in by adding a viewer to HISTORY.
 */
import { type ResourceInfo, resourceForKind } from '../../api/resources';
import type { KObject } from '../../api/types';
import type { Client } from '../client';
import { CommandFailure, failWith } from '../errors';
import { selectorString } from '../print/labels';

export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
export const REVISION = 'deployment.kubernetes.io/revision';
export const HASH_LABEL = 'pod-template-hash';

export interface Revision {
  revision: number;
  /** The pod template this revision ran. */
  template: KObject['spec'];
  changeCause: string;
  /** The ReplicaSet or ControllerRevision behind it. */
  object: KObject;
}

export interface HistoryViewer {
  /** Every revision the workload has (unordered). Throws CommandFailure. */
  revisions(client: Client, obj: KObject): Revision[];
}

/** metav1.IsControlledBy. */
function controlledBy(obj: KObject, owner: KObject): boolean {
  return (obj.metadata.ownerReferences ?? []).some(
    (ref) => ref.controller === true && ref.uid === owner.metadata.uid,
  );
}

function listOwned(client: Client, resource: string, owner: KObject, what: string): KObject[] {
  const r = resourceForResourceName(resource);
  if (!r) return [];
  const res = client.tryList(r, owner.metadata.namespace, {
    labelSelector: selectorString(owner.spec?.selector),
  });
  if (!res.ok) {
    if (res.failure.type === 'network') throw new CommandFailure(res.failure);
    throw failWith.message(
      `${what}: ${res.failure.type === 'status' ? res.failure.status.message : ''}`,
    );
  }
  return res.value.filter((o) => controlledBy(o, owner));
}

function resourceForResourceName(resource: string): ResourceInfo | undefined {
  const kind = resource === 'replicasets' ? 'ReplicaSet' : 'ControllerRevision';
  return resourceForKind(kind);
}

/** deploymentutil.Revision: the annotation as an int64; undefined when it does not parse. */
export function rsRevision(rs: KObject): number | undefined {
  const v = rs.metadata.annotations?.[REVISION];
  if (v === undefined) return 0;
  return /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
}

const deploymentHistory: HistoryViewer = {
  revisions(client, d) {
    const rss = listOwned(
      client,
      'replicasets',
      d,
      `failed to retrieve replica sets from deployment ${d.metadata.name}`,
    );
    const out: Revision[] = [];
    for (const rs of rss) {
      const revision = rsRevision(rs);
      if (revision === undefined) continue;
      out.push({
        revision,
        template: rs.spec?.template,
        changeCause: rs.metadata.annotations?.[CHANGE_CAUSE] ?? '',
        object: rs,
      });
    }
    return out;
  },
};

/** A ControllerRevision's template: its patch's spec.template without `$patch`. */
export function revisionTemplate(cr: KObject): KObject['spec'] {
  const { $patch: _, ...template } = cr.data?.spec?.template ?? {};
  return template;
}

const controllerRevisionHistory: HistoryViewer = {
  revisions(client, obj) {
    const crs = listOwned(
      client,
      'controllerrevisions',
      obj,
      `unable to find history controlled by ${obj.kind} ${obj.metadata.name}`,
    );
    return crs.map((cr) => ({
      revision: Number(cr.revision ?? 0),
      template: revisionTemplate(cr),
      changeCause: cr.metadata.annotations?.[CHANGE_CAUSE] ?? '',
      object: cr,
    }));
  },
};

/** HistoryViewerFor / RollbackerFor: the kinds with a history. */
export const HISTORY: Record<string, HistoryViewer> = {
  Deployment: deploymentHistory,
  DaemonSet: controllerRevisionHistory,
  StatefulSet: controllerRevisionHistory,
};

/** schema.GroupKind.String(): `Pod`, `ReplicaSet.apps`. */
export function groupKind(r: ResourceInfo): string {
  return r.group ? `${r.kind}.${r.group}` : r.kind;
}

/** Revisions by number, the last one seen winning (Go's map assignment). */
export function byRevision(revisions: Revision[]): Map<number, Revision> {
  const map = new Map<number, Revision>();
  for (const r of revisions) map.set(r.revision, r);
  return map;
}
