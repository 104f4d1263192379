/**
 * Resource requirements of containers and pods (validateResourceRequirements,
 * validateContainerResourceName, validatePodResourceName, validatePodResourceConsistency in
 * pkg/apis/core/validation/validation.go; helpers from pkg/apis/core/helper/helpers.go).
 * Quantities that do not parse never get here: decoding rejects them first (decode.ts).
 */
import type { FieldError } from '../../api/errors';
import {
  compareDecimal,
  type Decimal,
  formatDecimal,
  parseQuantity,
  type QuantityFormat,
} from '../../model/quantity';
import { fieldErrors, invalid, notSupported } from './fieldError';
import { isQualifiedName } from './names';

type Quantities = Record<string, string | number> | undefined;
export interface Requirements {
  requests?: Quantities;
  limits?: Quantities;
  claims?: unknown[];
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
/** helper.standardResources: what an unprefixed resource name may be. */
const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'persistentvolumeclaims',
  'configmaps',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
]);

const isHugePages = (name: string) => name.startsWith('hugepages-');
/** IsNativeResource: unprefixed or in the kubernetes.io domain. */
const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
/** IsOvercommitAllowed: only native, non-hugepages resources may request less than their limit. */
const overcommitAllowed = (name: string) => isNative(name) && !isHugePages(name);

function quantity(value: string | number): Decimal | undefined {
  const q = parseQuantity(value);
  return q.ok ? q.value : undefined;
}

/** Quantity.String() of a value as written. */
function quantityString(value: string | number): string {
  const q = parseQuantity(value);
  return q.ok ? q.canonical : String(value);
}

function validateResourceName(name: string, field: string): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(field, name, msg));
  if (errs.length) return errs;
  if (!name.includes('/') && !STANDARD_RESOURCES.has(name) && !isHugePages(name)) {
    return [invalid(field, name, 'must be a standard resource type or fully qualified')];
  }
  return [];
}

export function validateContainerResourceName(name: string, field: string): FieldError[] {
  const errs = validateResourceName(name, field);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) {
      return [...errs, invalid(field, name, 'must be a standard resource for containers')];
    }
  } else if (!isNative(name) && name.startsWith('requests.')) {
    return [...errs, invalid(field, name, "doesn't follow extended resource name standard")];
  }
  return errs;
}

function validatePodResourceName(name: string, field: string): FieldError[] {
  const errs = validateResourceName(name, field);
  if (errs.length) return errs;
  // IsSupportedPodLevelResource (hugepages need a gate that is off in v1.34).
  if (name !== 'cpu' && name !== 'memory') return [notSupported(field, name, ['cpu', 'memory'])];
  return [];
}

/** ValidateResourceQuantityValue: non-negative, and whole for integer resources. */
function validateQuantityValue(name: string, value: string | number, field: string): FieldError[] {
  const q = parseQuantity(value);
  if (!q.ok) return [];
  if (q.value.digits < 0n) {
    return [invalid(field, q.canonical, 'must be greater than or equal to 0')];
  }
  if (!isNative(name) && !Number.isInteger(q.milli / 1000)) {
    return [invalid(field, q.canonical, 'must be an integer')];
  }
  return [];
}

function validateRequirements(
  req: Requirements | undefined,
  field: string,
  nameFn: (name: string, field: string) => FieldError[],
): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = `${field}.limits`;
  const reqPath = `${field}.requests`;
  const limits = req?.limits ?? {};
  const requests = req?.requests ?? {};
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, value] of Object.entries(limits)) {
    const path = `${limPath}[${name}]`;
    errs.push(...nameFn(name, path), ...validateQuantityValue(name, value, path));
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const [name, value] of Object.entries(requests)) {
    const path = `${reqPath}[${name}]`;
    errs.push(...nameFn(name, path), ...validateQuantityValue(name, value, path));
    const limit = limits[name];
    const request = quantity(value);
    if (limit !== undefined) {
      const limitValue = quantity(limit);
      if (request && limitValue) {
        const cmp = compareDecimal(request, limitValue);
        if (cmp !== 0 && !overcommitAllowed(name)) {
          errs.push(
            invalid(
              reqPath,
              quantityString(value),
              `must be equal to ${name} limit of ${quantityString(limit)}`,
            ),
          );
        } else if (cmp > 0) {
          errs.push(
            invalid(
              reqPath,
              quantityString(value),
              `must be less than or equal to ${name} limit of ${quantityString(limit)}`,
            ),
          );
        }
      }
    } else if (!overcommitAllowed(name)) {
      errs.push(
        fieldErrors.required(limPath, 'Limit must be set for non overcommitable resources'),
      );
    }
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (!cpuOrMemory && hugePages) {
    errs.push(fieldErrors.forbidden(field, 'HugePages require cpu or memory'));
  }
  return errs;
}

export function validateContainerResources(
  req: Requirements | undefined,
  field: string,
): FieldError[] {
  return validateRequirements(req, field, validateContainerResourceName);
}

/** validatePodResources: pod-level `spec.resources` (PodLevelResources, beta and on in v1.34). */
export function validatePodResources(
  spec: { resources?: Requirements; containers?: { resources?: Requirements }[] },
  field: string,
): FieldError[] {
  const resources = spec.resources;
  if (!resources) return [];
  const errs: FieldError[] = [];
  if (resources.claims) {
    errs.push(
      fieldErrors.forbidden(`${field}.claims`, 'claims cannot be set for Resources at pod-level'),
    );
  }
  errs.push(...validateRequirements(resources, field, validatePodResourceName));
  // Pod-level requests must cover the containers' summed requests.
  const sums = new Map<string, { sum: Decimal; format: QuantityFormat }>();
  for (const c of spec.containers ?? []) {
    for (const [name, value] of Object.entries(c.resources?.requests ?? {})) {
      const q = parseQuantity(value);
      if (!q.ok) continue;
      const prev = sums.get(name);
      // Quantity.Add keeps the format of the quantity added to.
      sums.set(
        name,
        prev ? { ...prev, sum: addDecimal(prev.sum, q.value) } : { sum: q.value, format: q.format },
      );
    }
  }
  for (const [name, { sum, format }] of sums) {
    const podRequest = resources.requests?.[name];
    const podValue = podRequest === undefined ? { digits: 0n, scale: 0 } : quantity(podRequest);
    if (podValue && compareDecimal(sum, podValue) > 0) {
      errs.push(
        invalid(
          `${field}.requests[${name}]`,
          podRequest === undefined ? '0' : quantityString(podRequest),
          `must be greater than or equal to aggregate container requests of ${formatDecimal(sum, format)}`,
        ),
      );
    }
  }
  (spec.containers ?? []).forEach((c, i) => {
    for (const [name, value] of Object.entries(c.resources?.limits ?? {})) {
      const podLimit = resources.limits?.[name];
      if (podLimit === undefined) continue;
      const ctr = quantity(value);
      const pod = quantity(podLimit);
      if (ctr && pod && compareDecimal(ctr, pod) > 0) {
        errs.push(
          invalid(
            `${field}.containers[${i}][${name}].limits`,
            quantityString(value),
            `must be less than or equal to pod limits of ${quantityString(podLimit)}`,
          ),
        );
      }
    }
  });
  return errs;
}

function addDecimal(a: Decimal, b: Decimal): Decimal {
  const scale = Math.min(a.scale, b.scale);
  const shift = (d: Decimal) => d.digits * 10n ** BigInt(d.scale - scale);
  return { digits: shift(a) + shift(b), scale };
}
