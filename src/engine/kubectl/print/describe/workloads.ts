/** describe.go describeReplicaSet, describeDaemonSet and describeJob. */
import type { DaemonSet, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { KObject } from '../kobject';
import { formatLabelSelector, formatLabels, selectorString } from '../labels';
import { formatRfc1123z, humanDuration, parseTimestampMs } from '../time';
import {
  controlledBy,
  controllerOf,
  type DescribeContext,
  describeEvents,
  podsStatusLine,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from './common';
import { describePodTemplate } from './podTemplate';
import { LEVEL_0, LEVEL_1, tabbedString } from './writer';

export function describeReplicaSet(obj: KObject, ctx: DescribeContext): string {
  const rs = obj as ReplicaSet;
  const pods = controlledBy(ctx.related?.pods, obj);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    const owner = controllerOf(obj);
    if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
    w.write(
      LEVEL_0,
      `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`,
    );
    w.write(LEVEL_0, 'Pods Status:\t');
    w.write(LEVEL_0, `${podsStatusLine(pods)}\n`);
    describePodTemplate(rs.spec?.template, w);
    if (rs.status?.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of rs.status.conditions)
        w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    describeEvents(ctx.events, w, ctx.nowMs);
  });
}

export function describeDaemonSet(obj: KObject, ctx: DescribeContext): string {
  const ds = obj as DaemonSet;
  const status = ds.status;
  const pods = controlledBy(ctx.related?.pods, obj);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(ds.spec?.selector)}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${status?.desiredNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${status?.currentNumberScheduled ?? 0}\n`);
    w.write(
      LEVEL_0,
      `Number of Nodes Scheduled with Up-to-date Pods: ${status?.updatedNumberScheduled ?? 0}\n`,
    );
    w.write(
      LEVEL_0,
      `Number of Nodes Scheduled with Available Pods: ${status?.numberAvailable ?? 0}\n`,
    );
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${status?.numberMisscheduled ?? 0}\n`);
    w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(pods)}\n`);
    describePodTemplate(ds.spec?.template, w);
    describeEvents(ctx.events, w, ctx.nowMs);
  });
}

export function describeJob(obj: KObject, ctx: DescribeContext): string {
  const job = obj as Job;
  const spec = job.spec;
  const status = job.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    const owner = controllerOf(obj);
    if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
    if (spec?.parallelism !== undefined) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
    w.write(LEVEL_0, `Completions:\t${spec?.completions ?? '<unset>'}\n`);
    if (spec?.completionMode) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
    if (spec?.suspend !== undefined) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
    if (spec?.backoffLimit !== undefined)
      w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
    if (spec?.ttlSecondsAfterFinished !== undefined) {
      w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
    }
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatRfc1123z(status.startTime)}\n`);
    if (status.completionTime) {
      w.write(LEVEL_0, `Completed At:\t${formatRfc1123z(status.completionTime)}\n`);
    }
    const startMs = parseTimestampMs(status.startTime);
    const completionMs = parseTimestampMs(status.completionTime);
    if (startMs !== undefined && completionMs !== undefined) {
      w.write(LEVEL_0, `Duration:\t${humanDuration(completionMs - startMs)}\n`);
    }
    if (spec?.activeDeadlineSeconds !== undefined) {
      w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
    }
    const counts = `${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed`;
    if (status.ready === undefined || status.ready === null) {
      w.write(LEVEL_0, `Pods Statuses:\t${status.active ?? 0} Active / ${counts}\n`);
    } else {
      w.write(
        LEVEL_0,
        `Pods Statuses:\t${status.active ?? 0} Active (${status.ready} Ready) / ${counts}\n`,
      );
    }
    if (spec?.completionMode === 'Indexed') {
      w.write(LEVEL_0, `Completed Indexes:\t${capIndexes(status.completedIndexes ?? '')}\n`);
    }
    describePodTemplate(spec?.template, w);
    describeEvents(ctx.events, w, ctx.nowMs);
  });
}

/** describe.go capIndexesListOrNone with its soft limit of 50 characters. */
function capIndexes(indexes: string): string {
  if (!indexes) return '<none>';
  let at = 50;
  while (at < indexes.length && indexes[at] !== ',') at++;
  return at >= indexes.length ? indexes : `${indexes.slice(0, at + 1)}...`;
}
