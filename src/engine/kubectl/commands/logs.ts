/**
 * `kubectl logs` (kubernetes/kubectl pkg/cmd/logs/logs.go with
 * pkg/polymorphichelpers/logsforobject.go): POD or TYPE/NAME (a workload picks one pod, saying
 * `Found N pods, using pod/…`), `-l` for every pod a selector matches (10 lines each unless
 * --tail), a container by `-c`, by the default-container annotation or the first one (saying
 * `Defaulted container …`), `--all-containers`, `--prefix`. Each container's log is one GET of
 * pods/NAME/log through the API server, which asks the node's kubelet.
 *
 * Where kubectl iterates a Go map of requests (random order), this one keeps the pods' and
 * containers' order. `-f` prints the log as it is and ends: a lab command cannot stay open
 * (a note says so while the container still runs).
 */
import { type ResourceInfo, resourceInfo } from '../../api/resources';
import type { KObject, PodLogOptions } from '../../api/types';
import { isNotFound } from '../client';
import { type CommandContext, type CommandDef, SELECTOR_FLAG } from '../command';
import { CommandFailure, errorText, failWith, usageError } from '../errors';
import { lookupResource } from '../resourceArgs';
import {
  allContainerNames,
  byLogging,
  DEFAULT_CONTAINER_ANNOTATION,
  findContainer,
  getPodList,
  hasSeveralContainers,
  selectorForObject,
} from './podForObject';

const USAGE = 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]';
const USAGE_ERROR = `expected '${USAGE}'.\nPOD or TYPE/NAME is a required argument for the logs command`;
/** selectorTail: with -l and no --tail, the last 10 lines of each container. */
const SELECTOR_TAIL = 10;
/** defaultPodLogsTimeout. */
const POD_LOGS_TIMEOUT_MS = 20_000;

export const FOLLOW_NOTE =
  '# kube-kitchen: -f printed the log so far and stopped; run the command again for newer lines';

export const logsCommand: CommandDef = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  long: 'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.',
  use: `${USAGE}`,
  example: [
    '# Return snapshot logs from pod nginx with only one container',
    'kubectl logs nginx',
    '',
    '# Return snapshot logs from pod nginx with multi containers',
    'kubectl logs nginx --all-containers=true',
    '',
    '# Return snapshot logs from all containers in pods defined by label app=nginx',
    'kubectl logs -l app=nginx --all-containers=true',
    '',
    '# Return snapshot of previous terminated ruby container logs from pod web-1',
    'kubectl logs -p -c ruby web-1',
    '',
    '# Display only the most recent 20 lines of output in pod nginx',
    'kubectl logs --tail=20 nginx',
    '',
    '# Show all logs from pod nginx written in the last hour',
    'kubectl logs --since=1h nginx',
    '',
    '# Return snapshot logs from first container of a job named hello',
    'kubectl logs job/hello',
    '',
    '# Return snapshot logs from container nginx-1 of a deployment named nginx',
    'kubectl logs deployment/nginx -c nginx-1',
  ],
  flags: [
    { name: 'all-pods', kind: 'bool' },
    { name: 'all-containers', kind: 'bool' },
    { name: 'follow', short: 'f', kind: 'bool' },
    { name: 'timestamps', kind: 'bool' },
    { name: 'limit-bytes', kind: 'int' },
    { name: 'previous', short: 'p', kind: 'bool' },
    { name: 'tail', kind: 'int', default: -1 },
    { name: 'ignore-errors', kind: 'bool' },
    { name: 'since-time', kind: 'string' },
    { name: 'since', kind: 'duration' },
    { name: 'container', short: 'c', kind: 'string' },
    { name: 'insecure-skip-tls-verify-backend', kind: 'bool' },
    { name: 'pod-running-timeout', kind: 'duration', default: POD_LOGS_TIMEOUT_MS },
    SELECTOR_FLAG,
    { name: 'max-log-requests', kind: 'int', default: 5 },
    { name: 'prefix', kind: 'bool' },
  ],
  run: runLogs,
};

/** One GET of pods/NAME/log: the pod, its container, and what to print before each line. */
interface LogRequest {
  pod: KObject;
  container: string;
  fieldPath: string;
}

