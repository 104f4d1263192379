import { X } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useT } from '../useT';
import './help.css';

/** Key combinations (shown as <kbd>) and what they do, by where they work. */
const SECTIONS: { heading: string; rows: { keys: string[][]; does: string }[] }[] = [
  {
    heading: 'help.playback',
    rows: [
      { keys: [['Space']], does: 'help.space' },
      { keys: [['←'], ['→']], does: 'help.arrows' },
    ],
  },
  {
    heading: 'help.general',
    rows: [
      { keys: [['?']], does: 'help.question' },
      { keys: [['Esc']], does: 'help.escape' },
    ],
  },
  {
    heading: 'help.console',
    rows: [
      { keys: [['↑'], ['↓']], does: 'help.history' },
      { keys: [['Tab']], does: 'help.tab' },
      { keys: [['Enter']], does: 'help.enter' },
    ],
  },
  {
    heading: 'help.scene',
    rows: [
      { keys: [['Tab'], ['Shift', 'Tab']], does: 'help.tabNav' },
      { keys: [['←'], ['↑'], ['→'], ['↓'], ['Home'], ['End']], does: 'help.arrowsTabs' },
      { keys: [['Enter'], ['Space']], does: 'help.activate' },
    ],
  },
];

/** The keyboard shortcuts (opened with `?`). A native <dialog>: focus is trapped and Esc closes. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="shortcuts" aria-labelledby="shortcuts-heading" onClose={onClose}>
      <div className="shortcuts-head">
        <h2 id="shortcuts-heading">{t('header.help')}</h2>
        <button
          type="button"
          className="icon-button"
          onClick={onClose}
          aria-label={t('help.close')}
        >
          <X aria-hidden="true" size={18} />
        </button>
      </div>
      <p className="panel-intro">{t('help.intro')}</p>
      {SECTIONS.map((section) => (
        <section key={section.heading} className="shortcuts-section">
          <h3>{t(section.heading)}</h3>
          <dl>
            {section.rows.map((row) => (
              <div key={row.does} className="shortcut">
                <dt>
                  {row.keys.map((combo, i) => (
                    <span key={combo.join('+')}>
                      {i > 0 ? ' / ' : null}
                      {combo.map((k, j) => (
                        <span key={k}>
                          {j > 0 ? '+' : null}
                          <kbd>{k}</kbd>
                        </span>
                      ))}
                    </span>
                  ))}
                </dt>
                <dd>{t(row.does)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </dialog>
  );
}
