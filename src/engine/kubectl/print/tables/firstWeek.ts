/** printers.go tables for Secrets, StatefulSets and ControllerRevisions. */
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { Secret } from 'kubernetes-types/core/v1';
import { AGE, age, CONTAINERS, containerCells, IMAGES, NAME, type TableDef } from './tableDef';

export const SECRET_TABLE: TableDef = {
  columns: [NAME, { name: 'Type' }, { name: 'Data' }, AGE],
  row: (obj, nowMs) => [
    obj.metadata.name ?? '',
    (obj as Secret).type ?? '',
    Object.keys((obj as Secret).data ?? {}).length,
    age(obj, nowMs),
  ],
};

export const STATEFULSET_TABLE: TableDef = {
  columns: [NAME, { name: 'Ready' }, AGE, CONTAINERS, IMAGES],
  row(obj, nowMs) {
    const sts = obj as StatefulSet;
    return [
      obj.metadata.name ?? '',
      `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 1}`,
      age(obj, nowMs),
      ...containerCells(sts.spec?.template?.spec?.containers),
    ];
  },
};

/** printControllerRevision: the controller as `kind.group/name` (formatResourceName). */
export const CONTROLLERREVISION_TABLE: TableDef = {
  columns: [NAME, { name: 'Controller' }, { name: 'Revision' }, AGE],
  row(obj, nowMs) {
    const ref = obj.metadata.ownerReferences?.find((r) => r.controller);
    let controller = '<none>';
    if (ref) {
      const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
      controller = `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
    }
    return [obj.metadata.name ?? '', controller, obj.revision ?? 0, age(obj, nowMs)];
  },
};
