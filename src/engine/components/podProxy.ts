/**
 * kube-apiserver's pods/log and pods/exec: the API server does not hold logs or run commands; it
 * finds the container and the node (pkg/registry/core/pod/strategy.go LogLocation, ExecLocation,
 * validateContainer), dials that node's kubelet on its InternalIP and kubeletEndpoint port, and
 * passes the answer back:
 *
 * - pods/log (pkg/registry/core/pod/rest/log.go): options validated (`The PodLogOptions "x" is
 *   invalid`), an unscheduled pod answers an empty log, a failed dial is the transport's error
 *   (`Get "https://IP:10250/containerLogs/…": dial tcp …`), and the kubelet's non-200 answers go
 *   through GenericHttpResponseChecker: 400 → BadRequest with the kubelet's text, 404 →
 *   `the server could not find the requested resource ( pods/log x)`, 500 → InternalError.
 * - pods/exec, pods/attach, pods/portforward (rest/subresources.go ExecREST, AttachREST,
 *   PortForwardREST; strategy.go streamLocation, PortForwardLocation): an unscheduled pod is a
 *   BadRequest (`pod x does not have a host assigned`), a failed dial `error dialing backend:
 *   dial tcp …` (the upgrade-aware proxy), the kubelet's answer is the upgraded stream or its
 *   refusal. Port-forward names no container.
 */

import type { FieldError } from '../api/errors';
import { backendNotFound, badRequest, invalid, notFound, unknownError } from '../api/errors';
import { type ResourceInfo, resourceInfo } from '../api/resources';
import type { ApiRequest, ApiResult, KObject, PodLogOptions } from '../api/types';
import type { Simulation } from '../sim/simulation';
import { ACTOR, keyName } from '../trace';
import { serveAttach, serveContainerLogs, serveExec, servePortForward } from './kubeletServer';

/** The kind NewInvalid names for rejected log options. */
const POD_LOG_OPTIONS: ResourceInfo = {
  resource: 'podlogoptions',
  singular: 'podlogoptions',
  kind: 'PodLogOptions',
  group: '',
  version: 'v1',
  namespaced: true,
  shortNames: [],
};

/** GET pods/NAME/log or POST pods/NAME/exec, after authorization. */
export function connectPod(
  sim: Simulation,
  r: ResourceInfo,
  namespace: string,
  name: string,
  req: ApiRequest,
): ApiResult {
  // The log options are checked before the pod is looked up (LogREST.Get).
  const logOptions = req.logOptions ?? {};
  const errs = req.subresource === 'log' ? validateLogOptions(logOptions) : [];
  if (errs.length) return { ok: false, status: invalid(POD_LOG_OPTIONS, name, errs) };
  const pod = sim.store('pods')[`${namespace}/${name}`];
  if (!pod) return { ok: false, status: notFound(r, name) };
  switch (req.subresource) {
    case 'log':
      return podLog(sim, pod, logOptions);
    case 'attach':
      return podAttach(sim, pod, req);
    case 'portforward':
      return podPortForward(sim, pod);
    default:
      return podExec(sim, pod, req);
  }
}

/** ValidatePodLogOptions. */
function validateLogOptions(opts: PodLogOptions): FieldError[] {
  const errs: FieldError[] = [];
  const invalidValue = (field: string, value: number, detail: string): FieldError => ({
    field,
    body: `Invalid value: ${value}: ${detail}`,
    reason: 'FieldValueInvalid',
  });
  if (opts.tailLines !== undefined && opts.tailLines < 0)
    errs.push(invalidValue('tailLines', opts.tailLines, 'must be greater than or equal to 0'));
  if (opts.limitBytes !== undefined && opts.limitBytes < 1)
    errs.push(invalidValue('limitBytes', opts.limitBytes, 'must be greater than 0'));
  if (opts.sinceSeconds !== undefined && opts.sinceSeconds < 1)
    errs.push(invalidValue('sinceSeconds', opts.sinceSeconds, 'must be greater than 0'));
  return errs;
}

