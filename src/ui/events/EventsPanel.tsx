import type { Event } from 'kubernetes-types/core/v1';
import { AlertTriangle } from 'lucide-react';
import { memo, useDeferredValue, useId, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TraceEntry } from '../../engine';
import { useSim, useSimStore } from '../../store';
import { formatClock } from '../formatClock';
import { involvedRef } from '../inspector/targets';
import { useT } from '../useT';
import { type EventsView, useEventsPanel } from './filterState';
import {
  componentOptions,
  entryTarget,
  eventObject,
  filterEvents,
  LIST_CAP,
  TRACE_KINDS,
  traceMatcher,
} from './filters';
import './events.css';
import './trace.css';

/**
 * The timeline as text: trace entries and Kubernetes Events, filterable by component, kind and
 * object, errors only. It follows the cursor: scrubbing back shows what had happened by then.
 * The newest LIST_CAP matches are shown, newest first.
 */
export function EventsPanel() {
  const t = useT();
  const view = useEventsPanel((s) => s.view);
  const setView = useEventsPanel((s) => s.setView);
  return (
    <section className="events-panel" aria-labelledby="events-heading">
      <h2 id="events-heading" className="panel-heading">
        {t('events.heading')}
      </h2>
      <fieldset className="view-switch">
        <legend className="visually-hidden">{t('events.view')}</legend>
        {(['trace', 'kube'] as EventsView[]).map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
            {t(`events.view.${v}`)}
          </button>
        ))}
      </fieldset>
      <Filters />
      <p className="panel-intro">{t('events.followsCursor')}</p>
      {view === 'trace' ? <TraceList /> : <KubeEvents />}
    </section>
  );
}

