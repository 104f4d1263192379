/** printers.go tables for the apps and batch workload kinds. */
import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job, JobCondition } from 'kubernetes-types/batch/v1';
import { formatLabelSelector, formatLabels, selectorString } from '../labels';
import { humanDuration, parseTimestampMs, timestampSince, wallClockMs } from '../time';
import { SWAGGER_DOC } from './columnDocs';
import {
  AGE,
  age,
  CONTAINERS,
  containerCells,
  IMAGES,
  NAME,
  selectorColumn,
  type TableDef,
} from './tableDef';

export const DEPLOYMENT_TABLE: TableDef = {
  columns: [
    NAME,
    { name: 'Ready', type: 'string', description: 'Number of the pod with ready state' },
    {
      name: 'Up-to-date',
      type: 'string',
      description: SWAGGER_DOC['extensionsv1beta1.DeploymentStatus.updatedReplicas'],
    },
    {
      name: 'Available',
      type: 'string',
      description: SWAGGER_DOC['extensionsv1beta1.DeploymentStatus.availableReplicas'],
    },
    AGE,
    CONTAINERS,
    IMAGES,
    selectorColumn(SWAGGER_DOC['extensionsv1beta1.DeploymentSpec.selector']),
  ],
  row(obj, nowMs) {
    const d = obj as Deployment;
    const status = d.status ?? {};
    return [
      obj.metadata.name ?? '',
      `${status.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
      status.updatedReplicas ?? 0,
      status.availableReplicas ?? 0,
      age(obj, nowMs),
      ...containerCells(d.spec?.template?.spec?.containers),
      // printDeployment prints selector.String() itself: an empty selector is "", not <none>.
      selectorString(d.spec?.selector),
    ];
  },
};

export const REPLICASET_TABLE: TableDef = {
  columns: [
    NAME,
    {
      name: 'Desired',
      type: 'integer',
      description: SWAGGER_DOC['extensionsv1beta1.ReplicaSetSpec.replicas'],
    },
    {
      name: 'Current',
      type: 'integer',
      description: SWAGGER_DOC['extensionsv1beta1.ReplicaSetStatus.replicas'],
    },
    {
      name: 'Ready',
      type: 'integer',
      description: SWAGGER_DOC['extensionsv1beta1.ReplicaSetStatus.readyReplicas'],
    },
    AGE,
    CONTAINERS,
    IMAGES,
    selectorColumn(SWAGGER_DOC['extensionsv1beta1.ReplicaSetSpec.selector']),
  ],
  row(obj, nowMs) {
    const rs = obj as ReplicaSet;
    return [
      obj.metadata.name ?? '',
      rs.spec?.replicas ?? 1,
      rs.status?.replicas ?? 0,
      rs.status?.readyReplicas ?? 0,
      age(obj, nowMs),
      ...containerCells(rs.spec?.template?.spec?.containers),
      formatLabelSelector(rs.spec?.selector),
    ];
  },
};

export const DAEMONSET_TABLE: TableDef = {
  columns: [
    NAME,
    {
      name: 'Desired',
      type: 'integer',
      description: SWAGGER_DOC['extensionsv1beta1.DaemonSetStatus.desiredNumberScheduled'],
    },
    {
      name: 'Current',
      type: 'integer',
      description: SWAGGER_DOC['extensionsv1beta1.DaemonSetStatus.currentNumberScheduled'],
    },
    {
      name: 'Ready',
      type: 'integer',
      description: SWAGGER_DOC['extensionsv1beta1.DaemonSetStatus.numberReady'],
    },
    {
      name: 'Up-to-date',
      type: 'integer',
      description: SWAGGER_DOC['extensionsv1beta1.DaemonSetStatus.updatedNumberScheduled'],
    },
    {
      name: 'Available',
      type: 'integer',
      description: SWAGGER_DOC['extensionsv1beta1.DaemonSetStatus.numberAvailable'],
    },
    {
      name: 'Node Selector',
      type: 'string',
      description: SWAGGER_DOC['apiv1.PodSpec.nodeSelector'],
    },
    AGE,
    CONTAINERS,
    IMAGES,
    selectorColumn(SWAGGER_DOC['extensionsv1beta1.DaemonSetSpec.selector']),
  ],
  row(obj, nowMs) {
    const ds = obj as DaemonSet;
    const status = ds.status;
    return [
      obj.metadata.name ?? '',
      status?.desiredNumberScheduled ?? 0,
      status?.currentNumberScheduled ?? 0,
      status?.numberReady ?? 0,
      status?.updatedNumberScheduled ?? 0,
      status?.numberAvailable ?? 0,
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      age(obj, nowMs),
      ...containerCells(ds.spec?.template?.spec?.containers),
      formatLabelSelector(ds.spec?.selector),
    ];
  },
};

export const JOB_TABLE: TableDef = {
  columns: [
    NAME,
    { name: 'Status', type: 'string', description: 'Status of the job.' },
    {
      name: 'Completions',
      type: 'string',
      description: SWAGGER_DOC['batchv1.JobStatus.succeeded'],
    },
    { name: 'Duration', type: 'string', description: 'Time required to complete the job.' },
    AGE,
    CONTAINERS,
    IMAGES,
    selectorColumn(SWAGGER_DOC['batchv1.JobSpec.selector']),
  ],
  row(obj, nowMs) {
    const job = obj as Job;
    const succeeded = job.status?.succeeded ?? 0;
    let completions: string;
    if (job.spec?.completions !== undefined && job.spec.completions !== null) {
      completions = `${succeeded}/${job.spec.completions}`;
    } else {
      const parallelism = job.spec?.parallelism ?? 0;
      completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
    }
    const startMs = parseTimestampMs(job.status?.startTime);
    const completionMs = parseTimestampMs(job.status?.completionTime);
    let duration = '';
    if (startMs !== undefined) {
      duration = humanDuration((completionMs ?? wallClockMs(nowMs)) - startMs);
    }
    return [
      obj.metadata.name ?? '',
      jobStatus(job),
      completions,
      duration,
      age(obj, nowMs),
      ...containerCells(job.spec?.template?.spec?.containers),
      formatLabelSelector(job.spec?.selector),
    ];
  },
};

/** printCronJob: SUSPEND as printBoolPtr, LAST SCHEDULE as the time since, or <none>. */
export const CRONJOB_TABLE: TableDef = {
  columns: [
    NAME,
    {
      name: 'Schedule',
      type: 'string',
      description: SWAGGER_DOC['batchv1beta1.CronJobSpec.schedule'],
    },
    {
      name: 'Timezone',
      type: 'string',
      description: SWAGGER_DOC['batchv1beta1.CronJobSpec.timeZone'],
    },
    // Declared boolean; printCronJob's cell is printBoolPtr's string (True, False, <unset>).
    {
      name: 'Suspend',
      type: 'boolean',
      description: SWAGGER_DOC['batchv1beta1.CronJobSpec.suspend'],
    },
    {
      name: 'Active',
      type: 'integer',
      description: SWAGGER_DOC['batchv1beta1.CronJobStatus.active'],
    },
    {
      name: 'Last Schedule',
      type: 'string',
      description: SWAGGER_DOC['batchv1beta1.CronJobStatus.lastScheduleTime'],
    },
    AGE,
    CONTAINERS,
    IMAGES,
    // printers.go documents the CronJob's selector with batchv1.JobSpec's.
    selectorColumn(SWAGGER_DOC['batchv1.JobSpec.selector']),
  ],
  row(obj, nowMs) {
    const cj = obj as CronJob;
    const suspend = cj.spec?.suspend;
    const last = cj.status?.lastScheduleTime;
    return [
      obj.metadata.name ?? '',
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      suspend == null ? '<unset>' : suspend ? 'True' : 'False',
      cj.status?.active?.length ?? 0,
      last ? timestampSince(last, nowMs) : '<none>',
      age(obj, nowMs),
      ...containerCells(cj.spec?.jobTemplate?.spec?.template?.spec?.containers),
      formatLabelSelector(cj.spec?.jobTemplate?.spec?.selector),
    ];
  },
};

function jobStatus(job: Job): string {
  const has = (type: string) => conditionTrue(job.status?.conditions, type);
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (has('Suspended')) return 'Suspended';
  if (has('FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** printers.go hasJobCondition: the first condition of that type decides. */
function conditionTrue(conditions: JobCondition[] | undefined, type: string): boolean {
  return conditions?.find((c) => c.type === type)?.status === 'True';
}
