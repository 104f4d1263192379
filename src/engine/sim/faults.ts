/**
 * Breaking and repairing components, as the lab's `break`/`repair` verbs and the UI's fault
 * buttons do. What keeps working follows real Kubernetes: see each case.
 */

import { announceStart } from '../components/kubelet';
import type { Component } from '../kubectl/host';
import { controllerOf } from '../model/meta';
import { ACTOR } from '../trace';
import { K8S } from './defaults';
import { forgetPods, holdPod } from './kubeletPods';
import { staticPodsOf } from './machines';
import type { Simulation } from './simulation';
import { hashRecord, type NodeState } from './state';

const CLUSTER: Component[] = ['apiserver', 'etcd', 'scheduler', 'controller-manager'];
const NODE: Component[] = ['kubelet', 'kube-proxy', 'runtime', 'node'];

function check(
  sim: Simulation,
  component: Component,
  node: string | undefined,
): string | NodeState {
  if (!CLUSTER.includes(component) && !NODE.includes(component)) {
    return `error: unknown component "${component}" (one of: ${[...CLUSTER, ...NODE].join(', ')})`;
  }
  if (CLUSTER.includes(component))
    return node ? `error: ${component} runs on the control plane; it takes no node name` : '';
  if (!node) return `error: ${component} needs a node name, e.g. "${component} worker-1"`;
  const n = sim.state.nodes[node];
  if (!n) return `error: node "${node}" not found (nodes: ${sim.state.nodeNames.join(', ')})`;
  return n;
}

/** The broken component as the trace names it everywhere else (`kube-apiserver`, `kubelet/worker-1`). */
function faultTarget(component: Component, node: NodeState | undefined): string {
  if (!node) return CONTROL_ACTORS[component] ?? component;
  switch (component) {
    case 'kubelet':
      return ACTOR.kubelet(node.name);
    case 'kube-proxy':
      return ACTOR.proxy(node.name);
    case 'runtime':
      return ACTOR.runtime(node.name);
    default:
      return `node/${node.name}`;
  }
}

const CONTROL_ACTORS: Partial<Record<Component, string>> = {
  apiserver: ACTOR.apiserver,
  etcd: ACTOR.etcd,
  scheduler: ACTOR.scheduler,
  'controller-manager': ACTOR.kcm,
};

/** The fault's line for the transcript, also recorded in the trace (a break is marked an error). */
function announcer(
  sim: Simulation,
  component: Component,
  node: NodeState | undefined,
  broken: boolean,
) {
  const label = node ? `${component} on ${node.name}` : component;
  const say = (what: string) => {
    sim.trace(
      'chaos',
      faultTarget(component, node),
      'fault',
      node ? `node/${node.name}` : '',
      `${label} ${what}`,
      broken,
    );
    return [`${label} ${what}`];
  };
  return { label, say };
}

export function breakComponent(sim: Simulation, component: Component, nodeName?: string): string[] {
  const n = check(sim, component, nodeName);
  if (typeof n === 'string' && n) return [n];
  const s = sim.state;
  const node = typeof n === 'string' ? undefined : n;
  const { label, say } = announcer(sim, component, node, true);
  switch (component) {
    case 'apiserver':
      if (!s.apiserverUp) return [`${label} is already broken`];
      s.apiserverUp = false;
      controlPlaneDown(sim);
      return say('broken: every client now gets "connection refused"');
    case 'etcd':
      if (!s.etcd.up) return [`${label} is already broken`];
      s.etcd.up = false;
      controlPlaneDown(sim);
      return say('broken: the API server cannot read or write');
    case 'scheduler':
      if (!s.scheduler.up) return [`${label} is already broken`];
      s.scheduler.up = false;
      s.scheduler.running = false;
      return say('broken: new pods stay Pending');
    case 'controller-manager':
      if (!s.kcm.up) return [`${label} is already broken`];
      s.kcm.up = false;
      s.kcm.reconcileScheduled = false;
      return say('broken: no controller reconciles');
    case 'kubelet':
      if (node?.kubelet.broken) return [`${label} is already broken`];
      (node as NodeState).kubelet.broken = true;
      return say('broken: its containers keep running, but nobody looks after them or reports');
    case 'kube-proxy':
      if (node?.proxy.broken) return [`${label} is already broken`];
      (node as NodeState).proxy.broken = true;
      return say('broken: its rules stay in the kernel but stop changing');
    case 'runtime':
      if (node?.runtime.broken) return [`${label} is already broken`];
      (node as NodeState).runtime.broken = true;
      return say('broken: running containers keep running, nothing new can start');
    case 'node': {
      const nd = node as NodeState;
      if (!nd.up) return [`${label} is already broken`];
      powerOff(sim, nd);
      return say('down: the machine is off, everything on it stopped');
    }
  }
}

