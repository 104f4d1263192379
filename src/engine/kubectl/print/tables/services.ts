import type { Service } from 'kubernetes-types/core/v1';
import { compareStrings, formatLabels } from '../labels';
import { AGE, age, NAME, type TableDef } from './tableDef';

/** printers.go serviceColumnDefinitions / printService. */
export const SERVICE_TABLE: TableDef = {
  columns: [
    NAME,
    { name: 'Type' },
    { name: 'Cluster-IP' },
    { name: 'External-IP' },
    { name: 'Port(s)' },
    AGE,
    { name: 'Selector', wideOnly: true },
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
