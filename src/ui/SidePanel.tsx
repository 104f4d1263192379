import { AnimatePresence, m } from 'motion/react';
import { type KeyboardEvent, useRef } from 'react';
import { type PanelTab, useSim, useSimStore } from '../store';
import { EventsPanel } from './events/EventsPanel';
import { FaultsPanel } from './faults/FaultsPanel';
import { InspectorPanel } from './inspector/InspectorPanel';
import { useT } from './useT';
import { WalkthroughPanel } from './walkthrough/WalkthroughPanel';

const TABS: { id: PanelTab; key: string }[] = [
  { id: 'walkthrough', key: 'panel.narration' },
  { id: 'inspector', key: 'panel.inspector' },
  { id: 'events', key: 'panel.events' },
  { id: 'faults', key: 'panel.faults' },
];

/** The side panel: WAI-ARIA tabs (arrow keys move between them, Home/End jump). */
export function SidePanel() {
  const t = useT();
  const panel = useSim((s) => s.panel);
  const setPanel = useSimStore().getState().setPanel;
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});

  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.findIndex((tab) => tab.id === panel);
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % TABS.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + TABS.length) % TABS.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? TABS.length - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    e.stopPropagation();
    setPanel(TABS[next].id);
    refs.current[TABS[next].id]?.focus();
  };

  return (
    <aside className="side-panel">
      <div className="tabs" role="tablist" aria-label={t('panel.tabs')} onKeyDown={onKeyDown}>
        {TABS.map((tab) => (
          <button
            key={tab.id}
            ref={(el) => {
              refs.current[tab.id] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={panel === tab.id}
            aria-controls={`tabpanel-${tab.id}`}
            tabIndex={panel === tab.id ? 0 : -1}
            onClick={() => setPanel(tab.id)}
          >
            {t(tab.key)}
          </button>
        ))}
      </div>
      {TABS.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`tabpanel-${tab.id}`}
          aria-labelledby={`tab-${tab.id}`}
          hidden={panel !== tab.id}
          className="tabpanel"
        >
          {/* A tab's content fades in when it is chosen (not when the page opens). */}
          <AnimatePresence initial={false}>
            {panel === tab.id ? (
              <m.div
                key={tab.id}
                initial={{ opacity: 0, y: 4 }}
                animate={{ opacity: 1, y: 0 }}
                transition={{ duration: 0.15, ease: 'easeOut' }}
              >
                <TabContent tab={tab.id} />
              </m.div>
            ) : null}
          </AnimatePresence>
        </div>
      ))}
    </aside>
  );
}

function TabContent({ tab }: { tab: PanelTab }) {
  switch (tab) {
    case 'walkthrough':
      return <WalkthroughPanel />;
    case 'inspector':
      return <InspectorPanel />;
    case 'events':
      return <EventsPanel />;
    case 'faults':
      return <FaultsPanel />;
  }
}
