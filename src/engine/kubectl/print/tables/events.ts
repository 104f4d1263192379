import type { KObject } from '../kobject';
import { parseTimestampMs, timestampSince } from '../time';
import type { TableDef } from './tableDef';

/**
 * printers.go eventColumnDefinitions / printEvent. The wide columns sit between OBJECT and
 * MESSAGE and after it, in this order. kubectl get events does not sort (kubernetes#29838):
 * rows come in API list order.
 */
export const EVENT_TABLE: TableDef = {
  columns: [
    { name: 'Last Seen' },
    { name: 'Type' },
    { name: 'Reason' },
    { name: 'Object' },
    { name: 'Subobject', wideOnly: true },
    { name: 'Source', wideOnly: true },
    { name: 'Message' },
    { name: 'First Seen', wideOnly: true },
    { name: 'Count', wideOnly: true },
    { name: 'Name', wideOnly: true, isName: true },
  ],
  row(event, nowMs) {
    let firstSeen = timestampSince(event.firstTimestamp, nowMs);
    if (parseTimestampMs(event.firstTimestamp) === undefined) {
      firstSeen = timestampSince(event.eventTime, nowMs);
    }
    let lastSeen = timestampSince(event.lastTimestamp, nowMs);
    if (parseTimestampMs(event.lastTimestamp) === undefined) lastSeen = firstSeen;
    let count: number = event.count ?? 0;
    if (event.series) {
      lastSeen = timestampSince(event.series.lastObservedTime, nowMs);
      count = event.series.count ?? 0;
    } else if (count === 0) {
      // Singleton events of the events.k8s.io API carry no count.
      count = 1;
    }
    const involved = event.involvedObject ?? {};
    const kind = String(involved.kind ?? '').toLowerCase();
    const target = involved.name ? `${kind}/${involved.name}` : kind;
    return [
      lastSeen,
      event.type ?? '',
      event.reason ?? '',
      target,
      involved.fieldPath ?? '',
      eventSource(event),
      String(event.message ?? '').trim(),
      firstSeen,
      count,
      event.metadata.name ?? '',
    ];
  },
};

/** printers.go formatEventSource: component (or reportingController), then ", host" if any. */
function eventSource(event: KObject): string {
  const component = event.source?.component || event.reportingController || '';
  const host = event.source?.host || event.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}
