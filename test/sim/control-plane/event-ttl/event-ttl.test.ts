/** Events expire an hour after they were last recorded. */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../src/kube/types.js';
import { events } from '../../../../src/sim/resources/events.js';
import { configMaps } from '../../../../src/sim/resources/configmaps.js';
import { listObjects, newCluster, NS } from '../helpers.js';

describe('event TTL', () => {
  it('deletes an event one hour after its last occurrence', () => {
    const cluster = newCluster();
    const subject = cluster.api.get(configMaps, NS, 'kube-root-ca.crt');
    const source = { component: 'test' };
    cluster.events.normal(subject, 'Quiet', 'once', source);
    cluster.events.warning(subject, 'Noisy', 'again and again', source);
    const reasons = () =>
      listObjects<{ reason?: string } & KubeObject>(cluster, events)
        .map((e) => e.reason)
        .sort();

    cluster.advance(40 * 60_000);
    cluster.events.warning(subject, 'Noisy', 'again and again', source);
    cluster.advance(20 * 60_000 - 1_000);
    expect(reasons()).toEqual(['Noisy', 'Quiet']);
    cluster.advance(1_000);
    expect(reasons()).toEqual(['Noisy']);
    cluster.advance(40 * 60_000);
    expect(reasons()).toEqual([]);
  });
});
