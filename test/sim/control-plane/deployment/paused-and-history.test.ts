/** Pausing and resuming, and revisionHistoryLimit cleanup of old ReplicaSets. */
import { describe, expect, it } from 'vitest';
import { deployments } from '../../../../src/sim/resources/deployments.js';
import type { SimCluster } from '../../../../src/sim/cluster.js';
import { deploymentBody, driveRollout, getDeployment, newCluster, NS, replicaSetsOf } from '../helpers.js';

function update(
  cluster: SimCluster,
  change: (spec: NonNullable<ReturnType<typeof getDeployment>['spec']>) => void,
): void {
  const deployment = structuredClone(getDeployment(cluster, 'web'));
  change(deployment.spec!);
  cluster.api.replace(deployments, NS, 'web', deployment);
  cluster.settle();
}

const progressing = (cluster: SimCluster) =>
  getDeployment(cluster, 'web').status!.conditions!.find((condition) => condition.type === 'Progressing')!;

describe('deployment controller: pause', () => {
  it('holds template changes while paused and rolls them out on resume', () => {
    const cluster = newCluster();
    cluster.api.create(deployments, NS, deploymentBody('web', { replicas: 2 }));
    driveRollout(cluster, 'web');

    update(cluster, (spec) => (spec.paused = true));
    expect(progressing(cluster)).toMatchObject({
      status: 'Unknown',
      reason: 'DeploymentPaused',
      message: 'Deployment is paused',
    });
    update(cluster, (spec) => (spec.template.spec!.containers[0]!.image = 'nginx:1.26'));
    cluster.advance(30_000);
    expect(replicaSetsOf(cluster, 'web')).toHaveLength(1);
    expect(getDeployment(cluster, 'web').status!.observedGeneration).toBe(3);

    update(cluster, (spec) => (spec.paused = false));
    expect(replicaSetsOf(cluster, 'web')).toHaveLength(2);
    driveRollout(cluster, 'web');
    expect(progressing(cluster).reason).toBe('NewReplicaSetAvailable');
    expect(getDeployment(cluster, 'web').metadata!.annotations!['deployment.kubernetes.io/revision']).toBe(
      '2',
    );
  });

  it('records DeploymentResumed when resumed', () => {
    const cluster = newCluster();
    cluster.api.create(deployments, NS, deploymentBody('web', { replicas: 1 }));
    driveRollout(cluster, 'web');
    update(cluster, (spec) => (spec.paused = true));
    update(cluster, (spec) => {
      spec.paused = false;
      spec.template.spec!.containers[0]!.image = 'nginx:never-ready';
    });
    // The new ReplicaSet counts as progress right away; the resume condition is replaced by ReplicaSetUpdated.
    expect(progressing(cluster)).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated' });
  });
});

describe('deployment controller: revision history', () => {
  it('deletes old ReplicaSets beyond revisionHistoryLimit, oldest revision first', () => {
    const cluster = newCluster();
    cluster.api.create(deployments, NS, deploymentBody('web', { replicas: 1, revisionHistoryLimit: 1 }));
    driveRollout(cluster, 'web');
    for (const image of ['nginx:1.26', 'nginx:1.27', 'nginx:1.28']) {
      update(cluster, (spec) => (spec.template.spec!.containers[0]!.image = image));
      driveRollout(cluster, 'web');
    }
    const revisions = replicaSetsOf(cluster, 'web').map(
      (rs) => rs.metadata!.annotations!['deployment.kubernetes.io/revision'],
    );
    expect(revisions).toEqual(['3', '4']);
  });
});
