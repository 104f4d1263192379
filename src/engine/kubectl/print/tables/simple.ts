/** printers.go tables for the small kinds: namespaces, service accounts, config maps, leases. */
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { ConfigMap, Namespace, ServiceAccount } from 'kubernetes-types/core/v1';
import { AGE, age, NAME, type TableDef } from './tableDef';

export const NAMESPACE_TABLE: TableDef = {
  columns: [NAME, { name: 'Status' }, AGE],
  row: (obj, nowMs) => [
    obj.metadata.name ?? '',
    (obj as Namespace).status?.phase ?? '',
    age(obj, nowMs),
  ],
};

export const SERVICEACCOUNT_TABLE: TableDef = {
  columns: [NAME, { name: 'Secrets' }, AGE],
  row: (obj, nowMs) => [
    obj.metadata.name ?? '',
    (obj as ServiceAccount).secrets?.length ?? 0,
    age(obj, nowMs),
  ],
};

export const CONFIGMAP_TABLE: TableDef = {
  columns: [NAME, { name: 'Data' }, AGE],
  row(obj, nowMs) {
    const cm = obj as ConfigMap;
    const entries = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
    return [obj.metadata.name ?? '', entries, age(obj, nowMs)];
  },
};

export const LEASE_TABLE: TableDef = {
  columns: [NAME, { name: 'Holder' }, AGE],
  row: (obj, nowMs) => [
    obj.metadata.name ?? '',
    (obj as Lease).spec?.holderIdentity ?? '',
    age(obj, nowMs),
  ],
};
