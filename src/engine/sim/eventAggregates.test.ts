/**
 * The EventCorrelator cache answers exactly as the map from joined key
 * (`uid|fieldPath|reason|message|component`) to event key it replaces, whatever happens to the
 * events afterwards: recorded, changed, deleted, recreated under the same name, rebuilt.
 */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import { EventAggregates } from './indexes';

function lcg(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const joined = (ev: KObject) => {
  const io = ev.involvedObject ?? {};
  return `${io.uid}|${io.fieldPath ?? ''}|${ev.reason}|${ev.message}|${ev.source?.component}`;
};

/** The event stored under `key` (a cluster-scoped name, so that objectKey gives the key back). */
const named = (key: string, d: KObject) => ({ ...d, metadata: { name: key } }) as KObject;

describe('EventAggregates', () => {
  it('answers as the joined-key map did', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const r = lcg(seed);
      const events: Record<string, KObject> = {};
      const reference = new Map<string, string>();
      const cache = new EventAggregates();
      const pick = <T>(xs: T[]) => xs[r(xs.length)];
      const uids = ['u1', 'u2', 'u3'];
      const messages = Array.from({ length: 25 }, (_, i) => `m${i}`);
      const draft = () =>
        ({
          involvedObject: { uid: pick(uids), ...(r(3) ? { fieldPath: pick(['a', 'b']) } : {}) },
          reason: pick(['R1', 'R2']),
          message: pick(messages),
          source: { component: pick(['c1', 'c2']) },
        }) as unknown as KObject;
      const write = (key: string, obj: KObject | undefined) => {
        const old = events[key];
        if (obj) events[key] = obj;
        else delete events[key];
        if (old) cache.onEventWrite(key, obj, old);
      };
      const lookup = (d: KObject) => {
        const io = d.involvedObject;
        return cache.get(
          `${io.uid}`,
          `${io.fieldPath ?? ''}`,
          `${d.reason}`,
          `${d.message}`,
          `${d.source?.component}`,
        );
      };
      let n = 0;
      for (let step = 0; step < 400; step++) {
        const keys = Object.keys(events);
        const op = r(10);
        if (op < 5) {
          // recordEvent: look up, then create a new event when there is none to bump
          const d = draft();
          expect(lookup(d)).toBe(reference.get(joined(d)));
          const existingKey = reference.get(joined(d));
          if (!existingKey || !events[existingKey]) {
            const key = r(5) === 0 && n > 0 ? `e${r(n)}` : `e${n++}`;
            if (events[key]) continue;
            const ev = named(key, d);
            write(key, ev);
            reference.set(joined(d), key);
            cache.set(`${d.involvedObject.uid}`, `${d.message}`, ev);
          } else write(existingKey, { ...events[existingKey], count: 2 } as KObject);
        } else if (op < 7 && keys.length) {
          const key = pick(keys);
          write(key, named(key, draft())); // someone edits an event
        } else if (op < 9 && keys.length) {
          write(pick(keys), undefined); // deleted
        } else if (op === 9 && r(4) === 0) {
          // snapshot/restore: rebuilt from the store, in store order
          reference.clear();
          cache.clear();
          for (const [key, ev] of Object.entries(events)) {
            reference.set(joined(ev), key);
            cache.set(`${ev.involvedObject?.uid}`, `${ev.message}`, ev);
          }
        }
        for (let i = 0; i < 5; i++) {
          const d = draft();
          expect(lookup(d)).toBe(reference.get(joined(d)));
        }
      }
    }
  });
});
