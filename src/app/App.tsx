import { ChefHat } from 'lucide-react';
import { startTransition, useCallback, useEffect, useState } from 'react';
import { translate } from '../i18n';
import { KitchenScene } from '../kitchen/KitchenScene';
import { type SimStore, SimStoreProvider, usePlaybackLoop } from '../store';
import { localeFromBrowser } from '../store/prefs';
import { ConsolePanel } from '../ui/console/ConsolePanel';
import { Header } from '../ui/Header';
import { ShortcutsDialog } from '../ui/help/ShortcutsDialog';
import { Notice } from '../ui/Notice';
import { PlaybackBar } from '../ui/PlaybackBar';
import { SidePanel } from '../ui/SidePanel';
import { useT } from '../ui/useT';
import { useGlobalShortcuts } from './useGlobalShortcuts';
import { usePrefsEffects } from './usePrefsEffects';

/**
 * The engine (and the store that owns it) load in their own chunk, so the page paints at once;
 * a failure to load shows a message instead of a blank page.
 */
export function App() {
  const [store, setStore] = useState<SimStore | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    import('./makeStore')
      .then((m) => m.makeStore())
      .then((made) => {
        // A transition: React renders the first scene in slices, so the page stays responsive.
        if (live) startTransition(() => setStore(made));
      })
      .catch(() => {
        if (live) setFailed(true);
      });
    return () => {
      live = false;
    };
  }, []);
  if (!store) return <Loading failed={failed} />;
  return (
    <SimStoreProvider store={store}>
      <Shell />
    </SimStoreProvider>
  );
}

/** Before the engine is there: the learner's language straight from the browser. */
function Loading({ failed }: { failed: boolean }) {
  const locale = localeFromBrowser(navigator.languages ?? [navigator.language]);
  return (
    <div className="loading" role="status">
      <ChefHat aria-hidden="true" size={40} strokeWidth={1.5} />
      <p>{translate(locale, failed ? 'app.loadFailed' : 'app.loading')}</p>
    </div>
  );
}

function Shell() {
  const t = useT();
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  usePlaybackLoop();
  usePrefsEffects();
  useGlobalShortcuts(openHelp);
  return (
    <>
      <a className="skip-link" href="#scene">
        {t('app.skip')}
      </a>
      <div className="app">
        <Header onHelp={openHelp} />
        <Notice />
        <main className="layout">
          <section id="scene" className="scene" aria-label={t('scene.region')} tabIndex={-1}>
            <KitchenScene />
          </section>
          <SidePanel />
          <PlaybackBar />
          <ConsolePanel />
        </main>
      </div>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </>
  );
}
