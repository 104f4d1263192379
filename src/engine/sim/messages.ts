/**
 * Everything that can happen at a point in simulated time: a watch event reaching a watcher, a
 * component's timer firing, a runtime operation finishing. Discriminated by `t`.
 */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export type Msg =
  /** A watch event for a kubelet (pods bound to its node). */
  | {
      t: 'kubelet/podWatch';
      node: string;
      ev: WatchEventType;
      key: string;
      uid: string;
      rv: string;
    }
  | { t: 'kubelet/sync'; node: string; uid: string }
  | { t: 'kubelet/register'; node: string }
  | { t: 'kubelet/lease'; node: string }
  | { t: 'kubelet/nodeStatus'; node: string }
  | { t: 'kubelet/pleg'; node: string }
  | { t: 'kubelet/relist'; node: string }
  /** The status manager's client has a token again: pod statuses held back go out. */
  | { t: 'kubelet/statusRetry'; node: string }
  /** A pull finished; `error` is the runtime's error when it failed (nothing was stored). */
  | { t: 'kubelet/imagePulled'; node: string; image: string; error?: string }
  /** A container's probe worker is due (components/prober.ts); `seq` guards staleness. */
  | { t: 'kubelet/probe'; node: string; uid: string; container: string; seq: number }
  | { t: 'runtime/sandboxReady'; node: string; uid: string; sandboxId: string }
  | { t: 'runtime/containerCreated'; node: string; uid: string; name: string; containerId: string }
  | { t: 'runtime/containerStarted'; node: string; uid: string; name: string; containerId: string }
  | {
      t: 'runtime/containerExit';
      node: string;
      containerId: string;
      exitCode: number;
      reason: string;
    }
  | { t: 'runtime/stopped'; node: string; uid: string }
  /** A container's process asked to run again (process/supervisor.ts); `wake` guards staleness. */
  | { t: 'runtime/processWake'; node: string; containerId: string; wake: number }
  /** StopContainer's timeout ran out: the runtime SIGKILLs what still runs. */
  | { t: 'runtime/stopTimeout'; node: string; containerId: string; killAtMs: number }
  /** A container's preStop hook finished: the kubelet now calls StopContainer. */
  | {
      t: 'kubelet/stopContainer';
      node: string;
      uid: string;
      containerId: string;
      timeoutSec: number;
    }
  | { t: 'scheduler/watch'; ev: WatchEventType; resource: 'pods' | 'nodes'; key: string }
  | { t: 'scheduler/run' }
  | { t: 'scheduler/flushUnschedulable' }
  | {
      t: 'kcm/watch';
      ev: WatchEventType;
      resource: string;
      key: string;
      uid: string;
      owner?: { kind: string; name: string };
      /** A Node update that makes the DaemonSet controller sync nothing (daemon_controller.go updateNode). */
      sameForDaemons?: true;
      /** A Job update that left its spec alone (same generation): its sync is batched. */
      sameGeneration?: true;
    }
  /** A work item held back by the controller manager's queue (AddAfter) is due. */
  | { t: 'kcm/requeue'; item: string }
  /** A controller's pod burst has its next client token (controllers/podBurst.ts). */
  | { t: 'kcm/burst'; item: string }
  | { t: 'kcm/reconcile' }
  | { t: 'kcm/leaderCheck' }
  | { t: 'scheduler/leaderCheck' }
  | { t: 'kcm/monitorNodes' }
  /** etcd: the oldest Event leases run out (kube-apiserver --event-ttl). */
  | { t: 'etcd/expireEvents' }
  | { t: 'kcm/evict'; key: string; uid: string }
  | { t: 'proxy/watch'; node: string; resource: string; key: string }
  | { t: 'proxy/sync'; node: string }
  /** kubeadm init's phases after the control-plane node registered (sim/kubeadm.ts). */
  | { t: 'kubeadm/init' };
