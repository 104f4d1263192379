/**
 * Every Kubernetes default timing the simulation uses, in one place.
 * Sources: shared/reference/k8s-facts.md §3 (kubelet config v1beta1, kube-controller-manager flags,
 * DefaultTolerationSeconds admission). Simulation-only latencies are marked "sim".
 */
export const K8S = {
  /** kubelet nodeStatusUpdateFrequency: how often the kubelet computes node status. */
  nodeStatusUpdateFrequencyMs: 10_000,
  /** kubelet nodeStatusReportFrequency: unchanged status is still posted this often. */
  nodeStatusReportFrequencyMs: 5 * 60_000,
  /** kubelet nodeLeaseDurationSeconds = 40; renewed every 0.25 × 40 s = 10 s (KEP-0009). */
  nodeLeaseDurationSeconds: 40,
  leaseRenewIntervalMs: 10_000,
  /** Lease renew failure retry: exponential back-off from 200 ms, capped at 7 s. */
  leaseRetryInitialMs: 200,
  leaseRetryMaxMs: 7_000,
  /** Node registration retry: 100 ms doubling to 7 s (registerWithAPIServer). */
  registerRetryInitialMs: 100,
  registerRetryMaxMs: 7_000,
  /** nodeStatusUpdateRetry: attempts per node-status sync before "update node status exceeds retry count". */
  nodeStatusUpdateRetry: 5,
  /**
   * kube-apiserver --event-ttl (default 1h0m0s): every write of an Event puts it on an etcd lease
   * of this length (registry/core/event: TTLFunc), so an Event disappears an hour after it last
   * changed.
   */
  eventTtlMs: 60 * 60_000,
  /**
   * kube-apiserver --etcd-compaction-interval (default 5m): etcd keeps old revisions at least
   * this long, so a paged list's continue token reads a consistent snapshot for this long.
   */
  etcdCompactionIntervalMs: 5 * 60_000,
  /** kubelet syncFrequency: periodic resync of every pod. */
  syncFrequencyMs: 60_000,
  /** PLEG relist period (pkg/kubelet/pleg: relistPeriod = time.Second). */
  plegRelistPeriodMs: 1_000,
  /** CrashLoopBackOff: 10 s doubling to 300 s; reset after 10 min (2 × max) without trouble. */
  containerBackOffInitialMs: 10_000,
  containerBackOffMaxMs: 300_000,
  /**
   * Image pull back-off: 10 s doubling to 300 s, per pod and image (pkg/kubelet/kubelet.go:
   * flowcontrol.NewBackOff(backOffPeriod, MaxImageBackOff); images/image_manager.go backOffKey
   * `podUID_image`); an entry untouched for 2 × max starts again from 10 s.
   */
  imageBackOffInitialMs: 10_000,
  imageBackOffMaxMs: 300_000,
  /**
   * A pod sync that failed (ErrImagePull, ImagePullBackOff…) is retried after backOffPeriod = 10 s
   * (pkg/kubelet/kubelet.go) jittered by workerBackOffPeriodJitterFactor = 0.5
   * (pod_workers.go: wait.Jitter), i.e. 10–15 s later.
   */
  podWorkerBackOffMs: 10_000,
  podWorkerBackOffJitter: 0.5,
  /** Leader election renew deadline (kube-controller-manager, kube-scheduler --leader-elect-renew-deadline). */
  leaderElectionRenewDeadlineMs: 10_000,
  /** kube-controller-manager --node-monitor-period. */
  nodeMonitorPeriodMs: 5_000,
  /** kube-controller-manager --node-monitor-grace-period (50 s since v1.32). */
  nodeMonitorGracePeriodMs: 50_000,
  /** kube-controller-manager --node-startup-grace-period. */
  nodeStartupGracePeriodMs: 60_000,
  /** --node-eviction-rate (nodes per second, per zone) for NoExecute tainting. */
  nodeEvictionRatePerSecond: 0.1,
  secondaryNodeEvictionRatePerSecond: 0.01,
  /** --unhealthy-zone-threshold and --large-cluster-size-threshold. */
  unhealthyZoneThreshold: 0.55,
  largeClusterSizeThreshold: 50,
  /** DefaultTolerationSeconds admission: not-ready / unreachable NoExecute tolerations. */
  defaultTolerationSeconds: 300,
  /** Pod terminationGracePeriodSeconds default. */
  terminationGracePeriodSeconds: 30,
  /** Probe defaults. */
  probePeriodSeconds: 10,
  /** kube-proxy iptables.minSyncPeriod. */
  proxyMinSyncPeriodMs: 1_000,
  /** kube-scheduler minFeasibleNodesToFind and the adaptive percentageOfNodesToScore base. */
  minFeasibleNodesToFind: 100,
  minFeasibleNodesPercentageToFind: 5,
  /** kube-scheduler podInitialBackoffSeconds / podMaxBackoffSeconds. */
  schedulerPodInitialBackoffMs: 1_000,
  schedulerPodMaxBackoffMs: 10_000,
  /** Job controller: backoffLimit default (SetDefaults_Job). */
  jobBackoffLimit: 6,
  /**
   * Job controller pod failure back-off: DefaultJobPodFailureBackOff = 10 s, doubling per
   * consecutive failure up to MaxJobPodFailureBackOff = 10 min (pkg/controller/job/
   * job_controller.go; the Job docs still say "capped at six minutes").
   */
  jobPodFailureBackOffInitialMs: 10_000,
  jobPodFailureBackOffMaxMs: 600_000,
  /** Job controller syncJobBatchPeriod: pod events and status-only Job updates sync 1 s later. */
  jobSyncBatchPeriodMs: 1_000,
  /**
   * Client-side rate limits (client-go flowcontrol.NewTokenBucketRateLimiter(qps, burst)): QPS
   * and burst of each component's clientset. kube-controller-manager --kube-api-qps 20 /
   * --kube-api-burst 30 (pkg/controller/apis/config/v1alpha1/defaults.go), and every controller
   * builds its own clientset from that config (ClientBuilder.ClientOrDie(name)), so each has its
   * own bucket. kube-scheduler clientConnection 50 / 100 (pkg/scheduler/apis/config/v1/
   * defaults.go); kubelet kubeAPIQPS 50 / kubeAPIBurst 100 (pkg/kubelet/apis/config/v1beta1/
   * defaults.go); kube-proxy clientConnection 5 / 10 (pkg/proxy/apis/config/v1alpha1/defaults.go).
   */
  kcmClient: { qps: 20, burst: 30 },
  schedulerClient: { qps: 50, burst: 100 },
  kubeletClient: { qps: 50, burst: 100 },
  kubeProxyClient: { qps: 5, burst: 10 },
  /**
   * ReplicaSet controller BurstReplicas (pkg/controller/replicaset/replica_set.go): at most this
   * many creations or deletions per sync; Job controller MaxPodCreateDeletePerSync
   * (pkg/controller/job/job_controller.go); DaemonSet controller BurstReplicas
   * (pkg/controller/daemon/daemon_controller.go).
   */
  replicaSetBurstReplicas: 500,
  jobMaxPodCreateDeletePerSync: 500,
  daemonSetBurstReplicas: 250,
  /** controller.SlowStartInitialBatchSize and ExpectationsTimeout (pkg/controller/controller_utils.go). */
  slowStartInitialBatchSize: 1,
  expectationsTimeoutMs: 5 * 60_000,
  /** CronJob controller nextScheduleDelta: it wakes 100 ms after each scheduled time. */
  cronJobNextScheduleDeltaMs: 100,
} as const;

