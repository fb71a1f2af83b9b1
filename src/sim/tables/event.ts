/**
 * `kubectl get events` (printEvent): LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE FIRST SEEN COUNT
 * NAME. Serves both event APIs: events.k8s.io objects are printed through their core/v1 form, as the real server
 * (one storage, one printer) does.
 */
import type { Event, KubeObject } from '../../kube/types.js';
import type { TableConverter } from '../resources/descriptor.js';
import { eventToCore } from '../kinds/event-conversion.js';
import { column, nameColumn, nameOf } from './columns.js';
import { timeSince, timestampOf } from './human-duration.js';

/** `formatEventSource`: component (or reportingController) plus `, host` (or reportingInstance) when known. */
export function formatEventSource(event: Event): string {
  const component = event.source?.component || event.reportingComponent || '';
  const instance = event.source?.host || event.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

/** `pod/web-abc`: the lower-cased kind and name of the involved object (just the kind when it has no name). */
function involvedObjectOf(event: Event): string {
  const kind = (event.involvedObject?.kind ?? '').toLowerCase();
  const name = event.involvedObject?.name;
  return name ? `${kind}/${name}` : kind;
}

const isSet = (timestamp: unknown): boolean => timestampOf(timestamp) !== undefined;

export const eventTable: TableConverter = {
  columns: [
    column('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
    column(
      'Reason',
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    ),
    column('Object', 'The object that this event is about.'),
    column(
      'Subobject',
      'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].',
      { priority: 1 },
    ),
    column('Source', 'The component reporting this event. Should be a short machine understandable string.', {
      priority: 1,
    }),
    column('Message', 'A human-readable description of the status of this operation.'),
    column(
      'First Seen',
      'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
      { priority: 1 },
    ),
    column('Count', 'The number of times this event has occurred.', { priority: 1 }),
    nameColumn(1),
  ],
  cells(object: KubeObject, now: number): unknown[] {
    const event = eventToCore(object) as Event;
    const firstSeen = isSet(event.firstTimestamp)
      ? timeSince(event.firstTimestamp, now)
      : timeSince(event.eventTime, now);
    let lastSeen = isSet(event.lastTimestamp) ? timeSince(event.lastTimestamp, now) : firstSeen;
    let count = event.count ?? 0;
    if (event.series) {
      lastSeen = timeSince(event.series.lastObservedTime, now);
      count = event.series.count ?? 0;
    } else if (count === 0) {
      // Singleton events written through the new API carry no count.
      count = 1;
    }
    return [
      lastSeen,
      event.type ?? '',
      event.reason ?? '',
      involvedObjectOf(event),
      event.involvedObject?.fieldPath ?? '',
      formatEventSource(event),
      (event.message ?? '').trim(),
      firstSeen,
      count,
      nameOf(event),
    ];
  },
};
