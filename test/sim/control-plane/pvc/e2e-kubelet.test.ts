/**
 * END-TO-END — NEEDS THE SCHEDULER AND KUBELET (skipped until both are registered): a WaitForFirstConsumer
 * claim is bound once the scheduler places the pod that uses it, and the pod then runs.
 */
import { describe, expect, it } from 'vitest';
import type { PersistentVolumeClaim, Pod } from '../../../../src/kube/types.js';
import { persistentVolumeClaims } from '../../../../src/sim/resources/persistentvolumeclaims.js';
import { pods } from '../../../../src/sim/resources/pods.js';
import { storageClasses } from '../../../../src/sim/resources/storageclasses.js';
import { newCluster, NS } from '../helpers.js';

describe('persistent volume claim end to end', () => {
  it('binds on first consumer', () => {
    const cluster = newCluster();
    cluster.api.create(storageClasses, undefined, {
      metadata: { name: 'local', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    cluster.api.create(persistentVolumeClaims, NS, {
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    cluster.api.create(pods, NS, {
      metadata: { name: 'db' },
      spec: {
        containers: [{ name: 'db', image: 'postgres:16' }],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
      },
    });
    cluster.advance(60_000);
    expect((cluster.api.get(persistentVolumeClaims, NS, 'data') as PersistentVolumeClaim).status!.phase).toBe(
      'Bound',
    );
    expect((cluster.api.get(pods, NS, 'db') as Pod).status!.phase).toBe('Running');
  });
});
