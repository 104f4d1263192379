import { useScene } from './sceneStore';

/** True when the scene should jump to the right picture instead of animating to it. */
export function useInstant(): boolean {
  return useScene((s) => s.instant);
}
