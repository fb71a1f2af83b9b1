/**
 * Event expiry: the API server stores events with a one-hour TTL (`--event-ttl`), counted from their last
 * write — so an event that keeps recurring lives on, a quiet one disappears an hour after it was last seen.
 */
import type { Event } from '../../kube/types.js';
import { parseTime } from '../clock.js';
import { ApiError } from '../errors.js';
import { events as eventsResource } from '../resources/events.js';
import type { Controller, ControllerContext } from './controller.js';
import { CONTROLLER_USERS } from './shared/controller-users.js';

export const EVENT_TTL_MS = 60 * 60 * 1000;

/** Stored events are frozen and replaced on write: their last-write time is memoised per object. */
const lastWrittenCache = new WeakMap<object, number>();

/** The event's last write: the latest of its timestamps. */
function lastWritten(event: Event): number {
  const cached = lastWrittenCache.get(event);
  if (cached !== undefined) return cached;
  const value = computeLastWritten(event);
  if (Object.isFrozen(event)) lastWrittenCache.set(event, value);
  return value;
}

function computeLastWritten(event: Event): number {
  const times = [
    event.lastTimestamp,
    event.series?.lastObservedTime,
    event.eventTime,
    event.firstTimestamp,
    event.metadata?.creationTimestamp,
  ].map(parseTime);
  return Math.max(0, ...times.filter((time): time is number => time !== undefined));
}

export function createEventTtlController(context: ControllerContext): Controller {
  const { api, clock } = context;
  return {
    name: 'event-ttl',
    reconcile() {
      for (const event of api.list(eventsResource, undefined).items as Event[]) {
        if (clock.now() < lastWritten(event) + EVENT_TTL_MS) continue;
        try {
          api.delete(
            eventsResource,
            event.metadata?.namespace,
            event.metadata?.name ?? '',
            {},
            { user: CONTROLLER_USERS.eventTtl },
          );
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
        }
      }
    },
    nextWakeup() {
      let earliest: number | undefined;
      for (const event of api.list(eventsResource, undefined).items as Event[]) {
        const at = lastWritten(event) + EVENT_TTL_MS;
        if (at > clock.now() && (earliest === undefined || at < earliest)) earliest = at;
      }
      return earliest;
    },
  };
}
