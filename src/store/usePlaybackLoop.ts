import { useEffect } from 'react';
import { useSim, useSimStore } from './useSim';

/**
 * Turns wall time into simulated time while playing: one `tick` per animation frame. The store
 * clamps long gaps (a hidden tab), so coming back never jumps hours ahead.
 */
export function usePlaybackLoop(): void {
  const store = useSimStore();
  const playing = useSim((s) => s.playing);
  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    let last: number | null = null;
    const frame = (t: number) => {
      if (last !== null) store.getState().tick(t - last);
      last = t;
      raf = requestAnimationFrame(frame);
    };
    raf = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(raf);
  }, [playing, store]);
}
