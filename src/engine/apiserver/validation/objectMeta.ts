/**
 * ObjectMeta validation: k8s.io/apimachinery/pkg/api/validation/objectmeta.go,
 * pkg/apis/meta/v1/validation/validation.go, and the finalizer check of
 * pkg/apis/core/validation/validation.go.
 */
import type { LabelSelector, ObjectMeta } from 'kubernetes-types/meta/v1';
import type { FieldError } from '../../api/errors';
import { fieldErrors, immutable, invalid, nonNegative } from './fieldError';
import { isQualifiedName, isValidLabelValue, type NameValidator, nameIsDNSLabel } from './names';

/** TotalAnnotationSizeLimitB: 256 kB. */
const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export function validateLabelName(key: string, field: string): FieldError[] {
  return isQualifiedName(key).map((msg) => invalid(field, key, msg));
}

export function validateLabels(
  labels: Record<string, string> | undefined,
  field: string,
): FieldError[] {
  const errs: FieldError[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(key, field));
    for (const msg of isValidLabelValue(String(value))) errs.push(invalid(field, value, msg));
  }
  return errs;
}

export function validateAnnotations(
  annotations: Record<string, string> | undefined,
  field: string,
): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(annotations ?? {})) {
    // Annotation keys are qualified names in any case.
    for (const msg of isQualifiedName(key.toLowerCase())) errs.push(invalid(field, key, msg));
    size += key.length + String(value).length;
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT_B) {
    errs.push(fieldErrors.tooLong(field, TOTAL_ANNOTATION_SIZE_LIMIT_B));
  }
  return errs;
}

export function validateLabelSelector(sel: LabelSelector | undefined, field: string): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, `${field}.matchLabels`);
  (sel.matchExpressions ?? []).forEach((expr, i) => {
    const path = `${field}.matchExpressions[${i}]`;
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) {
          errs.push(
            fieldErrors.required(
              `${path}.values`,
              "must be specified when `operator` is 'In' or 'NotIn'",
            ),
          );
        }
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          errs.push(
            fieldErrors.forbidden(
              `${path}.values`,
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ),
          );
        }
        break;
      default:
        errs.push(invalid(`${path}.operator`, expr.operator, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(expr.key, `${path}.key`));
  });
  return errs;
}

