/**
 * EndpointSlice controller: one slice per selector Service listing the matching pods that have an
 * IP, with ready/serving/terminating conditions (kube-proxy only routes to ready ones).
 */
import type { KObject } from '../../api/types';
import type { Simulation } from '../../sim/simulation';
import { controllerRef, isReady, kcmApi, owned } from './common';

const MANAGED_BY = 'endpointslice-controller.k8s.io';

/**
 * getPodServiceMemberships: the Services a pod change concerns — those whose selector matches
 * the pod now, and those whose slice lists it (it was deleted, or its labels changed).
 */
export function servicesOfPod(sim: Simulation, podKey: string, into: Set<string>): void {
  const slash = podKey.indexOf('/');
  const ns = podKey.slice(0, slash);
  const name = podKey.slice(slash + 1);
  const services = sim.store('services');
  // Read only once a Service with a selector needs it (most namespaces have none).
  let pod: KObject | null | undefined = null;
  for (const svcKey of sim.indexes.keysIn(ns, 'services')) {
    if (into.has(svcKey)) continue;
    const svc = services[svcKey];
    const selector = svc?.spec?.selector;
    if (!selector) continue;
    if (pod === null) pod = sim.store('pods')[podKey];
    if (pod && selects(selector, pod.metadata.labels ?? {})) into.add(svcKey);
    else if (sliceLists(sim, svc, name)) into.add(svcKey);
  }
}

/** A Service's selector (a validated label map) against a pod's labels: every pair equal. */
function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

function sliceLists(sim: Simulation, svc: KObject, podName: string): boolean {
  for (const slice of owned(sim, svc.metadata.uid as string, 'endpointslices'))
    for (const e of slice.endpoints ?? []) if (e?.targetRef?.name === podName) return true;
  return false;
}

export function reconcileEndpointSlices(sim: Simulation, key: string): void {
  const svc = sim.store('services')[key];
  if (!svc?.spec?.selector || svc.spec.type === 'ExternalName') return;
  const ns = svc.metadata.namespace as string;
  const selector = svc.spec.selector;
  const pods: KObject[] = [];
  const store = sim.store('pods');
  for (const podKey of sim.indexes.keysIn(ns, 'pods')) {
    const pod = store[podKey];
    if (!pod?.status?.podIP || pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed')
      continue;
    if (selects(selector, pod.metadata.labels ?? {})) pods.push(pod);
  }
  pods.sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)));
  const ports = (svc.spec.ports ?? []).map(
    (p: { name?: string; port: number; targetPort?: number | string; protocol?: string }) => ({
      name: p.name ?? '',
      port: resolveTargetPort(p.targetPort ?? p.port, pods[0]),
      protocol: p.protocol ?? 'TCP',
    }),
  );
  const endpoints = pods.map((pod) => {
    const terminating = !!pod.metadata.deletionTimestamp;
    const ready = isReady(pod);
    // A pod whose subdomain is this Service gets its hostname published (StatefulSet pods).
    const hostname =
      pod.spec.hostname && pod.spec.subdomain === svc.metadata.name ? pod.spec.hostname : undefined;
    return {
      addresses: [pod.status.podIP],
      conditions: { ready: ready && !terminating, serving: ready, terminating },
      ...(hostname ? { hostname } : {}),
      nodeName: pod.spec.nodeName,
      targetRef: { kind: 'Pod', name: pod.metadata.name, namespace: ns, uid: pod.metadata.uid },
    };
  });
  const existing = owned(sim, svc.metadata.uid as string, 'endpointslices')[0];
  const labels: Record<string, string> = {
    ...(svc.metadata.labels ?? {}),
    'endpointslice.kubernetes.io/managed-by': MANAGED_BY,
    'kubernetes.io/service-name': svc.metadata.name as string,
  };
  // v1.IsHeadlessService: slices of a Service without a ClusterIP say so.
  if (svc.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  if (existing) {
    if (
      JSON.stringify(existing.endpoints ?? []) === JSON.stringify(endpoints) &&
      JSON.stringify(existing.ports) === JSON.stringify(ports)
    )
      return;
    kcmApi(sim, {
      verb: 'update',
      resource: 'endpointslices',
      namespace: ns,
      name: existing.metadata.name,
      body: { ...existing, metadata: { ...existing.metadata, labels }, endpoints, ports },
    });
    return;
  }
  kcmApi(sim, {
    verb: 'create',
    resource: 'endpointslices',
    namespace: ns,
    body: {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        generateName: `${svc.metadata.name}-`,
        namespace: ns,
        labels,
        ownerReferences: [controllerRef(svc)],
      },
      addressType: 'IPv4',
      endpoints,
      ports,
    },
  });
}

function resolveTargetPort(target: number | string, pod: KObject | undefined): number {
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod?.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target) return p.containerPort;
  }
  return 0;
}
