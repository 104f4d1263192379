/** The lab script's own verbs (crash, request, proxy-rules) and kubectl's doorway. */
import { type ResourceInfo, resourceInfo } from '../api/resources';
import {
  ADMIN,
  type ApiRequest,
  type ApiResult,
  type StatusError,
  type UserInfo,
} from '../api/types';
import { authorize } from '../apiserver/authorization';
import { exitContainer, latestInstance } from '../components/runtime';
import type { Impersonation } from '../kubectl/host';
import {
  CUSTOMER_AGENT,
  httpToPod,
  masqueradedSource,
  type PodAtIp,
  podAtIp,
} from '../process/network';
import { renderIptablesSave, renderIpvsadm, routeRequest } from '../proxy';
import { ACTOR } from '../trace';
import type { Simulation } from './simulation';

/**
 * kubectl's requests authenticate as kubernetes-admin (kubeadm's admin.conf client certificate);
 * with impersonation headers the API server's impersonation filter first checks that the caller
 * may impersonate, then serves the request as the impersonated user.
 */
export function kubectlCall(sim: Simulation, req: ApiRequest, as?: Impersonation): ApiResult {
  if (!as || !sim.state.apiserverUp) return sim.api(ACTOR.kubectl, ADMIN, req);
  const acting = impersonate(ADMIN, as);
  if ('user' in acting) return sim.api(ACTOR.kubectl, acting.user, req);
  sim.trace(
    ACTOR.kubectl,
    ACTOR.apiserver,
    'api',
    '',
    `${req.verb} ${req.resource}${req.name ? `/${req.name}` : ''} as ${as.user} — Forbidden: ${acting.denied.message}`,
    true,
  );
  return { ok: false, status: acting.denied };
}

// What an `impersonate` check is about: core-group users, groups and service accounts, and
// authentication.k8s.io uids.
const subject = (resource: string, kind: string, group = ''): ResourceInfo => ({
  resource,
  singular: kind.toLowerCase(),
  kind,
  group,
  version: 'v1',
  namespaced: false,
  shortNames: [],
});
const USERS = subject('users', 'User');
const GROUPS = subject('groups', 'Group');
const UIDS = subject('uids', 'UID', 'authentication.k8s.io');

const ANONYMOUS = 'system:anonymous';
const AUTHENTICATED = 'system:authenticated';
const UNAUTHENTICATED = 'system:unauthenticated';

/**
 * The legacy impersonation filter (k8s.io/apiserver pkg/endpoints/filters/impersonation.go):
 * authorize verb `impersonate` on the user (or service account), each group and the uid, in
 * that order; the first refusal is the 403 the request gets. A service account without
 * explicit groups gets its fixed groups; a non-anonymous user gets `system:authenticated`
 * unless it or `system:unauthenticated` was given, the anonymous user `system:unauthenticated`.
 */
