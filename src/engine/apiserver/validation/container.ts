/**
 * One container's validation (validateContainerCommon, validateContainerPorts, ValidateEnv,
 * ValidateVolumeMounts, validatePullPolicy, probes and lifecycle handlers), as in
 * pkg/apis/core/validation/validation.go.
 */
import type { FieldError } from '../../api/errors';
import { validateEnvFrom, validateEnvValueSources } from './envSources';
import { duplicate, fieldErrors, invalid, nonNegative, notFound, notSupported } from './fieldError';
import { isDNS1123Label, isRelaxedEnvVarName, isValidPortName, isValidPortNum } from './names';
import { validateContainerResources } from './resources';
import { validateLocalDescendingPath } from './volumes';

// biome-ignore lint/suspicious/noExplicitAny: containers are free-form JSON here
type Json = any;

/** sets.List order (sorted). */
const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const HTTP_SCHEMES = ['HTTP', 'HTTPS'];

export function validatePortNumOrName(port: unknown, field: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((msg) => invalid(field, port, msg));
  const name = String(port ?? '');
  return isValidPortName(name).map((msg) => invalid(field, name, msg));
}

function validateContainerPorts(ports: Json[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const path = `${field}[${i}]`;
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) errs.push(...msgs.map((msg) => invalid(`${path}.name`, port.name, msg)));
      else if (names.has(port.name)) errs.push(duplicate(`${path}.name`, port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(fieldErrors.required(`${path}.containerPort`));
    else {
      for (const msg of isValidPortNum(port.containerPort)) {
        errs.push(invalid(`${path}.containerPort`, port.containerPort, msg));
      }
    }
    if (port.hostPort) {
      for (const msg of isValidPortNum(port.hostPort)) {
        errs.push(invalid(`${path}.hostPort`, port.hostPort, msg));
      }
    }
    if (!port.protocol) errs.push(fieldErrors.required(`${path}.protocol`));
    else if (!PORT_PROTOCOLS.includes(port.protocol)) {
      errs.push(notSupported(`${path}.protocol`, port.protocol, PORT_PROTOCOLS));
    }
  });
  return errs;
}

function validateEnv(env: Json[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((ev, i) => {
    const path = `${field}[${i}]`;
    if (!ev.name) errs.push(fieldErrors.required(`${path}.name`));
    else
      errs.push(
        ...isRelaxedEnvVarName(ev.name).map((msg) => invalid(`${path}.name`, ev.name, msg)),
      );
    const from = ev.valueFrom;
    if (!from) return;
    errs.push(...validateEnvValueSources(from, `${path}.valueFrom`));
    const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter(
      (k) => from[k] != null,
    );
    if (sources.length === 0) {
      errs.push(
        invalid(
          `${path}.valueFrom`,
          '',
          'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
        ),
      );
    } else if (ev.value) {
      errs.push(invalid(`${path}.valueFrom`, '', 'may not be specified when `value` is not empty'));
    } else if (sources.length > 1) {
      errs.push(
        invalid(`${path}.valueFrom`, '', 'may not have more than one field specified at a time'),
      );
    }
  });
  return errs;
}

function validateVolumeMounts(
  mounts: Json[] | undefined,
  volumes: Set<string>,
  field: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const path = `${field}[${i}]`;
    if (!m.name) errs.push(fieldErrors.required(`${path}.name`));
    if (!volumes.has(m.name)) errs.push(notFound(`${path}.name`, m.name ?? ''));
    if (!m.mountPath) errs.push(fieldErrors.required(`${path}.mountPath`));
    if (paths.has(m.mountPath))
      errs.push(invalid(`${path}.mountPath`, m.mountPath, 'must be unique'));
    paths.add(m.mountPath);
    // Go passes the list path here, not the item path.
    if (m.subPath) errs.push(...validateLocalDescendingPath(m.subPath, `${field}.subPath`));
    if (m.subPathExpr) {
      if (m.subPath) {
        errs.push(
          invalid(
            `${path}.subPathExpr`,
            m.subPathExpr,
            'subPathExpr and subPath are mutually exclusive',
          ),
        );
      }
      errs.push(...validateLocalDescendingPath(m.subPathExpr, `${field}.subPathExpr`));
    }
  });
  return errs;
}

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'] as const;

