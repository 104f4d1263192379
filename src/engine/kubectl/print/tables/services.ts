import type { Service } from 'kubernetes-types/core/v1';
import { compareStrings, formatLabels } from '../labels';
import { SWAGGER_DOC } from './columnDocs';
import { AGE, age, NAME, selectorColumn, type TableDef } from './tableDef';

/** printers.go serviceColumnDefinitions / printService. */
export const SERVICE_TABLE: TableDef = {
  columns: [
    NAME,
    { name: 'Type', type: 'string', description: SWAGGER_DOC['apiv1.ServiceSpec.type'] },
    {
      name: 'Cluster-IP',
      type: 'string',
      description: SWAGGER_DOC['apiv1.ServiceSpec.clusterIP'],
    },
    {
      name: 'External-IP',
      type: 'string',
      description: SWAGGER_DOC['apiv1.ServiceSpec.externalIPs'],
    },
    { name: 'Port(s)', type: 'string', description: SWAGGER_DOC['apiv1.ServiceSpec.ports'] },
    AGE,
    selectorColumn(SWAGGER_DOC['apiv1.ServiceSpec.selector']),
  ],
  row(obj, nowMs) {
    const svc = obj as Service;
    const ports = (svc.spec?.ports ?? [])
      .map((p) =>
        p.nodePort && p.nodePort > 0
          ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}`
          : `${p.port}/${p.protocol ?? ''}`,
      )
      .join(',');
    return [
      obj.metadata.name ?? '',
      svc.spec?.type ?? '',
      svc.spec?.clusterIPs?.[0] ?? '<none>',
      externalIp(svc),
      ports || '<none>',
      age(obj, nowMs),
      formatLabels(svc.spec?.selector),
    ];
  },
};

/**
 * getServiceExternalIP. The API server builds tables with Wide set, so a LoadBalancer's ingress
 * list is never clipped to 16 characters in what kubectl receives.
 */
function externalIp(svc: Service): string {
  const externalIps = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIps.length > 0 ? externalIps.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = new Set<string>();
      for (const i of svc.status?.loadBalancer?.ingress ?? []) {
        if (i.ip) ingress.add(i.ip);
        else if (i.hostname) ingress.add(i.hostname);
      }
      const lbIps = [...ingress].sort(compareStrings);
      if (externalIps.length > 0) return [...lbIps, ...externalIps].join(',');
      return lbIps.length > 0 ? lbIps.join(',') : '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}
