/**
 * Node lifecycle controller + taint-eviction controller (node_lifecycle_controller.go): watches
 * heartbeats (Lease renewals and Ready heartbeats) on its own clock; after the grace period it
 * marks the node Unknown ("Kubelet stopped posting node status."), taints it, and pods are evicted
 * once their toleration runs out. When every node looks dead it assumes the problem is its own
 * connectivity ("master disruption mode") and evicts nobody.
 */
import type { KObject } from '../../api/types';
import { isoTime } from '../../model/meta';
import { K8S } from '../../sim/defaults';
import type { Simulation } from '../../sim/simulation';
import { ACTOR } from '../../trace';
import { kcmApi } from './common';
import { kcmSource } from './manager';

const NOT_READY = 'node.kubernetes.io/not-ready';
/** Nodes without a topology.kubernetes.io/zone label share the zone "". */
const ZONE = '';
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

function readyCond(node: KObject) {
  return (node.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
}

export function monitorNodeHealth(sim: Simulation): void {
  const s = sim.state;
  const kcm = s.kcm;
  const now = s.nowMs;
  const nodes = sim.store('nodes');
  let ready = 0;
  let notReady = 0;
  const src = kcmSource('node-controller');
  for (const name of s.nodeNames) {
    const node = nodes[name];
    if (!node) continue;
    const cond = readyCond(node);
    const lease = sim.store('leases')[`kube-node-lease/${name}`];
    let h = kcm.nodeHealth[name];
    if (!h) {
      h = {
        probeTimestampMs: now,
        readyTransitionTimestampMs: now,
        lastHeartbeatTime: cond?.lastHeartbeatTime ?? '',
        lastLeaseRenewTime: lease?.spec?.renewTime ?? '',
      };
      kcm.nodeHealth[name] = h;
    }
    if (cond && cond.lastHeartbeatTime !== h.lastHeartbeatTime) {
      h.lastHeartbeatTime = cond.lastHeartbeatTime;
      h.probeTimestampMs = now;
    }
    if (lease?.spec?.renewTime && lease.spec.renewTime !== h.lastLeaseRenewTime) {
      h.lastLeaseRenewTime = lease.spec.renewTime;
      h.probeTimestampMs = now;
    }
    let current = node;
    let status = cond?.status ?? 'Unknown';
    const grace = cond ? K8S.nodeMonitorGracePeriodMs : K8S.nodeStartupGracePeriodMs;
    if (now > h.probeTimestampMs + grace && status !== 'Unknown') {
      const t = isoTime(now);
      const conditions = (node.status?.conditions ?? []).map((c: Record<string, unknown>) =>
        ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'].includes(c.type as string)
          ? {
              ...c,
              status: 'Unknown',
              reason: 'NodeStatusUnknown',
              message: 'Kubelet stopped posting node status.',
              lastTransitionTime: t,
            }
          : c,
      );
      const res = kcmApi(sim, {
        verb: 'update',
        resource: 'nodes',
        subresource: 'status',
        name,
        body: { ...node, status: { ...node.status, conditions } },
      });
      if (!res.ok || !res.object) continue; // "Skipping - no pods will be evicted"
      current = res.object;
      if (status === 'True') {
        sim.recordEvent(
          src,
          { ...node, metadata: { ...node.metadata, uid: name } },
          'Normal',
          'NodeNotReady',
          `Node ${name} status is now: NodeNotReady`,
        );
        markPodsNotReady(sim, name);
      }
      status = 'Unknown';
      h.readyTransitionTimestampMs = now;
    }
    if (status === 'True') ready++;
    else notReady++;
    reconcileTaints(sim, current, status);
  }
  // Zone state (ComputeZoneState; every node here is in the one unnamed zone).
  const full = ready === 0 && notReady > 0;
  const partial =
    !full && notReady > 2 && notReady / (ready + notReady) >= K8S.unhealthyZoneThreshold;
  kcm.zoneStates[ZONE] = full ? 'FullDisruption' : partial ? 'PartialDisruption' : 'Normal';
  if (full && !kcm.masterDisruptionMode) {
    kcm.masterDisruptionMode = true;
    sim.trace(
      ACTOR.kcm,
      ACTOR.kcm,
      'api',
      '',
      'Controller detected that all Nodes are not-Ready. Entering master disruption mode',
    );
    for (const name of s.nodeNames) if (nodes[name]) setNoExecute(sim, nodes[name], undefined);
  } else if (!full && kcm.masterDisruptionMode) {
    kcm.masterDisruptionMode = false;
    sim.trace(
      ACTOR.kcm,
      ACTOR.kcm,
      'api',
      '',
      'Controller detected that some Nodes are Ready. Exiting master disruption mode',
    );
    for (const h of Object.values(kcm.nodeHealth)) {
      h.probeTimestampMs = now;
      h.readyTransitionTimestampMs = now;
    }
  }
  scheduleEvictions(sim);
}

function markPodsNotReady(sim: Simulation, node: string): void {
  const src = kcmSource('node-controller');
  for (const key of sim.indexes.podsOn(node)) {
    const pod = sim.store('pods')[key];
    if (!pod) continue;
    const conditions = (pod.status?.conditions ?? []).map((c: Record<string, unknown>) =>
      c.type === 'Ready' && c.status === 'True'
        ? { ...c, status: 'False', lastTransitionTime: isoTime(sim.state.nowMs) }
        : c,
    );
    const res = kcmApi(sim, {
      verb: 'update',
      resource: 'pods',
      subresource: 'status',
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      body: { ...pod, status: { ...pod.status, conditions } },
    });
    if (res.ok) sim.recordEvent(src, pod, 'Warning', 'NodeNotReady', 'Node is not ready');
  }
}

/** TaintNodesByCondition (NoSchedule) and the NoExecute taints, unless in disruption mode. */
function reconcileTaints(sim: Simulation, node: KObject, status: string): void {
  const taints: { key: string; effect: string; timeAdded?: string }[] = node.spec?.taints ?? [];
  const condKey = status === 'False' ? NOT_READY : status === 'Unknown' ? UNREACHABLE : undefined;
  const wantNoSchedule = new Set<string>();
  if (condKey) wantNoSchedule.add(condKey);
  if (node.spec?.unschedulable) wantNoSchedule.add(UNSCHEDULABLE);
  const managed = [NOT_READY, UNREACHABLE, UNSCHEDULABLE];
  const kept = taints.filter(
    (t) => !(managed.includes(t.key) && t.effect === 'NoSchedule') || wantNoSchedule.has(t.key),
  );
  for (const key of wantNoSchedule)
    if (!kept.some((t) => t.key === key && t.effect === 'NoSchedule'))
      kept.push({ key, effect: 'NoSchedule' });
  const next = { ...node, spec: { ...node.spec, taints: kept } };
  if (JSON.stringify(kept) !== JSON.stringify(taints)) {
    const res = kcmApi(sim, {
      verb: 'update',
      resource: 'nodes',
      name: node.metadata.name,
      body: next,
    });
    if (!res.ok || !res.object) return;
    node = res.object;
  }
  setNoExecute(sim, node, sim.state.kcm.masterDisruptionMode ? undefined : condKey);
}

function setNoExecute(sim: Simulation, node: KObject, key: string | undefined): void {
  const taints: { key: string; effect: string; timeAdded?: string }[] = node.spec?.taints ?? [];
  const has = taints.find(
    (t) => t.effect === 'NoExecute' && (t.key === NOT_READY || t.key === UNREACHABLE),
  );
  if ((has?.key ?? undefined) === key) return;
  // A new NoExecute taint waits for the zone's rate limiter; swapping not-ready ⇄ unreachable doesn't.
  if (key && !has && !takeTaintToken(sim)) return;
  const rest = taints.filter(
    (t) => !(t.effect === 'NoExecute' && (t.key === NOT_READY || t.key === UNREACHABLE)),
  );
  if (key) rest.push({ key, effect: 'NoExecute', timeAdded: isoTime(sim.state.nowMs) });
  kcmApi(sim, {
    verb: 'update',
    resource: 'nodes',
    name: node.metadata.name,
    body: { ...node, spec: { ...node.spec, taints: rest.length ? rest : undefined } },
  });
}

/**
 * The zone's NoExecute tainting rate limiter (token bucket, burst 1): --node-eviction-rate in a
 * healthy zone; in a partially disrupted one the secondary rate for large clusters, else none.
 */
function takeTaintToken(sim: Simulation): boolean {
  const kcm = sim.state.kcm;
  const state = kcm.zoneStates[ZONE] ?? 'Normal';
  const nodes = sim.state.nodeNames.length;
  const ratePerSecond =
    state === 'Normal'
      ? K8S.nodeEvictionRatePerSecond
      : state === 'PartialDisruption' && nodes > K8S.largeClusterSizeThreshold
        ? K8S.secondaryNodeEvictionRatePerSecond
        : 0;
  if (ratePerSecond === 0) return false;
  const now = sim.state.nowMs;
  if (now < (kcm.nextTaintAtMs[ZONE] ?? 0)) return false;
  kcm.nextTaintAtMs[ZONE] = now + Math.round(1000 / ratePerSecond);
  return true;
}

/** Taint-eviction controller: pods on NoExecute-tainted nodes go when their toleration runs out. */
function scheduleEvictions(sim: Simulation): void {
  const kcm = sim.state.kcm;
  const now = sim.state.nowMs;
  const nodes = sim.store('nodes');
  const wanted = new Map<string, number>();
  for (const name of sim.state.nodeNames) {
    const node = nodes[name];
    const noExec = (node?.spec?.taints ?? []).filter(
      (t: { effect: string }) => t.effect === 'NoExecute',
    );
    if (noExec.length === 0) continue;
    for (const key of sim.indexes.podsOn(name)) {
      const pod = sim.store('pods')[key];
      if (!pod || pod.metadata.deletionTimestamp) continue;
      let at = now;
      for (const taint of noExec) {
        const tol = (pod.spec?.tolerations ?? []).find(
          (t: { key?: string; operator?: string; effect?: string }) =>
            (!t.effect || t.effect === 'NoExecute') &&
            (t.key === taint.key || (!t.key && t.operator === 'Exists')),
        );
        if (!tol) {
          at = now;
          break;
        }
        if (tol.tolerationSeconds === undefined) at = Number.POSITIVE_INFINITY;
        else
          at = Math.max(
            at === now ? 0 : at,
            Date.parse(taint.timeAdded ?? isoTime(now)) -
              Date.parse(isoTime(0)) +
              tol.tolerationSeconds * 1000,
          );
      }
      if (at !== Number.POSITIVE_INFINITY) wanted.set(key, Math.max(at, now));
    }
  }
  for (const key of Object.keys(kcm.evictAtMs)) if (!wanted.has(key)) delete kcm.evictAtMs[key];
  for (const [key, at] of wanted) {
    if (kcm.evictAtMs[key] === at) continue;
    kcm.evictAtMs[key] = at;
    const uid = sim.store('pods')[key]?.metadata.uid as string;
    sim.schedule(at - now, { t: 'kcm/evict', key, uid });
  }
}

export function evictPod(sim: Simulation, key: string, uid: string): void {
  const kcm = sim.state.kcm;
  const at = kcm.evictAtMs[key];
  if (at === undefined || at > sim.state.nowMs) return;
  const pod = sim.store('pods')[key];
  delete kcm.evictAtMs[key];
  if (!pod || pod.metadata.uid !== uid || pod.metadata.deletionTimestamp) return;
  sim.recordEvent(
    kcmSource('taint-eviction-controller'),
    pod,
    'Normal',
    'TaintManagerEviction',
    `Marking for deletion Pod ${key}`,
  );
  const t = isoTime(sim.state.nowMs);
  const conditions = [
    ...(pod.status?.conditions ?? []).filter(
      (c: { type: string }) => c.type !== 'DisruptionTarget',
    ),
    {
      type: 'DisruptionTarget',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: t,
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    },
  ];
  kcmApi(sim, {
    verb: 'update',
    resource: 'pods',
    subresource: 'status',
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    body: { ...pod, status: { ...pod.status, conditions } },
  });
  kcmApi(sim, {
    verb: 'delete',
    resource: 'pods',
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
  });
}
