/**
 * What a converged cluster looks like, read from its API objects only: the fuzzer checks it on
 * the simulation's store, and the browser chaos test (e2e/chaos.spec.ts) on what
 * `kubectl get … -o json` prints in the page's console. Every difference is reported.
 * Pods labelled `fuzz=failing` run programs that fail by design: they need not be Ready.
 */
import type { KObject } from '../api/types';
import { imageConfig, lookupImage } from '../model/registry';

/** The objects the check reads, every namespace. */
export interface ApiObjects {
  nodes: KObject[];
  pods: KObject[];
  deployments: KObject[];
  statefulsets: KObject[];
  daemonsets: KObject[];
  jobs: KObject[];
  services: KObject[];
  endpointslices: KObject[];
}

export function isReady(pod: KObject): boolean {
  return (pod.status?.conditions ?? []).some(
    (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
  );
}

function matches(selector: Record<string, string>, labels: Record<string, string> | undefined) {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

function describePods(pods: KObject[]): string {
  return pods
    .map((p) => {
      const del = p.metadata.deletionTimestamp ? ' Terminating' : '';
      return `${p.metadata.name}[${p.status?.phase ?? '?'}${del} ready=${isReady(p)} ${p.spec?.nodeName ?? 'unbound'} ${p.status?.podIP ?? '-'}]`;
    })
    .join(' ');
}

export function setDiff(want: Set<string>, got: Set<string>): string {
  const missing = [...want].filter((ip) => !got.has(ip));
  const extra = [...got].filter((ip) => !want.has(ip));
  return missing.length || extra.length
    ? `missing [${missing.join(' ')}], extra [${extra.join(' ')}]`
    : '';
}

/** The pod IPs a Service's ready endpoints must be: its selector's Ready, live pods. */
export function wantedEndpoints(svc: KObject, pods: readonly KObject[]): Set<string> {
  const selector = svc.spec?.selector as Record<string, string>;
  const want = new Set<string>();
  for (const p of pods)
    if (
      p.metadata.namespace === svc.metadata.namespace &&
      matches(selector, p.metadata.labels) &&
      isReady(p) &&
      !p.metadata.deletionTimestamp &&
      p.status?.podIP
    )
      want.add(p.status.podIP);
  return want;
}

export function apiConvergenceProblems(api: ApiObjects): string[] {
  const out: string[] = [];
  const { pods } = api;
  for (const node of api.nodes) {
    const name = node.metadata.name;
    const ready = (node.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
    if (ready?.status !== 'True')
      out.push(`node ${name} is not Ready (Ready=${ready?.status ?? 'missing'})`);
    for (const t of node.spec?.taints ?? [])
      if (t.key === 'node.kubernetes.io/not-ready' || t.key === 'node.kubernetes.io/unreachable')
        out.push(`node ${name} still has taint ${t.key}:${t.effect}`);
    if (node.spec?.unschedulable) out.push(`node ${name} is still cordoned`);
  }

  for (const d of api.deployments) {
    const want = d.spec?.replicas ?? 1;
    const ready = d.status?.readyReplicas ?? 0;
    if (ready !== want) {
      const own = pods.filter(
        (p) =>
          p.metadata.namespace === d.metadata.namespace &&
          matches(d.spec?.selector?.matchLabels ?? {}, p.metadata.labels),
      );
      out.push(
        `deployment ${d.metadata.namespace}/${d.metadata.name}: readyReplicas ${ready}, spec.replicas ${want}; pods: ${describePods(own) || 'none'}`,
      );
    }
  }

  // Nothing can hold a pod back once all is repaired: no requests, no selectors, no taints left,
  // and a crashed container is restarted within the 5-minute back-off cap.
  for (const p of pods) {
    const name = `${p.metadata.namespace}/${p.metadata.name}`;
    const phase = p.status?.phase;
    if (p.metadata.deletionTimestamp)
      out.push(`pod ${name} still Terminating on ${p.spec?.nodeName ?? '(no node)'}`);
    else if (!p.spec?.nodeName) out.push(`pod ${name} is not scheduled`);
    else if (
      phase !== 'Succeeded' &&
      phase !== 'Failed' &&
      !isReady(p) &&
      p.metadata.labels?.fuzz !== 'failing'
    )
      out.push(`pod ${name} is ${phase} but not Ready on ${p.spec.nodeName}`);
  }

  for (const job of api.jobs) {
    const done = (job.status?.conditions ?? []).some(
      (c: { type: string; status: string }) =>
        (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
    );
    if (!done)
      out.push(
        `job ${job.metadata.namespace}/${job.metadata.name} has not finished: ${JSON.stringify(job.status ?? {})}`,
      );
  }

  for (const sts of api.statefulsets) {
    const want: number = sts.spec?.replicas ?? 1;
    const names = pods
      .filter((p) =>
        p.metadata.ownerReferences?.some((r: { uid: string }) => r.uid === sts.metadata.uid),
      )
      .map((p) => p.metadata.name)
      .sort();
    const expected = Array.from({ length: want }, (_, i) => `${sts.metadata.name}-${i}`).sort();
    if ((sts.status?.readyReplicas ?? 0) !== want || names.join() !== expected.join())
      out.push(
        `statefulset ${sts.metadata.namespace}/${sts.metadata.name}: readyReplicas ${sts.status?.readyReplicas ?? 0}, spec.replicas ${want}; pods ${names.join(' ') || 'none'}`,
      );
  }

  for (const ds of api.daemonsets) {
    const st = ds.status ?? {};
    if (
      (st.numberReady ?? 0) !== (st.desiredNumberScheduled ?? 0) ||
      (st.currentNumberScheduled ?? 0) !== (st.desiredNumberScheduled ?? 0)
    )
      out.push(
        `daemonset ${ds.metadata.namespace}/${ds.metadata.name}: desired ${st.desiredNumberScheduled}, current ${st.currentNumberScheduled}, ready ${st.numberReady}`,
      );
  }

  for (const svc of api.services) {
    if (!svc.spec?.selector) continue;
    const ns = svc.metadata.namespace;
    const got = new Set<string>();
    for (const slice of api.endpointslices) {
      if (slice.metadata.namespace !== ns) continue;
      if (slice.metadata.labels?.['kubernetes.io/service-name'] !== svc.metadata.name) continue;
      for (const ep of slice.endpoints ?? [])
        if (ep.conditions?.ready) for (const ip of ep.addresses ?? []) got.add(ip);
    }
    const diff = setDiff(wantedEndpoints(svc, pods), got);
    if (diff) out.push(`service ${ns}/${svc.metadata.name}: ready endpoints ${diff}`);
  }
  return out;
}

/**
 * A pod spec with a container that cannot run as the spec asks: no pull can fetch its image
 * (the fuzzer's pods carry no pull secrets), or the image does not listen on the port its
 * probes knock on (redis set on a Deployment probed on :80 is never Ready, as on a real
 * cluster). The repair phase gives such workloads an image that can.
 */
export function hasBadImage(spec: KObject['spec']): boolean {
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].some(
    (c: KObject) => !lookupImage(c.image ?? '').ok || !answersProbes(c),
  );
}

function answersProbes(c: KObject): boolean {
  const exposed = imageConfig(c.image ?? '')?.exposedPorts ?? [];
  return [c.readinessProbe, c.livenessProbe, c.startupProbe].every((probe) => {
    const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port;
    return typeof port !== 'number' || exposed.includes(`${port}/tcp`);
  });
}
