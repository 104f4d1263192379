/**
 * StatefulSet validation (pkg/apis/apps/validation/validation.go: ValidateStatefulSetSpec,
 * ValidatePodTemplateSpecForStatefulSet, ValidateStatefulSetUpdate). The pod template's spec is
 * not validated here, as in Kubernetes: a bad template is found when the controller's pod
 * create fails (a FailedCreate event on the StatefulSet). `serviceName` is optional.
 */
import type { FieldError } from '../../api/errors';
import { labelSelectorRequirements, requirementsMatch } from '../../model/labels';
import { fieldErrors, invalid, nonNegative, notSupported, sameJson } from './fieldError';
import { isValidPercent } from './names';
import { validateAnnotations, validateLabelSelector, validateLabels } from './objectMeta';
import { validatePodSpecificAnnotations } from './podSpec';

// biome-ignore lint/suspicious/noExplicitAny: workload specs are free-form JSON here
type Json = any;

const RETENTION = ['Retain', 'Delete'];

function validateRollingUpdate(ru: Json, field: string): FieldError[] {
  const errs = nonNegative(`${field}.partition`, ru.partition ?? 0);
  const max = ru.maxUnavailable;
  if (max !== undefined && max !== null) {
    const path = `${field}.maxUnavailable`;
    if (typeof max === 'string')
      errs.push(...isValidPercent(max).map((m) => invalid(path, max, m)));
    else errs.push(...nonNegative(path, max));
    const value = typeof max === 'string' ? Number.parseInt(max, 10) : max;
    if (value === 0) errs.push(invalid(path, max, 'cannot be 0'));
    if (typeof max === 'string' && value > 100)
      errs.push(invalid(path, max, 'must not be greater than 100%'));
  }
  return errs;
}

/** The internal StatefulSetUpdateStrategy as an error renders it (no JSON tags). */
function strategyValue(s: Json): unknown {
  const ru = s.rollingUpdate;
  return {
    Type: s.type ?? '',
    RollingUpdate: ru
      ? { Partition: ru.partition ?? 0, MaxUnavailable: ru.maxUnavailable ?? null }
      : null,
  };
}

function validateTemplate(spec: Json, field: string): FieldError[] {
  const template = spec.template;
  if (!template) return [fieldErrors.required(field)];
  const errs: FieldError[] = [];
  const requirements = labelSelectorRequirements(spec.selector);
  const empty =
    !spec.selector ||
    Object.keys(spec.selector.matchLabels ?? {}).length +
      (spec.selector.matchExpressions ?? []).length ===
      0;
  if (
    Array.isArray(requirements) &&
    !empty &&
    !requirementsMatch(requirements, template.metadata?.labels ?? {})
  ) {
    errs.push(
      invalid(
        `${field}.metadata.labels`,
        template.metadata?.labels ?? null,
        '`selector` does not match template `labels`',
      ),
    );
  }
  errs.push(...validateLabels(template.metadata?.labels, `${field}.labels`));
  errs.push(...validateAnnotations(template.metadata?.annotations, `${field}.annotations`));
  errs.push(
    ...validatePodSpecificAnnotations(
      template.metadata?.annotations,
      template.spec,
      `${field}.annotations`,
    ),
  );
  return errs;
}

export function validateStatefulSetSpec(spec: Json): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  const policy = s.podManagementPolicy;
  if (!policy) errs.push(fieldErrors.required('spec.podManagementPolicy'));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel')
    errs.push(invalid('spec.podManagementPolicy', policy, "must be 'OrderedReady' or 'Parallel'"));

  const strategy = s.updateStrategy ?? {};
  switch (strategy.type ?? '') {
    case '':
      errs.push(fieldErrors.required('spec.updateStrategy'));
      break;
    case 'OnDelete':
      if (strategy.rollingUpdate) {
        errs.push(
          invalid(
            'spec.updateStrategy.rollingUpdate',
            {
              Partition: strategy.rollingUpdate.partition ?? 0,
              MaxUnavailable: strategy.rollingUpdate.maxUnavailable ?? null,
            },
            "only allowed for updateStrategy 'RollingUpdate'",
          ),
        );
      }
      break;
    case 'RollingUpdate':
      if (strategy.rollingUpdate)
        errs.push(
          ...validateRollingUpdate(strategy.rollingUpdate, 'spec.updateStrategy.rollingUpdate'),
        );
      break;
    default:
      errs.push(
        invalid(
          'spec.updateStrategy',
          strategyValue(strategy),
          "must be 'RollingUpdate' or 'OnDelete'",
        ),
      );
  }

  const retention = s.persistentVolumeClaimRetentionPolicy;
  if (retention) {
    for (const key of ['whenDeleted', 'whenScaled']) {
      if (!RETENTION.includes(retention[key] ?? ''))
        errs.push(
          notSupported(
            `spec.persistentVolumeClaimRetentionPolicy.${key}`,
            retention[key] ?? '',
            RETENTION,
          ),
        );
    }
  }

  errs.push(...nonNegative('spec.replicas', s.replicas));
  errs.push(...nonNegative('spec.minReadySeconds', s.minReadySeconds));
  if (s.ordinals) errs.push(...nonNegative('spec.ordinals.start', s.ordinals.start ?? 0));

  if (!s.selector) errs.push(fieldErrors.required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(s.selector, 'spec.selector'));
    if (
      Object.keys(s.selector.matchLabels ?? {}).length +
        (s.selector.matchExpressions ?? []).length ===
      0
    ) {
      errs.push(invalid('spec.selector', s.selector, 'empty selector is invalid for statefulset'));
    }
  }
  const requirements = labelSelectorRequirements(s.selector);
  if (requirements !== undefined && !Array.isArray(requirements))
    errs.push(invalid('spec.selector', s.selector, ''));
  else errs.push(...validateTemplate(s, 'spec.template'));

  const restart = s.template?.spec?.restartPolicy;
  if (restart !== 'Always')
    errs.push(notSupported('spec.template.spec.restartPolicy', restart ?? '', ['Always']));
  if (s.template?.spec?.activeDeadlineSeconds != null) {
    errs.push(
      fieldErrors.forbidden(
        'spec.template.spec.activeDeadlineSeconds',
        'activeDeadlineSeconds in StatefulSet is not Supported',
      ),
    );
  }
  return errs;
}

/** The spec fields an update may change; anything else is refused as a whole. */
const MUTABLE = [
  'replicas',
  'template',
  'updateStrategy',
  'minReadySeconds',
  'ordinals',
  'persistentVolumeClaimRetentionPolicy',
];

export function validateStatefulSetUpdate(sts: Json, old: Json): FieldError[] {
  const spec = { ...(sts.spec ?? {}) };
  const oldSpec = { ...(old.spec ?? {}) };
  for (const key of MUTABLE) {
    delete spec[key];
    delete oldSpec[key];
  }
  if (sameJson(spec, oldSpec)) return [];
  return [
    fieldErrors.forbidden(
      'spec',
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ),
  ];
}

/** ValidateControllerRevision (the name rule is the metadata's, DNS subdomain). */
export function validateControllerRevision(revision: Json): FieldError[] {
  const errs: FieldError[] = [];
  if (revision.data == null) errs.push(fieldErrors.required('data', 'data is mandatory'));
  errs.push(...nonNegative('revision', revision.revision ?? 0));
  return errs;
}
