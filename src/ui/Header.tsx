import { ChefHat, Keyboard } from 'lucide-react';
import { LOCALES, type Locale } from '../i18n';
import { type LabelMode, type MotionPref, useSim, useSimStore } from '../store';
import { useT } from './useT';
import { WalkthroughPicker } from './walkthrough/WalkthroughPicker';

const LABEL_MODES: LabelMode[] = ['kitchen', 'kubernetes', 'both'];
const MOTION: MotionPref[] = ['system', 'reduce', 'full'];

export function Header({ onHelp }: { onHelp: () => void }) {
  const t = useT();
  const store = useSimStore();
  const prefs = useSim((s) => s.prefs);
  const set = store.getState().setPrefs;
  return (
    <header className="app-header">
      <Brand t={t} />
      <WalkthroughPicker />
      <div className="header-controls">
        <label className="field">
          <span>{t('header.labels')}</span>
          <select
            value={prefs.labels}
            onChange={(e) => set({ labels: e.target.value as LabelMode })}
          >
            {LABEL_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`header.labels.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('header.language')}</span>
          <select value={prefs.locale} onChange={(e) => set({ locale: e.target.value as Locale })}>
            {LOCALES.map((l) => (
              <option key={l.id} value={l.id} lang={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('header.motion')}</span>
          <select
            value={prefs.motion}
            onChange={(e) => set({ motion: e.target.value as MotionPref })}
          >
            {MOTION.map((m) => (
              <option key={m} value={m}>
                {t(`header.motion.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="icon-button"
          onClick={onHelp}
          aria-label={t('header.help')}
          title={`${t('header.help')} (?)`}
        >
          <Keyboard aria-hidden="true" size={18} />
        </button>
      </div>
    </header>
  );
}

/**
 * The title and what the page is about. It needs no store, so the page shows it (in the saved
 * language) before the engine has loaded, exactly where it stays afterwards.
 */
export function Brand({ t }: { t: (key: string) => string }) {
  return (
    <>
      <h1 className="brand">
        <ChefHat aria-hidden="true" size={26} strokeWidth={1.75} />
        <span>{t('app.title')}</span>
      </h1>
      <p className="tagline">{t('app.tagline')}</p>
    </>
  );
}
