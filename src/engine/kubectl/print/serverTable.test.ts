import { beforeAll, describe, expect, it } from 'vitest';
import { RESOURCES } from '../../api/resources';
import type { KObject } from '../../api/types';
import { runLabLine } from '../../lab';
import { createSimulation } from '../../sim/bootstrap';
import type { Simulation } from '../../sim/simulation';
import { NOW_MS, nginxPod } from './__fixtures__/objects';
import { type Table, tableOf, tableOptionsError } from './serverTable';
import { printTable, writeServerTable } from './table';
import { SWAGGER_DOC } from './tables/columnDocs';
import { GET_TABWRITER, TabWriter } from './tabwriter';

type Doc = keyof typeof SWAGGER_DOC;
/** [name, type, priority, description (a SWAGGER_DOC key or the literal text)]. */
type Col = [string, string, 0 | 1, Doc | string];

const CONTAINERS: Col = ['Containers', 'string', 1, 'Names of each container in the template.'];
const IMAGES: Col = ['Images', 'string', 1, 'Images referenced by each container in the template.'];
const AGE: Col = ['Age', 'string', 0, 'metav1.ObjectMeta.creationTimestamp'];

/**
 * kubernetes pkg/printers/internalversion/printers.go AddHandlers, column by column, as read in
 * the revision of the 1.32 era (it imports resource/v1beta1 and coordination/v1alpha2); every
 * Name column is {Type: "string", Format: "name"}, first unless noted.
 */
