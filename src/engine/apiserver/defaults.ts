/**
 * The defaulting the API server applies when it decodes an object (pkg/apis/core/v1/defaults.go,
 * apps/v1/defaults.go, batch/v1/defaults.go, discovery/v1/defaults.go, the `+default` markers of
 * k8s.io/api, and the v1 conversion of `serviceAccount`), plus the parts of the registry
 * strategies that decide what a new object shows: a Pod's `status.phase`/`status.qosClass`, a
 * Namespace's finalizer and phase, a Service's IP families, a Job's generated selector.
 *
 * Admission-added fields (service account volume, priority, default tolerations) live in
 * admission.ts, as they do in Kubernetes.
 */
import type { KObject } from '../api/types';
import { base64OfText } from '../model/base64';
import { jsonClone } from '../model/meta';
import { canonicalQuantity, parseQuantity } from '../model/quantity';
import { computePodQOS } from './qos';

// biome-ignore lint/suspicious/noExplicitAny: defaulting walks free-form JSON objects
type Json = any;

const clone = <T>(value: T): T => jsonClone(value);

/** DefaultTerminationGracePeriodSeconds, DefaultSchedulerName (k8s.io/api core/v1). */
const TERMINATION_GRACE_PERIOD_SECONDS = 30;
const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/** 0644: the default mode of secret, configMap, downwardAPI and projected volumes. */
const VOLUME_DEFAULT_MODE = 420;
/** DefaultClientIPServiceAffinitySeconds: 3 hours. */
const CLIENT_IP_AFFINITY_SECONDS = 10800;

export function applyDefaults(obj: KObject): KObject {
  return defaultInPlace(clone(obj));
}

/**
 * applyDefaults for an object the caller owns and may change (the API server's own copy of a
 * request body, already a JSON round trip): defaults it in place and returns it.
 */
export function defaultInPlace(out: KObject): KObject {
  switch (out.kind) {
    case 'Pod':
      defaultPod(out);
      break;
    case 'Deployment':
      defaultDeployment(out);
      break;
    case 'ReplicaSet':
      out.spec ??= {};
      out.spec.replicas ??= 1;
      defaultTemplate(out.spec);
      break;
    case 'DaemonSet':
      defaultDaemonSet(out);
      break;
    case 'Job':
      defaultJob(out);
      break;
    case 'Service':
      defaultService(out);
      break;
    case 'Namespace':
      defaultNamespace(out);
      break;
    case 'Node':
      defaultNode(out);
      break;
    case 'EndpointSlice':
      for (const port of out.ports ?? []) {
        port.name ??= '';
        port.protocol ??= 'TCP';
      }
      break;
    case 'Secret':
      defaultSecret(out);
      break;
    case 'StatefulSet':
      defaultStatefulSet(out);
      break;
  }
  return out;
}

// ---- Pod and PodSpec ----

function defaultPod(pod: Json): void {
  pod.spec ??= {};
  const spec = pod.spec;
  // SetDefaults_Pod only (not templates): requests default to limits.
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c.resources?.limits;
    if (!limits) continue;
    c.resources.requests ??= {};
    for (const [name, value] of Object.entries(limits)) c.resources.requests[name] ??= value;
  }
  defaultPodLevelRequests(spec);
  spec.enableServiceLinks ??= true;
  if (spec.hostNetwork) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const port of c.ports ?? []) {
        if (!port.hostPort) port.hostPort = port.containerPort;
      }
    }
  }
  defaultPodSpec(spec);
  pod.status ??= {};
  pod.status.phase ??= 'Pending';
  pod.status.qosClass ??= computePodQOS(pod);
}

/**
 * defaultPodRequests: with pod-level limits set, missing pod-level requests take the containers'
 * summed requests, or else the pod-level limit.
 */
