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
import { reconcileDaemonSet } from './daemonSet';
import { reconcileDeployment } from './deployment';
import { reconcileEndpointSlices } from './endpointSlice';
import { collectGarbage, collectOrphans, orphanDependents } from './garbageCollector';
import { reconcileJob } from './job';
import { evictPod, monitorNodeHealth } from './nodeLifecycle';
import { reconcileReplicaSet } from './replicaSet';
import { ensureNamespaceDefaults } from './serviceAccount';
import { reconcileStatefulSet } from './statefulSet';

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
      return markDirty(sim, 'job', key);
    case 'statefulsets':
      return markDirty(sim, 'statefulset', key);
    case 'services':
      return markDirty(sim, 'endpointslice', key);
    case 'namespaces':
      if (ev !== 'DELETED') ensureNamespaceDefaults(sim, key);
      return;
    case 'nodes':
      if (msg.sameForDaemons) return;
      for (const ds of Object.keys(sim.store('daemonsets'))) markDirty(sim, 'daemonset', ds);
      return;
    case 'pods':
      if (msg.owner && ['ReplicaSet', 'DaemonSet', 'Job', 'StatefulSet'].includes(msg.owner.kind)) {
        markDirty(sim, msg.owner.kind.toLowerCase(), `${ns}/${msg.owner.name}`);
      }
      markDirty(sim, 'podEndpoints', key);
      return;
    default:
      return;
  }
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
      case 'statefulset':
        reconcileStatefulSet(sim, key);
        break;
      case 'endpointslice':
        endpointsFor.add(key);
        break;
      case 'podEndpoints': {
        const ns = key.slice(0, key.indexOf('/'));
        for (const svcKey of sim.indexes.keysIn(ns, 'services')) endpointsFor.add(svcKey);
        break;
      }
      default:
        break;
    }
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
