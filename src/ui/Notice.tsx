import { X } from 'lucide-react';
import { useSim, useSimStore } from '../store';
import { useT } from './useT';

/** A one-off message (corrupt saved data, a bad link): shown, never fatal. */
export function Notice() {
  const t = useT();
  const notice = useSim((s) => s.notice);
  const setNotice = useSimStore().getState().setNotice;
  if (!notice) return null;
  return (
    <div className="notice" role="status">
      <p>{t(notice)}</p>
      <button
        type="button"
        className="icon-button"
        onClick={() => setNotice(null)}
        aria-label={t('notice.dismiss')}
      >
        <X aria-hidden="true" size={16} />
      </button>
    </div>
  );
}
