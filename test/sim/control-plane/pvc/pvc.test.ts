/** The persistent volume controller: binding claims of existing classes, and the Pending reasons. */
import { describe, expect, it } from 'vitest';
import type { PersistentVolumeClaim } from '../../../../src/kube/types.js';
import type { SimCluster } from '../../../../src/sim/cluster.js';
import { persistentVolumeClaims } from '../../../../src/sim/resources/persistentvolumeclaims.js';
import { pods } from '../../../../src/sim/resources/pods.js';
import { storageClasses } from '../../../../src/sim/resources/storageclasses.js';
import { eventsFor, newCluster, NS } from '../helpers.js';

function createClass(
  cluster: SimCluster,
  name: string,
  options: { isDefault?: boolean; waitForConsumer?: boolean } = {},
): void {
  cluster.api.create(storageClasses, undefined, {
    metadata: {
      name,
      ...(options.isDefault
        ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }
        : {}),
    },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: options.waitForConsumer ? 'WaitForFirstConsumer' : 'Immediate',
  });
}

function createClaim(cluster: SimCluster, name: string, storageClassName?: string): PersistentVolumeClaim {
  const claim = cluster.api.create(persistentVolumeClaims, NS, {
    metadata: { name },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      ...(storageClassName !== undefined ? { storageClassName } : {}),
    },
  });
  cluster.settle();
  return claim;
}

const getClaim = (cluster: SimCluster, name: string): PersistentVolumeClaim =>
  cluster.api.get(persistentVolumeClaims, NS, name);

describe('persistent volume claims', () => {
  it('binds a claim of an existing class (or of the default one) to pvc-<uid>', () => {
    const cluster = newCluster();
    createClass(cluster, 'standard', { isDefault: true });
    const claim = createClaim(cluster, 'data');
    const bound = getClaim(cluster, 'data');
    expect(bound.spec).toMatchObject({
      storageClassName: 'standard',
      volumeName: `pvc-${claim.metadata!.uid}`,
    });
    expect(bound.status).toEqual({
      phase: 'Bound',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '1Gi' },
    });
    expect(bound.metadata!.annotations).toMatchObject({
      'pv.kubernetes.io/bind-completed': 'yes',
      'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
    });
    expect(
      eventsFor(cluster, 'PersistentVolumeClaim', 'data').map((e) => `${e.type} ${e.reason}: ${e.message}`),
    ).toEqual([
      `Normal ProvisioningSucceeded: Successfully provisioned volume pvc-${claim.metadata!.uid} using rancher.io/local-path`,
    ]);
  });

  it('keeps a claim of a missing class Pending and re-reports it every resync', () => {
    const cluster = newCluster();
    createClaim(cluster, 'data', 'fast');
    expect(getClaim(cluster, 'data').status!.phase).toBe('Pending');
    cluster.advance(45_000);
    const [event] = eventsFor(cluster, 'PersistentVolumeClaim', 'data');
    expect(event).toMatchObject({
      type: 'Warning',
      reason: 'ProvisioningFailed',
      message: 'storageclass.storage.k8s.io "fast" not found',
      count: 4,
    });
    expect(event!.source).toEqual({ component: 'persistentvolume-controller' });

    // The class appears: bound at the next resync.
    createClass(cluster, 'fast');
    cluster.advance(15_000);
    expect(getClaim(cluster, 'data').status!.phase).toBe('Bound');
  });

  it('reports FailedBinding when no storage class is set', () => {
    const cluster = newCluster();
    createClaim(cluster, 'plain');
    createClass(cluster, 'standard', { isDefault: true });
    createClaim(cluster, 'static', '');
    for (const name of ['static']) {
      expect(getClaim(cluster, name).status!.phase).toBe('Pending');
      expect(eventsFor(cluster, 'PersistentVolumeClaim', name)[0]).toMatchObject({
        type: 'Normal',
        reason: 'FailedBinding',
        message: 'no persistent volumes available for this claim and no storage class is set',
      });
    }
    // A claim that predates the default class gets it retroactively at the next resync.
    expect(eventsFor(cluster, 'PersistentVolumeClaim', 'plain')[0]!.reason).toBe('FailedBinding');
    cluster.advance(15_000);
    expect(getClaim(cluster, 'plain').status!.phase).toBe('Bound');
  });

  it('waits for a scheduled consumer with WaitForFirstConsumer', () => {
    const cluster = newCluster();
    createClass(cluster, 'local', { waitForConsumer: true });
    createClaim(cluster, 'data', 'local');
    expect(eventsFor(cluster, 'PersistentVolumeClaim', 'data')[0]).toMatchObject({
      reason: 'WaitForFirstConsumer',
      message: 'waiting for first consumer to be created before binding',
    });
    cluster.api.create(pods, NS, {
      metadata: { name: 'db' },
      spec: {
        nodeName: 'test-node-x',
        containers: [{ name: 'db', image: 'postgres:16' }],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
      },
    });
    cluster.advance(15_000);
    expect(getClaim(cluster, 'data').status!.phase).toBe('Bound');
  });
});
