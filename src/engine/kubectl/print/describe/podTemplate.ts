/** describe.go DescribePodTemplate (Deployment, ReplicaSet, DaemonSet, Job) and spread constraints. */
import type { PodTemplateSpec, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import { compareStrings, formatLabelSelector } from '../labels';
import {
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerationsMultiline,
} from './common';
import { describeContainers } from './containers';
import { describeVolumes } from './volumes';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

export function describePodTemplate(template: PodTemplateSpec | undefined, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const spec = template.spec;
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) {
    printAnnotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  }
  if (spec?.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec?.initContainers?.length) {
    describeContainers('Init Containers', spec.initContainers, undefined, undefined, w, '  ');
  }
  describeContainers('Containers', spec?.containers ?? [], undefined, undefined, w, '  ');
  describeVolumes(spec?.volumes, w, '  ');
  describeTopologySpreadConstraints(spec?.topologySpreadConstraints, w, '  ');
  if (spec?.priorityClassName)
    w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec?.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec?.tolerations);
}

export function describeTopologySpreadConstraints(
  constraints: TopologySpreadConstraint[] | undefined,
  w: PrefixWriter,
  space: string,
): void {
  if (!constraints?.length) return;
  const sorted = [...constraints].sort((a, b) => compareStrings(a.topologyKey, b.topologyKey));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((c, i) => {
    if (i !== 0) w.write(LEVEL_0, `${space}\t`);
    let text = `${c.topologyKey}:${c.whenUnsatisfiable} when max skew ${c.maxSkew} is exceeded`;
    if (c.labelSelector) text += ` for selector ${formatLabelSelector(c.labelSelector)}`;
    w.write(LEVEL_0, `${text}\n`);
  });
}
