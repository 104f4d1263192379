/**
 * A kubeadm-style cluster at boot, in kubeadm's order. `kubeadm init` on the control-plane node:
 * its kubelet runs etcd, the API server, the scheduler and the controller manager as static pods
 * and registers the node; the mark-control-plane phase labels it (the kubelet registered it with
 * the control-plane taint); the addon phase creates CoreDNS and kube-proxy (sim/addons.ts). While
 * the control-plane node is the only node, both CoreDNS replicas are scheduled there: they
 * tolerate its taint. Then each worker runs `kubeadm join`, in name order: its kubelet registers
 * the node, the controller manager gives it a pod CIDR and the kube-proxy DaemonSet a pod.
 * The control plane is taken as serving from t = 0 (its static pods start while it already
 * answers), and no CNI plugin is installed: pod networking simply works (both simplifications).
 */
import { resourceForKind } from '../api/resources';
import { ADMIN, type KObject } from '../api/types';
import type { ProxyMode } from '../proxy/model';
import { SIM } from './defaults';
import { bootMachine, newNode } from './machines';
import { clusterCidrFor } from './podCidrs';
import { seedRng } from './rng';
import { Simulation } from './simulation';
import { type ClusterState, hashRecord, type NodeState } from './state';

export interface ClusterOptions {
  workers?: number;
  proxyMode?: ProxyMode;
  seed?: number;
  /** Run the boot (default SIM.bootMs) before returning; 0 returns the cluster at t = 0. */
  bootMs?: number;
  /**
   * Where the simulated clock starts, in ms after EPOCH_MS (default 0). A cluster served to real
   * clients starts at the wall clock's present, so the ages they compute from timestamps are real.
   */
  startMs?: number;
  /** Every component's client QPS and burst (ClusterConfig.kubeApi); negative QPS: unlimited. */
  kubeApi?: { qps: number; burst: number };
}

/** kubeadm init's mark-control-plane and addon phases run once the control-plane node registered. */
const ADDONS_AT_MS = 2_000;
/** The workers run `kubeadm join` after `kubeadm init` has finished, one after the other. */
const FIRST_JOIN_AT_MS = 4_000;
const JOIN_SPACING_MS = 200;

function emptyState(
  workers: number,
  proxyMode: ProxyMode,
  seed: number,
  startMs: number,
  kubeApi: ClusterOptions['kubeApi'],
): ClusterState {
  const nodes: Record<string, NodeState> = {};
  const names = ['control-plane', ...Array.from({ length: workers }, (_, i) => `worker-${i + 1}`)];
  const clusterCIDR = clusterCidrFor(names.length);
  names.forEach((name, i) => {
    nodes[name] = newNode(name, i, i === 0 ? 'control-plane' : 'worker', clusterCIDR);
  });
  return {
    format: 1,
    config: kubeApi
      ? { workers, proxyMode, seed, kubeApi: { qps: kubeApi.qps, burst: kubeApi.burst } }
      : { workers, proxyMode, seed },
    nowMs: startMs,
    nextSeq: 0,
    rng: seedRng(seed),
    queue: [],
    apiserverUp: true,
    controlPlaneDownSinceMs: -1,
    etcd: { up: true, revision: 0, data: {} },
    scheduler: {
      up: true,
      leading: true,
      activeQ: [],
      activeHead: 0,
      queued: hashRecord(),
      unschedulable: hashRecord(),
      running: false,
      nextStartNodeIndex: 0,
    },
    kcm: {
      up: true,
      leading: true,
      orphanScanPending: false,
      dirty: hashRecord(),
      reconcileScheduled: false,
      nodeHealth: hashRecord(),
      zoneStates: {},
      masterDisruptionMode: false,
      evictAtMs: hashRecord(),
      nextTaintAtMs: {},
    },
    nodes,
    nodeNames: names,
    clusterCIDR,
    trace: [],
    traceHead: 0,
    traceSeq: 0,
    eventSeq: 0,
    processed: 0,
  };
}

export function createSimulation(opts: ClusterOptions = {}): Simulation {
  const workers = Math.max(0, Math.floor(opts.workers ?? 2));
  const startMs = Math.max(0, Math.floor(opts.startMs ?? 0));
  const sim = new Simulation(
    emptyState(workers, opts.proxyMode ?? 'iptables', opts.seed ?? 1, startMs, opts.kubeApi),
  );
  const admin = (body: KObject) =>
    sim.api('kubeadm', ADMIN, {
      verb: 'create',
      resource: resourceForKind(body.kind)?.resource ?? '',
      namespace: body.metadata.namespace,
      body,
    });
  // The API server's own objects: the system namespaces and the `kubernetes` Service (the
  // namespaces' `default` ServiceAccounts and root CA ConfigMaps come from the controller manager).
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    admin({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  const cp = sim.state.nodes['control-plane'];
  admin({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { component: 'apiserver', provider: 'kubernetes' },
    },
    spec: {
      clusterIP: '10.96.0.1',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
    },
  });
  admin({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: {
        'kubernetes.io/service-name': 'kubernetes',
        'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
      },
    },
    addressType: 'IPv4',
    endpoints: [
      { addresses: [cp.ip], conditions: { ready: true, serving: true, terminating: false } },
    ],
    ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
  });
  bootMachine(sim, cp, sim.int(0, 400));
  sim.schedule(ADDONS_AT_MS, { t: 'kubeadm/init' });
  // Joins spread over at most ~20 s, so even a large cluster has joined before the boot ends.
  const spacingMs = Math.min(JOIN_SPACING_MS, Math.floor(20_000 / Math.max(1, workers)));
  sim.state.nodeNames.slice(1).forEach((name, i) => {
    const atMs = FIRST_JOIN_AT_MS + i * spacingMs + sim.int(0, spacingMs >> 1);
    bootMachine(sim, sim.state.nodes[name], atMs);
  });
  sim.schedule(1000, { t: 'kcm/monitorNodes' });
  sim.advanceTo(startMs + (opts.bootMs ?? SIM.bootMs));
  return sim;
}
