/** kubectl -o yaml / -o json / -o name. */

import { kindDotGroup, resourceForKind } from '../../api/resources';
import type { KObject } from '../../api/types';
import { goJsonMarshalIndent } from './goJson';
import { goYamlMarshal, type JsonValue } from './goYaml';

/**
 * One object, or several as kubectl wraps a list (`kind: List` with an empty resourceVersion).
 * managedFields are left out, as kubectl does unless --show-managed-fields
 * (genericclioptions JSONYamlPrintFlags).
 */
export function printObject(
  obj: KObject | KObject[],
  format: 'yaml' | 'json',
  showManagedFields = false,
): string {
  const plain = (o: KObject) => plainJson(o, showManagedFields);
  const value: JsonValue = Array.isArray(obj)
    ? {
        apiVersion: 'v1',
        items: obj.map(plain),
        kind: 'List',
        metadata: { resourceVersion: '' },
      }
    : plain(obj);
  return format === 'yaml' ? goYamlMarshal(value) : `${goJsonMarshalIndent(value)}\n`;
}

/** cli-runtime pkg/printers/name.go: `kind[.group]/name`, kind lower-cased. */
export function printName(obj: KObject): string {
  const info = resourceForKind(obj.kind);
  if (info) return `${kindDotGroup(info)}/${obj.metadata.name}`;
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  const kind = obj.kind.toLowerCase();
  return `${group ? `${kind}.${group}` : kind}/${obj.metadata.name}`;
}

function plainJson(obj: KObject, showManagedFields: boolean): JsonValue {
  // A JSON round trip drops undefined fields, as Go's omitempty marshalling would.
  const plain = JSON.parse(JSON.stringify(obj)) as { metadata?: Record<string, unknown> };
  if (plain.metadata && !showManagedFields) delete plain.metadata.managedFields;
  return plain as JsonValue;
}