/** Latencies of this simulation (no Kubernetes default exists for them). */
export const SIM = {
  /** One network hop between components: a watch event reaching its watcher. */
  watchLatencyMsMin: 1,
  watchLatencyMsMax: 4,
  /** A controller or the scheduler reacting to what it saw. */
  reconcileDelayMs: 5,
  /** The kubelet's pod worker picking up a change. */
  kubeletSyncDelayMs: 10,
  /** RunPodSandbox: create the network namespace and start the pause container. */
  sandboxMsMin: 300,
  sandboxMsMax: 900,
  /** CreateContainer and StartContainer. */
  createContainerMsMin: 40,
  createContainerMsMax: 120,
  startContainerMsMin: 40,
  startContainerMsMax: 160,
  /** Image pull bandwidth, bytes per millisecond (≈ 40 MB/s). */
  pullBytesPerMs: 40_000,
  pullOverheadMsMin: 200,
  pullOverheadMsMax: 800,
  /** The cluster boots for this long before the first lab command. */
  bootMs: 30_000,
  /**
   * Lines of each container's log kept for `kubectl logs` (the oldest go first). What really
   * bounds a container's log is the kubelet's rotation: containerLogMaxSize 10Mi per file
   * (containerLogMaxFiles 5), and the kubelet reads only the current file.
   */
  containerLogLines: 1_000,
  /**
   * Longest a `kubectl exec` lets simulated time pass for its command's sleeps (the real one
   * waits as long as the command runs).
   */
  execMaxWaitMs: 10 * 60_000,
  /** Trace entries kept (the oldest are dropped past this; trace seq numbers keep counting). */
  traceCapacity: 200_000,
  /** Refuse to process more than this many events in one advance (a runaway loop fails loudly). */
  maxEventsPerAdvance: 50_000_000,
} as const;

/** Wall-clock origin of the simulated cluster: timeMs 0 is this instant. */
export const EPOCH_MS = Date.UTC(2026, 0, 1, 9, 0, 0);

export const KUBERNETES_VERSION = 'v1.34.2';
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10.1';
export const CONTAINER_RUNTIME_VERSION = 'containerd://2.1.4';
export const POD_CIDR_BASE = '10.244.0.0/16';
export const SERVICE_CIDR = '10.96.0.0/12';
