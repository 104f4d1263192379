import type { Node } from 'kubernetes-types/core/v1';
import { compareStrings } from '../labels';
import { SWAGGER_DOC } from './columnDocs';
import { AGE, age, NAME, type TableDef } from './tableDef';

/** printers.go nodeColumnDefinitions / printNode. */
export const NODE_TABLE: TableDef = {
  columns: [
    NAME,
    { name: 'Status', type: 'string', description: 'The status of the node' },
    { name: 'Roles', type: 'string', description: 'The roles of the node' },
    AGE,
    {
      name: 'Version',
      type: 'string',
      description: SWAGGER_DOC['apiv1.NodeSystemInfo.kubeletVersion'],
    },
    {
      name: 'Internal-IP',
      type: 'string',
      priority: 1,
      description: SWAGGER_DOC['apiv1.NodeStatus.addresses'],
    },
    {
      name: 'External-IP',
      type: 'string',
      priority: 1,
      description: SWAGGER_DOC['apiv1.NodeStatus.addresses'],
    },
    {
      name: 'OS-Image',
      type: 'string',
      priority: 1,
      description: SWAGGER_DOC['apiv1.NodeSystemInfo.osImage'],
    },
    {
      name: 'Kernel-Version',
      type: 'string',
      priority: 1,
      description: SWAGGER_DOC['apiv1.NodeSystemInfo.kernelVersion'],
    },
    {
      name: 'Container-Runtime',
      type: 'string',
      priority: 1,
      description: SWAGGER_DOC['apiv1.NodeSystemInfo.containerRuntimeVersion'],
    },
  ],
  row(obj, nowMs) {
    const node = obj as Node;
    const info = node.status?.nodeInfo;
    return [
      obj.metadata.name ?? '',
      nodeStatus(node),
      nodeRoles(node).join(',') || '<none>',
      age(obj, nowMs),
      info?.kubeletVersion ?? '',
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ];
  },
};

/** Only the Ready condition counts: True → Ready, False or Unknown → NotReady, absent → Unknown. */
export function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** findNodeRoles: node-role.kubernetes.io/<role> labels and kubernetes.io/role=<role>, sorted. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (key === 'kubernetes.io/role' && value) {
      roles.add(value);
    }
  }
  return [...roles].sort(compareStrings);
}

function nodeAddress(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}
