import { useSim } from '../../store';
import { useT } from '../useT';

/** Placeholder: the selected element's real object, events and trace (being built). */
export function InspectorPanel() {
  const t = useT();
  const selection = useSim((s) => s.selection);
  return (
    <section aria-labelledby="inspector-heading">
      <h2 id="inspector-heading" className="panel-heading">
        {t('panel.inspector')}
      </h2>
      <p>{selection ?? '—'}</p>
    </section>
  );
}
