/**
 * What the registry strategies' PrepareForCreate does to a new object's status: the kinds below
 * start with an empty status whatever the client sent (a Pod's is then Pending with its QoS
 * class, a Namespace's Active: defaults.ts fills those in). A Node keeps the status its kubelet
 * registers with. Sources: k8s.io/kubernetes pkg/registry/core/pod/strategy.go
 * (`pod.Status = api.PodStatus{Phase: api.PodPending, QOSClass: …}`),
 * core/namespace/strategy.go (`namespace.Status = api.NamespaceStatus{Phase: NamespaceActive}`),
 * core/service/strategy.go, apps/{deployment,replicaset,daemonset,statefulset}/strategy.go and
 * batch/{job,cronjob}/strategy.go (`….Status = ….XStatus{}`).
 */
const STATUS_RESET = new Set([
  'Pod',
  'Namespace',
  'Service',
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'CronJob',
]);

/** Whether a create of `kind` throws away the status it was sent. */
export function dropsStatusOnCreate(kind: string): boolean {
  return STATUS_RESET.has(kind);
}
