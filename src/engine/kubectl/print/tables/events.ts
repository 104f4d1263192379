import type { KObject } from '../kobject';
import { parseTimestampMs, timestampSince } from '../time';
import { SWAGGER_DOC } from './columnDocs';
import { NAME, type TableDef } from './tableDef';

/**
 * printers.go eventColumnDefinitions / printEvent. The wide columns sit between OBJECT and
 * MESSAGE and after it, in this order. kubectl get events does not sort (kubernetes#29838):
 * rows come in API list order.
 */
export const EVENT_TABLE: TableDef = {
  columns: [
    { name: 'Last Seen', type: 'string', description: SWAGGER_DOC['apiv1.Event.lastTimestamp'] },
    { name: 'Type', type: 'string', description: SWAGGER_DOC['apiv1.Event.type'] },
    { name: 'Reason', type: 'string', description: SWAGGER_DOC['apiv1.Event.reason'] },
    { name: 'Object', type: 'string', description: SWAGGER_DOC['apiv1.Event.involvedObject'] },
    {
      name: 'Subobject',
      type: 'string',
      priority: 1,
      // printers.go: apiv1.Event{}.InvolvedObject.SwaggerDoc(), an ObjectReference's.
      description: SWAGGER_DOC['apiv1.ObjectReference.fieldPath'],
    },
    { name: 'Source', type: 'string', priority: 1, description: SWAGGER_DOC['apiv1.Event.source'] },
    { name: 'Message', type: 'string', description: SWAGGER_DOC['apiv1.Event.message'] },
    {
      name: 'First Seen',
      type: 'string',
      priority: 1,
      description: SWAGGER_DOC['apiv1.Event.firstTimestamp'],
    },
    { name: 'Count', type: 'string', priority: 1, description: SWAGGER_DOC['apiv1.Event.count'] },
    { ...NAME, priority: 1 },
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
