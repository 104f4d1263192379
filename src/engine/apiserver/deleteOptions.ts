/**
 * DeleteOptions as kube-apiserver checks them on every delete (rest.BeforeDelete,
 * k8s.io/apiserver pkg/registry/rest/delete.go): ValidateDeleteOptions
 * (k8s.io/apimachinery pkg/apis/meta/v1/validation), then the preconditions against the stored
 * object, then a negative grace period counts as one second.
 */
import { conflictBecause, type FieldError, fieldErrors, invalidKind } from '../api/errors';
import type { KObject, StatusError } from '../api/types';

export interface DeleteOptionsInput {
  propagationPolicy?: string;
  /** The deprecated orphanDependents, refused beside propagationPolicy. */
  orphanDependents?: boolean;
  /** The dryRun values as sent (only `All` exists); `true` is ApiRequest's `["All"]`. */
  dryRun?: string[] | boolean;
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

const POLICIES = ['Foreground', 'Background', 'Orphan'];

/** ValidateDeleteOptions: `DeleteOptions.meta.k8s.io "" is invalid: …`, or undefined. */
export function validateDeleteOptions(opts: DeleteOptionsInput): StatusError | undefined {
  const errs: FieldError[] = [];
  const policy = opts.propagationPolicy;
  if (opts.orphanDependents !== undefined && policy !== undefined)
    errs.push(
      fieldErrors.invalid(
        'propagationPolicy',
        policy,
        'orphanDependents and deletionPropagation cannot be both set',
      ),
    );
  if (policy !== undefined && !POLICIES.includes(policy))
    errs.push(fieldErrors.notSupported('propagationPolicy', policy, [...POLICIES, 'nil']));
  const dryRun = Array.isArray(opts.dryRun) ? opts.dryRun : [];
  if (dryRun.some((v) => v !== 'All')) {
    // field.NotSupported prints a []string with %#v.
    const value = `[]string{${dryRun.map((v) => JSON.stringify(v)).join(', ')}}`;
    errs.push({
      field: 'dryRun',
      body: `Unsupported value: ${value}: supported values: "All"`,
      reason: 'FieldValueNotSupported',
    });
  }
  return errs.length > 0 ? invalidKind('meta.k8s.io', 'DeleteOptions', '', errs) : undefined;
}

/**
 * BeforeDelete's early precondition check: a Conflict on the kind (`Operation cannot be
 * fulfilled on Pod "x": the UID in the precondition (…) does not match the UID in record (…).
 * The object might have been deleted and then recreated`).
 */
export function checkPreconditions(
  old: KObject,
  preconditions: DeleteOptionsInput['preconditions'],
): StatusError | undefined {
  if (!preconditions) return undefined;
  const [group] = old.apiVersion.includes('/') ? old.apiVersion.split('/') : [''];
  const name = old.metadata.name ?? '';
  const { uid, resourceVersion } = preconditions;
  if (uid !== undefined && uid !== old.metadata.uid)
    return conflictBecause(
      group,
      old.kind,
      name,
      `the UID in the precondition (${uid}) does not match the UID in record (${old.metadata.uid ?? ''}). The object might have been deleted and then recreated`,
    );
  if (resourceVersion !== undefined && resourceVersion !== old.metadata.resourceVersion)
    return conflictBecause(
      group,
      old.kind,
      name,
      `the ResourceVersion in the precondition (${resourceVersion}) does not match the ResourceVersion in record (${old.metadata.resourceVersion ?? ''}). The object might have been modified`,
    );
  return undefined;
}

/** Negative grace periods are treated as one second on the delete path. */
export function effectiveGracePeriod(seconds: number | undefined): number | undefined {
  return seconds !== undefined && seconds < 0 ? 1 : seconds;
}