function validateHandler(
  handler: Json,
  gracePeriod: number | undefined,
  field: string,
): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of HANDLERS) {
    const h = handler[kind];
    if (h == null) continue;
    const path = `${field}.${kind}`;
    if (count > 0) {
      errs.push(fieldErrors.forbidden(path, 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    switch (kind) {
      case 'exec':
        if (!h.command?.length) errs.push(fieldErrors.required(`${path}.command`));
        break;
      case 'httpGet':
        if (!h.path) errs.push(fieldErrors.required(`${path}.path`));
        errs.push(...validatePortNumOrName(h.port, `${path}.port`));
        if (!HTTP_SCHEMES.includes(h.scheme))
          errs.push(notSupported(`${path}.scheme`, h.scheme ?? '', HTTP_SCHEMES));
        break;
      case 'tcpSocket':
        errs.push(...validatePortNumOrName(h.port, `${path}.port`));
        break;
      case 'grpc':
        errs.push(...validatePortNumOrName(Number(h.port ?? 0), `${path}.port`));
        break;
      case 'sleep':
        // PodLifecycleSleepActionAllowZero is on in v1.34.
        if (gracePeriod !== undefined && (h.seconds < 0 || h.seconds > gracePeriod)) {
          errs.push(
            invalid(
              path,
              h.seconds,
              `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`,
            ),
          );
        }
        break;
    }
  }
  if (count === 0) errs.push(fieldErrors.required(field, 'must specify a handler type'));
  return errs;
}

export function validateLifecycle(
  lifecycle: Json,
  gracePeriod: number | undefined,
  field: string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (lifecycle.postStart)
    errs.push(...validateHandler(lifecycle.postStart, gracePeriod, `${field}.postStart`));
  if (lifecycle.preStop)
    errs.push(...validateHandler(lifecycle.preStop, gracePeriod, `${field}.preStop`));
  return errs;
}

function validateProbe(probe: Json, gracePeriod: number | undefined, field: string): FieldError[] {
  const handler = {
    exec: probe.exec,
    httpGet: probe.httpGet,
    tcpSocket: probe.tcpSocket,
    grpc: probe.grpc,
  };
  const errs = validateHandler(handler, gracePeriod, field);
  for (const key of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ]) {
    errs.push(...nonNegative(`${field}.${key}`, probe[key]));
  }
  if (probe.terminationGracePeriodSeconds != null && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(
      invalid(
        `${field}.terminationGracePeriodSeconds`,
        probe.terminationGracePeriodSeconds,
        'must be greater than 0',
      ),
    );
  }
  return errs;
}

/** Liveness, readiness and startup probes, each with its own extra rule. */
export function validateProbes(
  c: Json,
  gracePeriod: number | undefined,
  field: string,
): FieldError[] {
  const errs: FieldError[] = [];
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const probe = c[kind];
    if (!probe) continue;
    const path = `${field}.${kind}`;
    errs.push(...validateProbe(probe, gracePeriod, path));
    if (kind !== 'readinessProbe' && probe.successThreshold !== 1) {
      errs.push(invalid(`${path}.successThreshold`, probe.successThreshold ?? 0, 'must be 1'));
    }
    if (kind === 'readinessProbe' && probe.terminationGracePeriodSeconds != null) {
      errs.push(
        invalid(
          `${path}.terminationGracePeriodSeconds`,
          probe.terminationGracePeriodSeconds,
          'must not be set for readinessProbes',
        ),
      );
    }
  }
  return errs;
}

/** validateContainerCommon: what regular, init and ephemeral containers share. */
export function validateContainerCommon(
  c: Json,
  volumes: Set<string>,
  field: string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(fieldErrors.required(`${field}.name`));
  else errs.push(...isDNS1123Label(c.name).map((msg) => invalid(`${field}.name`, c.name, msg)));
  if (!c.image) errs.push(fieldErrors.required(`${field}.image`));
  const policy = c.terminationMessagePolicy;
  if (!policy) errs.push(fieldErrors.required(`${field}.terminationMessagePolicy`));
  else if (policy !== 'File' && policy !== 'FallbackToLogsOnError') {
    errs.push(
      notSupported(`${field}.terminationMessagePolicy`, policy, ['File', 'FallbackToLogsOnError']),
    );
  }
  errs.push(...validateContainerPorts(c.ports, `${field}.ports`));
  errs.push(...validateEnv(c.env, `${field}.env`));
  errs.push(...validateEnvFrom(c.envFrom, `${field}.envFrom`));
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, `${field}.volumeMounts`));
  if (!c.imagePullPolicy) errs.push(fieldErrors.required(`${field}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(c.imagePullPolicy)) {
    errs.push(notSupported(`${field}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
  }
  errs.push(...validateContainerResources(c.resources, `${field}.resources`));
  return errs;
}
