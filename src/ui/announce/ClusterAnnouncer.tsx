import { useEffect, useRef, useState } from 'react';
import { useSimStore } from '../../store';
import { useT } from '../useT';
import { type Change, changesBetween, type Glance, glance } from './clusterChanges';

/** Real milliseconds between announcements: changes in between are said together. */
const FLUSH_MS = 1500;
/** Changes said by name in one announcement; the rest are counted. */
const SAID = 4;

/**
 * A polite live region that tells a screen reader what changed in the scene while the clock runs
 * (a pod Running, a node NotReady, a component broken), a few at a time. Going back on the
 * timeline, a new sandbox or a walkthrough step starts afresh, unannounced: the narration speaks
 * for the walkthrough.
 */
export function ClusterAnnouncer() {
  const t = useT();
  const store = useSimStore();
  const [text, setText] = useState('');
  const pending = useRef<Change[]>([]);
  const tRef = useRef(t);
  tRef.current = t;

  useEffect(() => {
    const s = store.getState();
    let last: Glance = glance(s.frame);
    let lastNow = s.nowMs;
    let lastStart = s.startMs;
    let lastVersion = s.frame.version;
    const unsubscribe = store.subscribe((next) => {
      if (next.frame.version === lastVersion) return;
      lastVersion = next.frame.version;
      const now = glance(next.frame);
      const rewound = next.nowMs < lastNow || next.startMs !== lastStart;
      if (!rewound) pending.current.push(...changesBetween(last, now));
      else pending.current = [];
      last = now;
      lastNow = next.nowMs;
      lastStart = next.startMs;
    });
    const timer = setInterval(() => {
      const changes = pending.current;
      if (changes.length === 0) return;
      pending.current = [];
      setText(say(tRef.current, changes));
    }, FLUSH_MS);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [store]);

  return (
    <div
      className="visually-hidden"
      role="status"
      aria-live="polite"
      aria-atomic="true"
      aria-label={t('announce.region')}
    >
      {text}
    </div>
  );
}

function say(t: (key: string, params?: Record<string, string>) => string, changes: Change[]) {
  // A pod that changed twice since the last announcement is said once, as it is now.
  const latest = new Map<string, Change>();
  for (const c of changes) latest.set(idOf(c), c);
  const list = [...latest.values()];
  const said = list.slice(0, SAID).map((c): string => {
    switch (c.kind) {
      case 'pod':
        return t('announce.pod', { name: c.name, status: c.status });
      case 'podGone':
        return t('announce.podGone', { name: c.name });
      case 'node':
        return t('announce.node', { name: c.name, status: c.status });
      default: {
        const name = t(`events.component.${c.component}`, c.node ? { node: c.node } : {});
        return t(c.up ? 'announce.repaired' : 'announce.broken', { name });
      }
    }
  });
  if (list.length > SAID) said.push(t('announce.more', { count: String(list.length - SAID) }));
  return said.join('; ');
}

function idOf(c: Change): string {
  switch (c.kind) {
    case 'pod':
    case 'podGone':
      return `pod/${c.name}`;
    case 'node':
      return `node/${c.name}`;
    case 'component':
      return `component/${c.component}/${c.node ?? ''}`;
  }
}