const PRINTERS_GO: Record<string, Col[]> = {
  pods: [
    ['Ready', 'string', 0, 'The aggregate readiness state of this pod for accepting traffic.'],
    ['Status', 'string', 0, 'The aggregate status of the containers in this pod.'],
    [
      'Restarts',
      'string',
      0,
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ],
    AGE,
    ['IP', 'string', 1, 'apiv1.PodStatus.podIP'],
    ['Node', 'string', 1, 'apiv1.PodSpec.nodeName'],
    ['Nominated Node', 'string', 1, 'apiv1.PodStatus.nominatedNodeName'],
    ['Readiness Gates', 'string', 1, 'apiv1.PodSpec.readinessGates'],
  ],
  nodes: [
    ['Status', 'string', 0, 'The status of the node'],
    ['Roles', 'string', 0, 'The roles of the node'],
    AGE,
    ['Version', 'string', 0, 'apiv1.NodeSystemInfo.kubeletVersion'],
    ['Internal-IP', 'string', 1, 'apiv1.NodeStatus.addresses'],
    ['External-IP', 'string', 1, 'apiv1.NodeStatus.addresses'],
    ['OS-Image', 'string', 1, 'apiv1.NodeSystemInfo.osImage'],
    ['Kernel-Version', 'string', 1, 'apiv1.NodeSystemInfo.kernelVersion'],
    ['Container-Runtime', 'string', 1, 'apiv1.NodeSystemInfo.containerRuntimeVersion'],
  ],
  namespaces: [['Status', 'string', 0, 'The status of the namespace'], AGE],
  services: [
    ['Type', 'string', 0, 'apiv1.ServiceSpec.type'],
    ['Cluster-IP', 'string', 0, 'apiv1.ServiceSpec.clusterIP'],
    ['External-IP', 'string', 0, 'apiv1.ServiceSpec.externalIPs'],
    ['Port(s)', 'string', 0, 'apiv1.ServiceSpec.ports'],
    AGE,
    ['Selector', 'string', 1, 'apiv1.ServiceSpec.selector'],
  ],
  // No leading Name: printers.go puts it last, with Priority 1.
  events: [
    ['Last Seen', 'string', 0, 'apiv1.Event.lastTimestamp'],
    ['Type', 'string', 0, 'apiv1.Event.type'],
    ['Reason', 'string', 0, 'apiv1.Event.reason'],
    ['Object', 'string', 0, 'apiv1.Event.involvedObject'],
    ['Subobject', 'string', 1, 'apiv1.ObjectReference.fieldPath'],
    ['Source', 'string', 1, 'apiv1.Event.source'],
    ['Message', 'string', 0, 'apiv1.Event.message'],
    ['First Seen', 'string', 1, 'apiv1.Event.firstTimestamp'],
    ['Count', 'string', 1, 'apiv1.Event.count'],
  ],
  serviceaccounts: [['Secrets', 'string', 0, 'apiv1.ServiceAccount.secrets'], AGE],
  configmaps: [['Data', 'string', 0, 'apiv1.ConfigMap.data'], AGE],
  deployments: [
    ['Ready', 'string', 0, 'Number of the pod with ready state'],
    ['Up-to-date', 'string', 0, 'extensionsv1beta1.DeploymentStatus.updatedReplicas'],
    ['Available', 'string', 0, 'extensionsv1beta1.DeploymentStatus.availableReplicas'],
    AGE,
    CONTAINERS,
    IMAGES,
    ['Selector', 'string', 1, 'extensionsv1beta1.DeploymentSpec.selector'],
  ],
  replicasets: [
    ['Desired', 'integer', 0, 'extensionsv1beta1.ReplicaSetSpec.replicas'],
    ['Current', 'integer', 0, 'extensionsv1beta1.ReplicaSetStatus.replicas'],
    ['Ready', 'integer', 0, 'extensionsv1beta1.ReplicaSetStatus.readyReplicas'],
    AGE,
    CONTAINERS,
    IMAGES,
    ['Selector', 'string', 1, 'extensionsv1beta1.ReplicaSetSpec.selector'],
  ],
  daemonsets: [
    ['Desired', 'integer', 0, 'extensionsv1beta1.DaemonSetStatus.desiredNumberScheduled'],
    ['Current', 'integer', 0, 'extensionsv1beta1.DaemonSetStatus.currentNumberScheduled'],
    ['Ready', 'integer', 0, 'extensionsv1beta1.DaemonSetStatus.numberReady'],
    ['Up-to-date', 'integer', 0, 'extensionsv1beta1.DaemonSetStatus.updatedNumberScheduled'],
    ['Available', 'integer', 0, 'extensionsv1beta1.DaemonSetStatus.numberAvailable'],
    ['Node Selector', 'string', 0, 'apiv1.PodSpec.nodeSelector'],
    AGE,
    CONTAINERS,
    IMAGES,
    ['Selector', 'string', 1, 'extensionsv1beta1.DaemonSetSpec.selector'],
  ],
  jobs: [
    ['Status', 'string', 0, 'Status of the job.'],
    ['Completions', 'string', 0, 'batchv1.JobStatus.succeeded'],
    ['Duration', 'string', 0, 'Time required to complete the job.'],
    AGE,
    CONTAINERS,
    IMAGES,
    ['Selector', 'string', 1, 'batchv1.JobSpec.selector'],
  ],
  cronjobs: [
    ['Schedule', 'string', 0, 'batchv1beta1.CronJobSpec.schedule'],
    ['Timezone', 'string', 0, 'batchv1beta1.CronJobSpec.timeZone'],
    ['Suspend', 'boolean', 0, 'batchv1beta1.CronJobSpec.suspend'],
    ['Active', 'integer', 0, 'batchv1beta1.CronJobStatus.active'],
    ['Last Schedule', 'string', 0, 'batchv1beta1.CronJobStatus.lastScheduleTime'],
    AGE,
    CONTAINERS,
    IMAGES,
    ['Selector', 'string', 1, 'batchv1.JobSpec.selector'],
  ],
  endpointslices: [
    ['AddressType', 'string', 0, 'discoveryv1beta1.EndpointSlice.addressType'],
    ['Ports', 'string', 0, 'discoveryv1beta1.EndpointSlice.ports'],
    ['Endpoints', 'string', 0, 'discoveryv1beta1.EndpointSlice.endpoints'],
    AGE,
  ],
  leases: [['Holder', 'string', 0, 'coordinationv1.LeaseSpec.holderIdentity'], AGE],
  secrets: [
    ['Type', 'string', 0, 'apiv1.Secret.type'],
    ['Data', 'string', 0, 'apiv1.Secret.data'],
    AGE,
  ],
  statefulsets: [
    ['Ready', 'string', 0, 'Number of the pod with ready state'],
    AGE,
    CONTAINERS,
    IMAGES,
  ],
  controllerrevisions: [
    ['Controller', 'string', 0, 'Controller of the object'],
    ['Revision', 'string', 0, 'appsv1beta1.ControllerRevision.revision'],
    AGE,
  ],
};

