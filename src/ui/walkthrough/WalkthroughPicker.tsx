import { walkthroughs } from '../../scenarios/list';
import { useSimStore } from '../../store';
import { useWalkthrough, useWalkthroughStore } from './useWalkthrough';
import { useWalkthroughKeys } from './useWalkthroughKeys';
import { useWalkthroughUrl } from './useWalkthroughUrl';
import { useWt } from './useWt';

/**
 * The header's walkthrough picker (always on the page, so it also keeps the URL in step and
 * takes ←/→ for the steps while a walkthrough is shown).
 */
export function WalkthroughPicker() {
  const t = useWt();
  const sim = useSimStore();
  const store = useWalkthroughStore();
  const id = useWalkthrough((s) => s.current?.id ?? '');
  useWalkthroughUrl();
  useWalkthroughKeys();
  return (
    <label className="field walkthrough-picker">
      <span>{t('player.picker')}</span>
      <select
        value={id}
        onChange={(e) => {
          const next = e.target.value;
          if (!next) store.getState().leave();
          else if (store.getState().start(next, 0)) sim.getState().setPanel('walkthrough');
        }}
      >
        <option value="">{t('player.freePlay')}</option>
        {walkthroughs.map((w) => (
          <option key={w.id} value={w.id}>
            {t(w.titleKey)}
          </option>
        ))}
      </select>
    </label>
  );
}
