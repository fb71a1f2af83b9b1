/**
 * events.k8s.io/v1 ⇄ core/v1 Event conversion (kubernetes `pkg/apis/events/v1/conversion.go`). Events are stored in
 * the core/v1 shape; the events.k8s.io/v1 endpoint converts on the way in and out, so both APIs show every event.
 *
 * Renamed fields: message↔note, involvedObject↔regarding, source↔deprecatedSource,
 * firstTimestamp↔deprecatedFirstTimestamp, lastTimestamp↔deprecatedLastTimestamp, count↔deprecatedCount,
 * reportingComponent↔reportingController. Everything else (eventTime, series, related, action, reason, type,
 * reportingInstance, metadata) carries over unchanged. Absent values come out the way Go's JSON encoder writes them
 * (`null` timestamps, `{}` structs, omitted empty strings and zero counts), so `-o yaml` looks like a real cluster.
 */
import type { KubeObject } from '../../kube/types.js';

export const EVENTS_API_VERSION = 'events.k8s.io/v1';

/** True when `object` is in the events.k8s.io/v1 shape (by apiVersion, or by its renamed fields). */
export function isEventsApiForm(object: KubeObject): boolean {
  if (object.apiVersion !== undefined) return object.apiVersion === EVENTS_API_VERSION;
  return 'regarding' in object || 'note' in object || 'reportingController' in object;
}

/** events.k8s.io/v1 → core/v1 (the stored form). Objects already in core form are returned unchanged. */
export function eventToCore(object: KubeObject): KubeObject {
  if (!isEventsApiForm(object)) return object;
  const {
    apiVersion: _apiVersion,
    kind: _kind,
    metadata,
    note,
    regarding,
    deprecatedSource,
    deprecatedFirstTimestamp,
    deprecatedLastTimestamp,
    deprecatedCount,
    reportingController,
    ...shared
  } = object;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    ...(metadata ? { metadata } : {}),
    ...shared,
    involvedObject: regarding ?? {},
    ...(note !== undefined && note !== '' ? { message: note } : {}),
    source: deprecatedSource ?? {},
    firstTimestamp: deprecatedFirstTimestamp ?? null,
    lastTimestamp: deprecatedLastTimestamp ?? null,
    ...(typeof deprecatedCount === 'number' && deprecatedCount !== 0 ? { count: deprecatedCount } : {}),
    eventTime: shared.eventTime ?? null,
    reportingComponent: reportingController ?? '',
    reportingInstance: shared.reportingInstance ?? '',
  };
}

/** core/v1 (the stored form) → events.k8s.io/v1. Objects already in events.k8s.io form are returned unchanged. */
export function eventFromCore(object: KubeObject): KubeObject {
  if (isEventsApiForm(object)) return object;
  const {
    apiVersion: _apiVersion,
    kind: _kind,
    metadata,
    message,
    involvedObject,
    source,
    firstTimestamp,
    lastTimestamp,
    count,
    reportingComponent,
    reportingInstance,
    ...shared
  } = object;
  return {
    apiVersion: EVENTS_API_VERSION,
    kind: 'Event',
    ...(metadata ? { metadata } : {}),
    ...shared,
    eventTime: shared.eventTime ?? null,
    ...(typeof reportingComponent === 'string' && reportingComponent !== ''
      ? { reportingController: reportingComponent }
      : {}),
    ...(typeof reportingInstance === 'string' && reportingInstance !== '' ? { reportingInstance } : {}),
    regarding: involvedObject ?? {},
    ...(message !== undefined && message !== '' ? { note: message } : {}),
    deprecatedSource: source ?? {},
    deprecatedFirstTimestamp: firstTimestamp ?? null,
    deprecatedLastTimestamp: lastTimestamp ?? null,
    ...(typeof count === 'number' && count !== 0 ? { deprecatedCount: count } : {}),
  };
}