/** The cells printers.go appends as int64 (JSON numbers); every other cell is a Go string. */
const INT64_CELLS: Record<string, string[]> = {
  serviceaccounts: ['Secrets'],
  configmaps: ['Data'],
  secrets: ['Data'],
  deployments: ['Up-to-date', 'Available'],
  replicasets: ['Desired', 'Current', 'Ready'],
  daemonsets: ['Desired', 'Current', 'Ready', 'Up-to-date', 'Available'],
  cronjobs: ['Active'],
  events: ['Count'],
  controllerrevisions: ['Revision'],
};

const NAME_COLUMN = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: SWAGGER_DOC['metav1.ObjectMeta.name'],
};

function expectedColumns(resource: string) {
  const columns = PRINTERS_GO[resource].map(([name, type, priority, doc]) => ({
    name,
    type,
    format: '',
    description: doc in SWAGGER_DOC ? SWAGGER_DOC[doc as Doc] : doc,
    priority,
  }));
  if (resource === 'events') return [...columns, { ...NAME_COLUMN, priority: 1 }];
  return [{ ...NAME_COLUMN, priority: 0 }, ...columns];
}

/** The simplest reading of a Table: the shown columns' names, then each row's cells, tabbed. */
function joinCells(table: Table, wide: boolean): string {
  const out = new TabWriter(GET_TABWRITER);
  const shown = (table.columnDefinitions ?? [])
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => wide || c.priority === 0);
  out.write(`${shown.map(({ c }) => c.name.toUpperCase()).join('\t')}\n`);
  for (const row of table.rows ?? [])
    out.write(`${shown.map(({ i }) => row.cells[i]).join('\t')}\n`);
  return out.text();
}

function kubectl(sim: Simulation, line: string): void {
  const result = runLabLine(line, { host: sim });
  expect(result.ok, result.output).toBe(true);
}