/**
 * The machine loses power: every process on it is gone. What containerd keeps on disk stays: its
 * containers, now exited without an exit status (255, reason Unknown, as containerd reports a
 * task that vanished), and its sandboxes, no longer ready. The kubelet's memory is gone.
 */
function powerOff(sim: Simulation, node: NodeState): void {
  node.up = false;
  for (const c of Object.values(node.runtime.containers)) {
    if (c.state === 'exited') continue;
    c.state = 'exited';
    c.exitCode = 255;
    c.reason = 'Unknown';
    c.finishedAtMs = sim.state.nowMs;
    c.stopping = undefined;
  }
  const sandboxes = hashRecord<NodeState['runtime']['sandboxes'][string]>();
  for (const [uid, sb] of Object.entries(node.runtime.sandboxes))
    sandboxes[uid] = { ...sb, ready: false, stopping: undefined, stopped: true };
  node.runtime.sandboxes = sandboxes;
  node.runtime.pullQueue = [];
  node.runtime.pulling = '';
  delete node.runtime.pullAuth;
  forgetPods(node.kubelet);
  node.kubelet.registered = false;
  node.kubelet.pendingStatus = hashRecord();
  node.proxy.rules = null;
  node.proxy.syncScheduled = false;
}

export function repairComponent(
  sim: Simulation,
  component: Component,
  nodeName?: string,
): string[] {
  const n = check(sim, component, nodeName);
  if (typeof n === 'string' && n) return [n];
  const s = sim.state;
  const node = typeof n === 'string' ? undefined : n;
  const { label, say } = announcer(sim, component, node, false);
  switch (component) {
    case 'apiserver':
      if (s.apiserverUp) return [`${label} is not broken`];
      s.apiserverUp = true;
      reconnectAll(sim);
      return say('repaired: watches reconnect and every client relists');
    case 'etcd':
      if (s.etcd.up) return [`${label} is not broken`];
      s.etcd.up = true;
      reconnectAll(sim);
      return say('repaired');
    case 'scheduler':
      if (s.scheduler.up) return [`${label} is not broken`];
      s.scheduler.up = true;
      restartScheduler(sim);
      return say('repaired: it lists unscheduled pods again');
    case 'controller-manager':
      if (s.kcm.up) return [`${label} is not broken`];
      s.kcm.up = true;
      restartKcm(sim);
      return say('repaired: every controller resyncs');
    case 'kubelet': {
      const nd = node as NodeState;
      if (!nd.kubelet.broken) return [`${label} is not broken`];
      nd.kubelet.broken = false;
      // A restarted kubelet forgets its memory; it reads pods from the API and containers from the runtime.
      forgetPods(nd.kubelet);
      restartKubelet(sim, nd);
      return say('repaired: it relists its pods and adopts the running containers');
    }
    case 'kube-proxy': {
      const nd = node as NodeState;
      if (!nd.proxy.broken) return [`${label} is not broken`];
      nd.proxy.broken = false;
      nd.proxy.dirty = true;
      sim.schedule(0, { t: 'proxy/sync', node: nd.name });
      nd.proxy.syncScheduled = true;
      return say('repaired: it resyncs its rules');
    }
    case 'runtime': {
      const nd = node as NodeState;
      if (!nd.runtime.broken) return [`${label} is not broken`];
      nd.runtime.broken = false;
      for (const uid of Object.keys(nd.kubelet.pods))
        sim.schedule(1, { t: 'kubelet/sync', node: nd.name, uid });
      return say('repaired');
    }
    case 'node': {
      const nd = node as NodeState;
      if (nd.up) return [`${label} is not broken`];
      nd.up = true;
      nd.boots = (nd.boots ?? 1) + 1;
      nd.kubelet.broken = false;
      nd.runtime.broken = false;
      nd.proxy.broken = false;
      nd.proxy.dirty = true;
      restartKubelet(sim, nd);
      sim.schedule(500, { t: 'proxy/sync', node: nd.name });
      nd.proxy.syncScheduled = true;
      return say('booted: kubelet, runtime and kube-proxy start again');
    }
  }
}

export function restartKubelet(sim: Simulation, node: NodeState): void {
  const k = node.kubelet;
  k.startedAtMs = sim.state.nowMs;
  delete k.client;
  k.registerBackoffMs = 100;
  k.leaseBackoffMs = 200;
  k.needsRelist = true;
  k.pendingStatus = hashRecord();
  for (const kp of Object.values(staticPodsOf(sim, node))) holdPod(k, kp);
  if (k.registered) {
    announceStart(sim, node);
    sim.schedule(0, { t: 'kubelet/lease', node: node.name });
    sim.schedule(0, { t: 'kubelet/relist', node: node.name });
    sim.schedule(1000, { t: 'kubelet/nodeStatus', node: node.name });
  } else {
    sim.schedule(0, { t: 'kubelet/register', node: node.name });
  }
  for (const uid of Object.keys(k.pods))
    sim.schedule(5, { t: 'kubelet/sync', node: node.name, uid });
}

