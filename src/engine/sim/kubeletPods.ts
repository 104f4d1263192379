/**
 * The kubelet's pod map and its size, changed together: admission (maxPods) asks how many pods
 * the kubelet holds for every new pod, and counting a dictionary of pod records each time was a
 * tenth of the large bench. Every write to KubeletState.pods goes through here.
 */
import { hashRecord, type KubeletPod, type KubeletState } from './state';

/** How many pods the kubelet holds (an upper bound of those it counts against maxPods). */
export function heldPods(k: KubeletState): number {
  if (k.podCount === undefined) {
    // A snapshot from before the count was kept.
    let n = 0;
    for (const _ in k.pods) n++;
    k.podCount = n;
  }
  return k.podCount;
}

export function holdPod(k: KubeletState, kp: KubeletPod): void {
  if (!(kp.uid in k.pods)) k.podCount = heldPods(k) + 1;
  k.pods[kp.uid] = kp;
}

export function releasePod(k: KubeletState, uid: string): void {
  if (!(uid in k.pods)) return;
  k.podCount = heldPods(k) - 1;
  delete k.pods[uid];
}

/** A restarted kubelet forgets its pods. */
export function forgetPods(k: KubeletState): void {
  k.pods = hashRecord();
  k.podCount = 0;
}
