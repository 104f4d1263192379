import { ModalDialog } from '../ModalDialog';
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

/** The keyboard shortcuts (opened with `?`). */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <ModalDialog open={open} onClose={onClose} title={t('header.help')} className="shortcuts">
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
    </ModalDialog>
  );
}
