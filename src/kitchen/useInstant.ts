import type { Transition } from 'motion/react';
import { useScene } from './sceneStore';

/** True when the scene should jump to the right picture instead of animating to it. */
export function useInstant(): boolean {
  return useScene((s) => s.instant);
}

const JUMP: Transition = { duration: 0 };

/**
 * A transition that takes no time while the scene jumps (paused, scrubbed, stepped back): an
 * element's own transition would otherwise override the scene's and replay on a scrub.
 */
export function useSceneTransition(transition: Transition): Transition {
  return useInstant() ? JUMP : transition;
}
