/**
 * field.Error constructors rendering bad values as apimachinery's ErrorBody does since v1.34
 * (k8s.io/apimachinery/pkg/util/validation/field/errors.go): numbers and booleans plain, strings
 * quoted, anything else as JSON (which sorts map keys, like Go's encoding/json).
 */
import { type FieldError, fieldErrors } from '../../api/errors';

export { fieldErrors };

function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, v[k]]),
      );
    }
    return v;
  });
}

/** The `Invalid value: X` rendering of one bad value. */
export function renderValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'null';
  return sortedJson(value);
}

export function invalid(field: string, value: unknown, detail: string): FieldError {
  return {
    field,
    body: `Invalid value: ${renderValue(value)}${detail ? `: ${detail}` : ''}`,
    reason: 'FieldValueInvalid',
  };
}

export function duplicate(field: string, value: unknown, detail = ''): FieldError {
  return {
    field,
    body: `Duplicate value: ${renderValue(value)}${detail ? `: ${detail}` : ''}`,
    reason: 'FieldValueDuplicate',
  };
}

/**
 * field.NotFound. The shared FieldError type has no `FieldValueNotFound` reason yet, although
 * the API server reports it (e.g. a volumeMount naming no volume); the cast keeps the real
 * reason in the Status causes.
 */
export function notFound(field: string, value: unknown): FieldError {
  return {
    field,
    body: `Not found: ${renderValue(value)}`,
    reason: 'FieldValueNotFound' as unknown as FieldError['reason'],
  };
}

export function notSupported(field: string, value: unknown, supported: string[]): FieldError {
  const detail = supported.length
    ? `: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`
    : '';
  return {
    field,
    body: `Unsupported value: ${renderValue(value)}${detail}`,
    reason: 'FieldValueNotSupported',
  };
}

/** ValidateNonnegativeField (IsNegativeErrorMsg). */
export function nonNegative(field: string, value: unknown): FieldError[] {
  return typeof value === 'number' && value < 0
    ? [invalid(field, value, 'must be greater than or equal to 0')]
    : [];
}

/** ValidateImmutableField. */
export function immutable(field: string, next: unknown, prev: unknown): FieldError[] {
  return sameJson(next, prev) ? [] : [invalid(field, next ?? null, 'field is immutable')];
}

/**
 * apiequality.Semantic.DeepEqual: like reflect.DeepEqual except that an empty slice or map
 * equals a nil one, so `[]`, `{}` and absent compare equal here.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  // The common cases: the same value (equal to itself), or two strings (equal only if the same).
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return false;
  return sortedJson(normalize(a) ?? null) === sortedJson(normalize(b) ?? null);
}

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(normalize);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, normalize(v)] as const)
      .filter(([, v]) => v !== undefined && v !== null);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}

/** ErrorList.ToAggregate drops repeated messages from the Status message. */
export function dedupe(errs: FieldError[]): FieldError[] {
  if (errs.length < 2) return errs; // (nothing to drop: the usual case)
  const seen = new Set<string>();
  return errs.filter((e) => {
    const key = `${e.field}: ${e.body}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
