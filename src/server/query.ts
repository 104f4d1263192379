/**
 * Query parameters and DeleteOptions bodies → the parts of an `ApiRequest`, checked as
 * metav1 validation checks them (apimachinery pkg/apis/meta/v1/validation: ValidateCreateOptions,
 * ValidateUpdateOptions, ValidateDeleteOptions), with its words.
 */
import { type ApiRequest, validateDeleteOptions } from '../engine';
import { onWire } from './status';

export interface QueryError {
  error: string;
  /** A full Status when the error is not a plain 400 BadRequest. */
  status?: ReturnType<typeof onWire> | ReturnType<typeof invalidOptions>;
}

export interface ListQuery {
  request: Pick<
    ApiRequest,
    | 'labelSelector'
    | 'fieldSelector'
    | 'limit'
    | 'continue'
    | 'resourceVersion'
    | 'resourceVersionMatch'
    | 'sendInitialEvents'
  >;
  watch: boolean;
  resourceVersion?: string;
  timeoutSeconds?: number;
  allowWatchBookmarks: boolean;
}

const flag = (v: string | null) => v === 'true' || v === '1';
/** A *bool query parameter as the parameter codec reads it: present and not "0"/"false" is true. */
const goBool = (v: string) => v !== '0' && v.toLowerCase() !== 'false';

export function listRequest(q: URLSearchParams): ListQuery | QueryError {
  const timeout = q.get('timeoutSeconds');
  if (timeout !== null && !/^\d+$/.test(timeout))
    return { error: `invalid value for timeoutSeconds: ${JSON.stringify(timeout)}` };
  const limit = q.get('limit');
  if (limit !== null && limit !== '' && !/^-?\d+$/.test(limit))
    return { error: `strconv.ParseInt: parsing ${JSON.stringify(limit)}: invalid syntax` };
  const text = (k: string) => (q.get(k) ? { [k]: q.get(k) as string } : {});
  return {
    request: {
      ...text('labelSelector'),
      ...text('fieldSelector'),
      ...(limit ? { limit: Number(limit) } : {}),
      ...text('continue'),
      ...text('resourceVersion'),
      ...text('resourceVersionMatch'),
      ...(q.has('sendInitialEvents')
        ? { sendInitialEvents: goBool(q.get('sendInitialEvents') as string) }
        : {}),
    },
    watch: flag(q.get('watch')),
    ...(q.get('resourceVersion') ? { resourceVersion: q.get('resourceVersion') as string } : {}),
    ...(timeout !== null ? { timeoutSeconds: Number(timeout) } : {}),
    allowWatchBookmarks: flag(q.get('allowWatchBookmarks')),
  };
}

const FIELD_VALIDATION = ['', 'Ignore', 'Strict', 'Warn'];

/** CreateOptions / UpdateOptions: dryRun and fieldValidation. */
export function writeQuery(
  q: URLSearchParams,
  kind: 'CreateOptions' | 'UpdateOptions' | 'PatchOptions' = 'CreateOptions',
): Pick<ApiRequest, 'dryRun' | 'fieldValidation'> | QueryError {
  const causes: Cause[] = [];
  const dryRun = q.getAll('dryRun');
  if (dryRun.some((d) => d !== 'All')) causes.push(dryRunUnsupported(dryRun));
  const fv = q.get('fieldValidation') ?? '';
  if (!FIELD_VALIDATION.includes(fv))
    causes.push({
      field: 'fieldValidation',
      message: `Unsupported value: ${JSON.stringify(fv)}: supported values: ${FIELD_VALIDATION.map((v) => JSON.stringify(v)).join(', ')}`,
      reason: 'FieldValueNotSupported',
    });
  if (causes.length) return invalidError(kind, causes);
  return {
    ...(dryRun.length ? { dryRun: true } : {}),
    ...(fv ? { fieldValidation: fv as ApiRequest['fieldValidation'] } : {}),
  };
}

/** DeleteOptions from the query and from the body (kubectl sends them in the body). */
export function deleteRequest(
  q: URLSearchParams,
  body: Buffer | undefined,
):
  | Pick<ApiRequest, 'propagationPolicy' | 'gracePeriodSeconds' | 'dryRun' | 'preconditions'>
  | QueryError {
  let opts: Record<string, unknown> = {};
  const text = body?.toString('utf8').trim();
  if (text) {
    try {
      const parsed = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) opts = parsed;
    } catch {
      return { error: "couldn't get version/kind; json parse error: unexpected end of JSON input" };
    }
  }
  const policy = (opts.propagationPolicy as string | undefined) ?? q.get('propagationPolicy');
  const graceText = opts.gracePeriodSeconds ?? q.get('gracePeriodSeconds');
  const dryRun = (opts.dryRun as string[] | undefined) ?? q.getAll('dryRun');
  // The handler's ValidateDeleteOptions, before the storage looks the object up (delete.go).
  const refused = validateDeleteOptions({
    ...(policy ? { propagationPolicy: policy } : {}),
    ...(Array.isArray(dryRun) ? { dryRun } : {}),
  });
  if (refused) return { error: refused.message, status: onWire(refused) };
  const grace =
    graceText === null || graceText === undefined || graceText === ''
      ? undefined
      : Number(graceText);
  if (grace !== undefined && !Number.isInteger(grace))
    return { error: `invalid value for gracePeriodSeconds: ${JSON.stringify(graceText)}` };
  const pre = opts.preconditions as { uid?: unknown; resourceVersion?: unknown } | undefined;
  const preconditions =
    pre && typeof pre === 'object'
      ? {
          ...(typeof pre.uid === 'string' ? { uid: pre.uid } : {}),
          ...(typeof pre.resourceVersion === 'string'
            ? { resourceVersion: pre.resourceVersion }
            : {}),
        }
      : undefined;
  return {
    ...(preconditions && Object.keys(preconditions).length ? { preconditions } : {}),
    ...(policy ? { propagationPolicy: policy as ApiRequest['propagationPolicy'] } : {}),
    ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}),
    ...(Array.isArray(dryRun) && dryRun.length ? { dryRun: true } : {}),
  };
}

interface Cause {
  field: string;
  message: string;
  reason: string;
}

function dryRunUnsupported(values: string[]): Cause {
  return {
    field: 'dryRun',
    message: `Unsupported value: []string{${values.map((v) => JSON.stringify(v)).join(', ')}}: supported values: "All"`,
    reason: 'FieldValueNotSupported',
  };
}

/** errors.NewInvalid(meta.k8s.io/KIND, "", errs). */
function invalidOptions(kind: string, causes: Cause[]) {
  const list = causes.map((c) => `${c.field}: ${c.message}`);
  const text = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `${kind}.meta.k8s.io "" is invalid: ${text}`,
    reason: 'Invalid',
    details: { group: 'meta.k8s.io', kind, causes },
    code: 422,
  };
}

function invalidError(kind: string, causes: Cause[]): QueryError {
  const status = invalidOptions(kind, causes);
  return { error: status.message, status };
}