function Filters() {
  const t = useT();
  const view = useEventsPanel((s) => s.view);
  const filter = useEventsPanel((s) => s.filter);
  const setFilter = useEventsPanel((s) => s.setFilter);
  const clear = useEventsPanel((s) => s.clear);
  const nodes = useSim(useShallow((s) => s.frame.nodes.map((n) => n.name)));
  const components = useMemo(() => componentOptions(nodes), [nodes]);
  const objectId = useId();
  const active = filter.component || filter.kind || filter.object || filter.errorsOnly;
  return (
    <fieldset className="events-filters">
      <legend>{t('events.filters')}</legend>
      <label className="field">
        <span>{t('events.component')}</span>
        <select value={filter.component} onChange={(e) => setFilter({ component: e.target.value })}>
          <option value="">{t('events.component.all')}</option>
          {components.map((c) => (
            <option key={c.id} value={c.id}>
              {t(c.key, { node: c.node ?? '' })}
            </option>
          ))}
        </select>
      </label>
      {view === 'trace' ? (
        <label className="field">
          <span>{t('events.kind')}</span>
          <select
            value={filter.kind}
            onChange={(e) => setFilter({ kind: e.target.value as typeof filter.kind })}
          >
            <option value="">{t('events.kind.all')}</option>
            {TRACE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`events.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <span className="field">
        <label htmlFor={objectId}>{t('events.object')}</label>
        <input
          id={objectId}
          type="search"
          value={filter.object}
          placeholder={t('events.objectPlaceholder')}
          onChange={(e) => setFilter({ object: e.target.value })}
          autoComplete="off"
          spellCheck={false}
        />
      </span>
      <label className="field checkbox">
        <input
          type="checkbox"
          checked={filter.errorsOnly}
          onChange={(e) => setFilter({ errorsOnly: e.target.checked })}
        />
        <span>{t(view === 'trace' ? 'events.errorsOnly' : 'events.warningsOnly')}</span>
      </label>
      {active ? (
        <button type="button" className="clear-filters" onClick={clear}>
          {t('events.clear')}
        </button>
      ) : null}
    </fieldset>
  );
}

function TraceList() {
  const t = useT();
  const store = useSimStore();
  const filter = useDeferredValue(useEventsPanel((s) => s.filter));
  const traceCount = useSim((s) => s.traceCount);
  const traceEntries = useSim((s) => s.traceEntries);
  const originMs = useSim((s) => s.clockOriginMs);
  const match = useMemo(() => traceMatcher(filter), [filter]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: traceCount is the trace's version
  const entries = useMemo(
    () => traceEntries(match, LIST_CAP).reverse(),
    [traceEntries, match, traceCount],
  );
  const { seekTo, select } = store.getState();
  return (
    <>
      <ListMeta shown={entries.length} />
      {entries.length === 0 ? (
        <p className="events-none">{t('events.none')}</p>
      ) : (
        <ol className="trace-list events-trace" aria-label={t('events.traceList')}>
          {entries.map((e) => (
            <TraceRow key={e.seq} entry={e} originMs={originMs} seek={seekTo} select={select} />
          ))}
        </ol>
      )}
    </>
  );
}

const TraceRow = memo(function TraceRow({
  entry: e,
  originMs,
  seek,
  select,
}: {
  entry: TraceEntry;
  /** The clock counts from the cluster's creation. */
  originMs: number;
  seek: (ms: number) => void;
  select: (id: string) => void;
}) {
  const t = useT();
  const time = formatClock(e.timeMs - originMs);
  const target = entryTarget(e);
  return (
    <li className={e.error ? 'trace-row error' : 'trace-row'}>
      <button
        type="button"
        className="trace-time link-button"
        onClick={() => seek(e.timeMs)}
        aria-label={t('inspector.seek', { time })}
        title={t('inspector.seek', { time })}
      >
        {time}
      </button>
      <span className="trace-route">
        {e.from} → {e.to}
      </span>
      <span className="trace-kind">{e.kind}</span>
      {e.error ? (
        <span className="trace-error">
          <AlertTriangle aria-hidden="true" size={12} />
          <span className="visually-hidden">{t('events.error')}</span>
        </span>
      ) : null}
      <span className="trace-summary">
        {e.summary}{' '}
        <button
          type="button"
          className="link-button trace-object"
          onClick={() => select(target)}
          title={t('events.inspect', { ref: target })}
        >
          {target}
        </button>
      </span>
    </li>
  );
});

function KubeEvents() {
  const t = useT();
  const select = useSimStore().getState().select;
  const filter = useDeferredValue(useEventsPanel((s) => s.filter));
  const events = useSim((s) => s.frame.events);
  const age = useSim((s) => s.age);
  useSim((s) => Math.floor(s.nowMs / 1000));
  const shown = useMemo(() => filterEvents(events, filter).reverse(), [events, filter]);
  return (
    <>
      <ListMeta shown={shown.length} />
      {shown.length === 0 ? (
        <p className="events-none">{t('events.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="kube-table events-table" aria-label={t('events.kubeList')}>
            <thead>
              <tr>
                <th scope="col">{t('events.col.lastSeen')}</th>
                <th scope="col">{t('events.col.type')}</th>
                <th scope="col">{t('events.col.reason')}</th>
                <th scope="col">{t('events.col.object')}</th>
                <th scope="col">{t('events.col.message')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <EventRow
                  key={e.metadata?.uid ?? e.metadata?.name}
                  event={e}
                  age={age}
                  select={select}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function EventRow({
  event: e,
  age,
  select,
}: {
  event: Event;
  age: (ts: string | null | undefined) => string;
  select: (id: string) => void;
}) {
  const t = useT();
  const ref = involvedRef(e);
  return (
    <tr className={e.type === 'Warning' ? 'warning' : undefined}>
      <td>{age(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp)}</td>
      <td>{e.type}</td>
      <td>{e.reason}</td>
      <td className="object">
        <button
          type="button"
          className="link-button"
          onClick={() => select(ref)}
          title={t('events.inspect', { ref })}
        >
          {eventObject(e)}
        </button>
      </td>
      <td className="message">{e.message}</td>
    </tr>
  );
}

function ListMeta({ shown }: { shown: number }) {
  const t = useT();
  return (
    <p className="events-meta">
      {shown >= LIST_CAP ? t('events.capped', { shown }) : t('events.count', { shown })}
    </p>
  );
}
