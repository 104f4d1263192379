/**
 * The Job controller's pod failure back-off (pkg/controller/job/backoff_utils.go): after N
 * consecutive failures a replacement pod waits 10 s × 2^(N−1), at most MaxJobPodFailureBackOff,
 * counted from when the last failed pod finished. A success resets the count. The record is the
 * controller's memory (kcm.jobBackoff), lost when kube-controller-manager restarts.
 */
import type { KObject } from '../../api/types';
import { K8S } from '../../sim/defaults';
import type { Simulation } from '../../sim/simulation';
import { hashRecord } from '../../sim/state';
import { finishedTimeMs } from './jobPods';

export interface BackoffRecord {
  failures: number;
  lastFailureMs: number;
}

const NONE: BackoffRecord = { failures: 0, lastFailureMs: 0 };

/** newBackoffRecord: the stored record advanced by the pods that finished since it was saved. */
export function nextBackoffRecord(
  sim: Simulation,
  key: string,
  newSucceeded: KObject[],
  newFailed: KObject[],
): BackoffRecord {
  const old = sim.state.kcm.jobBackoff?.[key] ?? NONE;
  const failedTimes = newFailed.map(finishedTimeMs).sort((a, b) => a - b);
  if (newSucceeded.length === 0) {
    if (failedTimes.length === 0) return old;
    return {
      failures: old.failures + failedTimes.length,
      lastFailureMs: failedTimes[failedTimes.length - 1],
    };
  }
  // Only the failures after the last success count.
  const lastSuccess = Math.max(...newSucceeded.map(finishedTimeMs));
  let failures = 0;
  let lastFailureMs = 0;
  for (let i = failedTimes.length - 1; i >= 0 && failedTimes[i] > lastSuccess; i--) {
    if (failures === 0) lastFailureMs = failedTimes[i];
    failures++;
  }
  return { failures, lastFailureMs };
}

export function saveBackoffRecord(sim: Simulation, key: string, record: BackoffRecord): void {
  const kcm = sim.state.kcm;
  kcm.jobBackoff ??= hashRecord();
  if (record.failures === 0) delete kcm.jobBackoff[key];
  else kcm.jobBackoff[key] = record;
}

export function forgetBackoffRecord(sim: Simulation, key: string): void {
  if (sim.state.kcm.jobBackoff) delete sim.state.kcm.jobBackoff[key];
}

/** getRemainingTimeForFailuresCount: how long a replacement must still wait (0: create now). */
export function remainingBackoffMs(record: BackoffRecord, nowMs: number): number {
  if (record.failures === 0) return 0;
  let delay: number = K8S.jobPodFailureBackOffInitialMs;
  for (let i = 1; i < record.failures; i++) {
    delay *= 2;
    if (delay >= K8S.jobPodFailureBackOffMaxMs) {
      delay = K8S.jobPodFailureBackOffMaxMs;
      break;
    }
  }
  const elapsed = nowMs - record.lastFailureMs;
  return delay < elapsed ? 0 : delay - elapsed;
}
