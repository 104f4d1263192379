import type { Pod } from 'kubernetes-types/core/v1';
import { podSummary } from '../podStatus';
import { SWAGGER_DOC } from './columnDocs';
import { AGE, age, NAME, type RowCondition, type TableDef } from './tableDef';

/** printers.go podSuccessConditions / podFailedConditions. */
const POD_SUCCEEDED: readonly RowCondition[] = [
  {
    type: 'Completed',
    status: 'True',
    reason: 'Succeeded',
    message: 'The pod has completed successfully.',
  },
];
const POD_FAILED: readonly RowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
];

/** printers.go podColumnDefinitions / printPod. */
export const POD_TABLE: TableDef = {
  columns: [
    NAME,
    {
      name: 'Ready',
      type: 'string',
      description: 'The aggregate readiness state of this pod for accepting traffic.',
    },
    {
      name: 'Status',
      type: 'string',
      description: 'The aggregate status of the containers in this pod.',
    },
    {
      name: 'Restarts',
      type: 'string',
      description:
        'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    },
    AGE,
    { name: 'IP', type: 'string', priority: 1, description: SWAGGER_DOC['apiv1.PodStatus.podIP'] },
    {
      name: 'Node',
      type: 'string',
      priority: 1,
      description: SWAGGER_DOC['apiv1.PodSpec.nodeName'],
    },
    {
      name: 'Nominated Node',
      type: 'string',
      priority: 1,
      description: SWAGGER_DOC['apiv1.PodStatus.nominatedNodeName'],
    },
    {
      name: 'Readiness Gates',
      type: 'string',
      priority: 1,
      description: SWAGGER_DOC['apiv1.PodSpec.readinessGates'],
    },
  ],
  conditions(obj) {
    switch ((obj as Pod).status?.phase) {
      case 'Succeeded':
        return POD_SUCCEEDED;
      case 'Failed':
        return POD_FAILED;
      default:
        return undefined;
    }
  },
  row(obj, nowMs) {
    const pod = obj as Pod;
    const summary = podSummary(pod, nowMs);
    const gates = pod.spec?.readinessGates ?? [];
    let readinessGates = '<none>';
    if (gates.length > 0) {
      const trueGates = gates.filter(
        (gate) =>
          pod.status?.conditions?.find((c) => c.type === gate.conditionType)?.status === 'True',
      ).length;
      readinessGates = `${trueGates}/${gates.length}`;
    }
    return [
      obj.metadata.name ?? '',
      summary.ready,
      summary.status,
      summary.restarts,
      age(obj, nowMs),
      pod.status?.podIPs?.[0]?.ip || '<none>',
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGates,
    ];
  },
};