describe('tableOf on a simulated cluster, every served resource', () => {
  let sim: Simulation;
  beforeAll(() => {
    sim = createSimulation({ workers: 1, seed: 7 });
    kubectl(sim, 'wait 60s');
    kubectl(sim, 'kubectl create deployment web --image=nginx --replicas=2');
    kubectl(sim, 'kubectl expose deployment web --port=80');
    kubectl(sim, 'kubectl create job once --image=busybox -- echo hi');
    kubectl(sim, "kubectl create cronjob tick --image=busybox --schedule='*/5 * * * *' -- date");
    kubectl(sim, 'kubectl create secret generic creds --from-literal=user=admin');
    const sts = sim.call({
      verb: 'create',
      resource: 'statefulsets',
      namespace: 'default',
      body: {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db' },
        spec: {
          serviceName: 'db',
          replicas: 1,
          selector: { matchLabels: { app: 'db' } },
          template: {
            metadata: { labels: { app: 'db' } },
            spec: { containers: [{ name: 'db', image: 'nginx' }] },
          },
        },
      },
    });
    expect(sts.ok, JSON.stringify(sts)).toBe(true);
    kubectl(sim, 'wait 90s');
  }, 60_000);

  function list(resource: string): { items: KObject[]; resourceVersion: string } {
    const result = sim.call({ verb: 'list', resource });
    if (!result.ok || !result.items) throw new Error(`list ${resource}: ${JSON.stringify(result)}`);
    return { items: result.items, resourceVersion: result.resourceVersion };
  }

  for (const { resource } of RESOURCES) {
    describe(resource, () => {
      it('has the column definitions printers.go declares', () => {
        const { items, resourceVersion } = list(resource);
        expect(items.length).toBeGreaterThan(0);
        const table = tableOf(resource, items, {
          nowMs: sim.state.nowMs,
          list: { resourceVersion },
        });
        expect(table.kind).toBe('Table');
        expect(table.apiVersion).toBe('meta.k8s.io/v1');
        expect(table.metadata).toEqual({ resourceVersion });
        expect(table.columnDefinitions).toEqual(expectedColumns(resource));
      });

      it('has one row per object: int64 cells as numbers, the rest strings, its metadata', () => {
        const { items } = list(resource);
        const table = tableOf(resource, items, { nowMs: sim.state.nowMs });
        const columns = table.columnDefinitions ?? [];
        const ints = INT64_CELLS[resource] ?? [];
        expect(table.rows).toHaveLength(items.length);
        table.rows?.forEach((row, i) => {
          expect(row.cells).toHaveLength(columns.length);
          row.cells.forEach((cell, c) => {
            expect(typeof cell, `${columns[c].name}`).toBe(
              ints.includes(columns[c].name) ? 'number' : 'string',
            );
          });
          expect(row.object).toMatchObject({
            kind: 'PartialObjectMetadata',
            apiVersion: 'meta.k8s.io/v1',
            metadata: { name: items[i].metadata.name, uid: items[i].metadata.uid },
          });
        });
      });

      it('joined by the tabwriter, prints what the engine kubectl prints', () => {
        const { items } = list(resource);
        const nowMs = sim.state.nowMs;
        const table = tableOf(resource, items, { nowMs, includeObject: 'None' });
        expect(joinCells(table, false)).toBe(printTable(resource, items, { nowMs }));
        expect(joinCells(table, true)).toBe(printTable(resource, items, { nowMs, wide: true }));
      });

      it('as JSON on the wire, decorates as kubectl does: -A, --show-labels, --show-kind', () => {
        const { items } = list(resource);
        const nowMs = sim.state.nowMs;
        const wire: Table = JSON.parse(JSON.stringify(tableOf(resource, items, { nowMs })));
        const info = RESOURCES.find((r) => r.resource === resource);
        const out = new TabWriter(GET_TABWRITER);
        writeServerTable(
          wire,
          {
            withNamespace: info?.namespaced,
            showLabels: true,
            kind: info?.group
              ? `${info.kind.toLowerCase()}.${info.group}`
              : info?.kind.toLowerCase(),
          },
          out,
          true,
        );
        expect(out.text()).toBe(
          printTable(resource, items, {
            nowMs,
            allNamespaces: true,
            showLabels: true,
            showKind: true,
          }),
        );
      });
    });
  }
});

