/**
 * The READY / STATUS / RESTARTS cells of `kubectl get pods`, computed together exactly as
 * kubernetes pkg/printers/internalversion/printers.go printPod does (they share one walk over
 * the container statuses).
 */
import type { ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { humanDuration, parseTimestampMs, wallClockMs } from './time';

export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
}

/** pkg/util/node NodeUnreachablePodReason: set by the node lifecycle controller on evicted pods. */
const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

export function podSummary(pod: Pod, nowMs: number): PodSummary {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const phase = status.phase ?? '';
  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = spec?.containers?.length ?? 0;
  let readyContainers = 0;
  let lastRestartMs = 0;
  let lastSidecarRestartMs = 0;

  let reason: string = status.reason || phase;
  for (const condition of status.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') {
      reason = 'SchedulingGated';
    }
  }

  const initSpecs = new Map((spec?.initContainers ?? []).map((c) => [c.name, c]));
  const isSidecar = (name: string) => initSpecs.get(name)?.restartPolicy === 'Always';
  for (const c of initSpecs.values()) if (c.restartPolicy === 'Always') totalContainers++;

  const initStatuses = status.initContainerStatuses ?? [];
  let initializing = false;
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    restarts += container.restartCount ?? 0;
    lastRestartMs = Math.max(lastRestartMs, lastTerminationMs(container));
    if (isSidecar(container.name)) {
      sidecarRestarts += container.restartCount ?? 0;
      lastSidecarRestartMs = Math.max(lastSidecarRestartMs, lastTerminationMs(container));
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (isSidecar(container.name) && container.started) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      if (!terminated.reason) {
        reason = terminated.signal
          ? `Init:Signal:${terminated.signal}`
          : `Init:ExitCode:${terminated.exitCode}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status.conditions, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestartMs = lastSidecarRestartMs;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      restarts += container.restartCount ?? 0;
      lastRestartMs = Math.max(lastRestartMs, lastTerminationMs(container));
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (terminated?.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal
          ? `Signal:${terminated.signal}`
          : `ExitCode:${terminated.exitCode}`;
      } else if (container.ready && container.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A finished container next to a running one is a partial completion, not "Completed".
    if (reason === 'Completed' && hasRunning) {
      reason = conditionTrue(status.conditions, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  const deleting = Boolean(pod.metadata?.deletionTimestamp);
  if (deleting && status.reason === NODE_UNREACHABLE_POD_REASON) {
    reason = 'Unknown';
  } else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestartMs !== 0) {
    restartsText = `${restarts} (${humanDuration(wallClockMs(nowMs) - lastRestartMs)} ago)`;
  }
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsText };
}

/** The STATUS column of `kubectl get pods` (printers.go printPod). */
export function podStatusReason(pod: Pod, nowMs: number): string {
  return podSummary(pod, nowMs).status;
}

function lastTerminationMs(container: ContainerStatus): number {
  return parseTimestampMs(container.lastState?.terminated?.finishedAt) ?? 0;
}

function conditionTrue(conditions: PodCondition[] | undefined, type: string): boolean {
  // printers.go isPodInitializedConditionTrue / hasPodReadyCondition look at the first match.
  const condition = conditions?.find((c) => c.type === type);
  return condition?.status === 'True';
}
