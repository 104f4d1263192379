/** describe.go describeCronJob, describeJobTemplate and printActiveJobs. */
import type { CronJob } from 'kubernetes-types/batch/v1';
import type { KObject } from '../kobject';
import { selectorString } from '../labels';
import { formatRfc1123z } from '../time';
import {
  type DescribeContext,
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from './common';
import { describePodTemplate } from './podTemplate';
import { LEVEL_0, tabbedString } from './writer';

const orUnset = (v: number | undefined | null, suffix = '') =>
  v == null ? '<unset>' : `${v}${suffix}`;

export function describeCronJob(obj: KObject, ctx: DescribeContext): string {
  const cj = obj as CronJob;
  const spec = cj.spec;
  const template = spec?.jobTemplate?.spec;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `Schedule:\t${spec?.schedule ?? ''}\n`);
    w.write(LEVEL_0, `Concurrency Policy:\t${spec?.concurrencyPolicy ?? ''}\n`);
    const suspend = spec?.suspend;
    w.write(LEVEL_0, `Suspend:\t${suspend == null ? '<unset>' : suspend ? 'True' : 'False'}\n`);
    w.write(
      LEVEL_0,
      `Successful Job History Limit:\t${orUnset(spec?.successfulJobsHistoryLimit)}\n`,
    );
    w.write(LEVEL_0, `Failed Job History Limit:\t${orUnset(spec?.failedJobsHistoryLimit)}\n`);
    w.write(
      LEVEL_0,
      `Starting Deadline Seconds:\t${orUnset(spec?.startingDeadlineSeconds, 's')}\n`,
    );
    // describeJobTemplate.
    w.write(
      LEVEL_0,
      `Selector:\t${template?.selector ? selectorString(template.selector) : '<unset>'}\n`,
    );
    w.write(LEVEL_0, `Parallelism:\t${orUnset(template?.parallelism)}\n`);
    w.write(LEVEL_0, `Completions:\t${orUnset(template?.completions)}\n`);
    if (template?.activeDeadlineSeconds != null)
      w.write(LEVEL_0, `Active Deadline Seconds:\t${template.activeDeadlineSeconds}s\n`);
    describePodTemplate(template?.template, w);
    const last = cj.status?.lastScheduleTime;
    w.write(LEVEL_0, `Last Schedule Time:\t${last ? formatRfc1123z(last) : '<unset>'}\n`);
    const active = cj.status?.active ?? [];
    w.write(
      LEVEL_0,
      `Active Jobs:\t${active.length ? active.map((j) => j.name).join(', ') : '<none>'}\n`,
    );
    describeEvents(ctx.events, w, ctx.nowMs);
  });
}
