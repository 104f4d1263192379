/**
 * `kubectl expose` (kubernetes/kubectl pkg/cmd/expose/expose.go with polymorphichelpers and the
 * service generator in pkg/generate/versioned/service.go): a Service selecting what the exposed
 * object selects, on the ports it declares unless --port says otherwise.
 */
import { resourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
import { must } from '../client';
import {
  type CommandContext,
  type CommandDef,
  DRY_RUN_FLAG,
  FIELD_MANAGER_FLAG,
  FILENAME_FLAG,
  OUTPUT_FLAG,
} from '../command';
import { failWith, usageError } from '../errors';
import { PairError, parsePairs } from '../pairs';
import { NO_RESOURCES_GIVEN, parseResourceArgs } from '../resourceArgs';
import { createGenerated } from './generated';

export const exposeCommand: CommandDef = {
  name: 'expose',
  short:
    'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  flags: [
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    FIELD_MANAGER_FLAG,
    FILENAME_FLAG,
    { name: 'port', kind: 'string' },
    { name: 'target-port', kind: 'string' },
    { name: 'name', kind: 'string' },
    { name: 'type', kind: 'string' },
    { name: 'protocol', kind: 'string' },
    { name: 'selector', kind: 'string' },
    { name: 'labels', short: 'l', kind: 'string' },
    { name: 'cluster-ip', kind: 'string' },
    { name: 'external-ip', kind: 'string' },
    { name: 'session-affinity', kind: 'string' },
  ],
  run: runExpose,
};

interface ContainerPort {
  containerPort: number;
  protocol?: string;
}

function podSpecOf(obj: KObject): { containers?: { ports?: ContainerPort[] }[] } | undefined {
  return obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
}

/** polymorphichelpers.mapBasedSelectorForObject. */
function selectorFor(obj: KObject): Record<string, string> {
  switch (obj.kind) {
    case 'Pod': {
      const labels = obj.metadata.labels ?? {};
      if (Object.keys(labels).length === 0)
        throw new Error('the pod has no labels and cannot be exposed');
      return labels;
    }
    case 'Service': {
      const sel = obj.spec?.selector ?? {};
      if (Object.keys(sel).length === 0) throw new Error('the service has no pod selector set');
      return sel;
    }
    default: {
      const sel = obj.spec?.selector;
      if (sel?.matchExpressions?.length) {
        throw new Error(
          `couldn't convert expressions - "${JSON.stringify(sel)}" to map-based selector format`,
        );
      }
      return { ...(sel?.matchLabels ?? {}) };
    }
  }
}

/** polymorphichelpers.portsForObject / protocolsForObject. */
function portsFor(obj: KObject): { port: string; protocol: string }[] {
  if (obj.kind === 'Service') {
    return (obj.spec?.ports ?? []).map((p: { port: number; protocol?: string }) => ({
      port: String(p.port),
      protocol: p.protocol ?? 'TCP',
    }));
  }
  return (podSpecOf(obj)?.containers ?? []).flatMap((c) =>
    (c.ports ?? []).map((p) => ({ port: String(p.containerPort), protocol: p.protocol ?? 'TCP' })),
  );
}

function parseLabelPairs(text: string): Record<string, string> {
  try {
    return parsePairs(text.split(','), (pair) => `invalid label spec: ${pair}`);
  } catch (e) {
    if (e instanceof PairError) throw failWith.message(e.message);
    throw e;
  }
}

function runExpose(ctx: CommandContext): void {
  const { flags } = ctx;
  if (ctx.args.length === 0) {
    throw usageError(ctx.path, NO_RESOURCES_GIVEN);
  }
  const parsed = parseResourceArgs(ctx.args);
  if (parsed.kind !== 'names' || parsed.items.length !== 1) {
    throw usageError(ctx.path, 'expose requires exactly one resource and name');
  }
  const { r, name } = parsed.items[0];
  if (!['Pod', 'Service', 'Deployment', 'ReplicaSet'].includes(r.kind)) {
    throw failWith.message(`cannot expose a ${r.kind}`);
  }
  const obj = must(ctx.client.tryGet(r, ctx.namespace, name));

  let selector: Record<string, string>;
  if (flags.string('selector')) selector = parseLabelPairs(flags.string('selector'));
  else {
    try {
      selector = selectorFor(obj);
    } catch (e) {
      throw usageError(
        ctx.path,
        `couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`,
      );
    }
  }
  const introspected = portsFor(obj);
  const ports = flags.string('port')
    ? [{ port: flags.string('port'), protocol: '' }]
    : introspected;
  const headless = flags.string('cluster-ip') === 'None';
  if (ports.length === 0 && !headless) {
    throw usageError(ctx.path, "couldn't find port via --port flag or introspection");
  }
  const protocolOf = (port: string, given: string) =>
    flags.string('protocol') ||
    given ||
    introspected.find((p) => p.port === port)?.protocol ||
    'TCP';
  const targetText = flags.string('target-port');
  const servicePorts = ports.map((p, i) => {
    const port = Number(p.port);
    if (!/^\d+$/.test(p.port))
      throw failWith.message(`strconv.Atoi: parsing ${JSON.stringify(p.port)}: invalid syntax`);
    const targetPort = targetText
      ? /^\d+$/.test(targetText)
        ? Number(targetText)
        : targetText
      : port;
    return {
      ...(ports.length > 1 ? { name: `port-${i + 1}` } : {}),
      port,
      protocol: protocolOf(p.port, p.protocol),
      targetPort,
    };
  });

  const spec: Record<string, unknown> = { ports: servicePorts, selector };
  if (flags.string('type')) spec.type = flags.string('type');
  if (flags.string('cluster-ip')) spec.clusterIP = flags.string('cluster-ip');
  if (flags.string('external-ip')) spec.externalIPs = [flags.string('external-ip')];
  if (flags.string('session-affinity')) spec.sessionAffinity = flags.string('session-affinity');
  const labels = flags.string('labels')
    ? parseLabelPairs(flags.string('labels'))
    : obj.metadata.labels;
  createGenerated(
    ctx,
    resourceInfo('services'),
    {
      metadata: {
        name: flags.string('name') || name.slice(0, 63),
        ...(labels && Object.keys(labels).length > 0 ? { labels } : {}),
        creationTimestamp: null,
      },
      spec,
      status: { loadBalancer: {} },
    } as unknown as KObject,
    'exposed',
  );
}
