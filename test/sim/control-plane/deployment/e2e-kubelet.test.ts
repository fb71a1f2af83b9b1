/**
 * END-TO-END — NEEDS THE SCHEDULER AND KUBELET (written by another engineer; skipped until both are
 * registered): a real rollout where pods are scheduled, pulled, started and probed by the simulated kubelet.
 */
import { describe, expect, it } from 'vitest';
import { deployments } from '../../../../src/sim/resources/deployments.js';
import {
  conditionSummary,
  deploymentBody,
  getDeployment,
  newCluster,
  NS,
  replicaSetsOf,
} from '../helpers.js';

describe('deployment rollout end to end', () => {
  it('rolls out revision 1 and 2 with pods the kubelet makes ready', () => {
    const cluster = newCluster();
    cluster.api.create(deployments, NS, deploymentBody('web', { replicas: 3, realKubelet: true }));
    cluster.advance(60_000);
    expect(conditionSummary(getDeployment(cluster, 'web'))).toEqual([
      'Available True MinimumReplicasAvailable',
      'Progressing True NewReplicaSetAvailable',
    ]);

    const deployment = structuredClone(getDeployment(cluster, 'web'));
    deployment.spec!.template.spec!.containers[0]!.image = 'nginx:1.26';
    cluster.api.replace(deployments, NS, 'web', deployment);
    cluster.advance(120_000);
    const done = getDeployment(cluster, 'web');
    expect(done.status).toMatchObject({
      observedGeneration: 2,
      replicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
    });
    expect(conditionSummary(done)).toContain('Progressing True NewReplicaSetAvailable');
    expect(replicaSetsOf(cluster, 'web').map((rs) => rs.status!.replicas)).toEqual([0, 3]);
    expect(cluster.controlPlane.lastError).toBeUndefined();
  });
});
