/**
 * Validation as the registry strategies run it after admission (`Validate` on create,
 * `ValidateUpdate` on update), for the kinds this cluster serves. Messages and field paths are
 * the API server's own; wrap the result with `invalid()` from api/errors.ts.
 *
 * Expected inputs: defaulted objects (applyDefaults), with the namespace already set on
 * namespaced kinds and a Job's selector generated (generateJobSelector) before validation.
 */
import type { FieldError } from '../api/errors';
import { resourceForKind } from '../api/resources';
import type { KObject } from '../api/types';
import { parseQuantity } from '../model/quantity';
import {
  validateConfigMapData,
  validateConfigMapUpdate,
  validateSecret,
  validateSecretUpdate,
} from './validation/configData';
import {
  dedupe,
  duplicate,
  fieldErrors,
  immutable,
  invalid,
  notSupported,
} from './validation/fieldError';
import {
  isValidLabelValue,
  type NameValidator,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
} from './validation/names';
import {
  validateKubeFinalizerName,
  validateLabelName,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './validation/objectMeta';
import {
  validatePodOnly,
  validatePodSpec,
  validatePodSpecificAnnotations,
} from './validation/podSpec';
import { validateClusterIPUpdate, validateServiceSpec } from './validation/service';
import {
  validateControllerRevision,
  validateStatefulSetSpec,
  validateStatefulSetUpdate,
} from './validation/statefulSet';
import {
  validateJobSpecUpdate,
  validateNodeUpdateRules,
  validatePodUpdateRules,
  validateSelectorImmutable,
} from './validation/updates';
import {
  validateDaemonSetSpec,
  validateDeploymentSpec,
  validateJob,
  validateReplicaSetSpec,
} from './validation/workloads';

export { checkDecodable } from './validation/decode';
export { POD_UPDATE_FORBIDDEN_MESSAGE } from './validation/updates';

// biome-ignore lint/suspicious/noExplicitAny: objects are free-form JSON here
type Json = any;

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Which name rule each kind's strategy uses (ValidateServiceName is DNS-1035, namespaces DNS-1123 labels). */
function nameRule(kind: string): NameValidator {
  switch (kind) {
    case 'Service':
      return nameIsDNS1035Label;
    case 'Namespace':
    case 'StatefulSet':
      return nameIsDNSLabel;
    default:
      return nameIsDNSSubdomain;
  }
}

const isNamespaced = (kind: string) => resourceForKind(kind)?.namespaced ?? true;

/** validatePodMetadataAndSpec plus ValidatePodCreate's create-only rules. */
function validatePod(pod: Json, create: boolean): FieldError[] {
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain);
  errs.push(
    ...validatePodSpecificAnnotations(pod.metadata?.annotations, pod.spec, 'metadata.annotations'),
  );
  errs.push(...validatePodSpec(pod.spec, 'spec', true));
  errs.push(...validatePodOnly(pod));
  if (create) {
    if (pod.spec?.ephemeralContainers?.length) {
      errs.push(fieldErrors.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
    }
    if (pod.spec?.nodeName && pod.spec?.schedulingGates?.length) {
      errs.push(
        fieldErrors.forbidden(
          'spec.nodeName',
          'cannot be set until all schedulingGates have been cleared',
        ),
      );
    }
  }
  return errs;
}

/** validateNodeTaints: valid keys, values and effects, unique per key and effect. */
function validateNodeTaints(taints: Json[] | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (taints ?? []).forEach((t, i) => {
    const path = `metadata.taints[${i}]`;
    errs.push(...validateLabelName(t.key ?? '', `${path}.key`));
    const valueErrs = isValidLabelValue(t.value ?? '');
    if (valueErrs.length) errs.push(invalid(`${path}.value`, t.value ?? '', valueErrs.join(';')));
    if (!t.effect) errs.push(fieldErrors.required(`${path}.effect`));
    else if (!TAINT_EFFECTS.includes(t.effect))
      errs.push(notSupported(`${path}.effect`, t.effect, TAINT_EFFECTS));
    const key = `${t.effect}\u0000${t.key}`;
    if (seen.has(key)) {
      // The internal Taint renders without JSON tags.
      const value = {
        Key: t.key ?? '',
        Value: t.value ?? '',
        Effect: t.effect ?? '',
        TimeAdded: t.timeAdded ?? null,
      };
      errs.push(duplicate(path, value, 'taints must be unique by key and effect pair'));
      return;
    }
    seen.add(key);
  });
  return errs;
}

function validateNodeResources(node: Json): FieldError[] {
  const errs: FieldError[] = [];
  for (const list of ['capacity', 'allocatable']) {
    for (const [name, value] of Object.entries(node.status?.[list] ?? {})) {
      const q = parseQuantity(value as string);
      if (q.ok && q.value.digits < 0n) {
        errs.push(
          invalid(`status.${list}.${name}`, q.canonical, 'must be greater than or equal to 0'),
        );
      }
    }
  }
  return errs;
}

/** The kind-specific checks shared by create and update (everything but metadata). */
function validateBody(obj: Json): FieldError[] {
  switch (obj.kind) {
    case 'Deployment':
      return validateDeploymentSpec(obj.spec);
    case 'ReplicaSet':
      return validateReplicaSetSpec(obj.spec);
    case 'DaemonSet':
      return validateDaemonSetSpec(obj.spec);
    case 'Job':
      return validateJob(obj);
    case 'Service':
      return validateServiceSpec(obj.spec);
    case 'Node':
      return [...validateNodeTaints(obj.spec?.taints), ...validateNodeResources(obj)];
    case 'Namespace':
      return (obj.spec?.finalizers ?? []).flatMap((f: string) =>
        validateKubeFinalizerName(f, 'spec.finalizers'),
      );
    case 'ConfigMap':
      return validateConfigMapData(obj);
    case 'Secret':
      return validateSecret(obj);
    case 'StatefulSet':
      return validateStatefulSetSpec(obj.spec);
    case 'ControllerRevision':
      return validateControllerRevision(obj);
    default:
      return [];
  }
}

/** The strategy's Validate for a new object. */
export function validateCreate(obj: KObject): FieldError[] {
  if (obj.kind === 'Pod') return dedupe(validatePod(obj, true));
  const errs = validateObjectMeta(obj.metadata, isNamespaced(obj.kind), nameRule(obj.kind));
  errs.push(...validateBody(obj));
  return dedupe(errs);
}

/**
 * The strategy's ValidateUpdate; `subresource: 'status'` gives the status strategy's rules,
 * which leave the spec alone.
 */
export function validateUpdate(obj: KObject, old: KObject, subresource?: 'status'): FieldError[] {
  const errs = validateObjectMetaUpdate(obj.metadata, old.metadata);
  if (subresource === 'status') {
    if (obj.kind === 'Pod') {
      if ((obj.spec?.nodeName ?? '') !== (old.spec?.nodeName ?? '')) {
        errs.push(fieldErrors.forbidden('status.nodeName', 'may not be changed directly'));
      }
      errs.push(
        ...immutable('status.qosClass', obj.status?.qosClass ?? '', old.status?.qosClass ?? ''),
      );
    }
    return dedupe(errs);
  }
  switch (obj.kind) {
    case 'Pod':
      errs.push(...validatePod(obj, false), ...validatePodUpdateRules(obj, old));
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
      errs.push(...validateBody(obj), ...validateSelectorImmutable(obj, old));
      break;
    case 'Job':
      errs.push(...validateBody(obj), ...validateJobSpecUpdate(obj, old));
      break;
    case 'Service':
      errs.push(...validateClusterIPUpdate(obj.spec, old.spec), ...validateBody(obj));
      break;
    case 'Node':
      errs.push(...validateBody(obj), ...validateNodeUpdateRules(obj, old));
      break;
    case 'ConfigMap':
      errs.push(...validateConfigMapUpdate(obj, old));
      break;
    case 'Secret':
      errs.push(...validateSecretUpdate(obj, old));
      break;
    case 'StatefulSet':
      errs.push(...validateBody(obj), ...validateStatefulSetUpdate(obj, old));
      break;
    case 'ControllerRevision':
      errs.push(...validateBody(obj), ...immutable('data', obj.data ?? null, old.data ?? null));
      break;
    default:
      errs.push(...validateBody(obj));
  }
  return dedupe(errs);
}