/** validateContainer: the named container must be the pod's; none named is fine for one. */
function validateContainer(pod: KObject, container: string | undefined): string | ApiResult {
  const spec = pod.spec ?? {};
  const containers: { name: string }[] = spec.containers ?? [];
  const all: string[] = [
    ...(spec.initContainers ?? []),
    ...containers,
    ...(spec.ephemeralContainers ?? []),
  ].map((c: { name: string }) => c.name);
  const podName = pod.metadata.name as string;
  if (!container) {
    if (containers.length === 1) return containers[0].name;
    if (containers.length === 0)
      return {
        ok: false,
        status: badRequest(`a container name must be specified for pod ${podName}`),
      };
    // Go's %s of a []string: `[a b]`.
    return {
      ok: false,
      status: badRequest(
        `a container name must be specified for pod ${podName}, choose one of: [${all.join(' ')}]`,
      ),
    };
  }
  if (!all.includes(container))
    return {
      ok: false,
      status: badRequest(`container ${container} is not valid for pod ${podName}`),
    };
  return container;
}

/** GetConnectionInfo: the node's InternalIP and kubelet port, from its Node object. */
function kubeletAddress(
  sim: Simulation,
  nodeName: string,
): { ip: string; port: number } | ApiResult {
  const node = sim.store('nodes')[nodeName];
  if (!node) return { ok: false, status: notFound(resourceInfo('nodes'), nodeName) };
  const addresses: { type: string; address: string }[] = node.status?.addresses ?? [];
  const ip =
    addresses.find((a) => a.type === 'InternalIP')?.address ??
    addresses.find((a) => a.type === 'ExternalIP')?.address ??
    addresses.find((a) => a.type === 'Hostname')?.address ??
    nodeName;
  const port = node.status?.daemonEndpoints?.kubeletEndpoint?.Port ?? 10250;
  return { ip, port };
}

/** Why a dial to the node's kubelet fails, as Go's net package says it; undefined when it connects. */
function dialFailure(sim: Simulation, nodeName: string): string | undefined {
  const node = sim.state.nodes[nodeName];
  // A machine that is off does not answer ARP: the kernel gives up on the route.
  if (!node?.up) return 'connect: no route to host';
  if (node.kubelet.broken) return 'connect: connection refused';
  return undefined;
}

