import { formatGoDuration } from '../../engine/kubectl/duration';
import { useSim, useSimStore } from '../../store';
import { useT } from '../useT';

/**
 * A line that acted in the past dropped the timeline's future (its later lines and time): say
 * how much, and offer to undo it until the next line.
 */
export function DroppedNotice() {
  const t = useT();
  const store = useSimStore();
  const dropped = useSim((s) => s.dropped);
  if (!dropped) return null;
  return (
    <div className="console-dropped" role="status">
      <span>
        {t('console.dropped', {
          count: dropped.lines,
          // Whole seconds read better here than kubectl's millisecond precision.
          time: formatGoDuration(Math.max(1, Math.round(dropped.ms / 1_000)) * 1_000),
        })}
      </span>
      <button type="button" onClick={() => store.getState().undoDrop()}>
        {t('console.undoDrop')}
      </button>
    </div>
  );
}
