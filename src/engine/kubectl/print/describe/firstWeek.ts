/** describe.go describeSecret and describeStatefulSet (with describeVolumeClaimTemplates). */
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Secret } from 'kubernetes-types/core/v1';
import type { KObject } from '../kobject';
import { compareStrings, selectorString } from '../labels';
import { base64ByteLength, textOfBase64 } from '../secretBytes';
import { formatRfc1123z } from '../time';
import {
  controlledBy,
  type DescribeContext,
  describeEvents,
  podsStatusLine,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from './common';
import { describePodTemplate } from './podTemplate';
import { LEVEL_0, LEVEL_1, type PrefixWriter, tabbedString } from './writer';

/** A Secret shows the size of each value, never the value (a service account token aside). */
export function describeSecret(obj: KObject): string {
  const secret = obj as Secret;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    const data = secret.data ?? {};
    for (const key of Object.keys(data).sort(compareStrings)) {
      if (key === 'token' && secret.type === 'kubernetes.io/service-account-token')
        w.write(LEVEL_0, `${key}:\t${textOfBase64(data[key] ?? '')}\n`);
      else w.write(LEVEL_0, `${key}:\t${base64ByteLength(data[key] ?? '')} bytes\n`);
    }
  });
}

function describeVolumeClaimTemplates(
  templates: PersistentVolumeClaim[] | undefined,
  w: PrefixWriter,
): void {
  if (!templates?.length) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volume Claims:\n');
  for (const pvc of templates) {
    w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
    const storageClass =
      pvc.spec?.storageClassName ??
      pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ??
      '';
    w.write(LEVEL_1, `StorageClass:\t${storageClass}\n`);
    printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
    printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
    const capacity = pvc.spec?.resources?.requests?.storage;
    w.write(LEVEL_1, `Capacity:\t${capacity ?? '<default>'}\n`);
    w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
  }
}

export function describeStatefulSet(obj: KObject, ctx: DescribeContext): string {
  const sts = obj as StatefulSet;
  const spec = sts.spec;
  const pods = controlledBy(ctx.related?.pods, obj);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRfc1123z(obj.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    if (spec?.serviceName) w.write(LEVEL_0, `Service Name:\t${spec.serviceName}\n`);
    if (spec?.podManagementPolicy)
      w.write(LEVEL_0, `Pod Management Policy:\t${spec.podManagementPolicy}\n`);
    w.write(
      LEVEL_0,
      `Replicas:\t${spec?.replicas ?? 1} desired | ${sts.status?.replicas ?? 0} total\n`,
    );
    w.write(LEVEL_0, `Update Strategy:\t${spec?.updateStrategy?.type ?? ''}\n`);
    const ru = spec?.updateStrategy?.rollingUpdate;
    if (ru && ru.partition !== undefined && ru.partition !== null) {
      w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null)
        w.write(LEVEL_1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
    }
    const retention = spec?.persistentVolumeClaimRetentionPolicy;
    if (retention) {
      w.write(LEVEL_0, 'Persistent Volume Claim Retention Policy:\n');
      w.write(LEVEL_1, `WhenDeleted:\t${retention.whenDeleted ?? ''}\n`);
      w.write(LEVEL_1, `WhenScaled:\t${retention.whenScaled ?? ''}\n`);
    }
    w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(pods)}\n`);
    describePodTemplate(spec?.template, w);
    describeVolumeClaimTemplates(spec?.volumeClaimTemplates, w);
    describeEvents(ctx.events, w, ctx.nowMs);
  });
}
