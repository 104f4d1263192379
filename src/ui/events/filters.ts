/**
 * The Events panel's filters: by component, by trace kind, by object (text), errors only. Pure
 * functions over trace entries and Kubernetes Events, so the panel and the tests agree.
 */
import type { Event } from 'kubernetes-types/core/v1';
import type { TraceEntry, TraceKind } from '../../engine';
import { involvedRef } from '../inspector/targets';

export interface EventsFilter {
  /** A trace actor (`kube-apiserver`, `kubelet/worker-1`) or '' for all. */
  component: string;
  /** A trace kind or '' for all. */
  kind: TraceKind | '';
  /** Text the object must contain (case-insensitive), or ''. */
  object: string;
  /** Failed interactions only (for Kubernetes Events: Warnings). */
  errorsOnly: boolean;
}

export const NO_FILTER: EventsFilter = { component: '', kind: '', object: '', errorsOnly: false };

/** The newest entries the list shows; older ones are a filter away. */
export const LIST_CAP = 300;

export const TRACE_KINDS: readonly TraceKind[] = [
  'api',
  'etcd',
  'watch',
  'cri',
  'process',
  'heartbeat',
  'rules',
  'traffic',
  'fault',
];

export interface ComponentOption {
  id: string;
  /** i18n key and its parameters. */
  key: string;
  node?: string;
}

/** The components to filter by: the control plane, then each node's kubelet, runtime, kube-proxy. */
export function componentOptions(nodes: readonly string[]): ComponentOption[] {
  const options: ComponentOption[] = [
    { id: 'kube-apiserver', key: 'events.component.apiserver' },
    { id: 'etcd', key: 'events.component.etcd' },
    { id: 'kube-scheduler', key: 'events.component.scheduler' },
    { id: 'kube-controller-manager', key: 'events.component.controllerManager' },
  ];
  for (const node of nodes) {
    options.push(
      { id: `kubelet/${node}`, key: 'events.component.kubelet', node },
      { id: `containerd/${node}`, key: 'events.component.runtime', node },
      { id: `kube-proxy/${node}`, key: 'events.component.proxy', node },
    );
  }
  options.push(
    { id: 'client', key: 'events.component.client' },
    { id: 'kubectl', key: 'events.component.kubectl' },
  );
  return options;
}

export function traceMatcher(f: EventsFilter): ((e: TraceEntry) => boolean) | undefined {
  const needle = f.object.trim().toLowerCase();
  if (!f.component && !f.kind && !needle && !f.errorsOnly) return undefined;
  return (e) =>
    (!f.component || e.from === f.component || e.to === f.component) &&
    (!f.kind || e.kind === f.kind) &&
    (!f.errorsOnly || e.error === true) &&
    (!needle || e.object.toLowerCase().includes(needle));
}

/** The controllers of kube-controller-manager report Events as `*-controller`. */
const KCM_SOURCE = /-controller$/;

/** Did this component report the Event? (apiserver, etcd, runtime and proxy report none here.) */
function reportedBy(e: Event, component: string): boolean {
  const source = e.source?.component ?? e.reportingComponent ?? '';
  const host = e.source?.host ?? e.reportingInstance ?? '';
  if (component === 'kube-scheduler') return source === 'default-scheduler';
  if (component === 'kube-controller-manager') return KCM_SOURCE.test(source);
  const [name, node] = component.split('/');
  if (node) return source === name && host === node;
  return source === component;
}

export function eventMatcher(f: EventsFilter): ((e: Event) => boolean) | undefined {
  const needle = f.object.trim().toLowerCase();
  if (!f.component && !needle && !f.errorsOnly) return undefined;
  return (e) =>
    (!f.component || reportedBy(e, f.component)) &&
    (!f.errorsOnly || e.type === 'Warning') &&
    (!needle || involvedRef(e).toLowerCase().includes(needle));
}

/** The newest `cap` Events that match, newest last (as `kubectl get events` sorts them). */
export function filterEvents(events: readonly Event[], f: EventsFilter, cap = LIST_CAP): Event[] {
  const match = eventMatcher(f);
  const out: Event[] = [];
  for (let i = events.length - 1; i >= 0 && out.length < cap; i--) {
    if (!match || match(events[i])) out.push(events[i]);
  }
  return out.reverse();
}

/** `kubectl get events` OBJECT column: `pod/nginx`, `node/worker-1`. */
export function eventObject(e: Event): string {
  return `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name ?? ''}`;
}

/** What clicking a trace entry inspects: its object, else the component that acted. */
export function entryTarget(e: TraceEntry): string {
  return e.object || e.from;
}
