import { Keyboard, Monitor, Moon, Sun } from 'lucide-react';
import { LOCALES, type Locale } from '../i18n';
import { type LabelMode, type MotionPref, type ThemePref, useSim, useSimStore } from '../store';
import { Brand } from './Brand';
import { useT } from './useT';
import { WalkthroughPicker } from './walkthrough/WalkthroughPicker';

const LABEL_MODES: LabelMode[] = ['kitchen', 'kubernetes', 'both'];
const MOTION: MotionPref[] = ['system', 'reduce', 'full'];
/** The Theme button cycles through these (a projector in a bright room wants light). */
const THEMES: ThemePref[] = ['system', 'light', 'dark'];
const THEME_ICONS = { system: Monitor, light: Sun, dark: Moon } as const;

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
        <ThemeButton
          theme={prefs.theme}
          onChange={(theme) => set({ theme })}
          label={(theme) => t('header.theme', { theme: t(`header.theme.${theme}`) })}
        />
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

/** One button for the theme: it names the current one and moves to the next on each press. */
function ThemeButton({
  theme,
  onChange,
  label,
}: {
  theme: ThemePref;
  onChange: (theme: ThemePref) => void;
  label: (theme: ThemePref) => string;
}) {
  const Icon = THEME_ICONS[theme];
  const next = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length];
  return (
    <button
      type="button"
      className="icon-button"
      onClick={() => onChange(next)}
      aria-label={label(theme)}
      title={label(theme)}
    >
      <Icon aria-hidden="true" size={18} />
    </button>
  );
}
