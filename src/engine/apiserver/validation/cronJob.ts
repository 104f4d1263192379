/**
 * CronJob validation (pkg/apis/batch/validation/validation.go validateCronJobSpec,
 * ValidateJobTemplateSpec, validateScheduleFormat, validateTimeZone, and the 52-character name
 * limit of ValidateCronJobCreate), with the API server's messages.
 */
import type { FieldError } from '../../api/errors';
import { parseStandard } from '../../model/cron';
import { loadLocation } from '../../model/timeZones';
import { fieldErrors, invalid, nonNegative, notSupported } from './fieldError';
import { validateJobSpec } from './workloads';

// biome-ignore lint/suspicious/noExplicitAny: CronJob specs are free-form JSON here
type Json = any;

const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];

/** A name component the IANA naming rules allow (0-9 and + tolerated for legacy names). */
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/**
 * validateCronJobSpec; `old` is the stored spec on update (TZ in an old schedule stays allowed,
 * an unchanged timeZone is not checked again).
 */
export function validateCronJobSpec(spec: Json, old?: Json): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  const schedule = typeof s.schedule === 'string' ? s.schedule : '';
  if (schedule.length === 0) errs.push(fieldErrors.required('spec.schedule'));
  else errs.push(...validateScheduleFormat(schedule, !!old?.schedule?.includes('TZ'), s.timeZone));
  errs.push(...nonNegative('spec.startingDeadlineSeconds', s.startingDeadlineSeconds));
  if (!old || old.timeZone !== s.timeZone) errs.push(...validateTimeZone(s.timeZone));
  const policy = s.concurrencyPolicy ?? '';
  if (policy === '') errs.push(fieldErrors.required('spec.concurrencyPolicy'));
  else if (!CONCURRENCY_POLICIES.includes(policy))
    errs.push(notSupported('spec.concurrencyPolicy', policy, CONCURRENCY_POLICIES));
  errs.push(...validateJobTemplateSpec(s.jobTemplate));
  errs.push(...nonNegative('spec.successfulJobsHistoryLimit', s.successfulJobsHistoryLimit));
  errs.push(...nonNegative('spec.failedJobsHistoryLimit', s.failedJobsHistoryLimit));
  return errs;
}

/** ValidateCronJobCreate's extra rule: room for the `-MINUTES` suffix in a 63-character name. */
export function validateCronJobName(name: string): FieldError[] {
  return name.length > 52
    ? [invalid('metadata.name', name, 'must be no more than 52 characters')]
    : [];
}

function validateScheduleFormat(
  schedule: string,
  allowTZInSchedule: boolean,
  timeZone: string | undefined,
): FieldError[] {
  const errs: FieldError[] = [];
  const parsed = parseStandard(schedule);
  if ('error' in parsed) errs.push(invalid('spec.schedule', schedule, parsed.error));
  if (allowTZInSchedule && schedule.includes('TZ') && timeZone != null)
    errs.push(
      invalid(
        'spec.schedule',
        schedule,
        'cannot use both timeZone field and TZ or CRON_TZ in schedule',
      ),
    );
  else if (!allowTZInSchedule && schedule.includes('TZ'))
    errs.push(
      invalid(
        'spec.schedule',
        schedule,
        'cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      ),
    );
  return errs;
}

function validateTimeZone(timeZone: unknown): FieldError[] {
  if (timeZone == null) return [];
  const tz = String(timeZone);
  const field = 'spec.timeZone';
  if (tz.length === 0) return [invalid(field, tz, 'timeZone must be nil or non-empty string')];
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part))
      return [invalid(field, tz, `unknown time zone ${tz}`)];
  }
  const errs: FieldError[] = [];
  if (tz.toLowerCase() === 'local')
    errs.push(
      invalid(
        field,
        tz,
        'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
      ),
    );
  const loc = loadLocation(tz);
  if ('error' in loc) errs.push(invalid(field, tz, loc.error));
  return errs;
}

/** ValidateJobTemplateSpec: a JobSpec whose selector the Job's creation will generate. */
function validateJobTemplateSpec(template: Json): FieldError[] {
  const spec = template?.spec ?? {};
  const errs = validateJobSpec(spec, 'spec.jobTemplate.spec');
  if (spec.selector != null)
    errs.push(
      invalid('spec.jobTemplate.spec.selector', spec.selector, '`selector` will be auto-generated'),
    );
  if (spec.manualSelector === true)
    errs.push(notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
  return errs;
}
