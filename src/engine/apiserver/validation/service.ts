/**
 * Service validation (ValidateService, validateServicePort, the traffic-policy checks and
 * validateUpgradeDowngradeClusterIPs in pkg/apis/core/validation/validation.go).
 */
import type { FieldError } from '../../api/errors';
import { validatePortNumOrName } from './container';
import { duplicate, fieldErrors, invalid, notSupported } from './fieldError';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum } from './names';
import { validateLabels } from './objectMeta';

// biome-ignore lint/suspicious/noExplicitAny: services are free-form JSON here
type Json = any;

const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
/** sets.List order (sorted). */
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

const isHeadless = (spec: Json) => spec.clusterIP === 'None' || spec.clusterIPs?.[0] === 'None';

function validateServicePort(
  sp: Json,
  requireName: boolean,
  names: Set<string>,
  field: string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !sp.name) errs.push(fieldErrors.required(`${field}.name`));
  else if (sp.name) {
    errs.push(...isDNS1123Label(sp.name).map((msg) => invalid(`${field}.name`, sp.name, msg)));
    if (names.has(sp.name)) errs.push(duplicate(`${field}.name`, sp.name));
    else names.add(sp.name);
  }
  const port = sp.port ?? 0;
  errs.push(...isValidPortNum(port).map((msg) => invalid(`${field}.port`, port, msg)));
  if (!sp.protocol) errs.push(fieldErrors.required(`${field}.protocol`));
  else if (!PORT_PROTOCOLS.includes(sp.protocol)) {
    errs.push(notSupported(`${field}.protocol`, sp.protocol, PORT_PROTOCOLS));
  }
  errs.push(...validatePortNumOrName(sp.targetPort, `${field}.targetPort`));
  if (sp.appProtocol != null) {
    errs.push(
      ...isQualifiedName(sp.appProtocol).map((msg) =>
        invalid(`${field}.appProtocol`, sp.appProtocol, msg),
      ),
    );
  }
  return errs;
}

/** The internal ServicePort the duplicate check keys on, rendered without JSON tags. */
function portKey(sp: Json): unknown {
  return {
    Name: '',
    Protocol: sp.protocol ?? '',
    AppProtocol: null,
    Port: sp.port ?? 0,
    TargetPort: 0,
    NodePort: 0,
  };
}

