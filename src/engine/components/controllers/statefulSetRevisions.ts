/**
 * A StatefulSet's history as ControllerRevisions (pkg/controller/history and
 * statefulset/stateful_set_utils.go): each distinct pod template is stored once, as the patch
 * `{"spec":{"template":{…,"$patch":"replace"}}}`, named `<set>-<hash>` and numbered; pods carry
 * the name of the revision they were made from in their `controller-revision-hash` label.
 */
import type { KObject } from '../../api/types';
import { matchLabelSelector } from '../../model/labels';
import { jsonEqual } from '../../model/meta';
import type { Simulation } from '../../sim/simulation';
import { controllerRef, kcmApi, owned, templateHash } from './common';

/** apps.ControllerRevisionHashLabelKey, on each revision. */
const REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';
/** apps.StatefulSetRevisionLabel, on each pod. */
export const POD_REVISION_LABEL = 'controller-revision-hash';

/** getPatch: the template, marked to replace the whole template when applied. */
function patchOf(set: KObject): Record<string, unknown> {
  return { spec: { template: { ...(set.spec?.template ?? {}), $patch: 'replace' } } };
}

/** The pod template a revision records (ApplyRevision, for the template only). */
export function templateOf(revision: KObject): KObject['spec'] {
  const { $patch: _, ...template } = revision.data?.spec?.template ?? {};
  return template;
}

export interface Revisions {
  current: KObject;
  update: KObject;
}

/** The set's revisions, oldest first. */
function revisionsOf(sim: Simulation, set: KObject): KObject[] {
  return owned(sim, set.metadata.uid as string, 'controllerrevisions').sort(
    (a, b) =>
      (a.revision ?? 0) - (b.revision ?? 0) ||
      String(a.metadata.name).localeCompare(String(b.metadata.name)),
  );
}

/**
 * getStatefulSetRevisions: the revision of the current template (created, or an equal older one
 * renumbered to be the newest) and the one the set's status calls current.
 */
export function ensureRevisions(sim: Simulation, set: KObject): Revisions | undefined {
  adoptOrphanRevisions(sim, set);
  const revisions = revisionsOf(sim, set);
  const data = patchOf(set);
  const next = (revisions.at(-1)?.revision ?? 0) + 1;
  let update = revisions.find((r) => jsonEqual(r.data, data));
  if (update && update !== revisions.at(-1)) {
    // An equivalent older revision becomes the newest again (rolling back reuses it).
    const res = kcmApi(sim, {
      verb: 'update',
      resource: 'controllerrevisions',
      namespace: set.metadata.namespace,
      name: update.metadata.name,
      body: { ...update, revision: next },
    });
    if (!res.ok || !res.object) return undefined;
    update = res.object;
  }
  if (!update) {
    const hash = templateHash(set.spec?.template, set.status?.collisionCount ?? 0);
    const res = kcmApi(sim, {
      verb: 'create',
      resource: 'controllerrevisions',
      namespace: set.metadata.namespace,
      body: {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name: `${set.metadata.name}-${hash}`,
          namespace: set.metadata.namespace,
          labels: { ...(set.spec?.template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
          ownerReferences: [controllerRef(set)],
        },
        data,
        revision: next,
      },
    });
    if (!res.ok || !res.object) return undefined;
    update = res.object;
  }
  const currentName = set.status?.currentRevision;
  const current =
    (currentName && revisionsOf(sim, set).find((r) => r.metadata.name === currentName)) || update;
  return { current, update };
}

/** adoptOrphanRevisions: revisions the selector matches and nothing controls become the set's. */
function adoptOrphanRevisions(sim: Simulation, set: KObject): void {
  const ns = set.metadata.namespace as string;
  for (const key of sim.indexes.keysIn(ns, 'controllerrevisions')) {
    const rev = sim.store('controllerrevisions')[key];
    if (!rev || rev.metadata.deletionTimestamp) continue;
    if (rev.metadata.ownerReferences?.some((r) => r.controller)) continue;
    if (!matchLabelSelector(set.spec?.selector, rev.metadata.labels ?? {})) continue;
    kcmApi(sim, {
      verb: 'update',
      resource: 'controllerrevisions',
      namespace: ns,
      name: rev.metadata.name,
      body: {
        ...rev,
        metadata: {
          ...rev.metadata,
          ownerReferences: [...(rev.metadata.ownerReferences ?? []), controllerRef(set)],
        },
      },
    });
  }
}

/**
 * truncateHistory: revisions that are neither live (current, update, or named by a pod) nor among
 * the newest `revisionHistoryLimit` are deleted.
 */
export function truncateHistory(
  sim: Simulation,
  set: KObject,
  pods: KObject[],
  live: Revisions,
): void {
  const keep = new Set([live.current.metadata.name, live.update.metadata.name]);
  for (const pod of pods) keep.add(pod.metadata.labels?.[POD_REVISION_LABEL]);
  const history = revisionsOf(sim, set).filter((r) => !keep.has(r.metadata.name));
  const limit: number = set.spec?.revisionHistoryLimit ?? 10;
  for (const old of history.slice(0, Math.max(0, history.length - limit))) {
    kcmApi(sim, {
      verb: 'delete',
      resource: 'controllerrevisions',
      namespace: old.metadata.namespace,
      name: old.metadata.name,
    });
  }
}
