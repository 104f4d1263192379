import { Link2, Link2Off, RefreshCw, Unplug } from 'lucide-react';
import { useSim, useSimStore } from '../../store';
import { useT } from '../useT';
import './attach.css';

/**
 * Which cluster the page shows when it was opened with a served cluster's link: "Attached to
 * <server>" with Detach, or why it is not (any more), with Reconnect. Its words are a polite
 * live region, so a lost connection is announced.
 */
export function AttachBar() {
  const t = useT();
  const store = useSimStore();
  const attached = useSim((s) => s.attached);
  if (!attached) return null;
  const { server, status, problem } = attached;
  const reason = problem ? t(`attach.problem.${problem}`) : '';
  const Icon = status === 'live' || status === 'connecting' ? Link2 : Link2Off;
  const a = store.getState();
  return (
    <section className={`attach-bar attach-${status}`} aria-label={t('attach.region')}>
      <Icon aria-hidden="true" size={18} />
      <div className="attach-words" role="status">
        <p className="attach-state">{t(`attach.${status}`, { server, reason })}</p>
        {status === 'live' ? <p className="attach-hint">{t('attach.liveHint')}</p> : null}
      </div>
      {status === 'lost' || status === 'failed' ? (
        <button type="button" onClick={() => a.reconnect()}>
          <RefreshCw aria-hidden="true" size={16} />
          {t('attach.reconnect')}
        </button>
      ) : null}
      {status === 'failed' ? (
        <button type="button" onClick={() => a.detach()}>
          {t('attach.close')}
        </button>
      ) : (
        <button type="button" onClick={() => a.detach()} title={t('attach.detachHint')}>
          <Unplug aria-hidden="true" size={16} />
          {t('attach.detach')}
        </button>
      )}
    </section>
  );
}