export function validateServiceSpec(spec: Json): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  const ports: Json[] = s.ports ?? [];
  if (ports.length === 0 && !isHeadless(s) && s.type !== 'ExternalName') {
    errs.push(fieldErrors.required('spec.ports'));
  }
  if (s.type === 'LoadBalancer' && isHeadless(s)) {
    errs.push(
      invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for LoadBalancer services"),
    );
  }
  if (s.type === 'NodePort' && isHeadless(s)) {
    errs.push(
      invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for NodePort services"),
    );
  }
  if (s.type === 'ExternalName') {
    if (s.clusterIPs?.length)
      errs.push(
        fieldErrors.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'),
      );
    if (s.ipFamilies?.length)
      errs.push(
        fieldErrors.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'),
      );
    if (s.ipFamilyPolicy != null) {
      errs.push(
        fieldErrors.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'),
      );
    }
    const cname = String(s.externalName ?? '').replace(/\.$/, '');
    if (cname)
      errs.push(
        ...isDNS1123Subdomain(cname).map((msg) => invalid('spec.externalName', cname, msg)),
      );
    else errs.push(fieldErrors.required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((sp, i) => {
    errs.push(...validateServicePort(sp, ports.length > 1, names, `spec.ports[${i}]`));
  });
  if (s.selector) errs.push(...validateLabels(s.selector, 'spec.selector'));
  if (!s.sessionAffinity) errs.push(fieldErrors.required('spec.sessionAffinity'));
  else if (!SESSION_AFFINITIES.includes(s.sessionAffinity)) {
    errs.push(notSupported('spec.sessionAffinity', s.sessionAffinity, SESSION_AFFINITIES));
  }
  if (s.sessionAffinity === 'ClientIP') {
    const timeout = s.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (timeout == null) {
      errs.push(
        fieldErrors.required(
          'spec.sessionAffinityConfig',
          'when session affinity type is ClientIP',
        ),
      );
    } else if (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS) {
      errs.push(
        invalid(
          'spec.sessionAffinityConfig.clientIP.timeoutSeconds',
          timeout,
          `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`,
        ),
      );
    }
  } else if (s.sessionAffinity === 'None' && s.sessionAffinityConfig) {
    errs.push(
      fieldErrors.forbidden(
        'spec.sessionAffinityConfig',
        'must not be set when session affinity is None',
      ),
    );
  }
  if (!s.type) errs.push(fieldErrors.required('spec.type'));
  else if (!SERVICE_TYPES.includes(s.type))
    errs.push(notSupported('spec.type', s.type, SERVICE_TYPES));
  if (s.type === 'ClusterIP') {
    ports.forEach((sp, i) => {
      if (sp.nodePort) {
        errs.push(
          fieldErrors.forbidden(
            `spec.ports[${i}].nodePort`,
            "may not be used when `type` is 'ClusterIP'",
          ),
        );
      }
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((sp, i) => {
    if (!sp.nodePort) return;
    const key = `${sp.protocol}/${sp.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, sp.nodePort));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((sp, i) => {
    const key = `${sp.protocol}/${sp.port}`;
    if (seen.has(key)) errs.push(duplicate(`spec.ports[${i}]`, portKey(sp)));
    seen.add(key);
  });
  if (s.allocateLoadBalancerNodePorts != null && s.type !== 'LoadBalancer') {
    errs.push(
      fieldErrors.forbidden(
        'spec.allocateLoadBalancerNodePorts',
        "may only be used when `type` is 'LoadBalancer'",
      ),
    );
  }
  if (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts == null) {
    // Go builds this path from the root, without `spec.`.
    errs.push(fieldErrors.required('allocateLoadBalancerNodePorts'));
  }
  errs.push(...validateTrafficPolicies(s));
  return errs;
}

function validateTrafficPolicies(s: Json): FieldError[] {
  const errs: FieldError[] = [];
  const externallyAccessible =
    s.type === 'LoadBalancer' ||
    s.type === 'NodePort' ||
    (s.type === 'ClusterIP' && (s.externalIPs ?? []).length > 0);
  if (!externallyAccessible) {
    if (s.externalTrafficPolicy) {
      errs.push(
        invalid(
          'spec.externalTrafficPolicy',
          s.externalTrafficPolicy,
          'may only be set for externally-accessible services',
        ),
      );
    }
  } else if (!s.externalTrafficPolicy) {
    errs.push(fieldErrors.required('spec.externalTrafficPolicy'));
  } else if (!TRAFFIC_POLICIES.includes(s.externalTrafficPolicy)) {
    errs.push(
      notSupported('spec.externalTrafficPolicy', s.externalTrafficPolicy, TRAFFIC_POLICIES),
    );
  }
  if (s.internalTrafficPolicy == null) {
    if (['NodePort', 'LoadBalancer', 'ClusterIP'].includes(s.type)) {
      errs.push(fieldErrors.required('spec.internalTrafficPolicy'));
    }
  } else if (!TRAFFIC_POLICIES.includes(s.internalTrafficPolicy)) {
    errs.push(
      notSupported('spec.internalTrafficPolicy', s.internalTrafficPolicy, TRAFFIC_POLICIES),
    );
  }
  return errs;
}

/** validateUpgradeDowngradeClusterIPs: an allocated ClusterIP never changes. */
export function validateClusterIPUpdate(spec: Json, oldSpec: Json): FieldError[] {
  if (spec?.type === 'ExternalName' || oldSpec?.type === 'ExternalName') return [];
  if (isHeadless(spec ?? {}) && isHeadless(oldSpec ?? {})) return [];
  const next: string[] = spec?.clusterIPs ?? (spec?.clusterIP ? [spec.clusterIP] : []);
  const prev: string[] = oldSpec?.clusterIPs ?? (oldSpec?.clusterIP ? [oldSpec.clusterIP] : []);
  const errs: FieldError[] = [];
  if (next.length === prev.length) {
    prev.forEach((ip, i) => {
      if (ip !== next[i])
        errs.push(invalid(`spec.clusterIPs[${i}]`, next, 'may not change once set'));
    });
  } else if (prev.length > next.length) {
    if (next.length === 0)
      errs.push(invalid('spec.clusterIPs[0]', next, 'primary clusterIP can not be unset'));
    else if (next[0] !== prev[0])
      errs.push(invalid('spec.clusterIPs[0]', next, 'may not change once set'));
  } else if (prev.length > 0 && next[0] !== prev[0]) {
    errs.push(invalid('spec.clusterIPs[0]', next, 'may not change once set'));
  }
  return errs;
}
