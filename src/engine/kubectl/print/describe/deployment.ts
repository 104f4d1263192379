/** describe.go describeDeployment. */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { KObject } from '../kobject';
import { selectorString } from '../labels';
import { formatRfc1123z } from '../time';
import {
  controlledBy,
  type DescribeContext,
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from './common';
import { intOrString } from './containers';
import { describePodTemplate } from './podTemplate';
import { LEVEL_0, LEVEL_1, tabbedString } from './writer';

export function describeDeployment(obj: KObject, ctx: DescribeContext): string {
  const d = obj as Deployment;
  const spec = d.spec;
  const status = d.status ?? {};
  const owned = controlledBy(ctx.related?.replicaSets, obj) as ReplicaSet[];
  const newRs = owned.find((rs) => sameTemplate(rs, d));
  const oldRss = owned.filter((rs) => rs !== newRs);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRfc1123z(obj.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec?.selector)}\n`);
    w.write(
      LEVEL_0,
      `Replicas:\t${spec?.replicas ?? 1} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
    );
    w.write(LEVEL_0, `StrategyType:\t${spec?.strategy?.type ?? ''}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${spec?.minReadySeconds ?? 0}\n`);
    const rolling = spec?.strategy?.rollingUpdate;
    if (rolling) {
      w.write(
        LEVEL_0,
        `RollingUpdateStrategy:\t${intOrString(rolling.maxUnavailable)} max unavailable, ${intOrString(rolling.maxSurge)} max surge\n`,
      );
    }
    describePodTemplate(spec?.template, w);
    if (status.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of status.conditions)
        w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    if (owned.length > 0) {
      w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetsText(oldRss)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetsText(newRs ? [newRs] : [])}\n`);
    }
    describeEvents(ctx.events, w, ctx.nowMs);
  });
}

function replicaSetsText(sets: ReplicaSet[]): string {
  const list = sets.map(
    (rs) =>
      `${rs.metadata?.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`,
  );
  return list.join(', ') || '<none>';
}

/**
 * deploymentutil.EqualIgnoreHash: the ReplicaSet whose pod template is the deployment's, once
 * the pod-template-hash label is set aside, is the new one; the others are old.
 */
function sameTemplate(rs: ReplicaSet, d: Deployment): boolean {
  const strip = (template: unknown) => {
    const copy = JSON.parse(JSON.stringify(template ?? {}));
    if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash'];
    return canonicalJson(copy);
  };
  return strip(rs.spec?.template) === strip(d.spec?.template);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
