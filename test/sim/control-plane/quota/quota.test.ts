/**
 * ResourceQuota: the admission plugin's exact 403s, the quota controller's status, and what a refused pod
 * creation does to a ReplicaSet and its Deployment (recipe 9 of the reference).
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject, ReplicaSet, ResourceQuota } from '../../../../src/kube/types.js';
import type { SimCluster } from '../../../../src/sim/cluster.js';
import { ApiError } from '../../../../src/sim/errors.js';
import { deployments } from '../../../../src/sim/resources/deployments.js';
import { pods } from '../../../../src/sim/resources/pods.js';
import { replicaSets } from '../../../../src/sim/resources/replicasets.js';
import { resourceQuotas } from '../../../../src/sim/resources/resourcequotas.js';
import {
  conditionSummary,
  deploymentBody,
  eventsFor,
  getDeployment,
  getObject,
  markAllPodsReady,
  newCluster,
  NS,
  replicaSetsOf,
  TEST_SCHEDULER,
} from '../helpers.js';

function createQuota(cluster: SimCluster, name: string, hard: Record<string, string>): void {
  cluster.api.create(resourceQuotas, NS, { metadata: { name }, spec: { hard } });
  cluster.settle();
}

function podBody(
  name: string,
  resources: { requests?: Record<string, string>; limits?: Record<string, string> },
): KubeObject {
  return {
    metadata: { name },
    spec: { schedulerName: TEST_SCHEDULER, containers: [{ name: 'app', image: 'nginx:1.25', resources }] },
  };
}

function creationError(create: () => unknown): ApiError {
  try {
    create();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the create to be refused');
}

describe('resource quota admission', () => {
  it('refuses a pod past requests.cpu with the exact 403 (generateName shown)', () => {
    const cluster = newCluster();
    createQuota(cluster, 'team-quota', { 'requests.cpu': '10' });
    cluster.api.create(pods, NS, podBody('batch', { requests: { cpu: '9' } }));
    const error = creationError(() =>
      cluster.api.create(pods, NS, {
        metadata: { generateName: 'web-7d8f6c9b54-' },
        spec: {
          schedulerName: TEST_SCHEDULER,
          containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '2' } } }],
        },
      }),
    );
    expect(error.code).toBe(403);
    expect(error.status.reason).toBe('Forbidden');
    expect(error.message).toBe(
      'pods "web-7d8f6c9b54-" is forbidden: exceeded quota: team-quota, requested: requests.cpu=2, used: requests.cpu=9, limited: requests.cpu=10',
    );
  });

  it('prints memory the way Go does and lists only the exceeded resources', () => {
    const cluster = newCluster();
    createQuota(cluster, 'compute-quota', { 'limits.memory': '2Gi', 'requests.cpu': '4' });
    for (const name of ['a', 'b', 'c']) {
      cluster.api.create(pods, NS, podBody(name, { requests: { cpu: '500m' }, limits: { memory: '512Mi' } }));
    }
    const error = creationError(() =>
      cluster.api.create(pods, NS, podBody('d', { requests: { cpu: '500m' }, limits: { memory: '1Gi' } })),
    );
    expect(error.message).toBe(
      'pods "d" is forbidden: exceeded quota: compute-quota, requested: limits.memory=1Gi, used: limits.memory=1536Mi, limited: limits.memory=2Gi',
    );
  });

  it('requires every container to declare a constrained cpu/memory resource', () => {
    const cluster = newCluster();
    createQuota(cluster, 'q', { 'limits.cpu': '2', 'requests.memory': '1Gi' });
    const error = creationError(() =>
      cluster.api.create(pods, NS, podBody('p', { requests: { memory: '64Mi' } })),
    );
    expect(error.message).toBe('pods "p" is forbidden: failed quota: q: must specify limits.cpu for: app');
  });

  it('counts pods and objects', () => {
    const cluster = newCluster();
    createQuota(cluster, 'counts', { pods: '1', 'count/configmaps': '3' });
    cluster.api.create(pods, NS, podBody('one', {}));
    expect(creationError(() => cluster.api.create(pods, NS, podBody('two', {}))).message).toBe(
      'pods "two" is forbidden: exceeded quota: counts, requested: pods=1, used: pods=1, limited: pods=1',
    );
    cluster.settle();
    // Every namespace already holds kube-root-ca.crt.
    expect(getObject<ResourceQuota>(cluster, resourceQuotas, 'counts').status!.used).toEqual({
      'count/configmaps': '1',
      pods: '1',
    });
  });
});

describe('resource quota controller', () => {
  it('keeps status.hard and status.used current, not counting finished pods', () => {
    const cluster = newCluster();
    createQuota(cluster, 'team-quota', {
      'requests.cpu': '10',
      'requests.memory': '2048Mi',
      pods: '10',
      'count/pods': '20',
    });
    expect(getObject<ResourceQuota>(cluster, resourceQuotas, 'team-quota').status).toEqual({
      hard: { 'count/pods': '20', pods: '10', 'requests.cpu': '10', 'requests.memory': '2Gi' },
      used: { 'count/pods': '0', pods: '0', 'requests.cpu': '0', 'requests.memory': '0' },
    });

    cluster.api.create(pods, NS, podBody('a', { requests: { cpu: '1500m', memory: '256Mi' } }));
    const finished = cluster.api.create(pods, NS, podBody('b', { requests: { cpu: '1', memory: '256Mi' } }));
    cluster.api.replace(
      pods,
      NS,
      'b',
      { ...structuredClone(finished), status: { phase: 'Succeeded' } },
      {},
      'status',
    );
    cluster.settle();
    expect(getObject<ResourceQuota>(cluster, resourceQuotas, 'team-quota').status!.used).toEqual({
      'count/pods': '2',
      pods: '1',
      'requests.cpu': '1500m',
      'requests.memory': '256Mi',
    });

    cluster.api.delete(pods, NS, 'a');
    cluster.settle();
    expect(getObject<ResourceQuota>(cluster, resourceQuotas, 'team-quota').status!.used).toMatchObject({
      pods: '0',
      'requests.cpu': '0',
    });
  });
});

describe('quota exceeded by a Deployment', () => {
  function quotaBlockedDeployment(): SimCluster {
    const cluster = newCluster();
    createQuota(cluster, 'team-quota', { 'requests.cpu': '10' });
    cluster.api.create(pods, NS, podBody('batch', { requests: { cpu: '1' } }));
    cluster.api.create(
      deployments,
      NS,
      deploymentBody('web', {
        replicas: 5,
        progressDeadlineSeconds: 120,
        resources: { requests: { cpu: '2' } },
      }),
    );
    cluster.settle();
    return cluster;
  }

  it('records FailedCreate on the ReplicaSet and ReplicaFailure on it and on the Deployment', () => {
    const cluster = quotaBlockedDeployment();
    const [replicaSet] = replicaSetsOf(cluster, 'web');
    const name = replicaSet!.metadata!.name!;
    const message = `pods "${name}-" is forbidden: exceeded quota: team-quota, requested: requests.cpu=2, used: requests.cpu=9, limited: requests.cpu=10`;

    const rsEvents = eventsFor(cluster, 'ReplicaSet', name);
    expect(rsEvents.filter((e) => e.reason === 'SuccessfulCreate')).toHaveLength(4);
    const failed = rsEvents.filter((e) => e.reason === 'FailedCreate');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ type: 'Warning', message: `Error creating: ${message}`, count: 1 });
    expect(failed[0]!.source).toEqual({ component: 'replicaset-controller' });

    const stored = getObject<ReplicaSet>(cluster, replicaSets, name);
    expect(stored.status!.conditions).toEqual([
      {
        type: 'ReplicaFailure',
        status: 'True',
        lastTransitionTime: '2026-01-01T00:00:00Z',
        reason: 'FailedCreate',
        message,
      },
    ]);
    const deployment = getDeployment(cluster, 'web');
    expect(deployment.status!.conditions!.find((c) => c.type === 'ReplicaFailure')).toEqual({
      type: 'ReplicaFailure',
      status: 'True',
      lastUpdateTime: '2026-01-01T00:00:00Z',
      lastTransitionTime: '2026-01-01T00:00:00Z',
      reason: 'FailedCreate',
      message,
    });
  });

  it('retries with back-off (the event counts up) and the rollout stalls into ProgressDeadlineExceeded', () => {
    const cluster = quotaBlockedDeployment();
    const name = replicaSetsOf(cluster, 'web')[0]!.metadata!.name!;
    markAllPodsReady(cluster);
    cluster.advance(121_000);
    const failed = eventsFor(cluster, 'ReplicaSet', name).filter((e) => e.reason === 'FailedCreate');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.count).toBeGreaterThan(5);
    expect(failed[0]!.count).toBeLessThan(30);
    // Order as SetDeploymentCondition leaves it: a replaced condition moves to the end.
    expect(conditionSummary(getDeployment(cluster, 'web'))).toEqual([
      'ReplicaFailure True FailedCreate',
      'Available True MinimumReplicasAvailable',
      'Progressing False ProgressDeadlineExceeded',
    ]);
  });

  it('creates the missing pod and clears ReplicaFailure once quota frees up', () => {
    const cluster = quotaBlockedDeployment();
    cluster.api.delete(pods, NS, 'batch');
    cluster.advance(5_000);
    const [replicaSet] = replicaSetsOf(cluster, 'web');
    expect(replicaSet!.status!.replicas).toBe(5);
    expect(replicaSet!.status!.conditions).toBeUndefined();
    expect(conditionSummary(getDeployment(cluster, 'web'))).not.toContain('ReplicaFailure True FailedCreate');
  });
});

describe('quota on ReplicaSets', () => {
  it('reports ReplicaSetCreateError on the Deployment when its new ReplicaSet is refused', () => {
    const cluster = newCluster();
    createQuota(cluster, 'rs-quota', { 'count/replicasets.apps': '1' });
    cluster.api.create(deployments, NS, deploymentBody('web', { replicas: 1 }));
    cluster.settle();
    const deployment = structuredClone(getDeployment(cluster, 'web'));
    deployment.spec!.template.spec!.containers[0]!.image = 'nginx:1.26';
    cluster.api.replace(deployments, NS, 'web', deployment);
    cluster.settle();

    const failures = eventsFor(cluster, 'Deployment', 'web').filter(
      (e) => e.reason === 'ReplicaSetCreateError',
    );
    expect(failures).toHaveLength(1);
    const message = failures[0]!.message!;
    expect(failures[0]!.type).toBe('Warning');
    expect(message).toMatch(
      /^Failed to create new replica set "web-[4-9bcdf]+": replicasets\.apps "web-[4-9bcdf]+" is forbidden: exceeded quota: rs-quota, requested: count\/replicasets\.apps=1, used: count\/replicasets\.apps=1, limited: count\/replicasets\.apps=1$/,
    );
    expect(
      getDeployment(cluster, 'web').status!.conditions!.find((c) => c.type === 'Progressing'),
    ).toMatchObject({
      status: 'False',
      reason: 'ReplicaSetCreateError',
      message,
    });
    expect(replicaSetsOf(cluster, 'web')).toHaveLength(1);
  });
});
