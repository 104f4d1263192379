/** printers.go tables for Secrets, StatefulSets and ControllerRevisions. */
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { Secret } from 'kubernetes-types/core/v1';
import { SWAGGER_DOC } from './columnDocs';
import { AGE, age, CONTAINERS, containerCells, IMAGES, NAME, type TableDef } from './tableDef';

export const SECRET_TABLE: TableDef = {
  columns: [
    NAME,
    { name: 'Type', type: 'string', description: SWAGGER_DOC['apiv1.Secret.type'] },
    { name: 'Data', type: 'string', description: SWAGGER_DOC['apiv1.Secret.data'] },
    AGE,
  ],
  row: (obj, nowMs) => [
    obj.metadata.name ?? '',
    (obj as Secret).type ?? '',
    Object.keys((obj as Secret).data ?? {}).length,
    age(obj, nowMs),
  ],
};

export const STATEFULSET_TABLE: TableDef = {
  columns: [
    NAME,
    { name: 'Ready', type: 'string', description: 'Number of the pod with ready state' },
    AGE,
    CONTAINERS,
    IMAGES,
  ],
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
  columns: [
    NAME,
    { name: 'Controller', type: 'string', description: 'Controller of the object' },
    {
      name: 'Revision',
      type: 'string',
      description: SWAGGER_DOC['appsv1beta1.ControllerRevision.revision'],
    },
    AGE,
  ],
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
