/**
 * kube-controller-manager: watches everything, queues `controller|key` work items, and runs one
 * reconcile pass over the queue shortly after (controllers read the shared informer cache, i.e.
 * what the API server has stored; they write only through the API server).
 */
import { KCM_USER } from '../../api/types';
import { K8S, SIM } from '../../sim/defaults';
import { crashStaticPod } from '../../sim/labVerbs';
import type { Msg } from '../../sim/messages';
import type { EventSource, Simulation } from '../../sim/simulation';
import { hashRecord } from '../../sim/state';
import { ACTOR } from '../../trace';
import { clientOf, clientWaitMs, setActiveClient } from './clientThrottle';
import { reconcileCronJob } from './cronJob';
import { reconcileDaemonSet } from './daemonSet';
import { reconcileDeployment } from './deployment';
import { reconcileEndpointSlices, servicesOfPod } from './endpointSlice';
import { collectGarbage, collectOrphans, orphanDependents } from './garbageCollector';
import { reconcileJob, reconcileJobPod } from './job';
import { hasTrackingFinalizer } from './jobPods';
import { allocateNodeCidr, releaseNodeCidr } from './nodeIpam';
import { evictPod, monitorNodeHealth } from './nodeLifecycle';
import { creationObserved, deletionObserved, runBurst } from './podBurst';
import { reconcileReplicaSet } from './replicaSet';
import { ensureNamespaceDefaults, ROOT_CA_CONFIGMAP } from './serviceAccount';
import { reconcileStatefulSet } from './statefulSet';
import { reconcileTtlAfterFinished } from './ttlAfterFinished';
import { onRequeue, requeueAfter } from './workQueue';

type KcmMsg = Extract<Msg, { t: `kcm/${string}` }>;

export const kcmSource = (component: string): EventSource => ({
  component,
  user: KCM_USER,
  actor: ACTOR.kcm,
});

export function handleKcm(sim: Simulation, msg: KcmMsg): void {
  const kcm = sim.state.kcm;
  if (!kcm.up) return;
  if (msg.t === 'kcm/leaderCheck') return checkLeadership(sim);
  if (!kcm.leading) {
    // A replica without the lease keeps its timers but acts on nothing.
    if (msg.t === 'kcm/monitorNodes')
      sim.schedule(K8S.nodeMonitorPeriodMs, { t: 'kcm/monitorNodes' });
    return;
  }
  switch (msg.t) {
    case 'kcm/watch':
      return onWatch(sim, msg);
    case 'kcm/reconcile':
      return reconcileAll(sim);
    case 'kcm/monitorNodes':
      sim.schedule(K8S.nodeMonitorPeriodMs, { t: 'kcm/monitorNodes' });
      if (kcm.orphanScanPending) {
        kcm.orphanScanPending = false;
        collectOrphans(sim);
      }
      return monitorNodeHealth(sim);
    case 'kcm/evict':
      return evictPod(sim, msg.key, msg.uid);
    case 'kcm/requeue':
      return onRequeue(sim, msg.item);
    case 'kcm/burst':
      return runBurst(sim, msg.item);
  }
}

export function markDirty(sim: Simulation, controller: string, key: string): void {
  const kcm = sim.state.kcm;
  kcm.dirty[`${controller}|${key}`] = true;
  if (!kcm.reconcileScheduled) {
    kcm.reconcileScheduled = true;
    sim.schedule(SIM.reconcileDelayMs, { t: 'kcm/reconcile' });
  }
}

function onWatch(sim: Simulation, msg: Extract<Msg, { t: 'kcm/watch' }>): void {
  const { resource, key, ev } = msg;
  if (ev === 'DELETED') collectGarbage(sim, msg.uid);
  else {
    const obj = sim.store(resource)[key];
    if (obj?.metadata.deletionTimestamp && obj.metadata.finalizers?.includes('orphan')) {
      orphanDependents(sim, resource, obj);
      return;
    }
  }
  const ns = key.includes('/') ? key.slice(0, key.indexOf('/')) : '';
  switch (resource) {
    case 'deployments':
      return markDirty(sim, 'deployment', key);
    case 'replicasets':
      markDirty(sim, 'replicaset', key);
      if (msg.owner?.kind === 'Deployment') markDirty(sim, 'deployment', `${ns}/${msg.owner.name}`);
      return;
    case 'daemonsets':
      return markDirty(sim, 'daemonset', key);
    case 'jobs':
      return onJobWatch(sim, msg, ns);
    case 'cronjobs':
      // Jobs made by hand from it (`create job --from`) are owned without being controlled:
      // the collector's next scan finds them orphaned.
      if (ev === 'DELETED') sim.state.kcm.orphanScanPending = true;
      return markDirty(sim, 'cronjob', key);
    case 'statefulsets':
      return markDirty(sim, 'statefulset', key);
    case 'services':
      return markDirty(sim, 'endpointslice', key);
    case 'namespaces':
      if (ev !== 'DELETED') ensureNamespaceDefaults(sim, key);
      return;
    case 'configmaps':
      // root-ca-cert-publisher: its ConfigMap was deleted or edited.
      if (key === `${ns}/${ROOT_CA_CONFIGMAP}`) ensureNamespaceDefaults(sim, ns);
      return;
    case 'serviceaccounts':
      if (ev === 'DELETED' && key === `${ns}/default`) ensureNamespaceDefaults(sim, ns);
      return;
    case 'nodes':
      if (ev !== 'DELETED') allocateNodeCidr(sim, key);
      else releaseNodeCidr(sim, key);
      if (msg.sameForDaemons) return;
      for (const ds of Object.keys(sim.store('daemonsets'))) markDirty(sim, 'daemonset', ds);
      return;
    case 'pods':
      if (msg.owner && sim.state.kcm.expectations) observePod(sim, msg, ns);
      if (msg.owner && ['ReplicaSet', 'DaemonSet', 'StatefulSet'].includes(msg.owner.kind)) {
        markDirty(sim, msg.owner.kind.toLowerCase(), `${ns}/${msg.owner.name}`);
      }
      if (msg.owner?.kind === 'Job') onJobPodWatch(sim, key, `${ns}/${msg.owner.name}`);
      markDirty(sim, 'podEndpoints', key);
      return;
    default:
      return;
  }
}

