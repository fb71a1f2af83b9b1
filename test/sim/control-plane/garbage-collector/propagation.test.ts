/**
 * Delete propagation (§6.7 of the reference): Background, Foreground and Orphan, Deployment ⇒ ReplicaSet ⇒ Pods.
 * Pods carry a test finalizer where the test needs to see an intermediate state.
 */
import { describe, expect, it } from 'vitest';
import type { Pod, ReplicaSet } from '../../../../src/kube/types.js';
import type { SimCluster } from '../../../../src/sim/cluster.js';
import { deployments } from '../../../../src/sim/resources/deployments.js';
import { pods } from '../../../../src/sim/resources/pods.js';
import { replicaSets } from '../../../../src/sim/resources/replicasets.js';
import { deploymentBody, driveRollout, listObjects, newCluster, NS } from '../helpers.js';

const HOLD = 'test.sre-bot.dev/hold';

function runningDeployment(): SimCluster {
  const cluster = newCluster();
  cluster.api.create(deployments, NS, deploymentBody('web', { replicas: 2 }));
  driveRollout(cluster, 'web');
  return cluster;
}

function setPodFinalizers(cluster: SimCluster, finalizers: string[]): void {
  for (const pod of listObjects<Pod>(cluster, pods)) {
    const copy = structuredClone(pod);
    copy.metadata!.finalizers = finalizers;
    cluster.api.replace(pods, NS, pod.metadata!.name!, copy);
  }
  cluster.settle();
}

describe('garbage collector', () => {
  it('Background: the Deployment goes at once, then its ReplicaSet and pods', () => {
    const cluster = runningDeployment();
    const result = cluster.api.delete(deployments, NS, 'web', { propagationPolicy: 'Background' });
    expect(result.removed).toBe(true);
    cluster.settle();
    expect(listObjects(cluster, replicaSets)).toEqual([]);
    expect(listObjects(cluster, pods)).toEqual([]);
  });

  it('Foreground: the owner waits, marked, until every blocking dependent is gone', () => {
    const cluster = runningDeployment();
    setPodFinalizers(cluster, [HOLD]);
    cluster.api.delete(deployments, NS, 'web', { propagationPolicy: 'Foreground' });
    cluster.settle();

    const deployment = cluster.api.get(deployments, NS, 'web');
    expect(deployment.metadata!.deletionTimestamp).toBeDefined();
    expect(deployment.metadata!.finalizers).toEqual(['foregroundDeletion']);
    const [replicaSet] = listObjects<ReplicaSet>(cluster, replicaSets);
    // The ReplicaSet has pods of its own, so it is deleted in the foreground too.
    expect(replicaSet!.metadata!.finalizers).toEqual(['foregroundDeletion']);
    const held = listObjects<Pod>(cluster, pods);
    expect(held).toHaveLength(2);
    expect(held.every((pod) => pod.metadata!.deletionTimestamp)).toBe(true);

    setPodFinalizers(cluster, []);
    expect(listObjects(cluster, pods)).toEqual([]);
    expect(listObjects(cluster, replicaSets)).toEqual([]);
    expect(cluster.api.find(deployments, NS, 'web')).toBeUndefined();
  });

  it('Orphan: dependents stay and lose the reference; a new Deployment adopts the ReplicaSet', () => {
    const cluster = runningDeployment();
    const [replicaSet] = listObjects<ReplicaSet>(cluster, replicaSets);
    cluster.api.delete(deployments, NS, 'web', { propagationPolicy: 'Orphan' });
    cluster.settle();

    expect(cluster.api.find(deployments, NS, 'web')).toBeUndefined();
    const [orphaned] = listObjects<ReplicaSet>(cluster, replicaSets);
    expect(orphaned!.metadata!.uid).toBe(replicaSet!.metadata!.uid);
    expect(orphaned!.metadata!.ownerReferences).toBeUndefined();
    const survivors = listObjects<Pod>(cluster, pods);
    expect(survivors).toHaveLength(2);
    expect(
      survivors.every((pod) => pod.metadata!.ownerReferences![0]!.uid === replicaSet!.metadata!.uid),
    ).toBe(true);

    const recreated = cluster.api.create(deployments, NS, deploymentBody('web', { replicas: 2 }));
    cluster.settle();
    const [adopted] = listObjects<ReplicaSet>(cluster, replicaSets);
    expect(listObjects(cluster, replicaSets)).toHaveLength(1);
    expect(adopted!.metadata!.ownerReferences![0]!.uid).toBe(recreated.metadata!.uid);
    expect(listObjects<Pod>(cluster, pods).map((pod) => pod.metadata!.uid)).toEqual(
      survivors.map((pod) => pod.metadata!.uid),
    );
  });

  it('drops a dangling reference when another owner remains, and leaves unknown owner kinds alone', () => {
    const cluster = newCluster();
    const keeper = cluster.api.create(deployments, NS, deploymentBody('keeper', { replicas: 0 }));
    cluster.api.create(pods, NS, {
      metadata: {
        name: 'shared',
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name: 'keeper', uid: keeper.metadata!.uid! },
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'gone', uid: 'uid-of-gone' },
        ],
      },
      spec: { schedulerName: 'test-manual-scheduler', containers: [{ name: 'app', image: 'nginx' }] },
    });
    cluster.api.create(pods, NS, {
      metadata: {
        name: 'custom-owned',
        ownerReferences: [{ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: 'uid-of-widget' }],
      },
      spec: { schedulerName: 'test-manual-scheduler', containers: [{ name: 'app', image: 'nginx' }] },
    });
    cluster.settle();
    expect(cluster.api.get(pods, NS, 'shared').metadata!.ownerReferences!.map((r) => r.name)).toEqual([
      'keeper',
    ]);
    expect(cluster.api.find(pods, NS, 'custom-owned')).toBeDefined();

    cluster.api.delete(deployments, NS, 'keeper');
    cluster.settle();
    expect(cluster.api.find(pods, NS, 'shared')).toBeUndefined();
  });
});
