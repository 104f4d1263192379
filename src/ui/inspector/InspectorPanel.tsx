import type { Event } from 'kubernetes-types/core/v1';
import { AlertTriangle, Copy } from 'lucide-react';
import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { KObject, TraceEntry } from '../../engine';
import { describeElement } from '../../kitchen/metaphor';
import { type Frame, useSim, useSimStore } from '../../store';
import { formatClock } from '../formatClock';
import { useT } from '../useT';
import { ObjectYaml } from './ObjectYaml';
import {
  controlPlaneNode,
  eventsFor,
  type InspectTarget,
  inspectTarget,
  kubectlCommands,
  traceMatcher,
} from './targets';
import '../events/trace.css';
import './inspector.css';

const TRACE_SHOWN = 50;
const EVENTS_SHOWN = 20;

/**
 * The inspector: the selected element's kitchen and Kubernetes names, what it does, its real
 * objects as `kubectl get -o yaml` prints them (live), its recent Events and its trace entries.
 */
export function InspectorPanel() {
  const t = useT();
  const selection = useSim((s) => s.selection);
  const ref = useRef<HTMLElement>(null);
  // A new selection starts at the top of the panel (its names), not where the last one was read.
  useEffect(() => {
    if (selection) ref.current?.closest('.tabpanel')?.scrollTo?.({ top: 0 });
  }, [selection]);
  return (
    <section ref={ref} className="inspector" aria-labelledby="inspector-heading">
      <h2 id="inspector-heading" className="panel-heading">
        {t('panel.inspector')}
      </h2>
      <Picker selection={selection} />
      {selection ? (
        <Inspected id={selection} />
      ) : (
        <p className="panel-intro">{t('inspector.empty')}</p>
      )}
    </section>
  );
}

