import { ChefHat } from 'lucide-react';
import { startTransition, useCallback, useEffect, useLayoutEffect, useState } from 'react';
import { translate } from '../i18n';
import { KitchenScene } from '../kitchen/KitchenScene';
import { type Prefs, type SimStore, SimStoreProvider, usePlaybackLoop } from '../store';
import { ClusterAnnouncer } from '../ui/announce/ClusterAnnouncer';
import { ConsolePanel } from '../ui/console/ConsolePanel';
import { Brand, Header } from '../ui/Header';
import { ShortcutsDialog } from '../ui/help/ShortcutsDialog';
import { Notice } from '../ui/Notice';
import { PlaybackBar } from '../ui/PlaybackBar';
import { SidePanel } from '../ui/SidePanel';
import { useT } from '../ui/useT';
import { afterFirstPaint } from './afterFirstPaint';
import { loadSavedPrefs } from './savedPrefs';
import { useGlobalShortcuts } from './useGlobalShortcuts';
import { reflectPrefs, usePrefsEffects } from './usePrefsEffects';
import { usePreloadWhenIdle } from './usePreloadWhenIdle';

/**
 * The engine (and the store that owns it) load in their own chunk. Until they are there the page
 * shows what needs no engine: the header's title and tagline, in the learner's saved language
 * and theme, and a status where the kitchen will be; a failure to load says so instead of
 * leaving a blank page.
 */
export function App() {
  const [saved] = useState(loadSavedPrefs);
  const [store, setStore] = useState<SimStore | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const load = () => {
      import('./makeStore')
        .then((m) => m.makeStore(saved))
        .then((made) => {
          // A transition: React renders the first scene in slices, so the page stays responsive.
          if (live) startTransition(() => setStore(made));
        })
        .catch(() => {
          if (live) setFailed(true);
        });
    };
    return afterFirstPaint(load, () => {
      live = false;
    });
  }, [saved]);
  if (!store) return <Loading failed={failed} prefs={saved.prefs} />;
  return (
    <SimStoreProvider store={store}>
      <Shell />
    </SimStoreProvider>
  );
}

/**
 * Before the engine is there: the static part of the header (laid out as it stays) and a status
 * where the kitchen will be. Nothing here stands for the cluster: there is none yet.
 */
function Loading({ failed, prefs }: { failed: boolean; prefs: Prefs }) {
  useLayoutEffect(() => reflectPrefs(prefs), [prefs]);
  const t = (key: string) => translate(prefs.locale, key);
  return (
    <div className="app">
      <header className="app-header">
        <Brand t={t} />
      </header>
      <main className="loading">
        <div className="loading-status" role="status">
          <ChefHat aria-hidden="true" size={40} strokeWidth={1.5} />
          <p>{t(failed ? 'app.loadFailed' : 'app.loading')}</p>
        </div>
      </main>
    </div>
  );
}

function Shell() {
  const t = useT();
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  usePlaybackLoop();
  usePrefsEffects();
  usePreloadWhenIdle();
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
          <ClusterAnnouncer />
        </main>
      </div>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </>
  );
}
