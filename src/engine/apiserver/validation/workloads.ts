/**
 * Deployment, ReplicaSet, DaemonSet (pkg/apis/apps/validation/validation.go) and Job
 * (pkg/apis/batch/validation/validation.go) specs, and the pod templates they carry
 * (ValidatePodTemplateSpec in pkg/apis/core/validation/validation.go).
 */
import type { FieldError } from '../../api/errors';
import { labelSelectorRequirements, requirementsMatch } from '../../model/labels';
import { duplicate, fieldErrors, invalid, nonNegative, notSupported } from './fieldError';
import { isDNS1123Label, isValidPercent } from './names';
import { validateAnnotations, validateLabelSelector, validateLabels } from './objectMeta';
import { validatePodSpec, validatePodSpecificAnnotations } from './podSpec';

// biome-ignore lint/suspicious/noExplicitAny: workload specs are free-form JSON here
type Json = any;

export function validatePodTemplateSpec(template: Json, field: string): FieldError[] {
  const t = template ?? {};
  const errs: FieldError[] = [];
  errs.push(...validateLabels(t.metadata?.labels, `${field}.labels`));
  errs.push(...validateAnnotations(t.metadata?.annotations, `${field}.annotations`));
  errs.push(
    ...validatePodSpecificAnnotations(t.metadata?.annotations, t.spec, `${field}.annotations`),
  );
  errs.push(...validatePodSpec(t.spec, `${field}.spec`, false));
  if (t.spec?.ephemeralContainers?.length) {
    errs.push(
      fieldErrors.forbidden(
        `${field}.spec.ephemeralContainers`,
        'ephemeral containers not allowed in pod template',
      ),
    );
  }
  return errs;
}

/** Whether the selector selects the template's labels; `undefined` when the selector is invalid. */
function selectorMatchesTemplate(selector: Json, template: Json): boolean | undefined {
  const requirements = labelSelectorRequirements(selector);
  if (requirements !== undefined && !Array.isArray(requirements)) return undefined;
  if (requirements === undefined) return false;
  return requirementsMatch(requirements, template?.metadata?.labels);
}

const templateLabels = (template: Json) => template?.metadata?.labels ?? null;
const mismatch = (field: string, template: Json) =>
  invalid(
    `${field}.metadata.labels`,
    templateLabels(template),
    '`selector` does not match template `labels`',
  );

