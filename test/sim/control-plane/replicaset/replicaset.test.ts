/**
 * The replicaset controller: pods from the template with a controller reference, SuccessfulCreate /
 * SuccessfulDelete events, status counts with minReadySeconds, adoption and release of pods.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod, ReplicaSet } from '../../../../src/kube/types.js';
import type { SimCluster } from '../../../../src/sim/cluster.js';
import { pods } from '../../../../src/sim/resources/pods.js';
import { replicaSets } from '../../../../src/sim/resources/replicasets.js';
import { eventLines, getObject, markPodReady, newCluster, NS, podsOf, TEST_SCHEDULER } from '../helpers.js';

function replicaSetBody(
  name: string,
  replicas: number,
  extra: Partial<NonNullable<ReplicaSet['spec']>> = {},
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, tier: 'web' }, annotations: { 'sim.sre-bot.dev/listen': '8080' } },
        spec: { schedulerName: TEST_SCHEDULER, containers: [{ name: 'app', image: 'nginx:1.25' }] },
      },
      ...extra,
    },
  };
}

const getReplicaSet = (cluster: SimCluster, name: string): ReplicaSet =>
  getObject<ReplicaSet>(cluster, replicaSets, name);

function setReplicas(cluster: SimCluster, name: string, replicas: number): void {
  const replicaSet = structuredClone(getReplicaSet(cluster, name));
  replicaSet.spec!.replicas = replicas;
  cluster.api.replace(replicaSets, NS, name, replicaSet);
  cluster.settle();
}

describe('replicaset controller', () => {
  it('creates pods from the template, owned by the ReplicaSet, and records each creation', () => {
    const cluster = newCluster();
    const created = cluster.api.create(replicaSets, NS, replicaSetBody('web-5d8f7c9b6', 3));
    cluster.settle();

    const owned = podsOf(cluster, created);
    expect(owned).toHaveLength(3);
    for (const pod of owned) {
      expect(pod.metadata!.name).toMatch(/^web-5d8f7c9b6-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.metadata!.generateName).toBe('web-5d8f7c9b6-');
      expect(pod.metadata!.labels).toEqual({ app: 'web-5d8f7c9b6', tier: 'web' });
      expect(pod.metadata!.annotations).toMatchObject({ 'sim.sre-bot.dev/listen': '8080' });
      expect(pod.metadata!.ownerReferences).toEqual([
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-5d8f7c9b6',
          uid: created.metadata!.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
      expect(pod.spec!.containers[0]!.image).toBe('nginx:1.25');
    }
    expect(eventLines(cluster, 'ReplicaSet', 'web-5d8f7c9b6').sort()).toEqual(
      owned.map((pod) => `Normal SuccessfulCreate: Created pod: ${pod.metadata!.name}`).sort(),
    );
    expect(getReplicaSet(cluster, 'web-5d8f7c9b6').status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      observedGeneration: 1,
    });
  });

  it('counts ready pods, and available ones only after minReadySeconds', () => {
    const cluster = newCluster();
    const created = cluster.api.create(replicaSets, NS, replicaSetBody('api', 2, { minReadySeconds: 10 }));
    cluster.settle();
    for (const pod of podsOf(cluster, created)) markPodReady(cluster, pod);
    cluster.settle();
    expect(getReplicaSet(cluster, 'api').status).toMatchObject({ replicas: 2, readyReplicas: 2 });
    expect(getReplicaSet(cluster, 'api').status!.availableReplicas).toBeUndefined();

    cluster.advance(10_000);
    expect(getReplicaSet(cluster, 'api').status!.availableReplicas).toBeUndefined();
    cluster.advance(1_000);
    expect(getReplicaSet(cluster, 'api').status!.availableReplicas).toBe(2);
  });

  it('deletes surplus pods not-ready first and records SuccessfulDelete', () => {
    const cluster = newCluster();
    const created = cluster.api.create(replicaSets, NS, replicaSetBody('api', 3));
    cluster.settle();
    const [readyPod] = podsOf(cluster, created);
    markPodReady(cluster, readyPod!);
    cluster.settle();

    setReplicas(cluster, 'api', 1);
    const remaining = podsOf(cluster, created);
    expect(remaining.map((pod) => pod.metadata!.name)).toEqual([readyPod!.metadata!.name]);
    const deletions = eventLines(cluster, 'ReplicaSet', 'api').filter((line) =>
      line.includes('SuccessfulDelete'),
    );
    expect(deletions).toHaveLength(2);
    expect(
      deletions.every((line) => /^Normal SuccessfulDelete: Deleted pod: api-[a-z0-9]{5}$/.test(line)),
    ).toBe(true);
    expect(deletions.some((line) => line.endsWith(readyPod!.metadata!.name!))).toBe(false);
    expect(getReplicaSet(cluster, 'api').status).toMatchObject({
      replicas: 1,
      readyReplicas: 1,
      observedGeneration: 2,
    });
  });

  it('adopts a matching orphan pod instead of creating one, and releases a pod relabelled away', () => {
    const cluster = newCluster();
    const orphan = cluster.api.create(pods, NS, {
      metadata: { name: 'stray', labels: { app: 'api' } },
      spec: { schedulerName: TEST_SCHEDULER, containers: [{ name: 'app', image: 'nginx:1.25' }] },
    });
    const created = cluster.api.create(replicaSets, NS, replicaSetBody('api', 1));
    cluster.settle();
    expect(podsOf(cluster, created).map((pod) => pod.metadata!.name)).toEqual(['stray']);
    expect(eventLines(cluster, 'ReplicaSet', 'api')).toEqual([]);

    // The quarantine trick: relabel the pod; the ReplicaSet lets it go and replaces it.
    const quarantined = structuredClone(cluster.api.get(pods, NS, 'stray')) as Pod;
    quarantined.metadata!.labels = { app: 'api-debug' };
    cluster.api.replace(pods, NS, 'stray', quarantined);
    cluster.settle();
    expect(cluster.api.get(pods, NS, 'stray').metadata!.ownerReferences).toBeUndefined();
    const replacements = podsOf(cluster, created);
    expect(replacements).toHaveLength(1);
    expect(replacements[0]!.metadata!.name).not.toBe('stray');
    expect(orphan.metadata!.uid).toBe(cluster.api.get(pods, NS, 'stray').metadata!.uid);
  });
});
