/** Folding events: same object, type, reason and message ⇒ one group with the counts added; warnings, then newest. */
import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/kube/types.js';
import { groupEvents } from '../../src/observe/group-events.js';

function event(name: string, fields: Partial<Event> & { at?: string; count?: number }): Event {
  const { at = '2025-01-10T10:00:00Z', ...rest } = fields;
  return {
    metadata: { name },
    involvedObject: { kind: 'Pod', name: 'api-1' },
    type: 'Warning',
    reason: 'BackOff',
    message: 'Back-off restarting failed container app',
    firstTimestamp: at,
    lastTimestamp: at,
    ...rest,
  };
}

describe('groupEvents', () => {
  it('folds identical events, adds their counts, widens first/last seen', () => {
    const groups = groupEvents(
      [
        event('e1', { count: 3, at: '2025-01-10T10:00:00Z' }),
        event('e2', {
          count: 2,
          at: '2025-01-10T10:05:00Z',
          message: ' Back-off restarting failed container app ',
        }),
        event('e3', {
          series: { count: 4, lastObservedTime: '2025-01-10T10:09:00Z' },
          at: '2025-01-10T09:00:00Z',
        }),
      ],
      10,
    );
    expect(groups).toEqual([
      {
        object: { kind: 'Pod', name: 'api-1' },
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container app',
        count: 9,
        firstSeen: '2025-01-10T09:00:00Z',
        lastSeen: '2025-01-10T10:09:00Z',
      },
    ]);
  });

  it.each<[string, Partial<Event>]>([
    ['another object', { involvedObject: { kind: 'Pod', name: 'api-2' } }],
    ['another kind', { involvedObject: { kind: 'ReplicaSet', name: 'api-1' } }],
    ['another type', { type: 'Normal' }],
    ['another reason', { reason: 'Unhealthy' }],
    ['another message', { message: 'Liveness probe failed' }],
  ])('keeps apart events about %s', (_name, difference) => {
    expect(groupEvents([event('a', {}), event('b', difference)], 10)).toHaveLength(2);
  });

  it('puts warnings first, then the newest, and keeps the source and field path', () => {
    const groups = groupEvents(
      [
        event('old-normal', { type: 'Normal', reason: 'Pulled', at: '2025-01-10T10:00:00Z' }),
        event('new-normal', { type: 'Normal', reason: 'Started', at: '2025-01-10T10:10:00Z' }),
        event('old-warning', {
          reason: 'Failed',
          at: '2025-01-10T09:00:00Z',
          source: { component: 'kubelet' },
        }),
        event('new-warning', {
          reason: 'BackOff',
          at: '2025-01-10T09:30:00Z',
          involvedObject: { kind: 'Pod', name: 'api-1', fieldPath: 'spec.containers{app}' },
        }),
      ],
      10,
    );
    expect(groups.map((group) => group.reason)).toEqual(['BackOff', 'Failed', 'Started', 'Pulled']);
    expect(groups[0]!.fieldPath).toBe('spec.containers{app}');
    expect(groups[1]!.source).toBe('kubelet');
  });

  it('caps the groups, dropping the oldest Normal chatter first', () => {
    const events = [
      event('w', { reason: 'BackOff' }),
      ...Array.from({ length: 5 }, (_, index) =>
        event(`n${index}`, { type: 'Normal', reason: `R${index}`, at: `2025-01-10T10:0${index}:00Z` }),
      ),
    ];
    expect(groupEvents(events, 3).map((group) => group.reason)).toEqual(['BackOff', 'R4', 'R3']);
  });
});
