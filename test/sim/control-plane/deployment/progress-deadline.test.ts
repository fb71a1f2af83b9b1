/**
 * ProgressDeadlineExceeded (recipe 2 of the reference): a rollout whose pods never become ready times out
 * `progressDeadlineSeconds` after its last progress — found at that instant through `nextWakeup`, not at the
 * end of whatever interval the test advances.
 */
import { describe, expect, it } from 'vitest';
import { parseTime } from '../../../../src/sim/clock.js';
import { deployments } from '../../../../src/sim/resources/deployments.js';
import type { SimCluster } from '../../../../src/sim/cluster.js';
import {
  deploymentBody,
  driveRollout,
  getDeployment,
  markPodReady,
  newCluster,
  NS,
  podsOf,
  replicaSetsOf,
  START,
} from '../helpers.js';

const progressing = (cluster: SimCluster) =>
  getDeployment(cluster, 'web').status!.conditions!.find((condition) => condition.type === 'Progressing')!;

function stuckRollout(): { cluster: SimCluster; startedAt: number } {
  const cluster = newCluster();
  cluster.api.create(deployments, NS, deploymentBody('web', { replicas: 2, progressDeadlineSeconds: 60 }));
  driveRollout(cluster, 'web');
  cluster.advance(10_000);
  const deployment = structuredClone(getDeployment(cluster, 'web'));
  deployment.spec!.template.spec!.containers[0]!.image = 'nginx:broken';
  cluster.api.replace(deployments, NS, 'web', deployment);
  cluster.settle();
  return { cluster, startedAt: cluster.clock.now() };
}

describe('deployment controller: progress deadline', () => {
  it('times out progressDeadlineSeconds (strictly) after the last progress', () => {
    const { cluster, startedAt } = stuckRollout();
    expect(progressing(cluster)).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated' });

    cluster.advance(60_000);
    expect(progressing(cluster)).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated' });

    cluster.advance(1_000);
    const newName = replicaSetsOf(cluster, 'web')[1]!.metadata!.name;
    expect(progressing(cluster)).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${newName}" has timed out progressing.`,
    });
    expect(parseTime(progressing(cluster).lastTransitionTime)).toBe(startedAt + 61_000);
  });

  it('wakes itself at the deadline inside one long advance', () => {
    const { cluster, startedAt } = stuckRollout();
    cluster.advance(10 * 60_000);
    expect(progressing(cluster).reason).toBe('ProgressDeadlineExceeded');
    expect(parseTime(progressing(cluster).lastUpdateTime)).toBe(startedAt + 61_000);
    expect(startedAt).toBeGreaterThan(START);
  });

  it('restarts the clock when a new pod becomes ready, and completes normally afterwards', () => {
    const { cluster, startedAt } = stuckRollout();
    cluster.advance(50_000);
    const newRS = replicaSetsOf(cluster, 'web')[1]!;
    markPodReady(cluster, podsOf(cluster, newRS)[0]!);
    cluster.settle();
    expect(parseTime(progressing(cluster).lastUpdateTime)).toBe(startedAt + 50_000);
    cluster.advance(59_000);
    expect(progressing(cluster).reason).toBe('ReplicaSetUpdated');
    driveRollout(cluster, 'web');
    expect(progressing(cluster).reason).toBe('NewReplicaSetAvailable');
  });
});
