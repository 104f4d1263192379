/**
 * kube-proxy (one per node): watches Services and EndpointSlices and, at most once per
 * minSyncPeriod, programs its rules. The rules live in the kernel: when kube-proxy or the API
 * server is broken they stay exactly as they were — they just stop changing.
 */
import { buildRules } from '../proxy';
import { K8S } from '../sim/defaults';
import type { Msg } from '../sim/messages';
import type { Simulation } from '../sim/simulation';
import type { NodeState } from '../sim/state';
import { ACTOR } from '../trace';

type ProxyMsg = Extract<Msg, { t: `proxy/${string}` }>;

export function handleProxy(sim: Simulation, msg: ProxyMsg): void {
  const node = sim.state.nodes[msg.node];
  if (!node?.up) return;
  const p = node.proxy;
  if (p.broken) {
    p.dirty = true;
    return;
  }
  switch (msg.t) {
    case 'proxy/watch':
      p.dirty = true;
      return requestSync(sim, node);
    case 'proxy/sync':
      p.syncScheduled = false;
      return syncRules(sim, node);
  }
}

export function requestSync(sim: Simulation, node: NodeState): void {
  const p = node.proxy;
  if (p.syncScheduled) return;
  p.syncScheduled = true;
  const earliest = p.lastSyncMs + K8S.proxyMinSyncPeriodMs;
  sim.schedule(Math.max(0, earliest - sim.state.nowMs), { t: 'proxy/sync', node: node.name });
}

function syncRules(sim: Simulation, node: NodeState): void {
  const p = node.proxy;
  if (!p.dirty && p.rules) return;
  if (!sim.state.apiserverUp) return; // its informers are stale; nothing new to program
  p.dirty = false;
  p.lastSyncMs = sim.state.nowMs;
  const rules = buildRules({
    mode: sim.state.config.proxyMode,
    clusterCIDR: sim.state.clusterCIDR,
    nodeIP: node.ip,
    nowMs: sim.state.nowMs,
    services: Object.values(sim.store('services')) as never[],
    slices: Object.values(sim.store('endpointslices')) as never[],
  });
  const before = JSON.stringify(p.rules?.services ?? null);
  p.rules = rules;
  if (JSON.stringify(rules.services) !== before) {
    const endpoints = rules.services.reduce((n, s) => n + s.endpoints.length, 0);
    const tool = rules.mode === 'ipvs' ? 'ipvs' : 'iptables-restore';
    sim.trace(
      ACTOR.proxy(node.name),
      ACTOR.proxy(node.name),
      'rules',
      '',
      `${tool}: ${rules.services.length} service ports, ${endpoints} endpoints`,
    );
  }
}
