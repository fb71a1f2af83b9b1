/**
 * END-TO-END — NEEDS THE SCHEDULER AND KUBELET (skipped until both are registered): surplus pods are deleted
 * gracefully and the kubelet finishes the deletion.
 */
import { describe, expect, it } from 'vitest';
import type { Pod, ReplicaSet } from '../../../../src/kube/types.js';
import { replicaSets } from '../../../../src/sim/resources/replicasets.js';
import { eventLines, newCluster, NS, podsOf } from '../helpers.js';

describe('replicaset end to end', () => {
  it('scales down through graceful deletion', () => {
    const cluster = newCluster();
    const created = cluster.api.create(replicaSets, NS, {
      metadata: { name: 'api' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'api' } },
        template: {
          metadata: { labels: { app: 'api' } },
          spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] },
        },
      },
    });
    cluster.advance(30_000);
    expect((cluster.api.get(replicaSets, NS, 'api') as ReplicaSet).status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });

    const scaled = structuredClone(cluster.api.get(replicaSets, NS, 'api')) as ReplicaSet;
    scaled.spec!.replicas = 1;
    cluster.api.replace(replicaSets, NS, 'api', scaled);
    cluster.settle();
    const terminating = podsOf(cluster, created).filter((pod: Pod) => pod.metadata!.deletionTimestamp);
    expect(terminating).toHaveLength(2);
    expect((cluster.api.get(replicaSets, NS, 'api') as ReplicaSet).status!.replicas).toBe(1);

    cluster.advance(40_000);
    expect(podsOf(cluster, created)).toHaveLength(1);
    expect(
      eventLines(cluster, 'ReplicaSet', 'api').filter((line) => line.includes('SuccessfulDelete')),
    ).toHaveLength(2);
  });
});
