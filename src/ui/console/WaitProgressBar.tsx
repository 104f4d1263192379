import { formatGoDuration } from '../../engine/kubectl/duration';
import { useSim, useSimStore } from '../../store';
import { useT } from '../useT';

/**
 * A long `wait` runs in the engine's worker a slice at a time: how far it has got, and a button
 * that stops it where it is (the transcript then says how long it really waited).
 */
export function WaitProgressBar() {
  const t = useT();
  const store = useSimStore();
  const waiting = useSim((s) => s.waiting);
  const nowMs = useSim((s) => s.nowMs);
  if (!waiting) return null;
  const totalMs = waiting.toMs - waiting.fromMs;
  const doneMs = Math.min(totalMs, Math.max(0, nowMs - waiting.fromMs));
  const label = t('console.waiting', {
    line: waiting.line,
    done: formatGoDuration(doneMs),
    total: formatGoDuration(totalMs),
  });
  return (
    <div className="console-waiting">
      <progress max={totalMs} value={doneMs} aria-label={label} />
      <span aria-hidden="true">{label}</span>
      <button type="button" onClick={() => store.getState().stopWait()}>
        {t('console.stopWait')}
      </button>
    </div>
  );
}
