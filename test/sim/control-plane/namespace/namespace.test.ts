/** The namespace controller: per-namespace defaults, and deleting a namespace with everything in it. */
import { describe, expect, it } from 'vitest';
import type { ConfigMap, Namespace, Pod } from '../../../../src/kube/types.js';
import { configMaps } from '../../../../src/sim/resources/configmaps.js';
import { deployments } from '../../../../src/sim/resources/deployments.js';
import { namespaces } from '../../../../src/sim/resources/namespaces.js';
import { pods } from '../../../../src/sim/resources/pods.js';
import { replicaSets } from '../../../../src/sim/resources/replicasets.js';
import { serviceAccounts } from '../../../../src/sim/resources/serviceaccounts.js';
import { deploymentBody, driveRollout, listObjects, newCluster, NS } from '../helpers.js';

describe('namespace controller', () => {
  it('gives every namespace a default ServiceAccount and the kube-root-ca.crt ConfigMap, restoring them', () => {
    const cluster = newCluster();
    for (const namespace of ['default', 'kube-system', NS]) {
      expect(cluster.api.find(serviceAccounts, namespace, 'default')).toBeDefined();
      const bundle = cluster.api.get(configMaps, namespace, 'kube-root-ca.crt') as ConfigMap;
      expect(bundle.data!['ca.crt']).toMatch(
        /^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/,
      );
    }
    cluster.api.delete(serviceAccounts, NS, 'default');
    const edited = structuredClone(cluster.api.get(configMaps, NS, 'kube-root-ca.crt')) as ConfigMap;
    edited.data = { 'ca.crt': 'tampered' };
    cluster.api.replace(configMaps, NS, 'kube-root-ca.crt', edited);
    cluster.settle();
    expect(cluster.api.find(serviceAccounts, NS, 'default')).toBeDefined();
    expect((cluster.api.get(configMaps, NS, 'kube-root-ca.crt') as ConfigMap).data!['ca.crt']).toMatch(
      /^-----BEGIN/,
    );
  });

  it('deletes the content of a terminating namespace, then the namespace', () => {
    const cluster = newCluster();
    cluster.api.create(deployments, NS, deploymentBody('web', { replicas: 2 }));
    driveRollout(cluster, 'web');
    const hold = structuredClone(listObjects<Pod>(cluster, pods)[0]!);
    hold.metadata!.finalizers = ['test.sre-bot.dev/hold'];
    cluster.api.replace(pods, NS, hold.metadata!.name!, hold);

    cluster.api.delete(namespaces, undefined, NS);
    cluster.settle();
    const terminating = cluster.api.get(namespaces, undefined, NS) as Namespace;
    expect(terminating.status!.phase).toBe('Terminating');
    expect(listObjects(cluster, deployments)).toEqual([]);
    expect(listObjects(cluster, replicaSets)).toEqual([]);
    expect(cluster.api.find(serviceAccounts, NS, 'default')).toBeUndefined();
    expect(listObjects<Pod>(cluster, pods).map((pod) => pod.metadata!.name)).toEqual([hold.metadata!.name]);

    const released = structuredClone(cluster.api.get(pods, NS, hold.metadata!.name!)) as Pod;
    released.metadata!.finalizers = [];
    cluster.api.replace(pods, NS, hold.metadata!.name!, released);
    cluster.settle();
    expect(cluster.api.find(namespaces, undefined, NS)).toBeUndefined();
  });
});
