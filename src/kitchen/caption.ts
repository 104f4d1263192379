/**
 * The scene's one caption line: what the message in flight says, in the Labels mode's words
 * ("Head chef (worker-1) → Stoves and equipment (worker-1): PullImage nginx:1.27" in Kitchen mode,
 * "kubelet on worker-1 → containerd on worker-1: PullImage nginx:1.27" in Kubernetes mode). The
 * moving tokens carry no words but a bundle's count, so the scene's words never pile up; this line
 * and each token's tooltip say it instead (a bundle names its newest message, "+N" the others).
 * Pure.
 */
import type { TraceEntry } from '../engine/trace';
import type { LabelMode } from '../store';
import type { Active, AnimShape } from './animation';
import { describeElement } from './metaphor';

type T = (key: string, params?: Record<string, string | number>) => string;

/** A trace endpoint in the mode's words. */
export function actorWords(id: string, mode: LabelMode, t: T, controlPlaneNode?: string): string {
  const info = describeElement(id, { controlPlaneNode });
  const node = info.node && !info.kubeName.includes(info.node) ? ` (${info.node})` : '';
  const kitchen = `${t(info.kitchenKey)}${info.node ? ` (${info.node})` : ''}`;
  if (mode === 'kitchen') return kitchen;
  if (mode === 'kubernetes') return `${info.kubeName}${node}`;
  return `${t(info.kitchenKey)} (${info.kubeName}${node})`;
}

/** Shapes worth a caption, most telling first (a ledger dot or a heartbeat only when alone). */
const RANK: Record<AnimShape, number> = {
  card: 3,
  ticket: 3,
  customer: 3,
  flash: 4,
  ping: 2,
  heart: 1,
  dot: 1,
};

/** The active message the caption should tell: the newest of the most telling kind. */
export function captionPick(active: readonly Active[]): Active | null {
  let best: Active | null = null;
  for (const a of active) {
    if (!best || RANK[a.spec.shape] >= RANK[best.spec.shape]) best = a;
  }
  return best;
}

/** The caption for a trace entry: sender → receiver: what it says (+N more in a bundle). */
export function captionText(
  e: Pick<TraceEntry, 'from' | 'to' | 'summary' | 'kind'>,
  count: number,
  mode: LabelMode,
  t: T,
  controlPlaneNode?: string,
): string {
  // A fault is the learner's own hand (or the chaos of a script): its words say it all.
  if (e.kind === 'fault') return e.summary;
  const from = actorWords(e.from, mode, t, controlPlaneNode);
  const to = actorWords(e.to, mode, t, controlPlaneNode);
  const times = count > 1 ? ` (+${count - 1})` : '';
  const route = e.from === e.to ? from : `${from} → ${to}`;
  return `${route}: ${e.summary}${times}`;
}