function restartScheduler(sim: Simulation): void {
  const st = sim.state.scheduler;
  st.leading = sim.state.controlPlaneDownSinceMs < 0;
  st.activeQ = [];
  st.activeHead = 0;
  st.queued = {};
  st.unschedulable = {};
  delete st.client;
  delete st.eventClient;
  for (const [key, pod] of Object.entries(sim.store('pods')))
    if (!pod.spec?.nodeName && !pod.metadata.deletionTimestamp)
      sim.schedule(1, { t: 'scheduler/watch', ev: 'ADDED', resource: 'pods', key });
}

function restartKcm(sim: Simulation): void {
  const kcm = sim.state.kcm;
  // A new process: nothing remembered about node health; it leads only if it can reach the API.
  kcm.dirty = hashRecord();
  kcm.reconcileScheduled = false;
  kcm.orphanScanPending = true;
  kcm.nodeHealth = {};
  kcm.zoneStates = {};
  kcm.masterDisruptionMode = false;
  kcm.evictAtMs = {};
  kcm.waiting = undefined;
  kcm.jobBackoff = undefined;
  delete kcm.clients;
  delete kcm.bursts;
  delete kcm.expectations;
  kcm.ipam = undefined;
  kcm.leading = sim.state.controlPlaneDownSinceMs < 0;
  resyncControllers(sim);
  sim.schedule(5, { t: 'kcm/monitorNodes' });
}

/** What the controllers list when they start: each object is queued for its controller again. */
const RESYNCED = [
  'namespaces',
  'nodes',
  'deployments',
  'replicasets',
  'daemonsets',
  'jobs',
  'statefulsets',
  'cronjobs',
  'services',
];

/** Informer resync: every workload and Service is queued for its controller again. */
function resyncControllers(sim: Simulation): void {
  for (const resource of RESYNCED) {
    for (const [key, obj] of Object.entries(sim.store(resource))) {
      sim.schedule(1, {
        t: 'kcm/watch',
        ev: 'MODIFIED',
        resource,
        key,
        uid: obj.metadata.uid as string,
      });
    }
  }
  // The pods a Job still tracks come back with the relist too (their finalizers may be due).
  for (const [key, pod] of Object.entries(sim.store('pods'))) {
    if (!pod.metadata.finalizers?.includes('batch.kubernetes.io/job-tracking')) continue;
    const owner = controllerOf(pod);
    sim.schedule(1, {
      t: 'kcm/watch',
      ev: 'MODIFIED',
      resource: 'pods',
      key,
      uid: pod.metadata.uid as string,
      owner: owner ? { kind: owner.kind, name: owner.name } : undefined,
    });
  }
}

/** Leader election notices after the renew deadline that the lease cannot be renewed. */
function controlPlaneDown(sim: Simulation): void {
  if (sim.state.controlPlaneDownSinceMs >= 0) return;
  sim.state.controlPlaneDownSinceMs = sim.state.nowMs;
  sim.schedule(K8S.leaderElectionRenewDeadlineMs, { t: 'kcm/leaderCheck' });
  sim.schedule(K8S.leaderElectionRenewDeadlineMs, { t: 'scheduler/leaderCheck' });
}

/** The API server came back: every watch reconnects, every informer relists. */
function reconnectAll(sim: Simulation): void {
  if (!sim.state.apiserverUp || !sim.state.etcd.up) return;
  sim.state.controlPlaneDownSinceMs = -1;
  const { kcm, scheduler } = sim.state;
  // Restarted processes without the lease acquire it again and start from a fresh list.
  if (scheduler.up && !scheduler.leading) {
    scheduler.leading = true;
    sim.trace(
      ACTOR.scheduler,
      ACTOR.apiserver,
      'api',
      'lease/kube-system/kube-scheduler',
      'successfully acquired lease kube-system/kube-scheduler',
    );
  }
  if (kcm.up && !kcm.leading) {
    kcm.leading = true;
    sim.trace(
      ACTOR.kcm,
      ACTOR.apiserver,
      'api',
      'lease/kube-system/kube-controller-manager',
      'successfully acquired lease kube-system/kube-controller-manager',
    );
  }
  if (kcm.up) kcm.orphanScanPending = true;
  sim.trace(ACTOR.apiserver, 'all watchers', 'watch', '', 'watches re-established; clients relist');
  if (sim.state.scheduler.up) restartScheduler(sim);
  if (sim.state.kcm.up) resyncControllers(sim);
  for (const node of Object.values(sim.state.nodes)) {
    if (!node.up) continue;
    if (!node.kubelet.broken && node.kubelet.registered)
      sim.schedule(1, { t: 'kubelet/relist', node: node.name });
    if (!node.proxy.broken) {
      node.proxy.dirty = true;
      sim.schedule(1, { t: 'proxy/watch', node: node.name, resource: 'services', key: '' });
    }
  }
}