const EXPECTING: Record<string, string> = {
  ReplicaSet: 'replicaset',
  DaemonSet: 'daemonset',
  Job: 'job',
};

/** The owner's expectations see the pod created, or deleted (or being deleted). */
function observePod(sim: Simulation, msg: Extract<Msg, { t: 'kcm/watch' }>, ns: string): void {
  const controller = msg.owner ? EXPECTING[msg.owner.kind] : undefined;
  if (!controller || !msg.owner) return;
  const ownerKey = `${ns}/${msg.owner.name}`;
  const deleting = msg.ev === 'DELETED' || !!sim.store('pods')[msg.key]?.metadata.deletionTimestamp;
  if (msg.ev === 'ADDED') creationObserved(sim, controller, ownerKey);
  if (deleting) deletionObserved(sim, controller, ownerKey, msg.key);
}

/**
 * A Job's own writes that left its spec alone sync after the batch period; a new or changed
 * spec syncs at once. Its CronJob and the ttl-after-finished controller look too.
 */
function onJobWatch(sim: Simulation, msg: Extract<Msg, { t: 'kcm/watch' }>, ns: string): void {
  if (msg.ev === 'MODIFIED' && msg.sameGeneration)
    requeueAfter(sim, 'job', msg.key, K8S.jobSyncBatchPeriodMs);
  else markDirty(sim, 'job', msg.key);
  if (msg.ev !== 'DELETED') markDirty(sim, 'ttl', msg.key);
  if (msg.owner?.kind === 'CronJob') markDirty(sim, 'cronjob', `${ns}/${msg.owner.name}`);
}

/** A Job's pod changed: the Job syncs after the batch period; an orphan loses its finalizer. */
function onJobPodWatch(sim: Simulation, podKey: string, jobKey: string): void {
  requeueAfter(sim, 'job', jobKey, K8S.jobSyncBatchPeriodMs);
  const pod = sim.store('pods')[podKey];
  if (pod && hasTrackingFinalizer(pod)) markDirty(sim, 'jobpod', podKey);
}

function reconcileAll(sim: Simulation): void {
  const kcm = sim.state.kcm;
  kcm.reconcileScheduled = false;
  const items = Object.keys(kcm.dirty);
  kcm.dirty = hashRecord();
  const endpointsFor = new Set<string>();
  for (const item of items) {
    const bar = item.indexOf('|');
    const controller = item.slice(0, bar);
    const key = item.slice(bar + 1);
    const client = clientOf(controller);
    if (client !== undefined) {
      // The worker would wait in the client's limiter before its first write: it syncs then.
      const waitMs = clientWaitMs(sim, client);
      if (waitMs > 0) {
        requeueAfter(sim, controller, key, waitMs);
        continue;
      }
    }
    const before = setActiveClient(client);
    switch (controller) {
      case 'deployment':
        reconcileDeployment(sim, key);
        break;
      case 'replicaset':
        reconcileReplicaSet(sim, key);
        break;
      case 'daemonset':
        reconcileDaemonSet(sim, key);
        break;
      case 'job':
        reconcileJob(sim, key);
        break;
      case 'jobpod':
        reconcileJobPod(sim, key);
        break;
      case 'ttl':
        reconcileTtlAfterFinished(sim, key);
        break;
      case 'cronjob':
        reconcileCronJob(sim, key);
        break;
      case 'statefulset':
        reconcileStatefulSet(sim, key);
        break;
      case 'endpointslice':
        endpointsFor.add(key);
        break;
      case 'podEndpoints':
        servicesOfPod(sim, key, endpointsFor);
        break;
      default:
        break;
    }
    setActiveClient(before);
  }
  for (const svcKey of endpointsFor) reconcileEndpointSlices(sim, svcKey);
}

/**
 * leaderelection: the lease cannot be renewed while the API server (or etcd) is unreachable; after
 * the renew deadline the process exits ("leaderelection lost") and the kubelet restarts its
 * static pod. The new process starts with empty memory and leads again once it can.
 */
function checkLeadership(sim: Simulation): void {
  const s = sim.state;
  const kcm = s.kcm;
  if (!kcm.leading || s.controlPlaneDownSinceMs < 0) return;
  if (s.nowMs - s.controlPlaneDownSinceMs < K8S.leaderElectionRenewDeadlineMs) return;
  kcm.leading = false;
  kcm.dirty = hashRecord();
  kcm.reconcileScheduled = false;
  kcm.nodeHealth = {};
  kcm.zoneStates = {};
  kcm.masterDisruptionMode = false;
  kcm.evictAtMs = {};
  kcm.waiting = undefined;
  kcm.jobBackoff = undefined;
  delete kcm.clients;
  delete kcm.bursts;
  delete kcm.expectations;
  sim.trace(
    ACTOR.kcm,
    ACTOR.kcm,
    'process',
    'lease/kube-system/kube-controller-manager',
    'leaderelection lost: cannot renew the lease, exiting',
    true,
  );
  crashStaticPod(sim, 'kube-system/kube-controller-manager-control-plane');
}
