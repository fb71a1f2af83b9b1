/**
 * A rollout from revision 1 to 2 and a rollback to revision 1 (recipe 1 of the reference, §3.10 `rollout undo`):
 * the exact ScalingReplicaSet events, conditions, revision annotations and the bookkeeping kubectl reads.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject, ReplicaSet } from '../../../../src/kube/types.js';
import { deployments } from '../../../../src/sim/resources/deployments.js';
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
import type { SimCluster } from '../../../../src/sim/cluster.js';

function setImage(
  cluster: SimCluster,
  name: string,
  image: string,
  annotations: Record<string, string> = {},
): void {
  const deployment = structuredClone(getDeployment(cluster, name));
  deployment.spec!.template.spec!.containers[0]!.image = image;
  deployment.metadata!.annotations = { ...deployment.metadata?.annotations, ...annotations };
  cluster.api.replace(deployments, NS, name, deployment);
}

function rolledOutCluster(): SimCluster {
  const cluster = newCluster();
  cluster.api.create(
    deployments,
    NS,
    deploymentBody('web', {
      annotations: {
        'kubernetes.io/change-cause': 'initial',
        'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"Deployment"}',
      },
    }),
  );
  driveRollout(cluster, 'web');
  return cluster;
}

describe('deployment controller: rollout', () => {
  it('creates revision 1: a ReplicaSet named after the template hash, owned by the Deployment', () => {
    const cluster = rolledOutCluster();
    const deployment = getDeployment(cluster, 'web');
    const [replicaSet] = replicaSetsOf(cluster, 'web');
    const name = replicaSet!.metadata!.name!;
    const hash = replicaSet!.metadata!.labels!['pod-template-hash']!;

    expect(name).toBe(`web-${hash}`);
    expect(hash).toMatch(/^[4-9bcdf]{1,10}$/);
    expect(replicaSet!.metadata!.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'web',
        uid: deployment.metadata!.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(replicaSet!.spec!.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(replicaSet!.spec!.template!.metadata!.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(replicaSet!.metadata!.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
      'kubernetes.io/change-cause': 'initial',
    });
    expect(deployment.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('1');
    // The controller's revision annotation goes with the status: the generation stays 1, as on a real cluster.
    expect(deployment.metadata!.generation).toBe(1);
    expect(deployment.status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(deployment.status!.unavailableReplicas).toBeUndefined();
    expect(eventLines(cluster, 'Deployment', 'web')).toEqual([
      `Normal ScalingReplicaSet: Scaled up replica set ${name} to 3`,
    ]);
  });

  it('rolls out revision 2 with the exact events and ends Available and NewReplicaSetAvailable', () => {
    const cluster = rolledOutCluster();
    const [first] = replicaSetsOf(cluster, 'web');
    const oldName = first!.metadata!.name!;
    setImage(cluster, 'web', 'nginx:1.26', {
      'kubernetes.io/change-cause': 'kubectl set image web app=nginx:1.26',
    });
    cluster.settle();

    // Mid-rollout: one surge pod, not ready yet.
    const midway = getDeployment(cluster, 'web');
    const [, second] = replicaSetsOf(cluster, 'web');
    const newName = second!.metadata!.name!;
    expect(newName).not.toBe(oldName);
    expect(midway.metadata!.generation).toBe(2);
    expect(midway.status).toMatchObject({
      observedGeneration: 2,
      replicas: 4,
      updatedReplicas: 1,
      availableReplicas: 3,
      unavailableReplicas: 1,
    });
    expect(conditionSummary(midway)).toEqual([
      'Available True MinimumReplicasAvailable',
      'Progressing True ReplicaSetUpdated',
    ]);
    expect(midway.status!.conditions![1]!.message).toBe(`ReplicaSet "${newName}" is progressing.`);

    driveRollout(cluster, 'web');
    const done = getDeployment(cluster, 'web');
    expect(eventLines(cluster, 'Deployment', 'web')).toEqual([
      `Normal ScalingReplicaSet: Scaled up replica set ${oldName} to 3`,
      `Normal ScalingReplicaSet: Scaled up replica set ${newName} to 1`,
      `Normal ScalingReplicaSet: Scaled down replica set ${oldName} to 2 from 3`,
      `Normal ScalingReplicaSet: Scaled up replica set ${newName} to 2 from 1`,
      `Normal ScalingReplicaSet: Scaled down replica set ${oldName} to 1 from 2`,
      `Normal ScalingReplicaSet: Scaled up replica set ${newName} to 3 from 2`,
      `Normal ScalingReplicaSet: Scaled down replica set ${oldName} to 0 from 1`,
    ]);
    expect(done.status!.conditions).toEqual([
      expect.objectContaining({
        type: 'Available',
        status: 'True',
        reason: 'MinimumReplicasAvailable',
        message: 'Deployment has minimum availability.',
      }),
      expect.objectContaining({
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${newName}" has successfully progressed.`,
      }),
    ]);
    expect(done.status).toMatchObject({
      observedGeneration: 2,
      replicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
    });
    expect(done.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('2');

    const [oldRS, newRS] = replicaSetsOf(cluster, 'web');
    expect(oldRS!.spec!.replicas).toBe(0);
    expect(podsOf(cluster, oldRS as KubeObject)).toHaveLength(0);
    expect(newRS!.metadata!.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '2',
      'kubernetes.io/change-cause': 'kubectl set image web app=nginx:1.26',
    });
    expect(oldRS!.metadata!.annotations!['kubernetes.io/change-cause']).toBe('initial');
  });

  it('observes an annotation-only change (generation bump) without starting a rollout', () => {
    const cluster = rolledOutCluster();
    const deployment = structuredClone(getDeployment(cluster, 'web'));
    deployment.metadata!.annotations = { ...deployment.metadata!.annotations, team: 'payments' };
    cluster.api.replace(deployments, NS, 'web', deployment);
    cluster.settle();
    const updated = getDeployment(cluster, 'web');
    expect(updated.metadata!.generation).toBe(2);
    expect(updated.status!.observedGeneration).toBe(2);
    expect(replicaSetsOf(cluster, 'web')).toHaveLength(1);
    // Copied onto the current ReplicaSet like every non-bookkeeping annotation.
    expect(replicaSetsOf(cluster, 'web')[0]!.metadata!.annotations!['team']).toBe('payments');
  });
});

describe('deployment controller: rollback', () => {
  /** What `kubectl rollout undo` sends (§3.10): the old template without the hash label, plus the annotations. */
  function rolloutUndo(cluster: SimCluster, target: ReplicaSet): void {
    const template = structuredClone(target.spec!.template!);
    delete template.metadata!.labels!['pod-template-hash'];
    const deployment = getDeployment(cluster, 'web');
    const annotations = {
      'deployment.kubernetes.io/revision':
        deployment.metadata!.annotations!['deployment.kubernetes.io/revision']!,
      'kubernetes.io/change-cause': target.metadata!.annotations!['kubernetes.io/change-cause']!,
    };
    cluster.api.patch({
      descriptor: deployments,
      namespace: NS,
      name: 'web',
      type: 'json',
      body: [
        {
          op: 'replace',
          path: '/spec/template',
          value: { ...template, metadata: { ...template.metadata, creationTimestamp: null } },
        },
        { op: 'replace', path: '/metadata/annotations', value: annotations },
      ],
    });
  }

  it('re-uses the old ReplicaSet as revision 3 and records revision-history', () => {
    const cluster = rolledOutCluster();
    setImage(cluster, 'web', 'nginx:1.26', { 'kubernetes.io/change-cause': 'v2' });
    driveRollout(cluster, 'web');
    const [first, second] = replicaSetsOf(cluster, 'web');

    rolloutUndo(cluster, first!);
    driveRollout(cluster, 'web');

    const replicaSets = replicaSetsOf(cluster, 'web');
    expect(replicaSets.map((rs) => rs.metadata!.name)).toEqual([
      second!.metadata!.name,
      first!.metadata!.name,
    ]);
    const reused = replicaSets[1]!;
    expect(reused.metadata!.uid).toBe(first!.metadata!.uid);
    expect(reused.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(reused.metadata!.annotations!['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(reused.spec!.replicas).toBe(3);
    expect(replicaSets[0]!.spec!.replicas).toBe(0);

    const deployment = getDeployment(cluster, 'web');
    expect(deployment.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(deployment.status!.observedGeneration).toBe(deployment.metadata!.generation);
    expect(conditionSummary(deployment)).toEqual([
      'Available True MinimumReplicasAvailable',
      'Progressing True NewReplicaSetAvailable',
    ]);
    expect(eventLines(cluster, 'Deployment', 'web').slice(-6)).toEqual([
      `Normal ScalingReplicaSet: Scaled up replica set ${first!.metadata!.name} to 1 from 0`,
      `Normal ScalingReplicaSet: Scaled down replica set ${second!.metadata!.name} to 2 from 3`,
      `Normal ScalingReplicaSet: Scaled up replica set ${first!.metadata!.name} to 2 from 1`,
      `Normal ScalingReplicaSet: Scaled down replica set ${second!.metadata!.name} to 1 from 2`,
      `Normal ScalingReplicaSet: Scaled up replica set ${first!.metadata!.name} to 3 from 2`,
      `Normal ScalingReplicaSet: Scaled down replica set ${second!.metadata!.name} to 0 from 1`,
    ]);
  });

  it('appends to revision-history on a second rollback to the same ReplicaSet', () => {
    const cluster = rolledOutCluster();
    setImage(cluster, 'web', 'nginx:1.26', { 'kubernetes.io/change-cause': 'v2' });
    driveRollout(cluster, 'web');
    const [first, second] = replicaSetsOf(cluster, 'web');
    rolloutUndo(cluster, first!); // revision 3 = first
    driveRollout(cluster, 'web');
    expect(replicaSetsOf(cluster, 'web')[0]!.metadata!.uid).toBe(second!.metadata!.uid);
    rolloutUndo(cluster, replicaSetsOf(cluster, 'web')[0]!); // revision 4 = second
    driveRollout(cluster, 'web');
    rolloutUndo(cluster, replicaSetsOf(cluster, 'web')[0]!); // revision 5 = first again
    driveRollout(cluster, 'web');
    const reused = replicaSetsOf(cluster, 'web').find((rs) => rs.metadata!.uid === first!.metadata!.uid)!;
    expect(reused.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('5');
    expect(reused.metadata!.annotations!['deployment.kubernetes.io/revision-history']).toBe('1,3');
    expect(replicaSetsOf(cluster, 'web')).toHaveLength(2);
    expect(getDeployment(cluster, 'web').metadata!.annotations!['deployment.kubernetes.io/revision']).toBe(
      '5',
    );
  });
});
