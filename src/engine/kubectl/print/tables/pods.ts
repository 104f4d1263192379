import type { Pod } from 'kubernetes-types/core/v1';
import { podSummary } from '../podStatus';
import { AGE, age, NAME, type TableDef } from './tableDef';

/** printers.go podColumnDefinitions / printPod. */
export const POD_TABLE: TableDef = {
  columns: [
    NAME,
    { name: 'Ready' },
    { name: 'Status' },
    { name: 'Restarts' },
    AGE,
    { name: 'IP', wideOnly: true },
    { name: 'Node', wideOnly: true },
    { name: 'Nominated Node', wideOnly: true },
    { name: 'Readiness Gates', wideOnly: true },
  ],
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
