import { coreEventFieldSelectors, defaultEvent, validateCoreEvent } from '../kinds/event.js';
import { defineResource } from './define.js';
import { eventTable } from '../tables/event.js';

export const events = defineResource({
  group: '',
  version: 'v1',
  resource: 'events',
  kind: 'Event',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  generation: 'none',
  table: eventTable,
  defaults: defaultEvent,
  validate: validateCoreEvent,
  fieldSelectors: coreEventFieldSelectors,
});
