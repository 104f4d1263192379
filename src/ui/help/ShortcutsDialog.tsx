import { useEffect, useRef } from 'react';
import { useT } from '../useT';

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
      <h2 id="shortcuts-heading">{t('header.help')}</h2>
      <button type="button" onClick={onClose}>
        {t('notice.dismiss')}
      </button>
    </dialog>
  );
}
