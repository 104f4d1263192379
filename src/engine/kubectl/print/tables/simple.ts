/** printers.go tables for the small kinds: namespaces, service accounts, config maps, leases. */
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { ConfigMap, Namespace, ServiceAccount } from 'kubernetes-types/core/v1';
import { SWAGGER_DOC } from './columnDocs';
import { AGE, age, NAME, type TableDef } from './tableDef';

export const NAMESPACE_TABLE: TableDef = {
  columns: [
    NAME,
    { name: 'Status', type: 'string', description: 'The status of the namespace' },
    AGE,
  ],
  row: (obj, nowMs) => [
    obj.metadata.name ?? '',
    (obj as Namespace).status?.phase ?? '',
    age(obj, nowMs),
  ],
};

export const SERVICEACCOUNT_TABLE: TableDef = {
  columns: [
    NAME,
    { name: 'Secrets', type: 'string', description: SWAGGER_DOC['apiv1.ServiceAccount.secrets'] },
    AGE,
  ],
  row: (obj, nowMs) => [
    obj.metadata.name ?? '',
    (obj as ServiceAccount).secrets?.length ?? 0,
    age(obj, nowMs),
  ],
};

export const CONFIGMAP_TABLE: TableDef = {
  columns: [
    NAME,
    { name: 'Data', type: 'string', description: SWAGGER_DOC['apiv1.ConfigMap.data'] },
    AGE,
  ],
  row(obj, nowMs) {
    const cm = obj as ConfigMap;
    const entries = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
    return [obj.metadata.name ?? '', entries, age(obj, nowMs)];
  },
};

export const LEASE_TABLE: TableDef = {
  columns: [
    NAME,
    {
      name: 'Holder',
      type: 'string',
      description: SWAGGER_DOC['coordinationv1.LeaseSpec.holderIdentity'],
    },
    AGE,
  ],
  row: (obj, nowMs) => [
    obj.metadata.name ?? '',
    (obj as Lease).spec?.holderIdentity ?? '',
    age(obj, nowMs),
  ],
};
