/** describe.go describeContainers and its helpers (pod and pod-template container blocks). */
import type {
  Container,
  ContainerState,
  ContainerStatus,
  EnvVar,
  Pod,
  Probe,
  ResourceRequirements,
} from 'kubernetes-types/core/v1';
import { compareStrings } from '../labels';
import { milliValue, parseQuantity, quantityString, value } from '../quantity';
import { formatRfc1123z } from '../time';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './writer';

/**
 * `space` is "" for a pod and "  " for a pod template (whose container names get one extra
 * space). Statuses and the pod (for env fieldRefs) are absent for templates.
 */
export function describeContainers(
  label: string,
  containers: Container[],
  statuses: ContainerStatus[] | undefined,
  pod: Pod | undefined,
  w: PrefixWriter,
  space: string,
): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const container of containers) {
    const status = byName.get(container.name);
    describeBasicInfo(container, status, space, w);
    describeCommand(container, w);
    if (status) describeState(status, w);
    describeResources(container.resources, w, LEVEL_2);
    describeProbes(container, w);
    if (container.envFrom?.length) describeEnvFrom(container, w);
    describeEnv(container, pod, w);
    describeMounts(container, w);
  }
}

function describeBasicInfo(
  container: Container,
  status: ContainerStatus | undefined,
  space: string,
  w: PrefixWriter,
): void {
  w.write(LEVEL_1, `${space ? ' ' : ''}${container.name}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(LEVEL_2, `Image:\t${container.image ?? ''}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
  const ports = (container.ports ?? [])
    .map((p) => `${p.containerPort}/${p.protocol ?? ''}`)
    .join(', ');
  if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`);
  else w.write(LEVEL_2, `Port:\t${ports || '<none>'}\n`);
  const hostPorts = (container.ports ?? [])
    .map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`)
    .join(', ');
  if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
  else w.write(LEVEL_2, `Host Port:\t${hostPorts || '<none>'}\n`);
  const seccomp = container.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_2, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') {
      w.write(LEVEL_3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
  }
}

function describeCommand(container: Container, w: PrefixWriter): void {
  for (const [title, parts] of [
    ['Command', container.command],
    ['Args', container.args],
  ] as const) {
    if (!parts?.length) continue;
    w.write(LEVEL_2, `${title}:\n`);
    for (const part of parts) for (const line of part.split('\n')) w.write(LEVEL_3, `${line}\n`);
  }
}

