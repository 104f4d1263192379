import { RotateCcw } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import type { ClusterSpec } from '../../store';
import { useSim, useSimStore } from '../../store';
import { useT } from '../useT';
import { withSpec } from './specUrl';
import './sandbox.css';

const MAX_WORKERS = 10;

/**
 * Free play on a cluster of the learner's choosing: how many kitchens, the waiter's rules
 * (kube-proxy in iptables or IPVS mode) and the seed. Starting drops the current cluster and its
 * timeline; the link (`?workers=&proxy=&seed=`) then opens the same cluster again.
 */
export function NewClusterForm() {
  const t = useT();
  const store = useSimStore();
  const spec = useSim((s) => s.spec);
  const [workers, setWorkers] = useState(String(spec.workers));
  const [proxyMode, setProxyMode] = useState<ClusterSpec['proxyMode']>(spec.proxyMode);
  const [seed, setSeed] = useState(String(spec.seed));
  const id = useId();
  const w = Number(workers);
  const s = Number(seed);
  const workersOk = Number.isInteger(w) && w >= 1 && w <= MAX_WORKERS;
  const seedOk = Number.isInteger(s) && s >= 0 && s <= 2 ** 31 - 1;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!workersOk || !seedOk) return;
    const next: ClusterSpec = { workers: w, proxyMode, seed: s };
    store.getState().reset(next);
    const url = withSpec(new URL(location.href), next);
    if (url.href !== location.href) history.replaceState(history.state, '', url);
  };

  return (
    <section className="new-cluster" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('sandbox.heading')}</h3>
      <p>{t('sandbox.intro')}</p>
      <form onSubmit={submit}>
        <label>
          <span>{t('sandbox.workers')}</span>
          <input
            type="number"
            min={1}
            max={MAX_WORKERS}
            step={1}
            value={workers}
            onChange={(e) => setWorkers(e.target.value)}
            aria-invalid={!workersOk}
            aria-describedby={workersOk ? undefined : `${id}-workers-error`}
          />
        </label>
        {workersOk ? null : (
          <p id={`${id}-workers-error`} className="field-error">
            {t('sandbox.workersError', { max: String(MAX_WORKERS) })}
          </p>
        )}
        <label>
          <span>{t('sandbox.proxy')}</span>
          <select
            value={proxyMode}
            onChange={(e) => setProxyMode(e.target.value as ClusterSpec['proxyMode'])}
          >
            <option value="iptables">iptables</option>
            <option value="ipvs">IPVS</option>
          </select>
        </label>
        <label>
          <span>{t('sandbox.seed')}</span>
          <input
            type="number"
            min={0}
            step={1}
            value={seed}
            onChange={(e) => setSeed(e.target.value)}
            aria-invalid={!seedOk}
            aria-describedby={seedOk ? undefined : `${id}-seed-error`}
          />
        </label>
        {seedOk ? null : (
          <p id={`${id}-seed-error`} className="field-error">
            {t('sandbox.seedError')}
          </p>
        )}
        <button type="submit" className="wt-button primary" disabled={!workersOk || !seedOk}>
          <RotateCcw aria-hidden="true" size={16} />
          {t('sandbox.start')}
        </button>
      </form>
    </section>
  );
}
