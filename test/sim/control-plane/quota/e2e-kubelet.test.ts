/**
 * END-TO-END — NEEDS THE SCHEDULER AND KUBELET (skipped until both are registered): recipe 9 with running
 * pods — the Deployment stays available with the pods quota allows, ReplicaFailure set, rollout stalled.
 */
import { describe, expect, it } from 'vitest';
import { deployments } from '../../../../src/sim/resources/deployments.js';
import { resourceQuotas } from '../../../../src/sim/resources/resourcequotas.js';
import { conditionSummary, deploymentBody, getDeployment, newCluster, NS } from '../helpers.js';

describe('quota end to end', () => {
  it('runs what fits and reports the rest', () => {
    const cluster = newCluster();
    cluster.api.create(resourceQuotas, NS, {
      metadata: { name: 'team-quota' },
      spec: { hard: { 'requests.cpu': '1200m' } },
    });
    cluster.api.create(
      deployments,
      NS,
      deploymentBody('web', {
        replicas: 4,
        progressDeadlineSeconds: 120,
        realKubelet: true,
        resources: { requests: { cpu: '400m' } },
      }),
    );
    cluster.advance(180_000);
    const deployment = getDeployment(cluster, 'web');
    expect(deployment.status).toMatchObject({ replicas: 3, availableReplicas: 3 });
    expect(conditionSummary(deployment)).toEqual([
      'ReplicaFailure True FailedCreate',
      'Available True MinimumReplicasAvailable',
      'Progressing False ProgressDeadlineExceeded',
    ]);
  });
});
