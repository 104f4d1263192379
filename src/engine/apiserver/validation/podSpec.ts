/**
 * ValidatePodSpec and the pod-level checks around it (validateContainers,
 * validateInitContainers, ValidateTolerations, ValidatePodSpecificAnnotations,
 * validatePodMetadataAndSpec in pkg/apis/core/validation/validation.go).
 */
import type { FieldError } from '../../api/errors';
import { validateContainerCommon, validateLifecycle, validateProbes } from './container';
import { duplicate, fieldErrors, invalid, notSupported } from './fieldError';
import {
  inclusiveRangeError,
  isDNS1123Label,
  isValidLabelValue,
  nameIsDNSSubdomain,
} from './names';
import { validateLabelName, validateLabels } from './objectMeta';
import { validatePodResources } from './resources';
import { validateVolumes } from './volumes';

// biome-ignore lint/suspicious/noExplicitAny: pod specs are free-form JSON here
type Json = any;

export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
const MAX_INT32 = 2147483647;
const MAX_ID = 4294967295;
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** AccumulateUniqueHostPorts: a host port may be claimed once per protocol and host IP. */
function checkHostPortConflicts(containers: Json[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((p: Json, pi: number) => {
      if (!p.hostPort) return;
      const key = `${p.protocol ?? ''}/${p.hostIP ?? ''}/${p.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(`${field}[${ci}].ports[${pi}].hostPort`, key));
      else seen.add(key);
    });
  });
  return errs;
}

function validateContainers(
  containers: Json[] | undefined,
  volumes: Set<string>,
  grace: number | undefined,
  field: string,
): FieldError[] {
  if (!containers?.length) return [fieldErrors.required(field)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const path = `${field}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, path));
    if (names.has(c.name)) errs.push(duplicate(`${path}.name`, c.name));
    else names.add(c.name);
    if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, grace, `${path}.lifecycle`));
    errs.push(...validateProbes(c, grace, path));
    if (c.restartPolicy != null) {
      errs.push(
        fieldErrors.forbidden(`${path}.restartPolicy`, 'may not be set for non-init containers'),
      );
    }
  });
  errs.push(...checkHostPortConflicts(containers, field));
  return errs;
}

