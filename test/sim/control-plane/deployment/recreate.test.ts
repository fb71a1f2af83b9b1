/**
 * The Recreate strategy: every old pod is gone (terminating ones included) before the new ReplicaSet gets any.
 * Old pods are held back with a finalizer so the test can see the controller wait.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../../../../src/kube/types.js';
import { deployments } from '../../../../src/sim/resources/deployments.js';
import { pods } from '../../../../src/sim/resources/pods.js';
import {
  conditionSummary,
  deploymentBody,
  driveRollout,
  eventLines,
  getDeployment,
  newCluster,
  NS,
  podsOf,
  replicaSetsOf,
} from '../helpers.js';

const HOLD = 'test.sre-bot.dev/hold';

describe('deployment controller: Recreate', () => {
  it('scales the old ReplicaSet to 0, waits for its pods to be gone, then creates the new one at full size', () => {
    const cluster = newCluster();
    cluster.api.create(
      deployments,
      NS,
      deploymentBody('web', { replicas: 3, strategy: { type: 'Recreate' } }),
    );
    driveRollout(cluster, 'web');
    const [oldRS] = replicaSetsOf(cluster, 'web');
    for (const pod of podsOf(cluster, oldRS as KubeObject)) {
      const held = structuredClone(pod);
      held.metadata!.finalizers = [HOLD];
      cluster.api.replace(pods, NS, pod.metadata!.name!, held);
    }

    const deployment = structuredClone(getDeployment(cluster, 'web'));
    deployment.spec!.template.spec!.containers[0]!.image = 'nginx:1.26';
    cluster.api.replace(deployments, NS, 'web', deployment);
    cluster.advance(5_000);

    const oldName = oldRS!.metadata!.name!;
    expect(replicaSetsOf(cluster, 'web')).toHaveLength(1);
    expect(eventLines(cluster, 'Deployment', 'web')).toEqual([
      `Normal ScalingReplicaSet: Scaled up replica set ${oldName} to 3`,
      `Normal ScalingReplicaSet: Scaled down replica set ${oldName} to 0 from 3`,
    ]);
    const terminating = podsOf(cluster, oldRS as KubeObject);
    expect(terminating).toHaveLength(3);
    expect(terminating.every((pod) => pod.metadata!.deletionTimestamp)).toBe(true);
    // No new ReplicaSet yet: upstream does not re-estimate progress (replicas == updatedReplicas == 0).
    expect(conditionSummary(getDeployment(cluster, 'web'))).toEqual([
      'Progressing True NewReplicaSetAvailable',
      'Available False MinimumReplicasUnavailable',
    ]);

    for (const pod of terminating) {
      const released = structuredClone<Pod>(pod);
      released.metadata!.finalizers = [];
      cluster.api.replace(pods, NS, pod.metadata!.name!, released);
    }
    driveRollout(cluster, 'web');
    const [, newRS] = replicaSetsOf(cluster, 'web');
    expect(eventLines(cluster, 'Deployment', 'web').slice(2)).toEqual([
      `Normal ScalingReplicaSet: Scaled up replica set ${newRS!.metadata!.name} to 3`,
    ]);
    expect(newRS!.metadata!.annotations!['deployment.kubernetes.io/max-replicas']).toBe('3');
  });
});