function defaultPodLevelRequests(spec: Json): void {
  const limits = spec.resources?.limits;
  if (!limits || Object.keys(limits).length === 0) return;
  const requests: Json = { ...(spec.resources.requests ?? {}) };
  for (const name of ['cpu', 'memory']) {
    if (name in requests) continue;
    let sumMilli = 0;
    let any = false;
    for (const c of spec.containers ?? []) {
      const q = c.resources?.requests?.[name];
      const parsed = q === undefined ? undefined : parseQuantity(q);
      if (parsed?.ok) {
        sumMilli += parsed.milli;
        any = true;
      }
    }
    if (any) requests[name] = canonicalQuantity(`${sumMilli}m`);
    else if (name in limits) requests[name] = limits[name];
  }
  if (Object.keys(requests).length > 0) spec.resources.requests = requests;
}

/** SetDefaults_PodSpec and everything nested in it; applies to pods and pod templates alike. */
function defaultPodSpec(spec: Json): void {
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= TERMINATION_GRACE_PERIOD_SECONDS;
  spec.schedulerName ??= DEFAULT_SCHEDULER_NAME;
  // v1 conversion: `serviceAccount` is the deprecated alias of `serviceAccountName`.
  if (!spec.serviceAccountName && spec.serviceAccount)
    spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c);
  for (const v of spec.volumes ?? []) defaultVolume(v);
  canonicalizeResources(spec.resources);
  canonicalizeList(spec.overhead);
}

/** ParseImageName: an untagged, undigested image means `:latest`. */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const colon = name.indexOf(':', name.lastIndexOf('/') + 1);
  if (colon >= 0) return name.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

function defaultContainer(c: Json): void {
  if (!c.imagePullPolicy) {
    c.imagePullPolicy = imageTag(String(c.image ?? '')) === 'latest' ? 'Always' : 'IfNotPresent';
  }
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  // ResourceRequirements is a struct, so a stored container always shows `resources: {}`.
  c.resources ??= {};
  canonicalizeResources(c.resources);
  for (const port of c.ports ?? []) port.protocol ??= 'TCP';
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
    if (!probe) continue;
    probe.timeoutSeconds ||= 1;
    probe.periodSeconds ||= 10;
    probe.successThreshold ||= 1;
    probe.failureThreshold ||= 3;
    defaultHttpGet(probe.httpGet);
  }
  defaultHttpGet(c.lifecycle?.postStart?.httpGet);
  defaultHttpGet(c.lifecycle?.preStop?.httpGet);
  for (const env of c.env ?? []) {
    defaultFieldRef(env.valueFrom?.fieldRef);
    defaultResourceFieldRef(env.valueFrom?.resourceFieldRef);
  }
}

/**
 * A ResourceFieldSelector's divisor is a Quantity struct, not a pointer: an unset one reads back
 * as "0" (the kubelet then divides by 1).
 */
function defaultResourceFieldRef(ref: Json): void {
  if (ref && (ref.divisor === undefined || ref.divisor === null)) ref.divisor = '0';
  else if (ref) ref.divisor = canonicalQuantity(ref.divisor);
}

function defaultHttpGet(action: Json): void {
  if (!action) return;
  action.path ||= '/';
  action.scheme ||= 'HTTP';
}

function defaultFieldRef(ref: Json): void {
  if (ref) ref.apiVersion ||= 'v1';
}

const VOLUME_SOURCES = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
];

function defaultVolume(v: Json): void {
  if (!VOLUME_SOURCES.some((source) => v[source] != null)) v.emptyDir = {};
  if (v.hostPath) v.hostPath.type ??= '';
  if (v.emptyDir?.sizeLimit !== undefined) {
    v.emptyDir.sizeLimit = canonicalQuantity(v.emptyDir.sizeLimit);
  }
  for (const source of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    if (v[source]) v[source].defaultMode ??= VOLUME_DEFAULT_MODE;
  }
  for (const item of v.downwardAPI?.items ?? []) {
    defaultFieldRef(item.fieldRef);
    defaultResourceFieldRef(item.resourceFieldRef);
  }
  for (const source of v.projected?.sources ?? []) {
    for (const item of source.downwardAPI?.items ?? []) {
      defaultFieldRef(item.fieldRef);
      defaultResourceFieldRef(item.resourceFieldRef);
    }
    if (source.serviceAccountToken) source.serviceAccountToken.expirationSeconds ??= 3600;
  }
}

