/**
 * Where a container's environment comes from (pkg/apis/core/validation/validation.go:
 * validateEnvVarValueFrom, validateObjectFieldSelector, validateContainerResourceFieldSelector,
 * validateConfigMapKeySelector, validateSecretKeySelector, ValidateEnvFrom). The API server only
 * checks the shape; whether the ConfigMap or Secret exists is the kubelet's business.
 */
import type { FieldError } from '../../api/errors';
import { parseQuantity } from '../../model/quantity';
import { fieldErrors, invalid, notSupported } from './fieldError';
import { isConfigMapKey, isQualifiedName, isRelaxedEnvVarName, nameIsDNSSubdomain } from './names';

// biome-ignore lint/suspicious/noExplicitAny: containers are free-form JSON here
type Json = any;

/** validEnvDownwardAPIFieldPathExpressions, as sets.List sorts them. */
const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];

/** The field labels ConvertDownwardAPIFieldLabel knows for pods (v1). */
const POD_FIELD_LABELS = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);

const RESOURCE_FIELDS = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
];
const HUGEPAGES_PREFIXES = ['requests.hugepages-', 'limits.hugepages-'];
const CPU_DIVISORS = ['1m', '1'];
const BYTE_DIVISORS = [
  '1',
  '1k',
  '1M',
  '1G',
  '1T',
  '1P',
  '1E',
  '1Ki',
  '1Mi',
  '1Gi',
  '1Ti',
  '1Pi',
  '1Ei',
];

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['app']` → path and subscript. */
export function splitSubscriptedPath(fieldPath: string): { path: string; subscript?: string } {
  if (!fieldPath.endsWith("']")) return { path: fieldPath };
  const open = fieldPath.indexOf("['");
  if (open < 0) return { path: fieldPath };
  return { path: fieldPath.slice(0, open), subscript: fieldPath.slice(open + 2, -2) };
}

/** validateObjectFieldSelector with the env paths. */
export function validateObjectFieldSelector(
  fs: Json,
  expressions: string[],
  field: string,
): FieldError[] {
  if (!fs.apiVersion) return [fieldErrors.required(`${field}.apiVersion`)];
  if (!fs.fieldPath) return [fieldErrors.required(`${field}.fieldPath`)];
  const fieldPath = String(fs.fieldPath);
  // ConvertDownwardAPIFieldLabel
  let conversionError: string | undefined;
  const split = splitSubscriptedPath(fieldPath);
  if (fs.apiVersion !== 'v1') conversionError = `unsupported pod version: ${fs.apiVersion}`;
  else if (split.subscript !== undefined) {
    if (split.path !== 'metadata.annotations' && split.path !== 'metadata.labels')
      conversionError = `field label does not support subscript: ${fieldPath}`;
  } else if (!POD_FIELD_LABELS.has(fieldPath) && fieldPath !== 'spec.host') {
    conversionError = `field label not supported: ${fieldPath}`;
  }
  if (conversionError) {
    return [
      invalid(`${field}.fieldPath`, fieldPath, `error converting fieldPath: ${conversionError}`),
    ];
  }
  const internal = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  const { path, subscript } = splitSubscriptedPath(internal);
  if (subscript !== undefined) {
    const key = path === 'metadata.annotations' ? subscript.toLowerCase() : subscript;
    return isQualifiedName(key).map((msg) => invalid(field, key, msg));
  }
  if (!expressions.includes(path)) return [notSupported(`${field}.fieldPath`, path, expressions)];
  return [];
}

function validateDivisor(resource: string, divisor: unknown, field: string): FieldError[] {
  if (divisor === undefined || divisor === null) return [];
  const q = parseQuantity(divisor as string);
  if (!q.ok || q.canonical === '0') return [];
  const text = q.canonical;
  const path = `${field}.divisor`;
  if (resource === 'limits.cpu' || resource === 'requests.cpu') {
    return CPU_DIVISORS.includes(text)
      ? []
      : [
          invalid(
            path,
            resource,
            "only divisor's values 1m and 1 are supported with the cpu resource",
          ),
        ];
  }
  const kind =
    resource === 'limits.memory' || resource === 'requests.memory'
      ? 'memory'
      : resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage'
        ? 'local ephemeral storage'
        : HUGEPAGES_PREFIXES.some((p) => resource.startsWith(p))
          ? 'hugepages'
          : undefined;
  if (!kind || BYTE_DIVISORS.includes(text)) return [];
  return [
    invalid(
      path,
      resource,
      `only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the ${kind} resource`,
    ),
  ];
}

/** validateContainerResourceFieldSelector (volume: the containerName is required). */
export function validateResourceFieldSelector(
  fs: Json,
  field: string,
  volume: boolean,
): FieldError[] {
  const errs: FieldError[] = [];
  if (volume && !fs.containerName) errs.push(fieldErrors.required(`${field}.containerName`));
  else if (!fs.resource) errs.push(fieldErrors.required(`${field}.resource`));
  else if (
    !RESOURCE_FIELDS.includes(fs.resource) &&
    !HUGEPAGES_PREFIXES.some((p) => String(fs.resource).startsWith(p))
  ) {
    errs.push(notSupported(`${field}.resource`, fs.resource, RESOURCE_FIELDS));
  }
  errs.push(...validateDivisor(String(fs.resource ?? ''), fs.divisor, field));
  return errs;
}

/** validateConfigMapKeySelector / validateSecretKeySelector (the same rules). */
function validateKeySelector(s: Json, field: string): FieldError[] {
  const name = String(s.name ?? '');
  const errs = nameIsDNSSubdomain(name, false).map((msg) => invalid(`${field}.name`, name, msg));
  if (!s.key) errs.push(fieldErrors.required(`${field}.key`));
  else errs.push(...isConfigMapKey(s.key).map((msg) => invalid(`${field}.key`, s.key, msg)));
  return errs;
}

/** The per-source checks of validateEnvVarValueFrom (the count rules stay with the caller). */
export function validateEnvValueSources(from: Json, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (from.fieldRef != null)
    errs.push(...validateObjectFieldSelector(from.fieldRef, ENV_FIELD_PATHS, `${field}.fieldRef`));
  if (from.resourceFieldRef != null)
    errs.push(
      ...validateResourceFieldSelector(from.resourceFieldRef, `${field}.resourceFieldRef`, false),
    );
  if (from.configMapKeyRef != null)
    errs.push(...validateKeySelector(from.configMapKeyRef, `${field}.configMapKeyRef`));
  if (from.secretKeyRef != null)
    errs.push(...validateKeySelector(from.secretKeyRef, `${field}.secretKeyRef`));
  return errs;
}

/** ValidateEnvFrom. */
export function validateEnvFrom(list: Json[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (list ?? []).forEach((ev, i) => {
    const path = `${field}[${i}]`;
    if (ev.prefix) {
      errs.push(
        ...isRelaxedEnvVarName(ev.prefix).map((msg) => invalid(`${path}.prefix`, ev.prefix, msg)),
      );
    }
    let sources = 0;
    for (const kind of ['configMapRef', 'secretRef']) {
      const ref = ev[kind];
      if (ref == null) continue;
      sources++;
      if (!ref.name) errs.push(fieldErrors.required(`${path}.${kind}.name`));
      else
        errs.push(
          ...nameIsDNSSubdomain(ref.name, true).map((msg) =>
            invalid(`${path}.${kind}.name`, ref.name, msg),
          ),
        );
    }
    // Go reports these two on the list's path, not the item's.
    if (sources === 0)
      errs.push(invalid(field, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1)
      errs.push(invalid(field, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}
