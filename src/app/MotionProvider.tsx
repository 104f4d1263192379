import { LazyMotion, MotionConfig } from 'motion/react';
import type { ReactNode } from 'react';
import { type MotionPref, useSim } from '../store';

const loadFeatures = () => import('./motionFeatures').then((r) => r.default);

/** The Motion preference as motion's `reducedMotion`: "system" follows the operating system. */
export const REDUCED_MOTION = {
  system: 'user',
  reduce: 'always',
  full: 'never',
} as const satisfies Record<MotionPref, 'user' | 'always' | 'never'>;

/**
 * Motion for everything under the store's provider (the shell and the kitchen): `m.*` components
 * only (`strict`: a full `motion.*` component throws), their features loaded in a chunk of their
 * own, and the learner's Motion preference — "reduce" turns transforms and layout animation off
 * even where the system does not ask for it, "full" keeps them where it does.
 */
export function MotionProvider({ children }: { children: ReactNode }) {
  const motion = useSim((s) => s.prefs.motion);
  return (
    <LazyMotion features={loadFeatures} strict>
      <MotionConfig reducedMotion={REDUCED_MOTION[motion]}>{children}</MotionConfig>
    </LazyMotion>
  );
}
