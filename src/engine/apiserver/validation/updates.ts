/**
 * What an update may change: ValidatePodUpdate (pkg/apis/core/validation/validation.go), the
 * apps/v1 selector immutability of the workload strategies (pkg/registry/apps/*\/strategy.go),
 * ValidateJobSpecUpdate (pkg/apis/batch/validation) and ValidateNodeUpdate.
 */
import type { FieldError } from '../../api/errors';
import { fieldErrors, immutable, invalid, sameJson } from './fieldError';
import { inclusiveRangeError } from './names';
import { MIRROR_POD_ANNOTATION, validateTolerations } from './podSpec';

// biome-ignore lint/suspicious/noExplicitAny: objects are free-form JSON here
type Json = any;

const MAX_INT32 = 2147483647;

/** updatablePodSpecFields, joined with "," exactly as the Forbidden message joins them. */
export const POD_UPDATE_FORBIDDEN_MESSAGE = `pod updates may not change fields other than ${[
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
].join(',')}`;

function validateContainerUpdates(
  next: Json[] | undefined,
  prev: Json[] | undefined,
  field: string,
) {
  const errs: FieldError[] = [];
  if ((next ?? []).length !== (prev ?? []).length) {
    return {
      errs: [fieldErrors.forbidden(field, 'pod updates may not add or remove containers')],
      stop: true,
    };
  }
  (next ?? []).forEach((c, i) => {
    const image = String(c.image ?? '');
    if (!image) errs.push(fieldErrors.required(`${field}[${i}].image`));
    if (image.trim().length !== image.length) {
      errs.push(
        invalid(`${field}[${i}].image`, image, 'must not have leading or trailing whitespace'),
      );
    }
  });
  return { errs, stop: false };
}

/** validateOnlyAddedTolerations: existing tolerations stay, only their tolerationSeconds may move. */
function validateOnlyAddedTolerations(
  next: Json[] | undefined,
  prev: Json[] | undefined,
): FieldError[] {
  for (const old of prev ?? []) {
    const kept = (next ?? []).some((t) =>
      sameJson({ ...old, tolerationSeconds: t.tolerationSeconds }, t),
    );
    if (!kept) {
      return [
        fieldErrors.forbidden(
          'spec.tolerations',
          'existing toleration can not be modified except its tolerationSeconds',
        ),
      ];
    }
  }
  return validateTolerations(next, 'spec.tolerations');
}

function mirrorAnnotationUpdates(pod: Json, old: Json): FieldError[] {
  const had = old.metadata?.annotations ?? {};
  const has = pod.metadata?.annotations ?? {};
  const path = `metadata.annotations[${MIRROR_POD_ANNOTATION}]`;
  if (MIRROR_POD_ANNOTATION in had && has[MIRROR_POD_ANNOTATION] !== had[MIRROR_POD_ANNOTATION]) {
    return [fieldErrors.forbidden(path, 'may not remove or update mirror pod annotation')];
  }
  if (!(MIRROR_POD_ANNOTATION in had) && MIRROR_POD_ANNOTATION in has) {
    return [fieldErrors.forbidden(path, 'may not add mirror pod annotation')];
  }
  return [];
}

/**
 * The update-only part of ValidatePodUpdate (the caller adds metadata and full-spec checks).
 * The Forbidden message stops at its headline: the real one continues with a cmp.Diff of the
 * two specs.
 */
