import { X } from 'lucide-react';
import { AnimatePresence, m } from 'motion/react';
import { useSim, useSimStore } from '../store';
import { useT } from './useT';

/** A one-off message (corrupt saved data, a bad link): shown (it slides in), never fatal. */
export function Notice() {
  const t = useT();
  const notice = useSim((s) => s.notice);
  const details = useSim((s) => s.noticeDetails);
  const setNotice = useSimStore().getState().setNotice;
  return (
    <AnimatePresence>
      {notice ? (
        <m.div
          key={notice}
          className="notice"
          role="status"
          initial={{ opacity: 0, y: -6 }}
          animate={{ opacity: 1, y: 0 }}
          exit={{ opacity: 0 }}
          transition={{ duration: 0.2, ease: 'easeOut' }}
        >
          <div>
            <p>{t(notice)}</p>
            {details.length > 0 ? (
              <ul className="notice-details">
                {details.map((d) => (
                  <li key={`${d.key} ${String(d.params?.name)}`}>{t(d.key, d.params)}</li>
                ))}
              </ul>
            ) : null}
          </div>
          <button
            type="button"
            className="icon-button"
            onClick={() => setNotice(null)}
            aria-label={t('notice.dismiss')}
          >
            <X aria-hidden="true" size={16} />
          </button>
        </m.div>
      ) : null}
    </AnimatePresence>
  );
}