function describeState(status: ContainerStatus, w: PrefixWriter): void {
  describeStatus('State', status.state, w);
  if (status.lastState?.terminated) describeStatus('Last State', status.lastState, w);
  w.write(LEVEL_2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
}

function describeStatus(name: string, state: ContainerState | undefined, w: PrefixWriter): void {
  if (state?.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${formatRfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${formatRfc1123z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${formatRfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

export function describeResources(
  resources: ResourceRequirements | undefined,
  w: PrefixWriter,
  level: number,
): void {
  for (const [title, list] of [
    ['Limits', resources?.limits],
    ['Requests', resources?.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort(compareStrings);
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) {
      w.write(level + 1, `${name}:\t${quantityString(parseQuantity(list?.[name]))}\n`);
    }
  }
}

function describeProbes(container: Container, w: PrefixWriter): void {
  if (container.livenessProbe)
    w.write(LEVEL_2, `Liveness:\t${describeProbe(container.livenessProbe)}\n`);
  if (container.readinessProbe) {
    w.write(LEVEL_2, `Readiness:\t${describeProbe(container.readinessProbe)}\n`);
  }
  if (container.startupProbe)
    w.write(LEVEL_2, `Startup:\t${describeProbe(container.startupProbe)}\n`);
}

/** describe.go DescribeProbe. */
export function describeProbe(probe: Probe): string {
  const attrs = `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 0}s period=${probe.periodSeconds ?? 0}s #success=${probe.successThreshold ?? 0} #failure=${probe.failureThreshold ?? 0}`;
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(' ')}] ${attrs}`;
  if (probe.httpGet) {
    const get = probe.httpGet;
    const port = intOrString(get.port);
    const host = get.host ?? '';
    const hostPort = port ? `${host.includes(':') ? `[${host}]` : host}:${port}` : host;
    let path = get.path ?? '';
    if (path && !path.startsWith('/') && hostPort) path = `/${path}`;
    return `http-get ${(get.scheme ?? '').toLowerCase()}://${hostPort}${path} ${attrs}`;
  }
  if (probe.tcpSocket) {
    return `tcp-socket ${probe.tcpSocket.host ?? ''}:${intOrString(probe.tcpSocket.port)} ${attrs}`;
  }
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

export function intOrString(v: number | string | undefined): string {
  return v === undefined ? '' : String(v);
}

function describeEnvFrom(container: Container, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Environment Variables from:\n');
  for (const e of container.envFrom ?? []) {
    const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
    const ref = e.configMapRef ?? e.secretRef;
    const optional = Boolean(ref?.optional);
    const source = e.prefix ? `${from} with prefix '${e.prefix}'` : from;
    w.write(LEVEL_3, `${ref?.name ?? ''}\t${source}\tOptional: ${optional}\n`);
  }
}

function describeEnv(container: Container, pod: Pod | undefined, w: PrefixWriter): void {
  const env = container.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '').split('\n').forEach((line, i) => {
        w.write(LEVEL_3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`);
      });
    } else if (from.fieldRef) {
      const resolved = pod ? fieldRefValue(pod, from.fieldRef.fieldPath) : '';
      w.write(
        LEVEL_3,
        `${e.name}:\t${resolved} (${from.fieldRef.apiVersion ?? ''}:${from.fieldRef.fieldPath})\n`,
      );
    } else if (from.resourceFieldRef) {
      const resource = from.resourceFieldRef.resource;
      let resolved = resourceFieldValue(e, container);
      if (resolved === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) {
        resolved = 'node allocatable';
      }
      w.write(LEVEL_3, `${e.name}:\t${resolved} (${resource})\n`);
    } else if (from.secretKeyRef) {
      const ref = from.secretKeyRef;
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${ref.key}' in secret '${ref.name ?? ''}'>\tOptional: ${Boolean(ref.optional)}\n`,
      );
    } else if (from.configMapKeyRef) {
      const ref = from.configMapKeyRef;
      w.write(
        LEVEL_3,
        `${e.name}:\t<set to the key '${ref.key}' of config map '${ref.name ?? ''}'>\tOptional: ${Boolean(ref.optional)}\n`,
      );
    }
  }
}

/**
 * EnvValueRetriever: kubectl's scheme only converts the metadata.name and metadata.namespace
 * field labels for a Pod, so every other fieldRef resolves to "" in real describe output.
 */
function fieldRefValue(pod: Pod, fieldPath: string): string {
  if (fieldPath === 'metadata.name') return pod.metadata?.name ?? '';
  if (fieldPath === 'metadata.namespace') return pod.metadata?.namespace ?? '';
  return '';
}

/** kubectl util/resource ExtractContainerResourceValue: ceil(value / divisor). */
function resourceFieldValue(e: EnvVar, container: Container): string {
  const ref = e.valueFrom?.resourceFieldRef;
  if (!ref) return '';
  const [kind, name] = ref.resource.split('.', 2);
  const list = kind === 'limits' ? container.resources?.limits : container.resources?.requests;
  const amount = parseQuantity(list?.[name]);
  const divisor = ref.divisor === undefined ? parseQuantity('1') : parseQuantity(ref.divisor);
  if (name === 'cpu') return ceilRatio(milliValue(amount), milliValue(divisor));
  if (name === 'memory' || name === 'ephemeral-storage')
    return ceilRatio(value(amount), value(divisor));
  return '';
}

function ceilRatio(n: bigint, d: bigint): string {
  if (d === 0n) return '0';
  return String(Math.ceil(Number(n) / Number(d)));
}

function describeMounts(container: Container, w: PrefixWriter): void {
  const mounts = [...(container.volumeMounts ?? [])].sort((a, b) =>
    compareStrings(a.mountPath, b.mountPath),
  );
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  if (container.volumeDevices?.length) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    const devices = [...container.volumeDevices].sort((a, b) =>
      compareStrings(a.devicePath, b.devicePath),
    );
    for (const d of devices) w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
  }
}
