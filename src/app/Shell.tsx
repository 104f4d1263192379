import { useCallback, useState } from 'react';
import { KitchenScene } from '../kitchen/KitchenScene';
import { usePlaybackLoop } from '../store';
import { ClusterAnnouncer } from '../ui/announce/ClusterAnnouncer';
import { AttachBar } from '../ui/attach/AttachBar';
import { ConsolePanel } from '../ui/console/ConsolePanel';
import { Header } from '../ui/Header';
import { ShortcutsDialog } from '../ui/help/ShortcutsDialog';
import { Notice } from '../ui/Notice';
import { PlaybackBar } from '../ui/PlaybackBar';
import { SidePanel } from '../ui/SidePanel';
import { useT } from '../ui/useT';
import { WalkthroughSheet } from '../ui/walkthrough/WalkthroughSheet';
import { MotionProvider } from './MotionProvider';
import { useGlobalShortcuts } from './useGlobalShortcuts';
import { usePrefsEffects } from './usePrefsEffects';
import { usePreloadWhenIdle } from './usePreloadWhenIdle';

/**
 * The page once the cluster is up: header, scene, side panel, playback bar, console. It loads in
 * a chunk of its own, fetched together with the engine's (App.tsx), so the first chunk carries
 * only what the page shows before there is a cluster.
 */
export function Shell() {
  const t = useT();
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  usePlaybackLoop();
  usePrefsEffects();
  usePreloadWhenIdle();
  useGlobalShortcuts(openHelp);
  return (
    <MotionProvider>
      <a className="skip-link" href="#scene">
        {t('app.skip')}
      </a>
      <div className="app">
        <Header onHelp={openHelp} />
        <Notice />
        <AttachBar />
        <main className="layout">
          <section id="scene" className="scene" aria-label={t('scene.region')} tabIndex={-1}>
            <KitchenScene />
          </section>
          <WalkthroughSheet />
          <PlaybackBar />
          <div className="side-column">
            <SidePanel />
            <ConsolePanel />
          </div>
          <ClusterAnnouncer />
        </main>
      </div>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </MotionProvider>
  );
}
