import { useSim } from '../../store';
import { formatClock } from '../formatClock';
import { useT } from '../useT';

/** Placeholder: the newest trace entries (filters being built). */
export function EventsPanel() {
  const t = useT();
  useSim((s) => s.traceCount);
  const entries = useSim((s) => s.traceEntries)(undefined, 30);
  return (
    <section aria-labelledby="events-heading">
      <h2 id="events-heading" className="panel-heading">
        {t('panel.events')}
      </h2>
      <ol className="trace-list">
        {entries.map((e) => (
          <li key={e.seq}>
            {formatClock(e.timeMs)} {e.from} → {e.to} {e.summary}
          </li>
        ))}
      </ol>
    </section>
  );
}
