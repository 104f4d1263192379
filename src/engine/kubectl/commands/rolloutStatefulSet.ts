/**
 * StatefulSetStatusViewer.Status (kubernetes/kubectl pkg/polymorphichelpers/rollout_status.go).
 * A defaulted RollingUpdate strategy has a partition (0), so a finished rollout reads
 * "partitioned roll out complete", as it does on a real cluster.
 */
import type { KObject } from '../../api/types';
import { failWith } from '../errors';

export function statefulSetStatus(sts: KObject): { message: string; done: boolean } {
  const spec = sts.spec ?? {};
  const status = sts.status ?? {};
  if (spec.updateStrategy?.type !== 'RollingUpdate') {
    throw failWith.message('rollout status is only available for RollingUpdate strategy type');
  }
  const observed = status.observedGeneration ?? 0;
  if (observed === 0 || (sts.metadata.generation ?? 0) > observed) {
    return { message: 'Waiting for statefulset spec update to be observed...', done: false };
  }
  const replicas: number | undefined = spec.replicas ?? undefined;
  const ready: number = status.readyReplicas ?? 0;
  if (replicas !== undefined && ready < replicas) {
    return { message: `Waiting for ${replicas - ready} pods to be ready...`, done: false };
  }
  const updated: number = status.updatedReplicas ?? 0;
  const partition = spec.updateStrategy?.rollingUpdate?.partition;
  if (spec.updateStrategy?.rollingUpdate) {
    if (replicas !== undefined && partition !== undefined && partition !== null) {
      if (updated < replicas - partition) {
        return {
          message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...`,
          done: false,
        };
      }
    }
    return {
      message: `partitioned roll out complete: ${updated} new pods have been updated...`,
      done: true,
    };
  }
  if (status.updateRevision !== status.currentRevision) {
    return {
      message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${status.updateRevision ?? ''}...`,
      done: false,
    };
  }
  return {
    message: `statefulset rolling update complete ${status.currentReplicas ?? 0} pods at revision ${status.currentRevision ?? ''}...`,
    done: true,
  };
}
