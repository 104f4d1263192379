/** Shared describe.go blocks: labels, annotations, taints, tolerations, owner, events. */
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { KObject } from '../kobject';
import { compareStrings } from '../labels';
import { parseTimestampMs, timestampSince } from '../time';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

/** What describe needs beyond the object itself. */
export interface DescribeContext {
  /** Simulation time (ms since EPOCH_MS), for ages. */
  nowMs: number;
  /**
   * Events whose involvedObject is this object (for a node: by uid and by name, merged).
   * Undefined means --show-events=false: no Events section at all.
   */
  events?: KObject[];
  related?: {
    /** ReplicaSet / DaemonSet / Job: pods in the namespace (those it controls are counted). */
    pods?: KObject[];
    /** Deployment: ReplicaSets in the namespace (those it controls are listed). */
    replicaSets?: KObject[];
    /** Service: EndpointSlices labelled kubernetes.io/service-name=<service>. */
    endpointSlices?: KObject[];
    /** Node: its pods (spec.nodeName=<node>); Succeeded and Failed ones are left out here. */
    nodePods?: KObject[];
    /** ServiceAccount: the namespace's Secrets (undefined when they could not be listed). */
    secrets?: KObject[];
    /** Node: its Lease in kube-node-lease; absent or null prints kubectl's "Failed to get lease". */
    lease?: KObject | null;
  };
}

/** kubectl's globally skipped annotation. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_ANNOTATION_CHARS = 140;

export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
  initialIndent = '',
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort(compareStrings);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
    w.write(LEVEL_0, `${key}=${labels?.[key]}\n`);
  });
}

export function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Record<string, string> | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== LAST_APPLIED)
    .sort(compareStrings);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    const value = (annotations?.[key] ?? '').replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_CHARS || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const line of value.split('\n')) {
        w.write(LEVEL_0, `\t  ${shorten(line, MAX_ANNOTATION_CHARS - 2)}\n`);
      }
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

function shorten(text: string, maxChars: number): string {
  return text.length > maxChars ? `${text.slice(0, maxChars)}...` : text;
}

export function printTaintsMultiline(
  w: PrefixWriter,
  title: string,
  taints: Taint[] | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!taints?.length) {
    w.writeLine('<none>');
    return;
  }
  const key = (t: Taint) => `${t.effect},${t.key}`;
  [...taints]
    .sort((a, b) => compareStrings(key(a), key(b)))
    .forEach((taint, i) => {
      if (i !== 0) w.write(LEVEL_0, '\t');
      const value = taint.value ? `=${taint.value}` : '';
      w.write(LEVEL_0, `${taint.key}${value}:${taint.effect}\n`);
    });
}

export function printTolerationsMultiline(
  w: PrefixWriter,
  title: string,
  tolerations: Toleration[] | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!tolerations?.length) {
    w.writeLine('<none>');
    return;
  }
  [...tolerations]
    .sort((a, b) => compareStrings(a.key ?? '', b.key ?? ''))
    .forEach((t, i) => {
      if (i !== 0) w.write(LEVEL_0, '\t');
      let text = t.key ?? '';
      if (t.value) text += `=${t.value}`;
      if (t.effect) text += `:${t.effect}`;
      // operator Exists with no key and no effect tolerates everything.
      if (t.operator === 'Exists' && !t.value)
        text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
      if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) {
        text += ` for ${t.tolerationSeconds}s`;
      }
      w.write(LEVEL_0, `${text}\n`);
    });
}

/** describe.go printController: "Kind/name" of the controlling owner, "" if none. */
export function controllerOf(obj: KObject): string {
  const ref = controllerRef(obj);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

export function controllerRef(obj: KObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller);
}

/** Pods (or ReplicaSets) whose controller is `owner`. */
export function controlledBy(objects: KObject[] | undefined, owner: KObject): KObject[] {
  return (objects ?? []).filter((o) => controllerRef(o)?.uid === owner.metadata.uid);
}

/** describe.go getPodStatusForController's tally line. */
export function podsStatusLine(pods: KObject[]): string {
  const count = (phase: string) => pods.filter((p) => p.status?.phase === phase).length;
  return `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`;
}

/** describe.go DescribeEvents, ordered as kubectl/pkg/util/event SortableEvents. */
export function describeEvents(
  events: KObject[] | undefined,
  w: PrefixWriter,
  nowMs: number,
): void {
  if (events === undefined) return;
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = [...events].sort((a, b) => {
    const [am, bm] = [eventSortMs(a), eventSortMs(b)];
    return am === bm ? 0 : am < bm ? -1 : 1;
  });
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const firstSeen =
      parseTimestampMs(e.eventTime) !== undefined
        ? timestampSince(e.eventTime, nowMs)
        : timestampSince(e.firstTimestamp, nowMs);
    let interval = firstSeen;
    if (e.series) {
      interval = `${timestampSince(e.series.lastObservedTime, nowMs)} (x${e.series.count} over ${firstSeen})`;
    } else if ((e.count ?? 0) > 1) {
      interval = `${timestampSince(e.lastTimestamp, nowMs)} (x${e.count} over ${firstSeen})`;
    }
    const source = e.source?.component || e.reportingController || '';
    const message = String(e.message ?? '').trim();
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${message}\n`);
  }
}

function eventSortMs(e: KObject): number {
  const stamp = e.series
    ? e.series.lastObservedTime
    : parseTimestampMs(e.lastTimestamp) !== undefined
      ? e.lastTimestamp
      : e.eventTime;
  // A zero time sorts first, like Go's zero time.Time.
  return parseTimestampMs(stamp) ?? Number.NEGATIVE_INFINITY;
}