function runLogs(ctx: CommandContext): void {
  const { flags, out } = ctx;
  const selector = flags.string('selector');
  const args = ctx.args;
  let resourceArg = '';
  let container = flags.string('container');
  // Complete.
  switch (args.length) {
    case 0:
      if (!selector) throw usageError(ctx.path, USAGE_ERROR);
      break;
    case 1:
      resourceArg = args[0];
      if (selector) throw usageError(ctx.path, 'only a selector (-l) or a POD name is allowed');
      break;
    case 2:
      resourceArg = args[0];
      container = args[1];
      break;
    default:
      throw usageError(ctx.path, USAGE_ERROR);
  }
  const allPods = flags.bool('all-pods');
  const prefix = flags.bool('prefix') || allPods;
  const timeoutMs = flags.durationMs('pod-running-timeout');
  if (timeoutMs <= 0) throw failWith.message('--pod-running-timeout must be higher than zero');
  const sinceTime = flags.string('since-time');
  if (sinceTime && !RFC3339.test(sinceTime))
    throw failWith.message(
      `parsing time ${JSON.stringify(sinceTime)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(sinceTime)} as "2006"`,
    );
  const options = logOptions(ctx, container, selector);

  const target = resolveTarget(ctx, resourceArg, selector);

  // Validate.
  const sinceMs = flags.durationMs('since');
  if (sinceTime && sinceMs !== 0)
    throw failWith.message('at most one of `sinceTime` or `sinceSeconds` may be specified');
  if (flags.bool('all-containers') && options.container)
    throw failWith.message(
      `--all-containers=true should not be specified with container name ${options.container}`,
    );
  if (flags.changed('container') && args.length === 2)
    throw failWith.message('only one of -c or an inline [CONTAINER] arg is allowed');
  if (flags.int('limit-bytes') < 0) throw failWith.message('--limit-bytes must be greater than 0');
  if (sinceMs < 0) throw failWith.message('--since must be greater than 0');
  if (options.tailLines !== undefined && options.tailLines < -1)
    throw failWith.message('--tail must be greater than or equal to -1');

  // RunLogs.
  const requests = logRequests(
    ctx,
    target,
    options,
    flags.bool('all-containers'),
    allPods,
    timeoutMs,
  );
  const follow = flags.bool('follow');
  const maxRequests = flags.int('max-log-requests');
  if (follow && requests.length > 1 && requests.length > maxRequests)
    throw failWith.message(
      `you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${maxRequests}, use --max-log-requests to increase the limit`,
    );
  for (const req of requests) {
    const res = ctx.client.tryStream({
      verb: 'get',
      resource: 'pods',
      namespace: req.pod.metadata.namespace,
      name: req.pod.metadata.name,
      subresource: 'log',
      logOptions: { ...options, container: req.container },
    });
    if (!res.ok) {
      if (!flags.bool('ignore-errors')) throw new CommandFailure(res.failure);
      out.write(`error: ${errorText(res.failure, ctx.host.serverAddress)}\n`);
      continue;
    }
    if (res.value.kind !== 'log') continue;
    out.write(prefix ? prefixed(res.value.body, req) : res.value.body);
  }
  if (follow && requests.some((r) => stillRunning(r.pod, r.container))) out.line(FOLLOW_NOTE);
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** ToLogOptions. */
function logOptions(ctx: CommandContext, container: string, selector: string): PodLogOptions {
  const { flags } = ctx;
  const o: PodLogOptions = {};
  if (container) o.container = container;
  if (flags.bool('follow')) o.follow = true;
  if (flags.bool('previous')) o.previous = true;
  if (flags.bool('timestamps')) o.timestamps = true;
  const limit = flags.int('limit-bytes');
  if (limit !== 0) o.limitBytes = limit;
  const sinceMs = flags.durationMs('since');
  // Rounded to the nearest second (time.Duration.Round).
  if (sinceMs !== 0) o.sinceSeconds = Math.sign(sinceMs) * Math.round(Math.abs(sinceMs) / 1000);
  const tail = flags.int('tail');
  if (selector && tail === -1 && !flags.changed('tail')) o.tailLines = SELECTOR_TAIL;
  else if (tail !== -1) o.tailLines = tail;
  return o;
}

type Target = { kind: 'object'; r: ResourceInfo; obj: KObject } | { kind: 'pods'; pods: KObject[] };

/** The builder: one named object (`pods` by default), or the pods a selector matches. */
function resolveTarget(ctx: CommandContext, resourceArg: string, selector: string): Target {
  const pods = resourceInfo('pods');
  if (!resourceArg) {
    const list = ctx.client.list(pods, ctx.namespace, { labelSelector: selector });
    if (list.length === 0) ctx.out.write(`No resources found in ${ctx.namespace} namespace.\n`);
    return { kind: 'pods', pods: list };
  }
  const slash = resourceArg.indexOf('/');
  const r = slash < 0 ? pods : lookupResource(resourceArg.slice(0, slash));
  const name = slash < 0 ? resourceArg : resourceArg.slice(slash + 1);
  if (slash >= 0 && (!name || name.includes('/')))
    throw failWith.message('arguments in resource/name form must have a single resource and name');
  const res = ctx.client.tryGet(r, ctx.namespace, name);
  if (!res.ok) {
    if (isNotFound(res.failure))
      throw failWith.message(
        `error from server (NotFound): ${errorText(res.failure, ctx.host.serverAddress)} in namespace ${JSON.stringify(ctx.namespace)}`,
      );
    throw new CommandFailure(res.failure);
  }
  return { kind: 'object', r, obj: res.value };
}

/** LogsForObject / AllPodLogsForObject: one request per pod and container, in order. */
function logRequests(
  ctx: CommandContext,
  target: Target,
  options: PodLogOptions,
  allContainers: boolean,
  allPods: boolean,
  timeoutMs: number,
): LogRequest[] {
  if (target.kind === 'pods')
    return target.pods.flatMap((p) => podRequests(ctx, p, options, allContainers, allPods));
  const obj = target.obj;
  if (obj.kind === 'Pod') return podRequests(ctx, obj, options, allContainers, allPods);
  const sel = selectorForObject(obj);
  if ('error' in sel)
    throw failWith.message(`cannot get the logs from *v1.${obj.kind}: ${sel.error}`);
  const pods = getPodList(
    ctx,
    obj.metadata.namespace ?? ctx.namespace,
    sel.selector,
    timeoutMs,
    byLogging,
  );
  if (pods.length > 1 && !allPods)
    ctx.out.write(`Found ${pods.length} pods, using pod/${pods[0].metadata.name}\n`);
  const chosen = allPods ? pods : [pods[0]];
  return chosen.flatMap((p) => podRequests(ctx, p, options, allContainers, allPods));
}

function podRequests(
  ctx: CommandContext,
  pod: KObject,
  options: PodLogOptions,
  allContainers: boolean,
  allPods: boolean,
): LogRequest[] {
  const name = pod.metadata.name as string;
  if (allContainers) {
    const spec = pod.spec ?? {};
    return [
      ...(spec.initContainers ?? []),
      ...(spec.containers ?? []),
      ...(spec.ephemeralContainers ?? []),
    ].map((c: { name: string }) => {
      const found = findContainer(pod, c.name);
      return { pod, container: c.name, fieldPath: found?.fieldPath ?? '' };
    });
  }
  let container = options.container ?? '';
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (!container && annotated) {
    if (findContainer(pod, annotated)) container = annotated;
    else
      ctx.out.write(
        `Default container name ${JSON.stringify(annotated)} not found in pod ${name}\n`,
      );
  }
  if (!container) {
    // Default to the first container (aligning with `kubectl exec`).
    container = pod.spec?.containers?.[0]?.name ?? '';
    if (hasSeveralContainers(pod) && !allPods)
      ctx.out.write(
        `Defaulted container ${JSON.stringify(container)} out of: ${allContainerNames(pod)}\n`,
      );
  }
  const found = findContainer(pod, container);
  if (!found) throw failWith.message(`container ${container} is not valid for pod ${name}`);
  return [{ pod, container, fieldPath: found.fieldPath }];
}

/** addPrefixIfNeeded: `[pod/NAME/CONTAINER] ` before every line. */
function prefixed(body: string, req: LogRequest): string {
  if (!body) return body;
  const m = /spec\.(?:initContainers|containers|ephemeralContainers)\{(.+)\}/.exec(req.fieldPath);
  const head = `[pod/${req.pod.metadata.name}/${m?.[1] ?? ''}] `;
  const lines = body.split('\n');
  const last = lines.pop() as string;
  return lines.map((l) => `${head}${l}\n`).join('') + (last ? `${head}${last}` : '');
}

/** The pod's status says the container runs: a real `-f` would keep waiting for more. */
function stillRunning(pod: KObject, container: string): boolean {
  const statuses = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
  ];
  return statuses.some(
    (s: { name: string; state?: { running?: object } }) =>
      s.name === container && !!s.state?.running,
  );
}
