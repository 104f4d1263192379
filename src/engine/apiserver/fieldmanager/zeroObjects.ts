/**
 * Each kind's empty object as the create handler's field manager compares a new object to
 * (scope.Creater.New(kind), converted to unstructured): Go's zero value, where struct fields
 * without omitempty or without a pointer are present (`spec: {}`, `containers: null`). A field
 * present here is modified rather than added on create, so it is not a member of its own in the
 * creator's managedFields (`f:spec` has no `.`, `f:rollingUpdate` has one).
 */

const meta = () => ({ creationTimestamp: null });
const template = () => ({ metadata: meta(), spec: { containers: null } });

const ZERO: Readonly<Record<string, () => Record<string, unknown>>> = {
  Pod: () => ({ spec: { containers: null }, status: {} }),
  Deployment: () => ({
    spec: { selector: null, template: template(), strategy: {} },
    status: {},
  }),
  ReplicaSet: () => ({ spec: { selector: null, template: template() }, status: { replicas: 0 } }),
  DaemonSet: () => ({
    spec: { selector: null, template: template(), updateStrategy: {} },
    status: {
      currentNumberScheduled: 0,
      numberMisscheduled: 0,
      desiredNumberScheduled: 0,
      numberReady: 0,
    },
  }),
  StatefulSet: () => ({
    spec: { selector: null, template: template(), serviceName: '', updateStrategy: {} },
    status: { replicas: 0, availableReplicas: 0 },
  }),
  Job: () => ({ spec: { template: template() }, status: {} }),
  CronJob: () => ({
    spec: { schedule: '', jobTemplate: { metadata: meta(), spec: { template: template() } } },
    status: {},
  }),
  Service: () => ({ spec: {}, status: { loadBalancer: {} } }),
  Namespace: () => ({ spec: {}, status: {} }),
  Node: () => ({
    spec: {},
    status: { daemonEndpoints: { kubeletEndpoint: { Port: 0 } }, nodeInfo: {} },
  }),
  EndpointSlice: () => ({ addressType: '', endpoints: null }),
  Lease: () => ({ spec: {} }),
  Event: () => ({
    involvedObject: {},
    reportingComponent: '',
    reportingInstance: '',
    source: {},
    firstTimestamp: null,
    lastTimestamp: null,
    eventTime: null,
  }),
};

export function zeroObject(kind: string): Record<string, unknown> {
  return { metadata: meta(), ...(ZERO[kind]?.() ?? {}) };
}