function validateOwnerReferences(meta: ObjectMeta, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let controller = '';
  for (const ref of meta.ownerReferences ?? []) {
    const version = (ref.apiVersion ?? '').split('/').pop() ?? '';
    if (!version)
      errs.push(invalid(`${field}.apiVersion`, ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(`${field}.kind`, ref.kind ?? '', 'must not be empty'));
    if (!ref.name) errs.push(invalid(`${field}.name`, ref.name ?? '', 'must not be empty'));
    if (!ref.uid) errs.push(invalid(`${field}.uid`, ref.uid ?? '', 'must not be empty'));
    if (ref.controller) {
      const current = `${ref.kind}/${ref.name}`;
      if (controller) {
        errs.push(
          invalid(
            field,
            meta.ownerReferences,
            `Only one reference can have Controller set to true. Found "true" in references for ${controller} and ${current}`,
          ),
        );
      } else {
        controller = current;
      }
    }
  }
  return errs;
}

function validateFinalizers(finalizers: string[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const name of finalizers ?? []) {
    for (const msg of isQualifiedName(name)) errs.push(invalid(field, name, msg));
  }
  if (finalizers?.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(
      invalid(field, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'),
    );
  }
  return errs;
}

/** core validation's extra check: a one-segment finalizer must be a standard one. */
export function validateKubeFinalizerName(name: string, field: string): FieldError[] {
  if (name.includes('/') || STANDARD_FINALIZERS.has(name)) return [];
  return [
    invalid(field, name, 'name is neither a standard finalizer name nor is it fully qualified'),
  ];
}

/**
 * ValidateObjectMeta for create. A cluster-scoped object's namespace is not checked: the
 * registry clears it before validation (rest.BeforeCreate), so the error never reaches users.
 */
export function validateObjectMeta(
  meta: ObjectMeta | undefined,
  namespaced: boolean,
  nameFn: NameValidator,
): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  if (m.generateName) {
    for (const msg of nameFn(m.generateName, true)) {
      errs.push(invalid('metadata.generateName', m.generateName, msg));
    }
  }
  if (!m.name) {
    errs.push(fieldErrors.required('metadata.name', 'name or generateName is required'));
  } else {
    for (const msg of nameFn(m.name, false)) errs.push(invalid('metadata.name', m.name, msg));
  }
  if (namespaced) {
    if (!m.namespace) errs.push(fieldErrors.required('metadata.namespace'));
    else {
      for (const msg of nameIsDNSLabel(m.namespace, false)) {
        errs.push(invalid('metadata.namespace', m.namespace, msg));
      }
    }
  }
  errs.push(...nonNegative('metadata.generation', m.generation));
  errs.push(...validateLabels(m.labels, 'metadata.labels'));
  errs.push(...validateAnnotations(m.annotations, 'metadata.annotations'));
  errs.push(...validateOwnerReferences(m, 'metadata.ownerReferences'));
  errs.push(...validateFinalizers(m.finalizers, 'metadata.finalizers'));
  (m.finalizers ?? []).forEach((f, i) => {
    errs.push(...validateKubeFinalizerName(f, `metadata.finalizers[${i}]`));
  });
  return errs;
}

/**
 * ValidateObjectMetaUpdate. `resourceVersion` is not required here: the storage layer fills it
 * in for unconditional updates before validation runs.
 */
export function validateObjectMetaUpdate(
  meta: ObjectMeta | undefined,
  old: ObjectMeta | undefined,
): FieldError[] {
  const m = meta ?? {};
  const o = old ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const added = (m.finalizers ?? []).filter((f) => !(o.finalizers ?? []).includes(f));
    if (added.length) {
      errs.push(
        fieldErrors.forbidden(
          'metadata.finalizers',
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`,
        ),
      );
    }
  }
  if ((m.generation ?? 0) < (o.generation ?? 0)) {
    errs.push(invalid('metadata.generation', m.generation ?? 0, 'must not be decremented'));
  }
  errs.push(...immutable('metadata.name', m.name ?? '', o.name ?? ''));
  errs.push(...immutable('metadata.namespace', m.namespace ?? '', o.namespace ?? ''));
  errs.push(...immutable('metadata.uid', m.uid ?? '', o.uid ?? ''));
  errs.push(...immutable('metadata.creationTimestamp', m.creationTimestamp, o.creationTimestamp));
  errs.push(...immutable('metadata.deletionTimestamp', m.deletionTimestamp, o.deletionTimestamp));
  errs.push(
    ...immutable(
      'metadata.deletionGracePeriodSeconds',
      m.deletionGracePeriodSeconds,
      o.deletionGracePeriodSeconds,
    ),
  );
  // Fields the update kept as stored (the same, immutable objects) are checked once for each.
  errs.push(
    ...kept(KEPT.labels, m.labels, o.labels, () => validateLabels(m.labels, 'metadata.labels')),
  );
  errs.push(
    ...kept(KEPT.annotations, m.annotations, o.annotations, () =>
      validateAnnotations(m.annotations, 'metadata.annotations'),
    ),
  );
  errs.push(
    ...kept(KEPT.ownerReferences, m.ownerReferences, o.ownerReferences, () =>
      validateOwnerReferences(m, 'metadata.ownerReferences'),
    ),
  );
  errs.push(
    ...kept(KEPT.finalizers, m.finalizers, o.finalizers, () => {
      const out = validateFinalizers(m.finalizers, 'metadata.finalizers');
      (m.finalizers ?? []).forEach((f, i) => {
        out.push(...validateKubeFinalizerName(f, `metadata.finalizers[${i}]`));
      });
      return out;
    }),
  );
  return errs;
}

/** Validation results for metadata fields of stored objects (never changed), by field. */
const KEPT = {
  labels: new WeakMap<object, FieldError[]>(),
  annotations: new WeakMap<object, FieldError[]>(),
  ownerReferences: new WeakMap<object, FieldError[]>(),
  finalizers: new WeakMap<object, FieldError[]>(),
};

/**
 * `check()`, remembered for `value` when it is the very object the stored version holds
 * (`old`): stored objects are never changed, so the answer cannot change either.
 */
function kept(
  memo: WeakMap<object, FieldError[]>,
  value: unknown,
  old: unknown,
  check: () => FieldError[],
): FieldError[] {
  if (value !== old || typeof value !== 'object' || value === null) return check();
  let errs = memo.get(value);
  if (!errs) {
    errs = check();
    memo.set(value, errs);
  }
  return errs;
}
