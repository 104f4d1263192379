import { ChevronDown, ChevronUp } from 'lucide-react';
import { AnimatePresence, m, useReducedMotionConfig } from 'motion/react';
import { useEffect, useId, useRef, useState } from 'react';
import { walkthroughById } from '../../scenarios/list';
import type { Walkthrough } from '../../scenarios/schema';
import type { WalkthroughView } from '../../store/walkthrough';
import { useNarrow } from '../useNarrow';
import { PredictChoices, StepNarration, StepNav } from './StepControls';
import { useRevealHighlight } from './useRevealHighlight';
import { useWalkthrough } from './useWalkthrough';
import { useWt } from './useWt';

/**
 * On a narrow screen, a walkthrough's narration and step buttons in a sheet at the bottom of the
 * window, over the scene, so the words and the parts of the scene they talk about are on screen
 * together (the rest of the player stays in the side panel). It folds down to its title and the
 * step buttons. On every step the scene scrolls its highlighted parts into view above the sheet
 * (on a wide screen, inside the scene).
 */
export function WalkthroughSheet() {
  const narrow = useNarrow();
  const current = useWalkthrough((s) => s.current);
  const w = current ? walkthroughById(current.id) : undefined;
  const ref = useRef<HTMLElement>(null);
  useRevealHighlight(ref);
  return (
    <AnimatePresence>
      {narrow && w && current ? <Sheet key="sheet" sheetRef={ref} w={w} view={current} /> : null}
    </AnimatePresence>
  );
}

function Sheet({
  sheetRef,
  w,
  view,
}: {
  sheetRef: React.RefObject<HTMLElement | null>;
  w: Walkthrough;
  view: WalkthroughView;
}) {
  const t = useWt();
  const [open, setOpen] = useState(true);
  const bodyId = useId();
  const reduce = useReducedMotionConfig();
  useSheetHeight(sheetRef);
  const fold = open ? t('player.sheet.hide') : t('player.sheet.show');
  const Chevron = open ? ChevronDown : ChevronUp;
  return (
    <m.section
      ref={sheetRef}
      className="wt-sheet"
      aria-label={t('player.sheet', { title: t(w.titleKey) })}
      initial={{ y: '100%' }}
      animate={{ y: 0 }}
      exit={{ y: '100%' }}
      transition={{ duration: 0.25, ease: 'easeOut' }}
    >
      <div className="wt-sheet-head">
        {/* Not a heading: the side panel's player has the walkthrough's heading. */}
        <p className="wt-sheet-title">{t(w.titleKey)}</p>
        <span className="wt-sheet-step">
          {view.index >= 0
            ? t('player.stepOf', { n: view.index + 1, total: view.stepCount })
            : t('player.before')}
        </span>
        <button
          type="button"
          className="icon-button wt-sheet-fold"
          aria-expanded={open}
          aria-controls={bodyId}
          aria-label={fold}
          title={fold}
          onClick={() => setOpen(!open)}
        >
          <Chevron aria-hidden="true" size={20} />
        </button>
      </div>
      <div id={bodyId} className="wt-sheet-body">
        <AnimatePresence initial={false}>
          {open ? (
            <m.div
              key="body"
              className="wt-sheet-text"
              initial={{ height: 0, opacity: 0 }}
              animate={{ height: 'auto', opacity: 1 }}
              exit={{ height: 0, opacity: 0 }}
              transition={{ duration: reduce ? 0 : 0.2, ease: 'easeOut' }}
            >
              <StepNarration w={w} view={view} />
              <PredictChoices w={w} view={view} />
            </m.div>
          ) : null}
        </AnimatePresence>
      </div>
      <StepNav view={view} />
    </m.section>
  );
}

/**
 * The sheet's height as `--sheet-height` on <html>: the page leaves that much room under its last
 * row and keeps focused controls above it (scroll-padding, shell.css).
 */
function useSheetHeight(ref: React.RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const root = document.documentElement;
    const ro = new ResizeObserver(() =>
      root.style.setProperty('--sheet-height', `${el.offsetHeight}px`),
    );
    ro.observe(el);
    return () => {
      ro.disconnect();
      root.style.removeProperty('--sheet-height');
    };
  }, [ref]);
}
