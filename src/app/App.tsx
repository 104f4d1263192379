import { ChefHat } from 'lucide-react';
import { type ComponentType, startTransition, useEffect, useLayoutEffect, useState } from 'react';
import { translate } from '../i18n';
import { type Prefs, SimStoreProvider, type ViewStore } from '../store';
import { Brand } from '../ui/Brand';
import { afterFirstPaint } from './afterFirstPaint';
import type { AttachLink } from './attachLink';
import { loadSavedPrefs } from './savedPrefs';
import { reflectPrefs } from './usePrefsEffects';

const NO_LINK: AttachLink = { kind: 'none' };

interface Loaded {
  store: ViewStore;
  Shell: ComponentType;
}

/**
 * The engine (and the store that owns it) load in their own chunk, and the shell that draws them
 * (scene, panels, console: everything that needs a store) in another, fetched at the same time.
 * Until they are there the page shows what needs no engine: the header's title and tagline, in
 * the learner's saved language and theme, and a status where the kitchen will be; a failure to
 * load says so instead of leaving a blank page.
 */
export function App({ attachLink = NO_LINK }: { attachLink?: AttachLink }) {
  const [saved] = useState(loadSavedPrefs);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const load = () => {
      // The engine (and the store) and the shell that draws them, fetched side by side; motion's
      // features too (MotionProvider asks for them when the shell mounts; not needed to start).
      import('./motionFeatures').catch(() => undefined);
      Promise.all([
        import('./makeStore').then((m) => m.makeStore(saved, attachLink)),
        import('./Shell'),
      ])
        .then(([store, { Shell }]) => {
          // A transition: React renders the first scene in slices, so the page stays responsive.
          if (live) startTransition(() => setLoaded({ store, Shell }));
          // A page that went away meanwhile (React's development double mount): no open feed.
          else store.getState().dispose();
        })
        .catch(() => {
          if (live) setFailed(true);
        });
    };
    return afterFirstPaint(load, () => {
      live = false;
    });
  }, [saved, attachLink]);
  if (!loaded) return <Loading failed={failed} prefs={saved.prefs} />;
  const { store, Shell } = loaded;
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