describe('tableOf', () => {
  const pod = nginxPod();

  it('gives a single object its resourceVersion and passes a list meta on', () => {
    const one = tableOf('pods', [pod], { nowMs: NOW_MS });
    expect(one.metadata).toEqual({ resourceVersion: pod.metadata.resourceVersion });
    const page = tableOf('pods', [pod], {
      nowMs: NOW_MS,
      list: { resourceVersion: '99', continue: 'tok', remainingItemCount: 0 },
    });
    expect(page.metadata).toEqual({
      resourceVersion: '99',
      continue: 'tok',
      remainingItemCount: 0,
    });
    expect(tableOf('pods', [], { nowMs: NOW_MS, list: {} }).metadata).toEqual({});
  });

  it('carries the object as includeObject asks: PartialObjectMetadata, the object, or null', () => {
    const metadata = tableOf('pods', [pod], { nowMs: NOW_MS }).rows?.[0].object;
    expect(JSON.stringify(metadata)).toBe(
      JSON.stringify({
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: {
          name: pod.metadata.name,
          namespace: pod.metadata.namespace,
          uid: pod.metadata.uid,
          resourceVersion: pod.metadata.resourceVersion,
          creationTimestamp: pod.metadata.creationTimestamp,
          labels: pod.metadata.labels,
        },
      }),
    );
    const beta = tableOf('pods', [pod], { nowMs: NOW_MS, version: 'v1beta1' });
    expect(beta.apiVersion).toBe('meta.k8s.io/v1beta1');
    expect(beta.rows?.[0].object?.apiVersion).toBe('meta.k8s.io/v1beta1');
    expect(
      tableOf('pods', [pod], { nowMs: NOW_MS, includeObject: 'Object' }).rows?.[0].object,
    ).toBe(pod);
    expect(tableOf('pods', [pod], { nowMs: NOW_MS, includeObject: 'None' }).rows?.[0]).toEqual({
      cells: ['nginx', '1/1', 'Running', '0', '89s', '10.244.1.2', 'worker-1', '<none>', '<none>'],
      object: null,
    });
  });

  it('puts null creationTimestamp and Go field order in PartialObjectMetadata', () => {
    const bare: KObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { labels: {}, name: 'x', finalizers: ['f'], generation: 0, namespace: 'default' },
    };
    expect(JSON.stringify(tableOf('configmaps', [bare], { nowMs: NOW_MS }).rows?.[0].object)).toBe(
      '{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"x","namespace":"default","creationTimestamp":null,"finalizers":["f"]}}',
    );
  });

  it('leaves the column definitions out with noHeaders (a watch after its first event)', () => {
    const table = tableOf('pods', [pod], { nowMs: NOW_MS, noHeaders: true });
    expect(table.columnDefinitions).toBeNull();
    expect(table.rows).toHaveLength(1);
  });

  it('marks pods that ran to completion with the Completed row condition', () => {
    const done = { ...pod, status: { ...pod.status, phase: 'Succeeded' } };
    const failed = { ...pod, status: { ...pod.status, phase: 'Failed' } };
    const rows = tableOf('pods', [pod, done, failed], { nowMs: NOW_MS }).rows ?? [];
    expect(rows[0].conditions).toBeUndefined();
    expect(rows[1].conditions).toEqual([
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ]);
    expect(rows[2].conditions).toEqual([
      { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
    ]);
  });

  it('gives a kind without a printer the default convertor table: Name, Created At', () => {
    const table = tableOf('widgets', [pod], { nowMs: NOW_MS });
    expect(table.columnDefinitions).toEqual([
      { ...NAME_COLUMN, priority: 0 },
      {
        name: 'Created At',
        type: 'date',
        format: '',
        description: SWAGGER_DOC['metav1.ObjectMeta.creationTimestamp'],
        priority: 0,
      },
    ]);
    expect(table.rows?.[0].cells).toEqual(['nginx', '2026-01-01T09:00:31Z']);
    expect(tableOf('widgets', [], { nowMs: NOW_MS }).rows).toBeNull();
    expect(tableOf('pods', [], { nowMs: NOW_MS }).rows).toEqual([]);
  });

  it('shares one frozen set of column definitions between tables', () => {
    const a = tableOf('pods', [pod], { nowMs: NOW_MS }).columnDefinitions;
    expect(tableOf('pods', [], { nowMs: NOW_MS }).columnDefinitions).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });
});

describe('column descriptions', () => {
  it('are the v1.34 swagger docs printers.go reads', () => {
    // k8s.io/api v0.34.2 core/v1 and extensions/v1beta1 types_swagger_doc_generated.go.
    expect(SWAGGER_DOC['apiv1.PodStatus.podIP']).toBe(
      'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
    );
    expect(SWAGGER_DOC['extensionsv1beta1.DeploymentStatus.updatedReplicas']).toBe(
      'Total number of non-terminating pods targeted by this deployment that have the desired template spec.',
    );
    expect(SWAGGER_DOC['metav1.ObjectMeta.creationTimestamp']).toMatch(
      /^CreationTimestamp is a timestamp .* in UTC\.\n\nPopulated by the system\. Read-only\. Null for lists\./,
    );
  });
});

describe('tableOptionsError', () => {
  it('accepts the includeObject values and answers anything else with a 400', () => {
    for (const v of ['', 'None', 'Metadata', 'Object'])
      expect(tableOptionsError(v)).toBeUndefined();
    expect(tableOptionsError('metadata')).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message:
        "Unable to convert to Table as requested: includeObject: Invalid value: \"metadata\": must be 'Metadata', 'Object', 'None', or empty",
      reason: 'BadRequest',
      code: 400,
    });
  });
});