function canonicalizeResources(resources: Json): void {
  if (!resources) return;
  canonicalizeList(resources.requests);
  canonicalizeList(resources.limits);
}

/** SetDefaults_ResourceList rounds to milli precision; stored quantities print canonically. */
function canonicalizeList(list: Json): void {
  if (!list) return;
  for (const [name, value] of Object.entries(list)) {
    if (typeof value === 'string' || typeof value === 'number')
      list[name] = canonicalQuantity(value);
  }
}

function defaultTemplate(spec: Json): void {
  spec.template ??= {};
  spec.template.spec ??= {};
  defaultPodSpec(spec.template.spec);
}

// ---- workloads ----

function defaultDeployment(d: Json): void {
  d.spec ??= {};
  const spec = d.spec;
  spec.replicas ??= 1;
  spec.strategy ??= {};
  spec.strategy.type ||= 'RollingUpdate';
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate ??= {};
    spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
    spec.strategy.rollingUpdate.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultTemplate(spec);
}

function defaultDaemonSet(ds: Json): void {
  ds.spec ??= {};
  const spec = ds.spec;
  spec.updateStrategy ??= {};
  spec.updateStrategy.type ||= 'RollingUpdate';
  if (spec.updateStrategy.type === 'RollingUpdate') {
    spec.updateStrategy.rollingUpdate ??= {};
    spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
    spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultTemplate(spec);
}

function defaultJob(job: Json): void {
  job.spec ??= {};
  const spec = job.spec;
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  // With per-index back-off the Job-wide limit is effectively unlimited (math.MaxInt32).
  spec.backoffLimit ??= spec.backoffLimitPerIndex != null ? 2147483647 : 6;
  copyTemplateLabels(job);
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  // JobPodReplacementPolicy (GA in v1.34).
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  defaultTemplate(spec);
}

/** SetDefaults_Job: a Job without labels takes its pod template's labels. */
function copyTemplateLabels(job: Json): void {
  const templateLabels = job.spec?.template?.metadata?.labels;
  if (templateLabels && Object.keys(job.metadata?.labels ?? {}).length === 0) {
    job.metadata ??= {};
    job.metadata.labels = { ...templateLabels };
  }
}

/**
 * The Job strategy's generateSelector (pkg/registry/batch/job/strategy.go), run at create time
 * once the uid is known, unless `spec.manualSelector` is true. Sets `metadata.uid` when absent.
 * The Job's own labels then pick up the template's, as every later read of the object defaults
 * them.
 */
export function generateJobSelector(job: KObject, uid: string): KObject {
  const out = clone(job);
  // rest.BeforeCreate stamps the uid before the strategy generates the selector, and Job
  // validation requires it; stamping it here keeps that order for callers.
  out.metadata ??= {};
  out.metadata.uid ??= uid;
  out.spec ??= {};
  if (out.spec.manualSelector === true) return out;
  out.spec.template ??= {};
  out.spec.template.metadata ??= {};
  out.spec.template.metadata.labels ??= {};
  const labels = out.spec.template.metadata.labels;
  const name = out.metadata.name ?? '';
  labels['batch.kubernetes.io/controller-uid'] ??= uid;
  labels['batch.kubernetes.io/job-name'] ??= name;
  labels['controller-uid'] ??= uid;
  labels['job-name'] ??= name;
  out.spec.selector ??= {};
  out.spec.selector.matchLabels ??= {};
  out.spec.selector.matchLabels['batch.kubernetes.io/controller-uid'] ??= uid;
  copyTemplateLabels(out);
  return out;
}

// ---- Service ----

function defaultService(svc: Json): void {
  svc.spec ??= {};
  const spec = svc.spec;
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (
    spec.sessionAffinity === 'ClientIP' &&
    spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null
  ) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: CLIENT_IP_AFFINITY_SECONDS } };
  }
  spec.type ||= 'ClusterIP';
  for (const port of spec.ports ?? []) {
    port.protocol ??= 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') {
      port.targetPort = port.port;
    }
  }
  const externallyAccessible =
    spec.type === 'LoadBalancer' ||
    spec.type === 'NodePort' ||
    (spec.type === 'ClusterIP' && (spec.externalIPs ?? []).length > 0);
  if (externallyAccessible) spec.externalTrafficPolicy ||= 'Cluster';
  if (['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) {
    spec.internalTrafficPolicy ??= 'Cluster';
  }
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  if (spec.type !== 'ExternalName') {
    // The Service REST storage settles IP families; this cluster is single-stack IPv4.
    if (spec.clusterIP && !spec.clusterIPs) spec.clusterIPs = [spec.clusterIP];
    // Headless without a selector takes every family the cluster has (docs: dual-stack).
    const headlessWithoutSelector = spec.clusterIP === 'None' && !spec.selector;
    spec.ipFamilyPolicy ??= headlessWithoutSelector ? 'RequireDualStack' : 'SingleStack';
    spec.ipFamilies ??= ['IPv4'];
  }
}

