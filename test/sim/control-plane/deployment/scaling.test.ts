/** Scaling: a replica-count change resizes without a rollout, proportionally when two ReplicaSets are active. */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../src/kube/types.js';
import { deployments } from '../../../../src/sim/resources/deployments.js';
import type { SimCluster } from '../../../../src/sim/cluster.js';
import {
  deploymentBody,
  driveRollout,
  eventLines,
  getDeployment,
  newCluster,
  NS,
  podsOf,
  replicaSetsOf,
} from '../helpers.js';

function setReplicas(cluster: SimCluster, replicas: number): void {
  const deployment = structuredClone(getDeployment(cluster, 'web'));
  deployment.spec!.replicas = replicas;
  cluster.api.replace(deployments, NS, 'web', deployment);
}

describe('deployment controller: scaling', () => {
  it('scales up and down with ScalingReplicaSet events and refreshed replica annotations', () => {
    const cluster = newCluster();
    cluster.api.create(deployments, NS, deploymentBody('web', { replicas: 3 }));
    driveRollout(cluster, 'web');
    const name = replicaSetsOf(cluster, 'web')[0]!.metadata!.name!;

    setReplicas(cluster, 5);
    driveRollout(cluster, 'web');
    setReplicas(cluster, 2);
    driveRollout(cluster, 'web');

    expect(eventLines(cluster, 'Deployment', 'web')).toEqual([
      `Normal ScalingReplicaSet: Scaled up replica set ${name} to 3`,
      `Normal ScalingReplicaSet: Scaled up replica set ${name} to 5 from 3`,
      `Normal ScalingReplicaSet: Scaled down replica set ${name} to 2 from 5`,
    ]);
    const [replicaSet] = replicaSetsOf(cluster, 'web');
    expect(replicaSet!.metadata!.annotations).toMatchObject({
      'deployment.kubernetes.io/desired-replicas': '2',
      'deployment.kubernetes.io/max-replicas': '3',
    });
    expect(podsOf(cluster, replicaSet as KubeObject)).toHaveLength(2);
    expect(getDeployment(cluster, 'web').status).toMatchObject({
      observedGeneration: 3,
      replicas: 2,
      availableReplicas: 2,
    });
  });

  it('spreads a resize during a rollout over both ReplicaSets in proportion', () => {
    const cluster = newCluster();
    cluster.api.create(deployments, NS, deploymentBody('web', { replicas: 10 }));
    driveRollout(cluster, 'web');
    const deployment = structuredClone(getDeployment(cluster, 'web'));
    deployment.spec!.template.spec!.containers[0]!.image = 'nginx:1.26';
    cluster.api.replace(deployments, NS, 'web', deployment);
    cluster.settle();
    const [oldRS, newRS] = replicaSetsOf(cluster, 'web');
    expect([oldRS!.spec!.replicas, newRS!.spec!.replicas]).toEqual([8, 5]);

    setReplicas(cluster, 20);
    cluster.settle();
    // 13 pods may become 25 (20 + 25% surge): 8·25/13 ≈ 15, 5·25/13 ≈ 10.
    const [oldAfter, newAfter] = replicaSetsOf(cluster, 'web');
    expect([oldAfter!.spec!.replicas, newAfter!.spec!.replicas]).toEqual([15, 10]);
    expect(eventLines(cluster, 'Deployment', 'web').slice(-2)).toEqual([
      `Normal ScalingReplicaSet: Scaled up replica set ${oldRS!.metadata!.name} to 15 from 8`,
      `Normal ScalingReplicaSet: Scaled up replica set ${newRS!.metadata!.name} to 10 from 5`,
    ]);
    driveRollout(cluster, 'web');
    const [oldDone, newDone] = replicaSetsOf(cluster, 'web');
    expect([oldDone!.spec!.replicas, newDone!.spec!.replicas]).toEqual([0, 20]);
  });
});
