/**
 * END-TO-END — NEEDS THE SCHEDULER AND KUBELET (skipped until both are registered): deleting a Deployment in
 * the foreground waits for the kubelet to finish its pods' graceful termination.
 */
import { describe, expect, it } from 'vitest';
import { deployments } from '../../../../src/sim/resources/deployments.js';
import { pods } from '../../../../src/sim/resources/pods.js';
import { replicaSets } from '../../../../src/sim/resources/replicasets.js';
import { deploymentBody, listObjects, newCluster, NS } from '../helpers.js';

describe('garbage collector end to end', () => {
  it('Foreground deletion completes once the kubelet has stopped the pods', () => {
    const cluster = newCluster();
    cluster.api.create(deployments, NS, deploymentBody('web', { replicas: 2, realKubelet: true }));
    cluster.advance(60_000);
    cluster.api.delete(deployments, NS, 'web', { propagationPolicy: 'Foreground' });
    cluster.settle();
    expect(cluster.api.get(deployments, NS, 'web').metadata!.finalizers).toEqual(['foregroundDeletion']);
    expect(listObjects(cluster, pods).length).toBe(2);
    cluster.advance(60_000);
    expect(listObjects(cluster, pods)).toEqual([]);
    expect(listObjects(cluster, replicaSets)).toEqual([]);
    expect(cluster.api.find(deployments, NS, 'web')).toBeUndefined();
  });
});