/** Selector required and non-empty, as Deployments and ReplicaSets demand. */
function validateRequiredSelector(selector: Json, field: string, what: string): FieldError[] {
  if (!selector) return [fieldErrors.required(field)];
  const errs = validateLabelSelector(selector, field);
  if (
    Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length ===
    0
  ) {
    errs.push(invalid(field, selector, `empty selector is invalid for ${what}`));
  }
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet (Deployments use it too, wording included). */
function validateTemplateForReplicaSet(spec: Json, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const matches = selectorMatchesTemplate(spec.selector, spec.template);
  if (matches === undefined) {
    return [invalid('spec.selector', spec.selector, 'invalid label selector')];
  }
  const template = spec.template;
  if (!template) return [fieldErrors.required(field)];
  // `{}` selects everything and Go skips the check (Empty()); an absent selector selects
  // nothing, so it fails it next to its `Required value`.
  const empty =
    spec.selector &&
    Object.keys(spec.selector.matchLabels ?? {}).length +
      (spec.selector.matchExpressions ?? []).length ===
      0;
  if (!empty && !matches) errs.push(mismatch(field, template));
  errs.push(...validatePodTemplateSpec(template, field));
  const restart = template.spec?.restartPolicy;
  if (restart !== 'Always')
    errs.push(notSupported(`${field}.spec.restartPolicy`, restart ?? '', ['Always']));
  if (template.spec?.activeDeadlineSeconds != null) {
    errs.push(
      fieldErrors.forbidden(
        `${field}.spec.activeDeadlineSeconds`,
        'activeDeadlineSeconds in ReplicaSet is not Supported',
      ),
    );
  }
  return errs;
}

function percentValue(v: unknown): number | undefined {
  return typeof v === 'string' && isValidPercent(v).length === 0
    ? Number.parseInt(v, 10)
    : undefined;
}
function intOrPercentValue(v: unknown): number {
  return percentValue(v) ?? (typeof v === 'number' ? v : 0);
}

/** ValidatePositiveIntOrPercent. */
function validateIntOrPercent(v: unknown, field: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((msg) => invalid(field, v, msg));
  if (typeof v === 'number') return nonNegative(field, v);
  return [];
}

function notOver100Percent(v: unknown, field: string): FieldError[] {
  const p = percentValue(v);
  return p !== undefined && p > 100 ? [invalid(field, v, 'must not be greater than 100%')] : [];
}

/** The internal DeploymentStrategy as the error renders it (no JSON tags on internal types). */
function strategyValue(strategy: Json): unknown {
  const ru = strategy?.rollingUpdate;
  return {
    Type: strategy?.type ?? '',
    RollingUpdate: ru
      ? { MaxUnavailable: ru.maxUnavailable ?? 0, MaxSurge: ru.maxSurge ?? 0 }
      : null,
  };
}

function validateDeploymentStrategy(strategy: Json, field: string): FieldError[] {
  const s = strategy ?? {};
  switch (s.type) {
    case 'Recreate':
      return s.rollingUpdate
        ? [
            fieldErrors.forbidden(
              `${field}.rollingUpdate`,
              "may not be specified when strategy `type` is 'Recreate'",
            ),
          ]
        : [];
    case 'RollingUpdate': {
      const ru = s.rollingUpdate;
      if (!ru)
        return [
          fieldErrors.required(
            `${field}.rollingUpdate`,
            'this should be defaulted and never be nil',
          ),
        ];
      const path = `${field}.rollingUpdate`;
      const errs = [
        ...validateIntOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`),
        ...validateIntOrPercent(ru.maxSurge, `${path}.maxSurge`),
      ];
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(
          invalid(
            `${path}.maxUnavailable`,
            ru.maxUnavailable ?? 0,
            'may not be 0 when `maxSurge` is 0',
          ),
        );
      }
      errs.push(...notOver100Percent(ru.maxUnavailable, `${path}.maxUnavailable`));
      return errs;
    }
    default:
      return [notSupported(field, strategyValue(s), ['Recreate', 'RollingUpdate'])];
  }
}

export function validateDeploymentSpec(spec: Json): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [...nonNegative('spec.replicas', s.replicas)];
  errs.push(...validateRequiredSelector(s.selector, 'spec.selector', 'deployment'));
  errs.push(...validateTemplateForReplicaSet(s, 'spec.template'));
  errs.push(...validateDeploymentStrategy(s.strategy, 'spec.strategy'));
  errs.push(...nonNegative('spec.minReadySeconds', s.minReadySeconds));
  errs.push(...nonNegative('spec.revisionHistoryLimit', s.revisionHistoryLimit));
  if (s.progressDeadlineSeconds != null) {
    errs.push(...nonNegative('spec.progressDeadlineSeconds', s.progressDeadlineSeconds));
    if (s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0)) {
      errs.push(
        invalid(
          'spec.progressDeadlineSeconds',
          s.progressDeadlineSeconds,
          'must be greater than minReadySeconds',
        ),
      );
    }
  }
  return errs;
}

export function validateReplicaSetSpec(spec: Json): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [
    ...nonNegative('spec.replicas', s.replicas),
    ...nonNegative('spec.minReadySeconds', s.minReadySeconds),
  ];
  // Go reuses the Deployment wording for ReplicaSets.
  errs.push(...validateRequiredSelector(s.selector, 'spec.selector', 'deployment'));
  errs.push(...validateTemplateForReplicaSet(s, 'spec.template'));
  return errs;
}

export function validateDaemonSetSpec(spec: Json): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [...validateLabelSelector(s.selector, 'spec.selector')];
  const matches = selectorMatchesTemplate(s.selector, s.template);
  if (matches === false) errs.push(mismatch('spec.template', s.template));
  if (
    s.selector &&
    Object.keys(s.selector.matchLabels ?? {}).length +
      (s.selector.matchExpressions ?? []).length ===
      0
  ) {
    errs.push(invalid('spec.selector', s.selector, 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(s.template, 'spec.template'));
  const restart = s.template?.spec?.restartPolicy;
  if (restart !== 'Always')
    errs.push(notSupported('spec.template.spec.restartPolicy', restart ?? '', ['Always']));
  if (s.template?.spec?.activeDeadlineSeconds != null) {
    errs.push(
      fieldErrors.forbidden(
        'spec.template.spec.activeDeadlineSeconds',
        'activeDeadlineSeconds in DaemonSet is not Supported',
      ),
    );
  }
  errs.push(...nonNegative('spec.minReadySeconds', s.minReadySeconds));
  errs.push(...nonNegative('spec.templateGeneration', s.templateGeneration));
  errs.push(...validateDaemonSetUpdateStrategy(s.updateStrategy));
  errs.push(...nonNegative('spec.revisionHistoryLimit', s.revisionHistoryLimit));
  return errs;
}

function validateDaemonSetUpdateStrategy(strategy: Json): FieldError[] {
  const s = strategy ?? {};
  const field = 'spec.updateStrategy';
  if (s.type === 'OnDelete') return [];
  if (s.type !== 'RollingUpdate') {
    return [
      notSupported(field, { Type: s.type ?? '', RollingUpdate: null }, [
        'RollingUpdate',
        'OnDelete',
      ]),
    ];
  }
  const ru = s.rollingUpdate;
  if (!ru) return [fieldErrors.required(`${field}.rollingUpdate`)];
  const path = `${field}.rollingUpdate`;
  const errs = [
    ...validateIntOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`),
    ...validateIntOrPercent(ru.maxSurge, `${path}.maxSurge`),
    ...notOver100Percent(ru.maxUnavailable, `${path}.maxUnavailable`),
    ...notOver100Percent(ru.maxSurge, `${path}.maxSurge`),
  ];
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) {
    errs.push(
      invalid(`${path}.maxSurge`, ru.maxSurge, 'may not be set when maxUnavailable is non-zero'),
    );
  } else if (!hasUnavailable && !hasSurge) {
    errs.push(fieldErrors.required(`${path}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  }
  return errs;
}

// ---- Job ----

const JOB_TEMPLATE_LABELS: [string, 'uid' | 'name'][] = [
  ['controller-uid', 'uid'],
  ['job-name', 'name'],
  ['batch.kubernetes.io/controller-uid', 'uid'],
  ['batch.kubernetes.io/job-name', 'name'],
];

/** validateGeneratedSelector: the generated labels must be there and selected. */
function validateGeneratedSelector(job: Json): FieldError[] {
  const spec = job.spec ?? {};
  if (spec.manualSelector === true || !spec.selector) return [];
  const errs: FieldError[] = [];
  const uid = job.metadata?.uid ?? '';
  const name = job.metadata?.name ?? '';
  if (!uid) errs.push(fieldErrors.required('metadata.uid'));
  const labels = spec.template?.metadata?.labels;
  for (const [key, which] of JOB_TEMPLATE_LABELS) {
    const expected = which === 'uid' ? uid : name;
    const field = `spec.template.metadata.labels[${key}]`;
    if (!labels || !(key in labels))
      errs.push(fieldErrors.required(field, `must be '${expected}'`));
    else if (labels[key] !== expected) errs.push(invalid(field, labels, `must be '${expected}'`));
  }
  const expectedLabels = Object.fromEntries(
    JOB_TEMPLATE_LABELS.map(([k, w]) => [k, w === 'uid' ? uid : name]),
  );
  const requirements = labelSelectorRequirements(spec.selector);
  if (Array.isArray(requirements) && !requirementsMatch(requirements, expectedLabels)) {
    errs.push(invalid('spec.selector', spec.selector, '`selector` not auto-generated'));
  }
  return errs;
}

/** ValidateJob: metadata aside, the generated selector, the spec, the selector it must carry. */
export function validateJob(job: Json): FieldError[] {
  const s = job.spec ?? {};
  const errs: FieldError[] = [...validateGeneratedSelector(job), ...validateJobSpec(s, 'spec')];
  if (!s.selector) errs.push(fieldErrors.required('spec.selector'));
  else errs.push(...validateLabelSelector(s.selector, 'spec.selector'));
  // Whether manually or automatically generated, the selector must select the pods it makes.
  if (selectorMatchesTemplate(s.selector, s.template) === false)
    errs.push(mismatch('spec.template', s.template));
  // An Indexed Job's pods are named host NAME-INDEX: the last one must be a DNS label.
  if (s.completionMode === 'Indexed' && typeof s.completions === 'number' && s.completions > 0) {
    const host = `${job.metadata?.name ?? ''}-${s.completions - 1}`;
    if (isDNS1123Label(host).length > 0)
      errs.push(
        invalid(
          'metadata.name',
          job.metadata?.name ?? '',
          `will not able to create pod with invalid DNS label: ${host}`,
        ),
      );
  }
  return errs;
}

/** field.TooMany. */
function tooMany(field: string, actual: number, max: number): FieldError {
  return {
    field,
    body: `Too many: ${actual}: must have at most ${max} items`,
    reason: 'FieldValueTooMany' as unknown as FieldError['reason'],
  };
}

const POD_FAILURE_ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const EXIT_CODE_OPERATORS = ['In', 'NotIn'];
const CONDITION_STATUSES = ['False', 'True', 'Unknown'];

/**
 * validateJobSpec (pkg/apis/batch/validation): what a Job's spec and a CronJob's job template
 * share, under `path`.
 */
export function validateJobSpec(s: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of [
    'parallelism',
    'completions',
    'activeDeadlineSeconds',
    'backoffLimit',
    'ttlSecondsAfterFinished',
    'backoffLimitPerIndex',
    'maxFailedIndexes',
  ]) {
    errs.push(...nonNegative(`${path}.${key}`, s[key]));
  }
  if (s.maxFailedIndexes != null && s.backoffLimitPerIndex == null)
    errs.push(
      fieldErrors.required(`${path}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'),
    );
  if (s.completionMode != null && !['NonIndexed', 'Indexed'].includes(s.completionMode)) {
    errs.push(notSupported(`${path}.completionMode`, s.completionMode, ['NonIndexed', 'Indexed']));
  }
  if (s.completionMode === 'Indexed' && s.completions == null) {
    errs.push(fieldErrors.required(`${path}.completions`, 'when completion mode is Indexed'));
  }
  if (s.completionMode == null || s.completionMode === 'NonIndexed') {
    for (const key of ['backoffLimitPerIndex', 'maxFailedIndexes'])
      if (s[key] != null)
        errs.push(invalid(`${path}.${key}`, s[key], 'requires indexed completion mode'));
  }
  if (s.podFailurePolicy != null)
    errs.push(...validatePodFailurePolicy(s, `${path}.podFailurePolicy`));
  if (s.podReplacementPolicy != null) {
    const supported = s.podFailurePolicy != null ? ['Failed'] : ['Failed', 'TerminatingOrFailed'];
    if (!supported.includes(s.podReplacementPolicy))
      errs.push(notSupported(`${path}.podReplacementPolicy`, s.podReplacementPolicy, supported));
  }
  errs.push(...validatePodTemplateSpec(s.template, `${path}.template`));
  // A defaulted template says Always, so Always and empty both mean "not chosen".
  const restart = s.template?.spec?.restartPolicy;
  const restartPath = `${path}.template.spec.restartPolicy`;
  if (restart === 'Always' || !restart) {
    errs.push(fieldErrors.required(restartPath, 'valid values: "OnFailure", "Never"'));
  } else if (restart !== 'OnFailure' && restart !== 'Never') {
    errs.push(notSupported(restartPath, restart, ['OnFailure', 'Never']));
  } else if (s.podFailurePolicy != null && restart !== 'Never') {
    errs.push(
      invalid(restartPath, restart, 'only "Never" is supported when podFailurePolicy is specified'),
    );
  }
  return errs;
}

function validatePodFailurePolicy(s: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const rules: Json[] = Array.isArray(s.podFailurePolicy?.rules) ? s.podFailurePolicy.rules : [];
  if (rules.length > 20) errs.push(tooMany(`${path}.rules`, rules.length, 20));
  const names = new Set<string>(
    [...(s.template?.spec?.containers ?? []), ...(s.template?.spec?.initContainers ?? [])].map(
      (c: Json) => c?.name,
    ),
  );
  rules.forEach((rule, i) => {
    const rulePath = `${path}.rules[${i}]`;
    const action = rule?.action;
    if (!action)
      errs.push(
        fieldErrors.required(
          `${rulePath}.action`,
          `valid values: [${POD_FAILURE_ACTIONS.map((a) => JSON.stringify(a)).join(' ')}]`,
        ),
      );
    else if (action === 'FailIndex') {
      if (s.backoffLimitPerIndex == null)
        errs.push(
          invalid(`${rulePath}.action`, action, 'requires the backoffLimitPerIndex to be set'),
        );
    } else if (!POD_FAILURE_ACTIONS.includes(action))
      errs.push(notSupported(`${rulePath}.action`, action, POD_FAILURE_ACTIONS));
    const onExit = rule?.onExitCodes;
    const onConditions: Json[] = Array.isArray(rule?.onPodConditions) ? rule.onPodConditions : [];
    if (onExit != null) {
      const p = `${rulePath}.onExitCodes`;
      if (!onExit.operator)
        errs.push(
          fieldErrors.required(
            `${p}.operator`,
            `valid values: [${EXIT_CODE_OPERATORS.map((o) => JSON.stringify(o)).join(' ')}]`,
          ),
        );
      else if (!EXIT_CODE_OPERATORS.includes(onExit.operator))
        errs.push(notSupported(`${p}.operator`, onExit.operator, EXIT_CODE_OPERATORS));
      if (onExit.containerName != null && !names.has(onExit.containerName))
        errs.push(
          invalid(
            `${p}.containerName`,
            onExit.containerName,
            'must be one of the container or initContainer names in the pod template',
          ),
        );
      const values: number[] = Array.isArray(onExit.values) ? onExit.values : [];
      if (values.length === 0)
        errs.push(invalid(`${p}.values`, onExit.values ?? null, 'at least one value is required'));
      else if (values.length > 255) errs.push(tooMany(`${p}.values`, values.length, 255));
      const seen = new Set<number>();
      let ordered = true;
      values.forEach((v, j) => {
        if (onExit.operator === 'In' && v === 0)
          errs.push(invalid(`${p}.values[${j}]`, v, 'must not be 0 for the In operator'));
        if (seen.has(v)) errs.push(duplicate(`${p}.values[${j}]`, v));
        else seen.add(v);
        if (j > 0 && values[j - 1] > v) ordered = false;
      });
      if (!ordered) errs.push(invalid(`${p}.values`, values, 'must be ordered'));
    }
    onConditions.forEach((pattern, j) => {
      const p = `${rulePath}.onPodConditions[${j}]`;
      if (!pattern?.status)
        errs.push(
          fieldErrors.required(
            `${p}.status`,
            `valid values: [${CONDITION_STATUSES.map((c) => JSON.stringify(c)).join(' ')}]`,
          ),
        );
      else if (!CONDITION_STATUSES.includes(pattern.status))
        errs.push(notSupported(`${p}.status`, pattern.status, CONDITION_STATUSES));
    });
    if (onExit != null && onConditions.length > 0)
      errs.push({
        field: rulePath,
        body: 'Invalid value: specifying both OnExitCodes and OnPodConditions is not supported',
        reason: 'FieldValueInvalid',
      });
    if (onExit == null && onConditions.length === 0)
      errs.push({
        field: rulePath,
        body: 'Invalid value: specifying one of OnExitCodes and OnPodConditions is required',
        reason: 'FieldValueInvalid',
      });
  });
  return errs;
}