function validateInitContainers(
  inits: Json[] | undefined,
  regular: Json[] | undefined,
  volumes: Set<string>,
  grace: number | undefined,
  field: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>((regular ?? []).map((c) => c.name));
  (inits ?? []).forEach((c, i) => {
    const path = `${field}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, path));
    let restartAlways = false;
    if (c.restartPolicy != null) {
      if (c.restartPolicy !== 'Always')
        errs.push(notSupported(`${path}.restartPolicy`, c.restartPolicy, ['Always']));
      restartAlways = c.restartPolicy === 'Always';
    }
    // Names are unique across init and regular containers.
    if (names.has(c.name)) errs.push(duplicate(`${path}.name`, c.name));
    else if (c.name) names.add(c.name);
    errs.push(...checkHostPortConflicts([c], field));
    if (restartAlways) {
      if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, grace, `${path}.lifecycle`));
      errs.push(...validateProbes(c, grace, path));
    } else {
      for (const key of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[key]) {
          errs.push(
            fieldErrors.forbidden(
              `${path}.${key}`,
              'may not be set for init containers without restartPolicy=Always',
            ),
          );
        }
      }
    }
  });
  return errs;
}

const isInteger = (s: string) => /^[-+]?[0-9]+$/.test(s);

export function validateTolerations(tolerations: Json[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const path = `${field}[${i}]`;
    if (t.key) errs.push(...validateLabelName(t.key, `${path}.key`));
    if (!t.key && t.operator !== 'Exists') {
      errs.push(
        invalid(
          `${path}.operator`,
          t.operator ?? '',
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (t.tolerationSeconds != null && t.effect !== 'NoExecute') {
      errs.push(
        invalid(
          `${path}.effect`,
          t.effect ?? '',
          "effect must be 'NoExecute' when `tolerationSeconds` is set",
        ),
      );
    }
    const value = t.value ?? '';
    switch (t.operator ?? '') {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(value);
        if (msgs.length) errs.push(invalid(`${path}.operator`, value, msgs.join(';')));
        break;
      }
      case 'Exists':
        if (value)
          errs.push(
            invalid(`${path}.operator`, value, "value must be empty when `operator` is 'Exists'"),
          );
        break;
      case 'Gt':
      case 'Lt':
        // TaintTolerationComparisonOperators (alpha in v1.35; the website's numeric-toleration
        // example uses it). Message from the KEP draft, UNCONFIRMED against a release.
        if (!isInteger(value)) {
          errs.push(
            invalid(`${path}.value`, value, 'value must be a valid integer for numeric operators'),
          );
        }
        break;
      default:
        errs.push(notSupported(`${path}.operator`, t.operator, ['Equal', 'Exists']));
    }
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) {
      errs.push(notSupported(`${path}.effect`, t.effect, TAINT_EFFECTS));
    }
  });
  return errs;
}

function validateSecurityContext(sc: Json, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!sc) return errs;
  for (const key of ['fsGroup', 'runAsUser', 'runAsGroup']) {
    const v = sc[key];
    if (typeof v === 'number' && (v < 0 || v > MAX_ID)) {
      errs.push(invalid(`${field}.${key}`, v, inclusiveRangeError(0, MAX_ID)));
    }
  }
  return errs;
}

/** ValidatePodSpec. `isPod` is false for templates inside workloads. */
export function validatePodSpec(spec: Json, field: string, isPod: boolean): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  if (s.terminationGracePeriodSeconds == null) {
    errs.push(fieldErrors.required(`${field}.terminationGracePeriodSeconds`));
  }
  const grace = s.terminationGracePeriodSeconds ?? undefined;
  const { names, errs: volumeErrs } = validateVolumes(s.volumes, `${field}.volumes`);
  errs.push(...volumeErrs);
  errs.push(...validateContainers(s.containers, names, grace, `${field}.containers`));
  errs.push(
    ...validateInitContainers(
      s.initContainers,
      s.containers,
      names,
      grace,
      `${field}.initContainers`,
    ),
  );
  errs.push(...validatePodResources(s, `${field}.resources`));
  if (s.hostNetwork) {
    (s.containers ?? []).forEach((c: Json, i: number) => {
      (c.ports ?? []).forEach((p: Json, j: number) => {
        const hp = p.hostPort ?? 0;
        if ((isPod || hp !== 0) && hp !== p.containerPort) {
          errs.push(
            invalid(
              `${field}.containers[${i}].ports[${j}].hostPort`,
              hp,
              'must match `containerPort` when `hostNetwork` is true',
            ),
          );
        }
      });
    });
  }
  if (!s.restartPolicy) errs.push(fieldErrors.required(`${field}.restartPolicy`));
  else if (!RESTART_POLICIES.includes(s.restartPolicy)) {
    errs.push(notSupported(`${field}.restartPolicy`, s.restartPolicy, RESTART_POLICIES));
  }
  if (!s.dnsPolicy) errs.push(fieldErrors.required(`${field}.dnsPolicy`));
  else if (!DNS_POLICIES.includes(s.dnsPolicy)) {
    errs.push(notSupported(`${field}.dnsPolicy`, s.dnsPolicy, DNS_POLICIES));
  }
  errs.push(...validateLabels(s.nodeSelector, `${field}.nodeSelector`));
  errs.push(...validateSecurityContext(s.securityContext, `${field}.securityContext`));
  if (s.dnsPolicy === 'None') {
    if (!s.dnsConfig) {
      errs.push(
        fieldErrors.required(
          `${field}.dnsConfig`,
          'must provide `dnsConfig` when `dnsPolicy` is None',
        ),
      );
    } else if (!s.dnsConfig.nameservers?.length) {
      errs.push(
        fieldErrors.required(
          `${field}.dnsConfig.nameservers`,
          'must provide at least one DNS nameserver when `dnsPolicy` is None',
        ),
      );
    }
  }
  if (s.serviceAccountName) {
    for (const msg of nameIsDNSSubdomain(s.serviceAccountName, false)) {
      errs.push(invalid(`${field}.serviceAccountName`, s.serviceAccountName, msg));
    }
  }
  if (s.nodeName) {
    for (const msg of nameIsDNSSubdomain(s.nodeName, false))
      errs.push(invalid(`${field}.nodeName`, s.nodeName, msg));
  }
  if (s.activeDeadlineSeconds != null) {
    const v = s.activeDeadlineSeconds;
    if (v < 1 || v > MAX_INT32) {
      errs.push(invalid(`${field}.activeDeadlineSeconds`, v, inclusiveRangeError(1, MAX_INT32)));
    }
  }
  if (s.hostname)
    errs.push(
      ...isDNS1123Label(s.hostname).map((m) => invalid(`${field}.hostname`, s.hostname, m)),
    );
  if (s.subdomain) {
    errs.push(
      ...isDNS1123Label(s.subdomain).map((m) => invalid(`${field}.subdomain`, s.subdomain, m)),
    );
  }
  if (s.tolerations?.length)
    errs.push(...validateTolerations(s.tolerations, `${field}.tolerations`));
  if (s.priorityClassName) {
    for (const msg of nameIsDNSSubdomain(s.priorityClassName, false)) {
      errs.push(invalid(`${field}.priorityClassName`, s.priorityClassName, msg));
    }
  }
  if (
    s.preemptionPolicy != null &&
    !['PreemptLowerPriority', 'Never'].includes(s.preemptionPolicy)
  ) {
    errs.push(
      notSupported(`${field}.preemptionPolicy`, s.preemptionPolicy, [
        'PreemptLowerPriority',
        'Never',
      ]),
    );
  }
  return errs;
}

/** ValidatePodSpecificAnnotations: a mirror pod must be bound to its node. */
export function validatePodSpecificAnnotations(
  annotations: Record<string, string> | undefined,
  spec: Json,
  field: string,
): FieldError[] {
  const mirror = annotations?.[MIRROR_POD_ANNOTATION];
  if (mirror !== undefined && !spec?.nodeName) {
    return [
      invalid(
        `${field}[${MIRROR_POD_ANNOTATION}]`,
        mirror,
        'must set spec.nodeName if mirror pod annotation is set',
      ),
    ];
  }
  return [];
}

/** The checks ValidatePodCreate adds for pods (not templates). */
export function validatePodOnly(pod: Json): FieldError[] {
  const errs: FieldError[] = [];
  const spec = pod.spec ?? {};
  if (!spec.serviceAccountName) {
    (spec.volumes ?? []).forEach((v: Json, vi: number) => {
      (v.projected?.sources ?? []).forEach((src: Json, si: number) => {
        if (src.serviceAccountToken) {
          errs.push(
            fieldErrors.forbidden(
              `spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`,
              'must not be specified when serviceAccountName is not set',
            ),
          );
        }
      });
    });
  }
  for (const kind of ['containers', 'initContainers']) {
    (spec[kind] ?? []).forEach((c: Json, i: number) => {
      const image = String(c.image ?? '');
      if (image.length !== image.trim().length) {
        errs.push(
          invalid(
            `spec.${kind}[${i}].image`,
            image,
            'must not have leading or trailing whitespace',
          ),
        );
      }
    });
  }
  return errs;
}
