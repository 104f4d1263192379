/**
 * `kubectl describe` (kubernetes/kubectl pkg/cmd/describe/describe.go): by type, by name, or by
 * name prefix when the exact name is not found (`describe pods ng`). The describers read more
 * than the object: its events, and related objects gathered here with ordinary list calls.
 */
import type { ResourceInfo } from '../../api/resources';
import { resourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
import { DEFAULT_CHUNK_SIZE, isNotFound } from '../client';
import { type CommandContext, type CommandDef, FILENAME_FLAG, SELECTOR_FLAG } from '../command';
import { aggregate, CommandFailure, errorText, type Failure, failWith } from '../errors';
import { type DescribeContext, renderDescribe } from '../printing';
import { parseResourceArgs } from '../resourceArgs';
import { stopOnNetwork } from './get';

export const describeCommand: CommandDef = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  flags: [
    SELECTOR_FLAG,
    FILENAME_FLAG,
    { name: 'all-namespaces', short: 'A', kind: 'bool' },
    { name: 'show-events', kind: 'bool', default: true },
    { name: 'chunk-size', kind: 'int', default: DEFAULT_CHUNK_SIZE },
  ],
  run: runDescribe,
};

function runDescribe(ctx: CommandContext): void {
  const { flags, out, client } = ctx;
  if (ctx.args.length === 0) {
    throw failWith.message(
      'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
    );
  }
  const allNamespaces = flags.bool('all-namespaces');
  const parsed = parseResourceArgs(ctx.args);
  const found: { r: ResourceInfo; obj: KObject }[] = [];
  const errors: Failure[] = [];
  if (parsed.kind === 'types') {
    for (const r of parsed.types) {
      const res = client.tryList(r, allNamespaces ? undefined : ctx.namespace, {
        labelSelector: flags.string('selector'),
        chunkSize: flags.int('chunk-size'),
      });
      if (res.ok) found.push(...res.value.map((obj) => ({ r, obj })));
      else errors.push(stopOnNetwork(res.failure));
    }
  } else {
    for (const item of parsed.items) {
      const res = client.tryGet(item.r, ctx.namespace, item.name);
      if (res.ok) {
        found.push({ r: item.r, obj: res.value });
        continue;
      }
      const failure = stopOnNetwork(res.failure);
      if (isNotFound(failure) && ctx.args.length === 2) {
        describeMatching(ctx, item.r, item.name, failure);
        return;
      }
      errors.push(failure);
    }
  }

  const seen = new Set<string>();
  const unique = errors.filter((e) => {
    const t = errorText(e, ctx.host.serverAddress);
    if (seen.has(t)) return false;
    seen.add(t);
    return true;
  });
  found.forEach(({ r, obj }, i) => {
    const text = renderDescribe(r, obj, describeContext(ctx, r, obj));
    out.write(i === 0 ? text : `\n\n${text}`);
  });
  if (found.length === 0 && unique.length === 0) {
    out.line(
      allNamespaces ? 'No resources found' : `No resources found in ${ctx.namespace} namespace.`,
    );
  }
  const agg = aggregate(unique);
  if (agg) throw new CommandFailure(agg);
}

/** DescribeMatchingResources: every object of the type whose name starts with the prefix. */
function describeMatching(
  ctx: CommandContext,
  r: ResourceInfo,
  prefix: string,
  original: Failure,
): void {
  const res = ctx.client.tryList(r, ctx.namespace);
  if (!res.ok) throw new CommandFailure(res.failure);
  const matches = res.value.filter((o) => (o.metadata.name ?? '').startsWith(prefix));
  if (matches.length === 0) throw new CommandFailure(original);
  for (const obj of matches)
    ctx.out.write(`${renderDescribe(r, obj, describeContext(ctx, r, obj))}\n`);
}

/** Best-effort lists: a describer shows what it can read, like kubectl's describers do. */
function listOrEmpty(
  ctx: CommandContext,
  resource: string,
  namespace: string | undefined,
  opts = {},
): KObject[] {
  const res = ctx.client.tryList(resourceInfo(resource), namespace, opts);
  return res.ok ? res.value : [];
}

function describeContext(ctx: CommandContext, r: ResourceInfo, obj: KObject): DescribeContext {
  const ns = obj.metadata.namespace;
  const name = obj.metadata.name ?? '';
  const showEvents = ctx.flags.bool('show-events');
  let events: KObject[] = [];
  if (showEvents) {
    // The kubelet records node events with the node's name as UID, in the default namespace,
    // so nodes are matched by kind and name across namespaces.
    events =
      r.kind === 'Node'
        ? listOrEmpty(ctx, 'events', undefined, {
            fieldSelector: `involvedObject.kind=Node,involvedObject.name=${name}`,
          })
        : listOrEmpty(ctx, 'events', ns, {
            fieldSelector: `involvedObject.uid=${obj.metadata.uid ?? ''}`,
          });
  }
  const related: DescribeContext['related'] = {};
  switch (r.kind) {
    case 'Node': {
      related.nodePods = listOrEmpty(ctx, 'pods', undefined, {
        fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed`,
      });
      const lease = ctx.client.tryGet(resourceInfo('leases'), 'kube-node-lease', name);
      if (lease.ok) related.lease = lease.value;
      break;
    }
    case 'Deployment':
      related.replicaSets = listOrEmpty(ctx, 'replicasets', ns);
      break;
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'Job':
    case 'StatefulSet':
      related.pods = listOrEmpty(ctx, 'pods', ns);
      break;
    case 'ServiceAccount': {
      const secrets = ctx.client.tryList(resourceInfo('secrets'), ns);
      if (secrets.ok) related.secrets = secrets.value;
      break;
    }
    case 'Service':
      related.endpointSlices = listOrEmpty(ctx, 'endpointslices', ns, {
        labelSelector: `kubernetes.io/service-name=${name}`,
      });
      break;
  }
  return { nowMs: ctx.host.nowMs(), events, related };
}
