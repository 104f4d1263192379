/**
 * StatefulSet controller (pkg/controller/statefulset/stateful_set_control.go,
 * updateStatefulSet): pods with stable names `<set>-0 … <set>-(N-1)`, each with its own
 * hostname and the set's serviceName as subdomain.
 *
 * - OrderedReady (the default): one pod at a time, each Running and Ready (and available for
 *   minReadySeconds) before the next is created; scale down removes the highest ordinal first,
 *   waiting for each to be gone.
 * - Parallel: every missing pod is created, and every surplus one deleted, at once.
 * - RollingUpdate: once every pod is healthy, the highest-ordinal pod not at the update revision
 *   is deleted and re-created from the new template, down to `partition`; OnDelete waits for you.
 *
 * volumeClaimTemplates: each pod gets its claim volume (`<template>-<pod>`) as Kubernetes writes
 * it, but PersistentVolumeClaims are not simulated: no claim object is created, nothing is
 * provisioned, and the pod runs as though its claim were bound.
 */
import type { KObject } from '../../api/types';
import { matchLabelSelector } from '../../model/labels';
import { jsonClone, timeMsOf } from '../../model/meta';
import type { Simulation } from '../../sim/simulation';
import { controllerRef, isReady, kcmApi, owned, requeueLater, updateStatus } from './common';
import { kcmSource } from './manager';
import {
  ensureRevisions,
  POD_REVISION_LABEL,
  type Revisions,
  templateOf,
  truncateHistory,
} from './statefulSetRevisions';

const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** Pods a Parallel set creates in one pass at most (the rest on the next, a second later). */
const BURST_CREATES = 500;
const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** statefulPodRegex `(.*)-([0-9]+)$`: the parent's name and the ordinal, or -1. */
function ordinalOf(set: KObject, pod: KObject): number {
  const m = /^(.*)-([0-9]+)$/.exec(String(pod.metadata.name));
  if (!m || m[1] !== set.metadata.name) return -1;
  const n = Number(m[2]);
  return Number.isSafeInteger(n) && n <= 2147483647 ? n : -1;
}

const isTerminating = (pod: KObject) => !!pod.metadata.deletionTimestamp;
const isFinished = (pod: KObject) =>
  pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded';
const isRunningAndReady = (pod: KObject) => pod.status?.phase === 'Running' && isReady(pod);

/** When the pod became Ready (its Ready condition's lastTransitionTime), in simulated ms. */
function readySinceMs(pod: KObject): number {
  const c = (pod.status?.conditions ?? []).find((x: { type: string }) => x.type === 'Ready');
  return timeMsOf(c?.lastTransitionTime);
}

/** podutil.IsPodAvailable: Ready for at least minReadySeconds. */
function isAvailable(sim: Simulation, pod: KObject, minReadySeconds: number): boolean {
  if (!isRunningAndReady(pod)) return false;
  return minReadySeconds <= 0 || readySinceMs(pod) + minReadySeconds * 1000 <= sim.state.nowMs;
}

const isHealthy = (pod: KObject) => isRunningAndReady(pod) && !isTerminating(pod);

