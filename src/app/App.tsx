import { LazyMotion, MotionConfig } from 'motion/react';
import { useCallback, useState } from 'react';
import { KitchenScene } from '../kitchen/KitchenScene';
import { SimStoreProvider, usePlaybackLoop, useSim } from '../store';
import { ConsolePanel } from '../ui/console/ConsolePanel';
import { Header } from '../ui/Header';
import { ShortcutsDialog } from '../ui/help/ShortcutsDialog';
import { Notice } from '../ui/Notice';
import { PlaybackBar } from '../ui/PlaybackBar';
import { SidePanel } from '../ui/SidePanel';
import { useT } from '../ui/useT';
import { makeStore } from './makeStore';
import { useGlobalShortcuts } from './useGlobalShortcuts';
import { usePrefsEffects } from './usePrefsEffects';

/** Motion's DOM features arrive after first paint (they are not needed to draw the page). */
const loadMotionFeatures = () => import('./motionFeatures').then((m) => m.default);

export function App() {
  const [store] = useState(makeStore);
  return (
    <SimStoreProvider store={store}>
      <Shell />
    </SimStoreProvider>
  );
}

function Shell() {
  const t = useT();
  const motion = useSim((s) => s.prefs.motion);
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  usePlaybackLoop();
  usePrefsEffects();
  useGlobalShortcuts(openHelp);
  return (
    <LazyMotion features={loadMotionFeatures} strict>
      <MotionConfig
        reducedMotion={motion === 'system' ? 'user' : motion === 'reduce' ? 'always' : 'never'}
      >
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
      </MotionConfig>
    </LazyMotion>
  );
}
