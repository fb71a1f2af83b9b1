/**
 * Rolling-update arithmetic: maxSurge rounds up, maxUnavailable rounds down (25%/25% defaults), checked both
 * as numbers and as the step sequence a rollout goes through for 1, 3, 4 and 10 replicas — each step's event,
 * with pods turning ready only between steps.
 */
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../../../src/kube/types.js';
import { resolveFenceposts } from '../../../../src/sim/control-plane/deployment/fenceposts.js';
import { deployments } from '../../../../src/sim/resources/deployments.js';
import {
  deploymentBody,
  driveRollout,
  eventLines,
  getDeployment,
  newCluster,
  NS,
  replicaSetsOf,
} from '../helpers.js';

const withStrategy = (
  replicas: number,
  maxSurge?: number | string,
  maxUnavailable?: number | string,
): Deployment => ({
  spec: {
    replicas,
    selector: {},
    template: {},
    ...(maxSurge !== undefined || maxUnavailable !== undefined
      ? { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } }
      : {}),
  },
});

describe('rolling update fenceposts', () => {
  it.each([
    [1, 1, 0],
    [2, 1, 0],
    [3, 1, 0],
    [4, 1, 1],
    [10, 3, 2],
  ])('25%%/25%% of %i replicas ⇒ maxSurge %i, maxUnavailable %i', (replicas, surge, unavailable) => {
    expect(resolveFenceposts(withStrategy(replicas))).toEqual({
      maxSurge: surge,
      maxUnavailable: unavailable,
    });
  });

  it('makes maxUnavailable 1 when both come out 0, and takes absolute numbers as they are', () => {
    expect(resolveFenceposts(withStrategy(10, 0, '5%'))).toEqual({ maxSurge: 0, maxUnavailable: 1 });
    expect(resolveFenceposts(withStrategy(10, 2, 0))).toEqual({ maxSurge: 2, maxUnavailable: 0 });
    expect(resolveFenceposts(withStrategy(7, '50%', '50%'))).toEqual({ maxSurge: 4, maxUnavailable: 3 });
  });
});

describe('rolling update steps', () => {
  function rolloutSteps(replicas: number): string[] {
    const cluster = newCluster();
    cluster.api.create(deployments, NS, deploymentBody('web', { replicas }));
    driveRollout(cluster, 'web');
    const deployment = structuredClone(getDeployment(cluster, 'web'));
    deployment.spec!.template.spec!.containers[0]!.image = 'nginx:1.26';
    cluster.api.replace(deployments, NS, 'web', deployment);
    driveRollout(cluster, 'web');
    const [oldRS, newRS] = replicaSetsOf(cluster, 'web').map((rs) => rs.metadata!.name!);
    return eventLines(cluster, 'Deployment', 'web')
      .slice(1)
      .map((line) =>
        line.replace('Normal ScalingReplicaSet: Scaled ', '').replace(oldRS!, 'OLD').replace(newRS!, 'NEW'),
      );
  }

  it('1 replica (surge 1, unavailable 0): one new pod, then the old one goes', () => {
    expect(rolloutSteps(1)).toEqual(['up replica set NEW to 1', 'down replica set OLD to 0 from 1']);
  });

  it('3 replicas (surge 1, unavailable 0): one at a time, never below 3 available', () => {
    expect(rolloutSteps(3)).toEqual([
      'up replica set NEW to 1',
      'down replica set OLD to 2 from 3',
      'up replica set NEW to 2 from 1',
      'down replica set OLD to 1 from 2',
      'up replica set NEW to 3 from 2',
      'down replica set OLD to 0 from 1',
    ]);
  });

  it('4 replicas (surge 1, unavailable 1): an old pod goes before the first new one is ready', () => {
    expect(rolloutSteps(4)).toEqual([
      'up replica set NEW to 1',
      'down replica set OLD to 3 from 4',
      'up replica set NEW to 2 from 1',
      'down replica set OLD to 1 from 3',
      'up replica set NEW to 4 from 2',
      'down replica set OLD to 0 from 1',
    ]);
  });

  it('10 replicas (surge 3, unavailable 2)', () => {
    expect(rolloutSteps(10)).toEqual([
      'up replica set NEW to 3',
      'down replica set OLD to 8 from 10',
      'up replica set NEW to 5 from 3',
      'down replica set OLD to 3 from 8',
      'up replica set NEW to 10 from 5',
      'down replica set OLD to 0 from 3',
    ]);
  });
});