/** newStatefulSetPod: the template, its identity, its claim volumes and its revision. */
function newPod(
  set: KObject,
  template: KObject['spec'],
  ordinal: number,
  revision: string,
): KObject {
  const name = `${set.metadata.name}-${ordinal}`;
  const spec = jsonClone(template?.spec ?? {});
  spec.hostname = name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  const claims: KObject[] = set.spec?.volumeClaimTemplates ?? [];
  if (claims.length) {
    const claimNames = new Set(claims.map((c) => c.metadata?.name));
    spec.volumes = [
      ...claims.map((c) => ({
        name: c.metadata?.name,
        persistentVolumeClaim: { claimName: `${c.metadata?.name}-${name}` },
      })),
      ...(spec.volumes ?? []).filter((v: { name: string }) => !claimNames.has(v.name)),
    ];
  }
  const metadata: KObject['metadata'] = {
    name,
    namespace: set.metadata.namespace,
    labels: {
      ...(template?.metadata?.labels ?? {}),
      [POD_NAME_LABEL]: name,
      [POD_INDEX_LABEL]: String(ordinal),
      [POD_REVISION_LABEL]: revision,
    },
    ownerReferences: [controllerRef(set)],
  };
  if (template?.metadata?.annotations) metadata.annotations = { ...template.metadata.annotations };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

/** The set's pods, adopting orphans that match its selector and carry one of its names. */
function claimPods(sim: Simulation, set: KObject): KObject[] {
  const pods = owned(sim, set.metadata.uid as string, 'pods');
  const ns = set.metadata.namespace as string;
  for (const key of sim.indexes.keysIn(ns, 'pods')) {
    const pod = sim.store('pods')[key];
    if (!pod || pod.metadata.ownerReferences?.some((r) => r.controller)) continue;
    if (isTerminating(pod) || ordinalOf(set, pod) < 0) continue;
    if (!matchLabelSelector(set.spec?.selector, pod.metadata.labels ?? {})) continue;
    const res = kcmApi(sim, {
      verb: 'update',
      resource: 'pods',
      namespace: ns,
      name: pod.metadata.name,
      body: {
        ...pod,
        metadata: {
          ...pod.metadata,
          ownerReferences: [...(pod.metadata.ownerReferences ?? []), controllerRef(set)],
        },
      },
    });
    if (res.ok && res.object) pods.push(res.object);
  }
  return pods;
}

export function reconcileStatefulSet(sim: Simulation, key: string): void {
  const set = sim.store('statefulsets')[key];
  if (!set || set.metadata.deletionTimestamp) return;
  const uid = set.metadata.uid as string;
  const revisions = ensureRevisions(sim, set);
  if (!revisions) return requeueLater(sim, 'statefulsets', key, uid);
  const pods = claimPods(sim, set);
  const blocked = syncPods(sim, set, pods, revisions);
  if (blocked === 'retry') requeueLater(sim, 'statefulsets', key, uid);
  const now = owned(sim, uid, 'pods');
  truncateHistory(sim, set, now, revisions);
  writeStatus(sim, set, now, revisions);
}

type Outcome = 'done' | 'wait' | 'retry';

/** updateStatefulSet: replicas in ordinal order, then the condemned, then the rolling update. */
function syncPods(sim: Simulation, set: KObject, pods: KObject[], rev: Revisions): Outcome {
  const src = kcmSource('statefulset-controller');
  const start: number = set.spec?.ordinals?.start ?? 0;
  const count: number = set.spec?.replicas ?? 1;
  const monotonic = set.spec?.podManagementPolicy !== 'Parallel';
  const minReady: number = set.spec?.minReadySeconds ?? 0;
  const replicas: (KObject | undefined)[] = new Array(count).fill(undefined);
  const condemned: KObject[] = [];
  for (const pod of pods) {
    const ord = ordinalOf(set, pod);
    if (ord >= start && ord < start + count) replicas[ord - start] = pod;
    else if (ord >= 0) condemned.push(pod);
  }
  condemned.sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
  const firstUnhealthy =
    replicas.find((p) => p && !isAvailable(sim, p, minReady)) ??
    [...condemned].reverse().find((p) => !isHealthy(p));

  const podEvent = (verb: 'create' | 'delete', pod: KObject, error?: string) => {
    const Verb = verb === 'create' ? 'Create' : 'Delete';
    if (error === undefined)
      sim.recordEvent(
        src,
        set,
        'Normal',
        `Successful${Verb}`,
        `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`,
      );
    else
      sim.recordEvent(
        src,
        set,
        'Warning',
        `Failed${Verb}`,
        `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${error}`,
      );
  };
  const remove = (pod: KObject): boolean => {
    const res = kcmApi(sim, {
      verb: 'delete',
      resource: 'pods',
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
    });
    if (res.ok) podEvent('delete', pod);
    else if (res.status && res.status.reason !== 'NotFound')
      podEvent('delete', pod, res.status.message);
    return res.ok || res.status?.reason === 'NotFound';
  };

  const partition: number | undefined = set.spec?.updateStrategy?.rollingUpdate?.partition;
  let waitUntilMs = 0;
  let created = 0;
  let outcome: Outcome = 'done';
  for (let i = 0; i < count; i++) {
    const ordinal = start + i;
    const pod = replicas[i];
    if (pod && isFinished(pod)) {
      // A pod that ran to completion is deleted and made again on a later pass.
      if (!isTerminating(pod) && !remove(pod)) return 'retry';
      if (monotonic) return 'wait';
      continue;
    }
    if (!pod) {
      // newVersionedStatefulSetPod: below the partition, pods keep the current revision.
      const keepCurrent =
        set.spec?.updateStrategy?.type === 'RollingUpdate' &&
        partition !== undefined &&
        ordinal < start + partition;
      const revision = keepCurrent ? rev.current : rev.update;
      const body = newPod(set, templateOf(revision), ordinal, revision.metadata.name as string);
      const res = kcmApi(sim, {
        verb: 'create',
        resource: 'pods',
        namespace: set.metadata.namespace,
        body,
      });
      if (!res.ok) {
        if (res.status && res.status.reason !== 'AlreadyExists')
          podEvent('create', body, res.status.message);
        // An invalid template stays invalid until the set is changed (which queues it again).
        if (res.status?.reason === 'Invalid') return 'wait';
        return 'retry';
      }
      podEvent('create', body);
      if (monotonic) return 'wait';
      // A simulation bound (as the ReplicaSet's burstReplicas): a huge Parallel set is made
      // over several passes instead of in one.
      if (++created >= BURST_CREATES) return 'retry';
      continue;
    }
    if (isTerminating(pod) && monotonic) return 'wait';
    if (!isAvailable(sim, pod, minReady) && monotonic) {
      if (isRunningAndReady(pod)) waitUntilMs = readySinceMs(pod) + minReady * 1000;
      outcome = 'wait';
      break;
    }
  }
  if (waitUntilMs > sim.state.nowMs) {
    // The work queue's AddAfter: look again when the pod has been Ready long enough.
    sim.schedule(waitUntilMs - sim.state.nowMs, {
      t: 'kcm/watch',
      ev: 'MODIFIED',
      resource: 'statefulsets',
      key: `${set.metadata.namespace}/${set.metadata.name}`,
      uid: set.metadata.uid as string,
    });
  }
  if (outcome === 'wait') return outcome;

  for (const pod of condemned) {
    if (isTerminating(pod)) {
      if (monotonic) return 'wait';
      continue;
    }
    if (monotonic && pod !== firstUnhealthy && !isAvailable(sim, pod, minReady)) return 'wait';
    if (!remove(pod)) return 'retry';
    if (monotonic) return 'wait';
  }

  if (set.spec?.updateStrategy?.type === 'OnDelete') return 'done';
  const updateMin = partition ?? 0;
  for (let target = count - 1; target >= updateMin; target--) {
    const pod = replicas[target];
    if (!pod) return 'wait';
    if (
      pod.metadata.labels?.[POD_REVISION_LABEL] !== rev.update.metadata.name &&
      !isTerminating(pod)
    ) {
      return remove(pod) ? 'wait' : 'retry';
    }
    if (!isHealthy(pod)) return 'wait';
  }
  return 'done';
}

/** updateStatefulSetStatus, with completeRollingUpdate. */
function writeStatus(sim: Simulation, set: KObject, pods: KObject[], rev: Revisions): void {
  const minReady: number = set.spec?.minReadySeconds ?? 0;
  const currentName = rev.current.metadata.name;
  const updateName = rev.update.metadata.name;
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let current = 0;
  let updated = 0;
  for (const pod of pods) {
    if (ordinalOf(set, pod) < 0) continue;
    replicas++;
    if (isRunningAndReady(pod)) {
      ready++;
      if (isAvailable(sim, pod, minReady)) available++;
    }
    if (!isTerminating(pod)) {
      const r = pod.metadata.labels?.[POD_REVISION_LABEL];
      if (r === currentName) current++;
      if (r === updateName) updated++;
    }
  }
  let currentRevision = currentName;
  if (
    set.spec?.updateStrategy?.type === 'RollingUpdate' &&
    updated === replicas &&
    ready === replicas
  ) {
    current = updated;
    currentRevision = updateName;
  }
  updateStatus(sim, 'statefulsets', set, {
    observedGeneration: set.metadata.generation,
    replicas,
    readyReplicas: ready,
    currentReplicas: current,
    updatedReplicas: updated,
    currentRevision,
    updateRevision: updateName,
    collisionCount: set.status?.collisionCount ?? 0,
    availableReplicas: available,
  });
}
