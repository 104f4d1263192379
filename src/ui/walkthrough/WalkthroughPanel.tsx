import { useT } from '../useT';

/** Placeholder for the walkthrough player (Narration, Next step / Previous step). */
export function WalkthroughPanel() {
  const t = useT();
  return (
    <section aria-labelledby="walkthrough-heading">
      <h2 id="walkthrough-heading" className="panel-heading">
        {t('panel.narration')}
      </h2>
    </section>
  );
}