export function impersonate(
  requestor: UserInfo,
  as: Impersonation,
): { user: UserInfo } | { denied: StatusError } {
  const checks: { r: ResourceInfo; name: string; namespace?: string }[] = [];
  let groups = [...as.groups];
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(as.user);
  if (sa) {
    checks.push({ r: resourceInfo('serviceaccounts'), name: sa[2], namespace: sa[1] });
    if (groups.length === 0) groups = ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`];
  } else {
    checks.push({ r: USERS, name: as.user });
  }
  for (const g of as.groups) checks.push({ r: GROUPS, name: g });
  if (as.uid) checks.push({ r: UIDS, name: as.uid });
  for (const c of checks) {
    const denied = authorize(requestor, 'impersonate', c.r, c.namespace, c.name);
    if (denied) return { denied };
  }
  if (as.user !== ANONYMOUS) {
    if (!groups.includes(AUTHENTICATED) && !groups.includes(UNAUTHENTICATED))
      groups.push(AUTHENTICATED);
  } else if (!groups.includes(UNAUTHENTICATED)) {
    groups.push(UNAUTHENTICATED);
  }
  return { user: { username: as.user, groups } };
}

/**
 * A name without a namespace means `default`, as kubectl's does; when the object lives in
 * another namespace (kube-system's static pods, kube-dns), the error says where and how to name it.
 */
function notFound(
  sim: Simulation,
  resource: 'pods' | 'jobs' | 'services',
  kind: string,
  ref: string,
  command: string,
): string {
  if (ref.includes('/')) return `error: ${kind} "${ref}" not found`;
  const suffix = `/${ref}`;
  const namespaces = Object.keys(sim.store(resource))
    .filter((k) => k.endsWith(suffix))
    .map((k) => k.slice(0, -suffix.length))
    .sort();
  if (namespaces.length === 0) return `error: ${kind} "${ref}" not found`;
  const where = namespaces.map((ns) => `${command}${ns}/${ref}`);
  return `error: ${kind} "${ref}" not found in namespace "default"; it is in ${namespaces.map((ns) => `"${ns}"`).join(', ')}: ${where.join(' or ')}`;
}

export function crash(sim: Simulation, ref: string, container?: string): string[] {
  if (ref.startsWith('job/')) return crashJob(sim, ref.slice('job/'.length), container);
  const key = ref.includes('/') ? ref : `default/${ref}`;
  const pod = sim.store('pods')[key];
  if (!pod) return [notFound(sim, 'pods', 'pod', ref, 'crash ')];
  const nodeName = pod.spec?.nodeName as string | undefined;
  const node = nodeName ? sim.state.nodes[nodeName] : undefined;
  if (!node?.up) return [`error: pod "${ref}" is not running on any node`];
  const name = container ?? pod.spec.containers[0].name;
  if (!(pod.spec.containers ?? []).some((c: { name: string }) => c.name === name))
    return [`error: container "${name}" not found in pod "${ref}"`];
  const uid = pod.metadata.annotations?.['kubernetes.io/config.mirror']
    ? Object.values(node.kubelet.pods).find((kp) => kp.key === key)?.uid
    : pod.metadata.uid;
  const inst = uid ? latestInstance(node, uid, name) : undefined;
  if (inst?.state !== 'running')
    return [`error: container "${name}" in pod "${ref}" is not running`];
  exitContainer(sim, node, inst, 1, 'Error');
  sim.schedule(0, {
    t: 'runtime/containerExit',
    node: node.name,
    containerId: inst.id,
    exitCode: 1,
    reason: 'Error',
  });
  return [`container ${name} in pod ${key} exited with code 1`];
}

/**
 * `crash job/NAME`: every running pod of the Job (NAME or NAMESPACE/NAME) has its container exit
 * with code 1, as a failing batch program would.
 */
function crashJob(sim: Simulation, ref: string, container?: string): string[] {
  const key = ref.includes('/') ? ref : `default/${ref}`;
  const job = sim.store('jobs')[key];
  if (!job) return [notFound(sim, 'jobs', 'job', ref, 'crash job/')];
  const keys = sim.indexes.ownedKeys(job.metadata.uid as string, 'pods');
  const running = keys.filter((k) => {
    const pod = sim.store('pods')[k];
    return pod?.status?.phase === 'Running' && !pod.metadata.deletionTimestamp;
  });
  if (running.length === 0) return [`error: job "${ref}" has no running pods`];
  return running.flatMap((k) => crash(sim, k, container));
}

export function request(sim: Simulation, service: string, count: number): string[] {
  const key = service.includes('/') ? service : `default/${service}`;
  const svc = sim.store('services')[key];
  if (!svc) return [notFound(sim, 'services', 'service', service, 'request ')];
  const port = svc.spec?.ports?.[0]?.port as number;
  const clusterIP = svc.spec?.clusterIP as string;
  const workers = sim.state.nodeNames.filter(
    (n) => sim.state.nodes[n].role === 'worker' && sim.state.nodes[n].up,
  );
  const entries = workers.length
    ? workers
    : sim.state.nodeNames.filter((n) => sim.state.nodes[n].up);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const entry = entries.length
      ? sim.state.nodes[entries[sim.int(0, entries.length - 1)]]
      : undefined;
    if (!entry?.proxy.rules) {
      out.push('failed: connection timed out');
      continue;
    }
    const routed = routeRequest(
      entry.proxy.rules,
      { clusterIP, port },
      sim.state.rng,
      entry.proxy.rr,
    );
    if (!routed.ok) {
      sim.trace(
        ACTOR.client,
        ACTOR.proxy(entry.name),
        'traffic',
        `service/${key}`,
        `request to ${clusterIP}:${port} failed: ${routed.reason}`,
        true,
      );
      out.push(`failed: ${routed.reason}`);
      continue;
    }
    const ep = routed.endpoint;
    const target = podAtIp(sim, ep.ip, ep.port);
    const answer = target
      ? httpToPod(sim, target, ep.port, {
          method: 'GET',
          path: '/',
          clientIp: masqueradedSource(entry, target.node),
          userAgent: CUSTOMER_AGENT,
          host: port === 80 ? clusterIP : `${clusterIP}:${port}`,
        })
      : 'refused';
    const served = answer !== 'refused' && answer !== 'timeout';
    sim.trace(
      ACTOR.client,
      ACTOR.proxy(entry.name),
      'traffic',
      `service/${key}`,
      `${clusterIP}:${port} → ${ep.ip}:${ep.port}${target ? ` (${podRef(target)})` : ''} via ${routed.chain.join(' → ')}`,
      !served,
    );
    if (!target || !served)
      out.push(
        `failed: ${answer === 'timeout' ? 'connection timed out' : 'connection refused'} (${ep.ip}:${ep.port})`,
      );
    else if (answer.status === 0)
      out.push(`failed: empty reply from server (${target.name} on ${target.node.name})`);
    else if (answer.status !== 200)
      out.push(
        `served by ${target.name} on ${target.node.name}: ${answer.status} ${statusText(answer.status)}`,
      );
    else out.push(`served by ${target.name} on ${target.node.name}`);
  }
  return out;
}

/**
 * `namespace/name` of the pod that answered: pods on the host network share their node's IP
 * (the control plane's static pods), so the address alone does not say which one.
 */
function podRef(target: PodAtIp): string {
  const pod = target.node.kubelet.pods[target.uid]?.pod;
  return pod ? `${pod.metadata.namespace}/${pod.metadata.name}` : target.name;
}

/** Go's net/http StatusText for the statuses the simulated servers answer. */
function statusText(status: number): string {
  const texts: Record<number, string> = {
    301: 'Moved Permanently',
    403: 'Forbidden',
    404: 'Not Found',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return texts[status] ?? '';
}

export function proxyRules(sim: Simulation, nodeName: string): string[] {
  const node = sim.state.nodes[nodeName];
  if (!node) return [`error: node "${nodeName}" not found`];
  if (!node.up) return [`error: node "${nodeName}" is down`];
  if (!node.proxy.rules) return ['# kube-proxy has not programmed any rules yet'];
  const text =
    node.proxy.rules.mode === 'ipvs'
      ? renderIpvsadm(node.proxy.rules)
      : renderIptablesSave(node.proxy.rules);
  return text.split('\n');
}

/** A control-plane process exits on its own (e.g. it lost leader election); its kubelet restarts it. */
export function crashStaticPod(sim: Simulation, key: string): void {
  const cp = sim.state.nodes['control-plane'];
  if (!cp?.up) return;
  crash(sim, key);
}