export function validatePodUpdateRules(pod: Json, old: Json): FieldError[] {
  const spec = pod.spec ?? {};
  const oldSpec = old.spec ?? {};
  const errs: FieldError[] = [...mirrorAnnotationUpdates(pod, old)];
  for (const kind of ['containers', 'initContainers']) {
    const { errs: containerErrs, stop } = validateContainerUpdates(
      spec[kind],
      oldSpec[kind],
      `spec.${kind}`,
    );
    errs.push(...containerErrs);
    if (stop) return errs;
  }
  const deadline = spec.activeDeadlineSeconds;
  if (deadline != null) {
    if (deadline < 0 || deadline > MAX_INT32) {
      errs.push(invalid('spec.activeDeadlineSeconds', deadline, inclusiveRangeError(0, MAX_INT32)));
      return errs;
    }
    if (oldSpec.activeDeadlineSeconds != null && oldSpec.activeDeadlineSeconds < deadline) {
      errs.push(
        invalid(
          'spec.activeDeadlineSeconds',
          deadline,
          'must be less than or equal to previous value',
        ),
      );
      return errs;
    }
  } else if (oldSpec.activeDeadlineSeconds != null) {
    errs.push(
      invalid(
        'spec.activeDeadlineSeconds',
        null,
        'must not update from a positive integer to nil value',
      ),
    );
  }
  errs.push(...validateOnlyAddedTolerations(spec.tolerations, oldSpec.tolerations));
  if (sameJson(spec, oldSpec)) return errs;

  // Munge the fields that may change back to their old values; anything left is forbidden.
  const munged = JSON.parse(JSON.stringify(spec));
  for (const kind of ['containers', 'initContainers']) {
    (munged[kind] ?? []).forEach((c: Json, i: number) => {
      c.image = oldSpec[kind][i].image;
    });
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  if (oldSpec.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  }
  if ((oldSpec.schedulingGates ?? []).length > 0) {
    // A gated pod may still gain node selector terms (validated by the scheduler side here).
    munged.nodeSelector = oldSpec.nodeSelector;
  }
  if (!sameJson(munged, oldSpec))
    errs.push(fieldErrors.forbidden('spec', POD_UPDATE_FORBIDDEN_MESSAGE));
  return errs;
}

/** apps/v1 strategies: a Deployment's, ReplicaSet's or DaemonSet's selector is immutable. */
export function validateSelectorImmutable(obj: Json, old: Json): FieldError[] {
  return immutable('spec.selector', obj.spec?.selector ?? null, old.spec?.selector ?? null);
}

/** ValidateJobSpecUpdate: selector and completions stay; the template only while suspended. */
export function validateJobSpecUpdate(job: Json, old: Json): FieldError[] {
  const spec = job.spec ?? {};
  const oldSpec = old.spec ?? {};
  const errs: FieldError[] = [
    ...immutable('spec.selector', spec.selector ?? null, oldSpec.selector ?? null),
  ];
  const elastic = spec.completionMode === 'Indexed' && spec.completions === spec.parallelism;
  if (!elastic)
    errs.push(
      ...immutable('spec.completions', spec.completions ?? null, oldSpec.completions ?? null),
    );
  errs.push(
    ...immutable(
      'spec.completionMode',
      spec.completionMode ?? null,
      oldSpec.completionMode ?? null,
    ),
  );
  // Suspended jobs that never started may have their template's scheduling directives changed.
  if (!oldSpec.suspend && !sameJson(spec.template, oldSpec.template)) {
    errs.push(...immutable('spec.template', spec.template, oldSpec.template));
  }
  return errs;
}

/** ValidateNodeUpdate's spec rules: pod CIDRs and provider ID are set once. */
export function validateNodeUpdateRules(node: Json, old: Json): FieldError[] {
  const errs: FieldError[] = [];
  const prevCidrs: string[] = old.spec?.podCIDRs ?? [];
  const nextCidrs: string[] = node.spec?.podCIDRs ?? [];
  if (
    prevCidrs.length > 0 &&
    (prevCidrs.length !== nextCidrs.length || prevCidrs.some((c, i) => c !== nextCidrs[i]))
  ) {
    errs.push(
      fieldErrors.forbidden(
        'spec.podCIDRs',
        'node updates may not change podCIDR except from "" to valid',
      ),
    );
  }
  const prevProvider = old.spec?.providerID ?? '';
  if (prevProvider && prevProvider !== (node.spec?.providerID ?? '')) {
    errs.push(
      fieldErrors.forbidden(
        'spec.providerID',
        'node updates may not change providerID except from "" to valid',
      ),
    );
  }
  return errs;
}
