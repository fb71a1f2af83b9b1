/**
 * The sim bugs the conformance suites found, each pinned at the level where it was fixed:
 *  - store no-op detection ignored managedFields entirely, so a write that only changed field ownership
 *    (a first server-side apply of unchanged values; kubectl's client-side → server-side apply migration) was
 *    dropped and kubectl migrated again on every apply;
 *  - a list continuation read the latest state instead of the first page's snapshot;
 *  - MicroTime fields accepted any date format, where a real server rejects anything but six fractional digits;
 *  - writes through `/scale` did not record the `scale` subresource in managedFields, so apply conflicts did not
 *    name it the way real ones do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimCluster } from '../../../src/sim/cluster.js';
import type { ApiError } from '../../../src/sim/errors.js';
import { configMaps } from '../../../src/sim/resources/configmaps.js';
import { deployments } from '../../../src/sim/resources/deployments.js';
import { leases } from '../../../src/sim/resources/leases.js';
import { namespaces } from '../../../src/sim/resources/namespaces.js';
import { checkMicroTimes } from '../../../src/sim/server/micro-time.js';
import { startSim, type SimHandle } from '../../../src/sim/sim.js';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'demo' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] },
    },
  },
};

function newCluster(): SimCluster {
  const cluster = new SimCluster({ seed: 1, startTime: Date.parse('2026-01-01T00:00:00Z') });
  cluster.api.create(namespaces, undefined, { metadata: { name: 'demo' } });
  cluster.settle();
  return cluster;
}

describe('store: a change of field ownership is a write', () => {
  it('records a first server-side apply of unchanged values (new resourceVersion, new manager)', () => {
    const cluster = newCluster();
    cluster.api.create(deployments, 'demo', deployment, { fieldManager: 'kubectl-client-side-apply' });
    const before = cluster.api.get(deployments, 'demo', 'web');
    const applied = cluster.api.patch(
      { descriptor: deployments, namespace: 'demo', name: 'web', type: 'apply', body: deployment },
      { fieldManager: 'kubectl' },
    ).object;
    expect(applied.metadata?.resourceVersion).not.toBe(before.metadata?.resourceVersion);
    expect(applied.metadata?.managedFields?.map((entry) => [entry.manager, entry.operation])).toContainEqual([
      'kubectl',
      'Apply',
    ]);
  });

  it('still treats a write that only moves managedFields timestamps as a no-op', () => {
    const cluster = newCluster();
    cluster.api.create(deployments, 'demo', deployment, { fieldManager: 'kubectl-client-side-apply' });
    cluster.clock.set(cluster.clock.now() + 60_000);
    const stored = cluster.api.get(deployments, 'demo', 'web');
    const retimed = structuredClone(stored);
    for (const entry of retimed.metadata?.managedFields ?? [])
      entry.time = new Date(cluster.clock.now()).toISOString();
    const result = cluster.api.replace(deployments, 'demo', 'web', retimed, {
      fieldManager: 'kubectl-client-side-apply',
    });
    expect(result.metadata?.resourceVersion).toBe(stored.metadata?.resourceVersion);
    expect(result.metadata?.managedFields).toEqual(stored.metadata?.managedFields);
  });
});

describe('store: listAt rebuilds an earlier snapshot', () => {
  it('undoes creations, updates and deletions made after the resourceVersion', () => {
    const cluster = newCluster();
    for (const name of ['a', 'b', 'c'])
      cluster.api.create(configMaps, 'demo', { metadata: { name }, data: { v: '1' } });
    const version = cluster.store.resourceVersion;
    cluster.api.create(configMaps, 'demo', { metadata: { name: 'd' } });
    cluster.api.replace(configMaps, 'demo', 'a', { metadata: { name: 'a' }, data: { v: '2' } });
    cluster.api.delete(configMaps, 'demo', 'b');
    const snapshot = cluster.store.listAt('core/configmaps', 'demo', version)!;
    expect(
      snapshot.map((object) => [object.metadata.name, (object as { data?: { v?: string } }).data?.v]),
    ).toEqual([
      ['a', '1'],
      ['b', '1'],
      ['c', '1'],
      ['kube-root-ca.crt', undefined],
    ]);
    expect(cluster.store.listAt('core/configmaps', 'demo', 1)).toBeUndefined();
  });
});

describe('MicroTime decoding', () => {
  const decodeError = (value: unknown): string | undefined => {
    try {
      checkMicroTimes(leases, {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        spec: { renewTime: value },
      });
      return undefined;
    } catch (error) {
      return (error as ApiError).status.message;
    }
  };

  it('accepts six fractional digits, UTC or with an offset, and null', () => {
    expect(decodeError('2026-11-21T04:29:09.164000Z')).toBeUndefined();
    expect(decodeError('2026-11-21T04:29:09.164000+02:00')).toBeUndefined();
    expect(decodeError(null)).toBeUndefined();
  });

  it('rejects what Go time.Parse with the MicroTime layout rejects, in its words', () => {
    const prefix =
      'Lease in version "v1" cannot be handled as a Lease: parsing time "%s" as "2006-01-02T15:04:05.000000Z07:00": ';
    const expectFor = (value: string, problem: string) =>
      expect(decodeError(value)).toBe(prefix.replace('%s', value) + problem);
    expectFor('2026-11-21T04:29:09.164Z', 'cannot parse ".164Z" as ".000000"');
    expectFor('2026-11-21T04:29:09Z', 'cannot parse "Z" as ".000000"');
    expectFor('2026-11-21T04:29:09.164000123Z', 'cannot parse "123Z" as "Z07:00"');
  });

  it('checks core Event micro-times too', () => {
    expect(() =>
      checkMicroTimes({ ...leases, kind: 'Event', version: 'v1' }, { eventTime: '2026-11-21T04:29:09.164Z' }),
    ).toThrow('Event in version "v1" cannot be handled as a Event');
  });
});

describe('the scale subresource in managedFields', () => {
  let sim: SimHandle;
  beforeAll(async () => {
    sim = await startSim({ seed: 2 });
    sim.cluster.api.create(namespaces, undefined, { metadata: { name: 'demo' } });
    sim.cluster.api.patch(
      { descriptor: deployments, namespace: 'demo', name: 'web', type: 'apply', body: deployment },
      { fieldManager: 'deployer' },
    );
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('records a /scale write with subresource "scale", and an apply conflict names it', async () => {
    const response = await fetch(`${sim.url}/apis/apps/v1/namespaces/demo/deployments/web/scale`, {
      method: 'PATCH',
      headers: {
        'content-type': 'application/merge-patch+json',
        'user-agent': 'kubectl/v1.32.4 (linux/amd64)',
      },
      body: JSON.stringify({ spec: { replicas: 3 } }),
    });
    expect(response.status).toBe(200);
    const entries = sim.cluster.api.get(deployments, 'demo', 'web').metadata?.managedFields ?? [];
    expect(entries.find((entry) => entry.manager === 'kubectl')).toMatchObject({
      operation: 'Update',
      subresource: 'scale',
      fieldsV1: { 'f:spec': { 'f:replicas': {} } },
    });
    expect(() =>
      sim.cluster.api.patch(
        { descriptor: deployments, namespace: 'demo', name: 'web', type: 'apply', body: deployment },
        { fieldManager: 'deployer' },
      ),
    ).toThrow(
      'Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas',
    );
  });
});
