/** describe.go describeNode, describeNodeLease and describeNodeResource. */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { KObject } from '../kobject';
import { compareStrings } from '../labels';
import { milliValue, parseQuantity, type Quantity, quantityString, value, ZERO } from '../quantity';
import { nodeRoles } from '../tables/nodes';
import { formatRfc1123z, timestampSince } from '../time';
import {
  type DescribeContext,
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTaintsMultiline,
} from './common';
import { addTotals, podRequestsAndLimits, type ResourceTotals } from './podResources';
import { LEVEL_0, LEVEL_1, type PrefixWriter, tabbedString } from './writer';

export function describeNode(obj: KObject, ctx: DescribeContext): string {
  const node = obj as Node;
  const status = node.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Roles:\t${nodeRoles(node).join(',') || '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRfc1123z(obj.metadata.creationTimestamp)}\n`);
    printTaintsMultiline(w, 'Taints', node.spec?.taints);
    w.write(LEVEL_0, `Unschedulable:\t${Boolean(node.spec?.unschedulable)}\n`);
    describeLease(ctx.related?.lease, obj.metadata.name ?? '', w);

    if (status.conditions?.length) {
      w.write(
        LEVEL_0,
        'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n',
      );
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of status.conditions) {
        const heartbeat = formatRfc1123z(c.lastHeartbeatTime);
        const transition = formatRfc1123z(c.lastTransitionTime);
        w.write(
          LEVEL_1,
          `${c.type} \t${c.status} \t${heartbeat} \t${transition} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
        );
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
    const printResourceList = (list: Record<string, string>) => {
      for (const name of Object.keys(list).sort(compareStrings)) {
        w.write(LEVEL_0, `  ${name}:\t${quantityString(parseQuantity(list[name]))}\n`);
      }
    };
    if (Object.keys(status.capacity ?? {}).length > 0) {
      w.write(LEVEL_0, 'Capacity:\n');
      printResourceList(status.capacity ?? {});
    }
    if (Object.keys(status.allocatable ?? {}).length > 0) {
      w.write(LEVEL_0, 'Allocatable:\n');
      printResourceList(status.allocatable ?? {});
    }
    const info = status.nodeInfo;
    w.write(LEVEL_0, 'System Info:\n');
    w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
    w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
    w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
    w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
    w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
    // Still printed, empty, now that kubelets no longer set it (DisableNodeKubeProxyVersion).
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
    if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
    if (node.spec?.podCIDRs?.length)
      w.write(LEVEL_0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
    if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
    const pods = (ctx.related?.nodePods ?? []) as Pod[];
    // kubectl lists them with status.phase!=Succeeded,status.phase!=Failed.
    const nonTerminated = pods.filter(
      (p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
    );
    describeNodeResource(nonTerminated, node, w, ctx.nowMs);
    describeEvents(ctx.events, w, ctx.nowMs);
  });
}

function describeLease(lease: KObject | null | undefined, nodeName: string, w: PrefixWriter): void {
  if (!lease) {
    w.write(
      LEVEL_0,
      `Lease:\tFailed to get lease: leases.coordination.k8s.io "${nodeName}" not found\n`,
    );
    return;
  }
  const spec = lease.spec ?? {};
  w.write(LEVEL_0, 'Lease:\n');
  w.write(LEVEL_1, `HolderIdentity:\t${spec.holderIdentity ?? '<unset>'}\n`);
  w.write(
    LEVEL_1,
    `AcquireTime:\t${spec.acquireTime ? formatRfc1123z(spec.acquireTime) : '<unset>'}\n`,
  );
  w.write(LEVEL_1, `RenewTime:\t${spec.renewTime ? formatRfc1123z(spec.renewTime) : '<unset>'}\n`);
}

function describeNodeResource(pods: Pod[], node: Node, w: PrefixWriter, nowMs: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(
    LEVEL_1,
    'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n',
  );
  w.write(
    LEVEL_1,
    '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n',
  );
  const capacity = node.status?.capacity ?? {};
  const allocatable =
    Object.keys(node.status?.allocatable ?? {}).length > 0
      ? (node.status?.allocatable ?? {})
      : capacity;
  const allocCpuMilli = milliValue(parseQuantity(allocatable.cpu));
  const allocMemory = value(parseQuantity(allocatable.memory));

  const requests: ResourceTotals = new Map();
  const limits: ResourceTotals = new Map();
  for (const pod of pods) {
    const totals = podRequestsAndLimits(pod);
    addTotals(requests, totals.requests);
    addTotals(limits, totals.limits);
    const cpuReq = totals.requests.get('cpu') ?? ZERO;
    const cpuLimit = totals.limits.get('cpu') ?? ZERO;
    const memReq = totals.requests.get('memory') ?? ZERO;
    const memLimit = totals.limits.get('memory') ?? ZERO;
    w.write(
      LEVEL_1,
      `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t${withPercent(cpuReq, milliValue(cpuReq), allocCpuMilli)}\t${withPercent(cpuLimit, milliValue(cpuLimit), allocCpuMilli)}\t${withPercent(memReq, value(memReq), allocMemory)}\t${withPercent(memLimit, value(memLimit), allocMemory)}\t${timestampSince(pod.metadata?.creationTimestamp, nowMs)}\n`,
    );
  }

  w.write(
    LEVEL_0,
    'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n',
  );
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const total = (name: string, per: (q: Quantity) => bigint) => {
    const req = requests.get(name) ?? ZERO;
    const lim = limits.get(name) ?? ZERO;
    const alloc = per(parseQuantity(allocatable[name]));
    const pct = (q: Quantity) => (alloc === 0n ? 0 : truncPercent(per(q), alloc));
    return `${name}\t${quantityString(req)} (${pct(req)}%)\t${quantityString(lim)} (${pct(lim)}%)\n`;
  };
  w.write(LEVEL_1, total('cpu', milliValue));
  w.write(LEVEL_1, total('memory', value));
  w.write(LEVEL_1, total('ephemeral-storage', value));
  const names = Object.keys(allocatable).sort(compareStrings);
  for (const name of names.filter((n) => n.startsWith('hugepages-'))) {
    w.write(LEVEL_1, total(name, value));
  }
  const standard = ['cpu', 'memory', 'ephemeral-storage', 'pods'];
  for (const name of names.filter((n) => !n.startsWith('hugepages-') && !standard.includes(n))) {
    const req = quantityString(requests.get(name) ?? ZERO);
    const lim = quantityString(limits.get(name) ?? ZERO);
    w.write(LEVEL_1, `${name}\t${req}\t${lim}\n`);
  }
}

/** A per-pod cell: the quantity and its share of allocatable, truncated like Go's int64(). */
function withPercent(q: Quantity, amount: bigint, allocatable: bigint): string {
  return `${quantityString(q)} (${truncPercent(amount, allocatable)}%)`;
}

function truncPercent(amount: bigint, allocatable: bigint): string {
  const fraction = (Number(amount) / Number(allocatable)) * 100;
  // Go converts a NaN or infinite float64 to int64's minimum on amd64.
  return Number.isFinite(fraction) ? String(Math.trunc(fraction)) : '-9223372036854775808';
}