/** Choose what to inspect without the scene: every component and object of the frame. */
function Picker({ selection }: { selection: string | null }) {
  const t = useT();
  const select = useSimStore().getState().select;
  const options = useSim(useShallow(pickerOptions));
  const groups = useMemo(() => groupOptions(options), [options]);
  const known = selection !== null && options.some((o) => o.endsWith(`|${selection}`));
  return (
    <label className="field inspector-pick">
      <span>{t('inspector.pick')}</span>
      <select value={selection ?? ''} onChange={(e) => select(e.target.value || null)}>
        <option value="">{t('inspector.pickNone')}</option>
        {selection && !known ? <option value={selection}>{selection}</option> : null}
        {groups.map(([group, ids]) => (
          <optgroup key={group} label={groupLabel(group, t)}>
            {ids.map((id) => (
              <option key={id} value={id}>
                {optionLabel(id, t)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}

/** `group|id` strings (primitives, so the selector's result compares shallowly). */
function pickerOptions(s: { frame: Frame }): string[] {
  const f = s.frame;
  const out = ['kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager'].map(
    (id) => `cp|${id}`,
  );
  for (const n of f.nodes) {
    for (const id of [`node/${n.name}`, `kubelet/${n.name}`, `containerd/${n.name}`]) {
      out.push(`node:${n.name}|${id}`);
    }
    out.push(`node:${n.name}|kube-proxy/${n.name}`);
  }
  for (const p of f.pods) out.push(`pods|pod/${p.namespace}/${p.name}`);
  for (const svc of f.services) out.push(`services|service/${svc.namespace}/${svc.name}`);
  return out;
}

function groupOptions(options: string[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const o of options) {
    const [group, id] = o.split('|');
    groups.set(group, [...(groups.get(group) ?? []), id]);
  }
  return [...groups];
}

function groupLabel(group: string, t: (k: string, p?: Record<string, string>) => string) {
  if (group === 'cp') return t('inspector.group.controlPlane');
  if (group.startsWith('node:')) return t('inspector.group.node', { node: group.slice(5) });
  return t(`inspector.group.${group}`);
}

function optionLabel(id: string, t: (k: string) => string): string {
  const info = describeElement(id);
  const name =
    info.kind === 'pod' || info.kind === 'staticPod' || info.kind === 'service'
      ? id
      : info.kubeName;
  return `${name} · ${t(info.kitchenKey)}`;
}

function Inspected({ id }: { id: string }) {
  const t = useT();
  const frame = useSim((s) => s.frame);
  const target = useMemo(() => inspectTarget(id, frame), [id, frame]);
  const info = describeElement(id, { controlPlaneNode: controlPlaneNode(frame) });
  const objects = useSim(useShallow((s) => target.refs.map((ref) => s.lookup(ref))));
  const podView =
    target.container !== undefined
      ? frame.pods.find((p) => `pod/${p.namespace}/${p.name}` === target.refs[0])
      : undefined;
  const container = podView?.containers.find((c) => c.name === target.container);
  const headingId = useId();
  return (
    <article className="inspected" aria-labelledby={headingId}>
      <header className="inspected-names">
        <p className="inspected-kitchen">
          <span className="visually-hidden">{t('inspector.kitchenName')}: </span>
          {t(info.kitchenKey)}
        </p>
        <h3 id={headingId} className="inspected-kube">
          <span className="visually-hidden">{t('inspector.kubeName')}: </span>
          {info.kubeName}
        </h3>
        <p className="inspected-role">{t(info.roleKey)}</p>
      </header>
      <p className="inspected-does">{t(info.doesKey)}</p>
      {info.bendsKey ? (
        <aside className="inspected-bends" aria-label={t('inspector.bends')}>
          <strong>{t('inspector.bends')}: </strong>
          {t(info.bendsKey)}
        </aside>
      ) : null}
      {info.notSimulatedKey ? (
        <aside className="inspected-bends" aria-label={t('inspector.notSimulated')}>
          <strong>{t('inspector.notSimulated')}: </strong>
          {t(info.notSimulatedKey)}
        </aside>
      ) : null}
      {target.mapping !== 'object' ? (
        <p className="inspected-maps">
          {t(`inspector.mapsTo.${target.mapping}`, { node: target.node ?? '' })}
        </p>
      ) : null}
      {container ? (
        <div className="container-status">
          <p>{t('inspector.container', { name: container.name })}</p>
          <dl>
            <div>
              <dt>{t('inspector.container.image')}</dt>
              <dd>{container.image}</dd>
            </div>
            <div>
              <dt>{t('inspector.container.state')}</dt>
              <dd>
                {container.reason ? `${container.state} (${container.reason})` : container.state}
              </dd>
            </div>
            <div>
              <dt>{t('inspector.container.ready')}</dt>
              <dd>{t(container.ready ? 'inspector.yes' : 'inspector.no')}</dd>
            </div>
            <div>
              <dt>{t('inspector.container.restarts')}</dt>
              <dd>{container.restartCount}</dd>
            </div>
          </dl>
        </div>
      ) : null}
      {target.refs.length > 0 ? (
        <>
          <h4 className="inspected-section">
            {t(target.refs.length > 1 ? 'inspector.objects' : 'inspector.object')}
          </h4>
          <p className="panel-intro">{t('inspector.debuggerNote')}</p>
          {target.refs.map((ref, i) => (
            <ObjectBlock key={ref} refId={ref} obj={objects[i]} container={target.container} />
          ))}
        </>
      ) : null}
      <RecentEvents events={frame.events} target={target} />
      <TraceOf target={target} />
    </article>
  );
}

function ObjectBlock({
  refId,
  obj,
  container,
}: {
  refId: string;
  obj: KObject | undefined;
  container?: string;
}) {
  const t = useT();
  const commands = kubectlCommands(refId);
  return (
    <div className="object-block">
      <div className="object-head">
        <code className="object-ref">{refId}</code>
        {commands ? (
          <span className="copy-commands">
            <CopyCommand command={commands.get} />
            <CopyCommand command={commands.describe} />
          </span>
        ) : null}
      </div>
      {obj ? (
        <ObjectYaml obj={obj} refId={refId} container={container} />
      ) : (
        <p className="object-missing">{t('inspector.missing', { ref: refId })}</p>
      )}
    </div>
  );
}

/** One kubectl command with a button that copies it. */
function CopyCommand({ command }: { command: string }) {
  const t = useT();
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setStatus('copied');
    } catch {
      setStatus('failed');
    }
  };
  return (
    <span className="copy-command">
      <code>{command}</code>
      <button
        type="button"
        className="icon-button"
        onClick={copy}
        aria-label={t('inspector.copy', { command })}
        title={t('inspector.copy', { command })}
      >
        <Copy aria-hidden="true" size={14} />
      </button>
      <span className="copy-status" role="status">
        {status === 'copied'
          ? t('inspector.copied', { command })
          : status === 'failed'
            ? t('inspector.copyFailed')
            : ''}
      </span>
    </span>
  );
}

function RecentEvents({ events, target }: { events: readonly Event[]; target: InspectTarget }) {
  const t = useT();
  const age = useSim((s) => s.age);
  useSim((s) => Math.floor(s.nowMs / 1000));
  const mine = eventsFor(events, target).slice(-EVENTS_SHOWN);
  if (target.refs.length === 0) return null;
  return (
    <>
      <h4 className="inspected-section">{t('inspector.events')}</h4>
      {mine.length === 0 ? (
        <p className="panel-intro">{t('inspector.noEvents')}</p>
      ) : (
        <div className="table-scroll">
          <table className="kube-table">
            <thead>
              <tr>
                <th scope="col">{t('events.col.lastSeen')}</th>
                <th scope="col">{t('events.col.type')}</th>
                <th scope="col">{t('events.col.reason')}</th>
                <th scope="col">{t('events.col.message')}</th>
              </tr>
            </thead>
            <tbody>
              {mine.map((e) => (
                <tr
                  key={e.metadata?.uid ?? e.metadata?.name}
                  className={e.type === 'Warning' ? 'warning' : undefined}
                >
                  <td>
                    {age(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp)}
                    {(e.count ?? 1) > 1 ? ` (x${e.count})` : ''}
                  </td>
                  <td>{e.type}</td>
                  <td>{e.reason}</td>
                  <td className="message">{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function TraceOf({ target }: { target: InspectTarget }) {
  const t = useT();
  const store = useSimStore();
  useSim((s) => s.traceCount);
  const traceEntries = useSim((s) => s.traceEntries);
  const originMs = useSim((s) => s.clockOriginMs);
  const match = useMemo(() => traceMatcher(target), [target]);
  const entries = traceEntries(match, TRACE_SHOWN).reverse();
  const hintId = useId();
  return (
    <>
      <h4 className="inspected-section">{t('inspector.trace')}</h4>
      <p id={hintId} className="panel-intro">
        {t(entries.length === 0 ? 'inspector.noTrace' : 'inspector.traceHint')}
      </p>
      {entries.length > 0 ? (
        <ol className="trace-list inspector-trace">
          {entries.map((e) => (
            <li key={e.seq}>
              <TraceSeek
                entry={e}
                originMs={originMs}
                describedBy={hintId}
                seek={store.getState().seekTo}
              />
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}

const TraceSeek = memo(function TraceSeek({
  entry: e,
  originMs,
  describedBy,
  seek,
}: {
  entry: TraceEntry;
  /** The clock counts from the cluster's creation. */
  originMs: number;
  describedBy: string;
  seek: (ms: number) => void;
}) {
  const t = useT();
  return (
    <button
      type="button"
      className={e.error ? 'trace-seek error' : 'trace-seek'}
      onClick={() => seek(e.timeMs)}
      aria-describedby={describedBy}
    >
      <span className="trace-time">{formatClock(e.timeMs - originMs)}</span>
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
      <span className="trace-summary">{e.summary}</span>
    </button>
  );
});
