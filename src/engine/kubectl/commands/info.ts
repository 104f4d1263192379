/**
 * `kubectl version`, `cluster-info` and `api-resources` (kubernetes/kubectl pkg/cmd/version,
 * clusterinfo, apiresources). The server's version is the simulation's Kubernetes version; the
 * API server is reached with an ordinary GET so a broken one shows as it would.
 */
import { apiVersionOf, RESOURCES, resourceInfo } from '../../api/resources';
import { KUBERNETES_VERSION } from '../../sim/defaults';
import { must } from '../client';
import type { CommandDef } from '../command';
import { CommandFailure, failWith } from '../errors';
import { GET_TABWRITER, TabWriter } from '../print/tabwriter';

/** The kustomize library kubectl v1.34 embeds. */
export const KUSTOMIZE_VERSION = 'v5.7.1';

export const versionCommand: CommandDef = {
  name: 'version',
  short: 'Print the client and server version information',
  flags: [
    { name: 'client', kind: 'bool' },
    { name: 'output', short: 'o', kind: 'string' },
  ],
  run(ctx) {
    const format = ctx.flags.string('output');
    if (format !== '')
      throw failWith.message(
        `output format ${JSON.stringify(format)} is not supported by this simulator`,
      );
    ctx.out.line(`Client Version: ${KUBERNETES_VERSION}`);
    ctx.out.line(`Kustomize Version: ${KUSTOMIZE_VERSION}`);
    if (ctx.flags.bool('client')) return;
    const probe = ctx.client.tryGet(resourceInfo('namespaces'), undefined, 'default');
    if (!probe.ok && probe.failure.type === 'network') throw new CommandFailure(probe.failure);
    ctx.out.line(`Server Version: ${KUBERNETES_VERSION}`);
  },
};

export const clusterInfoCommand: CommandDef = {
  name: 'cluster-info',
  short: 'Display cluster information',
  flags: [],
  run(ctx) {
    if (ctx.args[0] === 'dump')
      throw failWith.message('cluster-info dump is not supported by this simulator');
    const server = `https://${ctx.host.serverAddress}`;
    const namespace = ctx.explicitNamespace ? ctx.namespace : 'kube-system';
    const res = ctx.client.tryList(resourceInfo('services'), namespace, {
      labelSelector: 'kubernetes.io/cluster-service=true',
    });
    if (res.ok) {
      ctx.out.line(`Kubernetes control plane is running at ${server}`);
      for (const svc of res.value) {
        const port = svc.spec?.ports?.[0];
        let path = svc.metadata.name as string;
        if (port) {
          const scheme = port.name === 'https' || port.port === 443 ? 'https' : '';
          // utilnet.JoinSchemeNamePort: [scheme:]name[:port]
          path = [scheme, path, port.name ?? ''].filter((p, i) => i === 1 || p !== '').join(':');
        }
        const name = svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name;
        ctx.out.line(
          `${name} is running at ${server}/api/v1/namespaces/${svc.metadata.namespace}/services/${path}/proxy`,
        );
      }
    }
    ctx.out.line();
    ctx.out.line(
      "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
    );
    must(res);
  },
};

export const apiResourcesCommand: CommandDef = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  flags: [
    { name: 'namespaced', kind: 'bool', default: true },
    { name: 'no-headers', kind: 'bool' },
    { name: 'output', short: 'o', kind: 'string' },
    { name: 'api-group', kind: 'string' },
  ],
  run(ctx) {
    const probe = ctx.client.tryGet(resourceInfo('namespaces'), undefined, 'default');
    if (!probe.ok && probe.failure.type === 'network') throw new CommandFailure(probe.failure);
    const format = ctx.flags.string('output');
    if (format !== '' && format !== 'name' && format !== 'wide') {
      throw failWith.message(`--output ${format} is not available`);
    }
    // Discovery order: groups sorted (core first), resources by name within a group.
    let list = [...RESOURCES].sort((a, b) =>
      a.group !== b.group ? (a.group < b.group ? -1 : 1) : a.resource < b.resource ? -1 : 1,
    );
    if (ctx.flags.changed('namespaced'))
      list = list.filter((r) => r.namespaced === ctx.flags.bool('namespaced'));
    if (ctx.flags.changed('api-group'))
      list = list.filter((r) => r.group === ctx.flags.string('api-group'));
    if (format === 'name') {
      for (const r of list) ctx.out.line(r.group ? `${r.resource}.${r.group}` : r.resource);
      return;
    }
    const w = new TabWriter(GET_TABWRITER);
    if (!ctx.flags.bool('no-headers')) w.write('NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n');
    for (const r of list) {
      w.write(
        `${r.resource}\t${r.shortNames.join(',')}\t${apiVersionOf(r)}\t${r.namespaced}\t${r.kind}\n`,
      );
    }
    ctx.out.write(w.text());
  },
};
