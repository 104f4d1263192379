/** `kubectl describe RESOURCE NAME`: the describer kubectl picks for each kind. */
import type { KObject } from '../kobject';
import type { DescribeContext } from './common';
import { describeDeployment } from './deployment';
import { describeSecret, describeStatefulSet } from './firstWeek';
import { describeGeneric } from './generic';
import { describeNode } from './node';
import { describePod } from './pod';
import { describeService } from './service';
import {
  describeConfigMap,
  describeEndpointSlice,
  describeNamespace,
  describeServiceAccount,
} from './simple';
import { describeDaemonSet, describeJob, describeReplicaSet } from './workloads';

export type { DescribeContext } from './common';

const DESCRIBERS: Record<string, (obj: KObject, ctx: DescribeContext) => string> = {
  pods: describePod,
  nodes: describeNode,
  services: describeService,
  deployments: describeDeployment,
  replicasets: describeReplicaSet,
  daemonsets: describeDaemonSet,
  jobs: describeJob,
  namespaces: describeNamespace,
  endpointslices: describeEndpointSlice,
  serviceaccounts: describeServiceAccount,
  configmaps: describeConfigMap,
  secrets: describeSecret,
  statefulsets: describeStatefulSet,
};

/**
 * The describe text of one object, ending in '\n'. kubectl's describe command writes the first
 * as is and each later one as "\n\n" + text (pkg/cmd/describe/describe.go).
 */
export function describe(resource: string, obj: KObject, ctx: DescribeContext): string {
  return (DESCRIBERS[resource] ?? describeGeneric)(obj, ctx);
}
