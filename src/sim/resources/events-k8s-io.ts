import { defineResource } from './define.js';
import { eventFromCore, eventToCore } from '../kinds/event-conversion.js';
import { eventTable } from '../tables/event.js';
import { eventsApiFieldSelectors, validateEventsApiEvent } from '../kinds/event.js';

/** events.k8s.io/v1 view of the same stored events as core/v1: converted on the way in (toStored) and out (fromStored). */
export const eventsK8sIo = defineResource({
  group: 'events.k8s.io',
  version: 'v1',
  resource: 'events',
  kind: 'Event',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  storage: 'core/events',
  generation: 'none',
  table: eventTable,
  validate: validateEventsApiEvent,
  fieldSelectors: eventsApiFieldSelectors,
  toStored: eventToCore,
  fromStored: eventFromCore,
});
