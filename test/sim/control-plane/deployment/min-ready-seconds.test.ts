/** minReadySeconds: a Deployment counts a pod available only after it has been ready that long. */
import { describe, expect, it } from 'vitest';
import { deployments } from '../../../../src/sim/resources/deployments.js';
import {
  deploymentBody,
  getDeployment,
  markAllPodsReady,
  newCluster,
  NS,
  replicaSetsOf,
} from '../helpers.js';

describe('deployment controller: minReadySeconds', () => {
  it('passes minReadySeconds to the ReplicaSet and reports availability only after it', () => {
    const cluster = newCluster();
    cluster.api.create(deployments, NS, deploymentBody('web', { replicas: 2, minReadySeconds: 5 }));
    cluster.settle();
    expect(replicaSetsOf(cluster, 'web')[0]!.spec!.minReadySeconds).toBe(5);
    markAllPodsReady(cluster);
    expect(getDeployment(cluster, 'web').status).toMatchObject({ readyReplicas: 2, unavailableReplicas: 2 });
    expect(getDeployment(cluster, 'web').status!.availableReplicas).toBeUndefined();

    cluster.advance(5_000);
    expect(getDeployment(cluster, 'web').status!.availableReplicas).toBeUndefined();
    cluster.advance(1_000);
    const status = getDeployment(cluster, 'web').status!;
    expect(status).toMatchObject({ availableReplicas: 2 });
    expect(status.unavailableReplicas).toBeUndefined();
    expect(status.conditions!.find((c) => c.type === 'Progressing')!.reason).toBe('NewReplicaSetAvailable');
  });
});
