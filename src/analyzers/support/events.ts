/** Event lookups: events are already folded by the observer (same object, type, reason and message). */
import type { EventGroup, Snapshot } from '../../domain/snapshot.js';

export function eventsFor(snapshot: Snapshot, kind: string, name: string): EventGroup[] {
  return snapshot.events.filter((event) => event.object.kind === kind && event.object.name === name);
}

/**
 * A pod's events about one container (`spec.containers{app}`), plus pod-level events without a fieldPath
 * (FailedScheduling, FailedMount), which concern every container.
 */
export function podContainerEvents(snapshot: Snapshot, pod: string, container: string): EventGroup[] {
  return eventsFor(snapshot, 'Pod', pod).filter(
    (event) => event.fieldPath === undefined || event.fieldPath === `spec.containers{${container}}`,
  );
}

export function warnings(events: readonly EventGroup[]): EventGroup[] {
  return events.filter((event) => event.type === 'Warning');
}

/** Most repeated first: the count is how loudly the cluster says it. */
export function byCount(events: readonly EventGroup[]): EventGroup[] {
  return [...events].sort((a, b) => b.count - a.count);
}
