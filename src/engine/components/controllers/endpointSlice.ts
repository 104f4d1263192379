/**
 * EndpointSlice controller: one slice per selector Service listing the matching pods that have an
 * IP, with ready/serving/terminating conditions (kube-proxy only routes to ready ones).
 */
import type { KObject } from '../../api/types';
import { matchLabelSelector } from '../../model/labels';
import type { Simulation } from '../../sim/simulation';
import { controllerRef, isReady, kcmApi, owned } from './common';

const MANAGED_BY = 'endpointslice-controller.k8s.io';

export function reconcileEndpointSlices(sim: Simulation, key: string): void {
  const svc = sim.store('services')[key];
  if (!svc?.spec?.selector || svc.spec.type === 'ExternalName') return;
  const ns = svc.metadata.namespace as string;
  const selector = { matchLabels: svc.spec.selector };
  const pods: KObject[] = [];
  for (const podKey of sim.indexes.keysIn(ns, 'pods')) {
    const pod = sim.store('pods')[podKey];
    if (!pod?.status?.podIP || pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed')
      continue;
    if (matchLabelSelector(selector, pod.metadata.labels ?? {})) pods.push(pod);
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
