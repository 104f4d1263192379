import { X } from 'lucide-react';
import { m } from 'motion/react';
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useT } from './useT';

/**
 * A native modal <dialog> (focus is trapped, Esc closes) with a title and a Close button, opened
 * and closed by `open`. The shortcuts help and the manifest editor are both this. Its content
 * fades and grows in a little as it opens (not at all with reduced motion).
 */
export function ModalDialog({
  open,
  onClose,
  title,
  className,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  className: string;
  children: ReactNode;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className={`dialog ${className}`} aria-labelledby={id} onClose={onClose}>
      <m.div
        initial={false}
        animate={open ? { opacity: 1, scale: 1 } : { opacity: 0, scale: 0.97 }}
        transition={{ duration: 0.15, ease: 'easeOut' }}
      >
        <div className="dialog-head">
          <h2 id={id}>{title}</h2>
          <button
            type="button"
            className="icon-button"
            onClick={onClose}
            aria-label={t('help.close')}
          >
            <X aria-hidden="true" size={18} />
          </button>
        </div>
        {children}
      </m.div>
    </dialog>
  );
}