// ---- Secret and StatefulSet (first-week objects) ----

/**
 * The v1 → internal conversion of a Secret (Convert_v1_Secret_To_core_Secret) writes every
 * `stringData` entry into `data`, overwriting, and stores no `stringData`; SetDefaults_Secret
 * makes an untyped Secret Opaque. `data` values are base64 (checked earlier, at decode time).
 */
function defaultSecret(secret: Json): void {
  secret.type ||= 'Opaque';
  const stringData = secret.stringData;
  if (stringData && typeof stringData === 'object' && !Array.isArray(stringData)) {
    const data: Json = { ...(secret.data ?? {}) };
    for (const [key, value] of Object.entries(stringData))
      data[key] = base64OfText(String(value ?? ''));
    secret.data = data;
  }
  delete secret.stringData;
}

/** SetDefaults_StatefulSet (apps/v1), and the claim templates' PVC defaults. */
function defaultStatefulSet(sts: Json): void {
  sts.spec ??= {};
  const spec = sts.spec;
  spec.podManagementPolicy ||= 'OrderedReady';
  spec.updateStrategy ??= {};
  if (!spec.updateStrategy.type) {
    spec.updateStrategy.type = 'RollingUpdate';
    spec.updateStrategy.rollingUpdate ??= {};
  }
  if (spec.updateStrategy.type === 'RollingUpdate' && spec.updateStrategy.rollingUpdate) {
    spec.updateStrategy.rollingUpdate.partition ??= 0;
  }
  spec.persistentVolumeClaimRetentionPolicy ??= {};
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ||= 'Retain';
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  for (const claim of spec.volumeClaimTemplates ?? []) {
    if (!claim || typeof claim !== 'object') continue;
    // The templates are stored as full PersistentVolumeClaims, with their own defaults.
    claim.apiVersion ||= 'v1';
    claim.kind ||= 'PersistentVolumeClaim';
    claim.spec ??= {};
    claim.spec.volumeMode ||= 'Filesystem';
    canonicalizeResources(claim.spec.resources);
    claim.status ??= {};
    claim.status.phase ||= 'Pending';
  }
  defaultTemplate(spec);
}

// ---- Namespace and Node ----

function defaultNamespace(ns: Json): void {
  const name = ns.metadata?.name;
  if (name) {
    ns.metadata.labels ??= {};
    ns.metadata.labels['kubernetes.io/metadata.name'] = name;
  }
  // The namespace strategy requires the `kubernetes` finalizer on create.
  ns.spec ??= {};
  ns.spec.finalizers ??= ['kubernetes'];
  ns.status ??= {};
  ns.status.phase ??= 'Active';
}

function defaultNode(node: Json): void {
  const status = node.status;
  if (!status) return;
  canonicalizeList(status.capacity);
  canonicalizeList(status.allocatable);
  if (status.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
}