/** url.Values.Encode of the log options LogLocation passes on (keys sorted). */
function logQuery(opts: PodLogOptions): string {
  const params: [string, string][] = [];
  if (opts.follow) params.push(['follow', 'true']);
  if (opts.limitBytes !== undefined) params.push(['limitBytes', String(opts.limitBytes)]);
  if (opts.previous) params.push(['previous', 'true']);
  if (opts.sinceSeconds !== undefined) params.push(['sinceSeconds', String(opts.sinceSeconds)]);
  if (opts.tailLines !== undefined) params.push(['tailLines', String(opts.tailLines)]);
  if (opts.timestamps) params.push(['timestamps', 'true']);
  return params.length ? `?${params.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
}

function traceHop(
  sim: Simulation,
  pod: KObject,
  nodeName: string,
  what: string,
  error?: string,
): void {
  sim.trace(
    ACTOR.apiserver,
    ACTOR.kubelet(nodeName),
    'api',
    keyName('pod', `${pod.metadata.namespace}/${pod.metadata.name}`, pod.metadata),
    error ? `${what} — ${error}` : what,
    !!error,
  );
}

function podLog(sim: Simulation, pod: KObject, opts: PodLogOptions): ApiResult {
  const name = pod.metadata.name as string;
  const container = validateContainer(pod, opts.container);
  if (typeof container !== 'string') return container;
  const nodeName: string | undefined = pod.spec?.nodeName;
  // A pod no node has taken yet has no log: an empty location streams nothing.
  if (!nodeName) return { ok: true, stream: { kind: 'log', body: '' } };
  const addr = kubeletAddress(sim, nodeName);
  if ('ok' in addr) return addr;
  const path = `/containerLogs/${pod.metadata.namespace}/${name}/${container}${logQuery(opts)}`;
  const what = `GET ${path}`;
  const dial = dialFailure(sim, nodeName);
  if (dial) {
    const message = `Get "https://${addr.ip}:${addr.port}${path}": dial tcp ${addr.ip}:${addr.port}: ${dial}`;
    traceHop(sim, pod, nodeName, what, dial);
    return { ok: false, status: unknownError(message) };
  }
  const node = sim.state.nodes[nodeName];
  const res = serveContainerLogs(
    sim,
    node,
    pod.metadata.namespace as string,
    name,
    container,
    opts,
  );
  traceHop(sim, pod, nodeName, what, res.code === 200 ? undefined : `${res.code}: ${res.body}`);
  switch (res.code) {
    case 200:
      return {
        ok: true,
        stream: { kind: 'log', body: res.body, ...(res.follow ? { follow: res.follow } : {}) },
      };
    case 400:
      return { ok: false, status: badRequest(res.body) };
    case 404:
      return { ok: false, status: backendNotFound('pods/log', name) };
    default:
      return { ok: false, status: unknownError(res.body) };
  }
}

function podExec(sim: Simulation, pod: KObject, req: ApiRequest): ApiResult {
  const name = pod.metadata.name as string;
  const opts = req.execOptions ?? { command: [] };
  const container = validateContainer(pod, opts.container);
  if (typeof container !== 'string') return container;
  const nodeName: string | undefined = pod.spec?.nodeName;
  if (!nodeName)
    return { ok: false, status: badRequest(`pod ${name} does not have a host assigned`) };
  const addr = kubeletAddress(sim, nodeName);
  if ('ok' in addr) return addr;
  const what = `POST /exec/${pod.metadata.namespace}/${name}/${container}`;
  const dial = dialFailure(sim, nodeName);
  if (dial) {
    traceHop(sim, pod, nodeName, what, dial);
    return {
      ok: false,
      status: unknownError(`error dialing backend: dial tcp ${addr.ip}:${addr.port}: ${dial}`),
    };
  }
  const node = sim.state.nodes[nodeName];
  const stream = serveExec(sim, node, pod.metadata.namespace as string, name, container, opts);
  traceHop(
    sim,
    pod,
    nodeName,
    what,
    stream.kind === 'upgradeFailed' ? `${stream.code}: ${stream.body}` : undefined,
  );
  return { ok: true, stream };
}

/** The node a stream goes to, once the pod is scheduled and its kubelet answers. */
function streamTarget(
  sim: Simulation,
  pod: KObject,
  what: string,
): { nodeName: string } | ApiResult {
  const name = pod.metadata.name as string;
  const nodeName: string | undefined = pod.spec?.nodeName;
  if (!nodeName)
    return { ok: false, status: badRequest(`pod ${name} does not have a host assigned`) };
  const addr = kubeletAddress(sim, nodeName);
  if ('ok' in addr) return addr;
  const dial = dialFailure(sim, nodeName);
  if (dial) {
    traceHop(sim, pod, nodeName, what, dial);
    return {
      ok: false,
      status: unknownError(`error dialing backend: dial tcp ${addr.ip}:${addr.port}: ${dial}`),
    };
  }
  return { nodeName };
}

function podAttach(sim: Simulation, pod: KObject, req: ApiRequest): ApiResult {
  const name = pod.metadata.name as string;
  const namespace = pod.metadata.namespace as string;
  const opts = req.attachOptions ?? {};
  const container = validateContainer(pod, opts.container);
  if (typeof container !== 'string') return container;
  const what = `POST /attach/${namespace}/${name}/${container}`;
  const target = streamTarget(sim, pod, what);
  if ('ok' in target) return target;
  const node = sim.state.nodes[target.nodeName];
  const stream = serveAttach(sim, node, namespace, name, container, opts);
  traceHop(
    sim,
    pod,
    target.nodeName,
    what,
    stream.kind === 'upgradeFailed' ? `${stream.code}: ${stream.body}` : undefined,
  );
  return { ok: true, stream };
}

function podPortForward(sim: Simulation, pod: KObject): ApiResult {
  const name = pod.metadata.name as string;
  const namespace = pod.metadata.namespace as string;
  const what = `POST /portForward/${namespace}/${name}`;
  const target = streamTarget(sim, pod, what);
  if ('ok' in target) return target;
  const node = sim.state.nodes[target.nodeName];
  const stream = servePortForward(sim, node, namespace, name);
  traceHop(
    sim,
    pod,
    target.nodeName,
    what,
    stream.kind === 'upgradeFailed' ? `${stream.code}: ${stream.body}` : undefined,
  );
  return { ok: true, stream };
}
