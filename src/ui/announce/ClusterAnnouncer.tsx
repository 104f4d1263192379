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
  const tRef = useRef(t);
  tRef.current = t;

  useEffect(() => {
    // The scene is compared once per announcement, not on every frame while the clock runs.
    let last: Glance = glance(store.getState().frame);
    let { nowMs: lastNow, startMs: lastStart } = store.getState();
    let rewound = false;
    const unsubscribe = store.subscribe((next) => {
      if (next.nowMs < lastNow || next.startMs !== lastStart) rewound = true;
      lastNow = next.nowMs;
      lastStart = next.startMs;
    });
    const timer = setInterval(() => {
      const now = glance(store.getState().frame);
      const changes = rewound ? [] : changesBetween(last, now);
      last = now;
      rewound = false;
      if (changes.length > 0) setText(say(tRef.current, changes));
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
  const said = changes.slice(0, SAID).map((c): string => {
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
  if (changes.length > SAID)
    said.push(t('announce.more', { count: String(changes.length - SAID) }));
  return said.join('; ');
}
