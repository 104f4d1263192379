import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { SWAGGER_DOC } from './columnDocs';
import { AGE, age, NAME, type TableDef } from './tableDef';

/** printers.go endpointSliceColumnDefinitions / printEndpointSlice. */
export const ENDPOINTSLICE_TABLE: TableDef = {
  columns: [
    NAME,
    {
      name: 'AddressType',
      type: 'string',
      description: SWAGGER_DOC['discoveryv1beta1.EndpointSlice.addressType'],
    },
    {
      name: 'Ports',
      type: 'string',
      description: SWAGGER_DOC['discoveryv1beta1.EndpointSlice.ports'],
    },
    {
      name: 'Endpoints',
      type: 'string',
      description: SWAGGER_DOC['discoveryv1beta1.EndpointSlice.endpoints'],
    },
    AGE,
  ],
  row(obj, nowMs) {
    const slice = obj as EndpointSlice;
    const ports = (slice.ports ?? []).map((p) =>
      p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*'),
    );
    const addresses = (slice.endpoints ?? []).flatMap((e) => e.addresses ?? []);
    return [
      obj.metadata.name ?? '',
      slice.addressType ?? '',
      listWithMore(ports),
      listWithMore(addresses),
      age(obj, nowMs),
    ];
  },
};

/** printers.go listWithMoreString: at most 3 items, then "+ N more...", `<unset>` when empty. */
function listWithMore(items: string[]): string {
  const max = 3;
  const shown = items.slice(0, max).join(',');
  if (items.length > max) return `${shown} + ${items.length - max} more...`;
  return shown || '<unset>';
}
