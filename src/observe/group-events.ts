/** Folds events that say the same thing about the same object, keeping the busiest and newest first. */
import type { EventGroup } from '../domain/snapshot.js';
import type { Event } from '../kube/types.js';

export function groupEvents(events: Event[], limit: number): EventGroup[] {
  const groups = new Map<string, EventGroup>();
  for (const event of events) {
    const object = { kind: event.involvedObject.kind ?? '', name: event.involvedObject.name ?? '' };
    const message = (event.message ?? '').trim();
    const key = JSON.stringify([object.kind, object.name, event.type, event.reason, message]);
    const count = event.series?.count ?? event.count ?? 1;
    const firstSeen = event.firstTimestamp ?? event.eventTime ?? undefined;
    const lastSeen = event.series?.lastObservedTime ?? event.lastTimestamp ?? event.eventTime ?? undefined;
    const existing = groups.get(key);
    if (existing) {
      existing.count += count;
      if (firstSeen && (!existing.firstSeen || firstSeen < existing.firstSeen))
        existing.firstSeen = firstSeen;
      if (lastSeen && (!existing.lastSeen || lastSeen > existing.lastSeen)) existing.lastSeen = lastSeen;
      continue;
    }
    groups.set(key, {
      object,
      ...(event.involvedObject.fieldPath ? { fieldPath: event.involvedObject.fieldPath } : {}),
      type: event.type ?? 'Normal',
      reason: event.reason ?? '',
      message,
      count,
      ...(firstSeen ? { firstSeen } : {}),
      ...(lastSeen ? { lastSeen } : {}),
      ...(event.source?.component || event.reportingComponent
        ? { source: event.source?.component ?? event.reportingComponent }
        : {}),
    });
  }
  // Warnings first, then newest: when the cap bites, the oldest Normal chatter goes first.
  return [...groups.values()]
    .sort((a, b) => {
      if (a.type !== b.type) return a.type === 'Warning' ? -1 : 1;
      return (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '');
    })
    .slice(0, limit);
}
