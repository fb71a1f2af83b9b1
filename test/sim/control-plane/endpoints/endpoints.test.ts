/** The endpoints controller: ready and not-ready addresses, named target ports, no subsets, cleanup. */
import { describe, expect, it } from 'vitest';
import type { Endpoints, Pod } from '../../../../src/kube/types.js';
import type { SimCluster } from '../../../../src/sim/cluster.js';
import { endpoints } from '../../../../src/sim/resources/endpoints.js';
import { pods } from '../../../../src/sim/resources/pods.js';
import { services } from '../../../../src/sim/resources/services.js';
import { markPodReady, newCluster, NS, TEST_SCHEDULER } from '../helpers.js';

/** A pod "on" a node that does not exist, so no kubelet ever picks it up. */
function createPod(cluster: SimCluster, name: string, labels: Record<string, string>): Pod {
  return cluster.api.create(pods, NS, {
    metadata: { name, labels },
    spec: {
      schedulerName: TEST_SCHEDULER,
      nodeName: 'test-node-x',
      containers: [
        { name: 'app', image: 'nginx:1.25', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] },
      ],
    },
  });
}

function setRunning(cluster: SimCluster, pod: Pod, ip: string): void {
  const body = structuredClone(cluster.api.get(pods, NS, pod.metadata!.name!)) as Pod;
  body.status = {
    phase: 'Running',
    podIP: ip,
    podIPs: [{ ip }],
    conditions: [{ type: 'Ready', status: 'False' }],
  };
  cluster.api.replace(pods, NS, pod.metadata!.name!, body, {}, 'status');
}

function createService(cluster: SimCluster, selector: Record<string, string> | undefined): void {
  cluster.api.create(services, NS, {
    metadata: { name: 'web', labels: { team: 'payments' } },
    spec: {
      ...(selector ? { selector } : {}),
      ports: [
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
        { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' },
      ],
    },
  });
  cluster.settle();
}

const getEndpoints = (cluster: SimCluster): Endpoints => cluster.api.get(endpoints, NS, 'web');

describe('endpoints controller', () => {
  it('creates an Endpoints object without subsets when no pod matches', () => {
    const cluster = newCluster();
    createService(cluster, { app: 'web' });
    const created = getEndpoints(cluster);
    expect(created.subsets).toBeUndefined();
    expect(created.metadata!.labels).toEqual({ team: 'payments' });
    expect(created.metadata!.annotations!['endpoints.kubernetes.io/last-change-trigger-time']).toBe(
      '2026-01-01T00:00:00Z',
    );
  });

  it('lists ready pods in addresses and the others in notReadyAddresses, resolving named target ports', () => {
    const cluster = newCluster();
    createService(cluster, { app: 'web' });
    const ready = createPod(cluster, 'web-a', { app: 'web' });
    const starting = createPod(cluster, 'web-b', { app: 'web' });
    createPod(cluster, 'web-no-ip', { app: 'web' });
    createPod(cluster, 'other', { app: 'other' });
    markPodReady(cluster, cluster.api.get(pods, NS, 'web-a'), '10.244.1.5');
    setRunning(cluster, starting, '10.244.1.6');
    cluster.settle();

    const targetRef = (pod: Pod) => ({
      kind: 'Pod',
      namespace: NS,
      name: pod.metadata!.name,
      uid: pod.metadata!.uid,
    });
    const subsets = getEndpoints(cluster).subsets!;
    const expectedAddresses = {
      addresses: [{ ip: '10.244.1.5', nodeName: 'test-node-x', targetRef: targetRef(ready) }],
      notReadyAddresses: [{ ip: '10.244.1.6', nodeName: 'test-node-x', targetRef: targetRef(starting) }],
    };
    expect(subsets).toEqual([
      { ...expectedAddresses, ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
      { ...expectedAddresses, ports: [{ name: 'metrics', port: 9090, protocol: 'TCP' }] },
    ]);

    // Readiness flips move the address between the lists.
    markPodReady(cluster, cluster.api.get(pods, NS, 'web-b'), '10.244.1.6');
    cluster.settle();
    expect(getEndpoints(cluster).subsets![0]!.addresses!.map((a) => a.ip)).toEqual([
      '10.244.1.5',
      '10.244.1.6',
    ]);
    expect(getEndpoints(cluster).subsets![0]!.notReadyAddresses).toBeUndefined();
  });

  it('drops pods being deleted, leaves selector-less Services alone and deletes Endpoints with their Service', () => {
    const cluster = newCluster();
    createService(cluster, { app: 'web' });
    const pod = createPod(cluster, 'web-a', { app: 'web' });
    markPodReady(cluster, pod, '10.244.1.5');
    cluster.settle();
    expect(getEndpoints(cluster).subsets).toHaveLength(2);

    cluster.api.delete(pods, NS, 'web-a');
    cluster.settle();
    expect(getEndpoints(cluster).subsets).toBeUndefined();

    cluster.api.delete(services, NS, 'web');
    cluster.settle();
    expect(cluster.api.find(endpoints, NS, 'web')).toBeUndefined();

    createService(cluster, undefined);
    expect(cluster.api.find(endpoints, NS, 'web')).toBeUndefined();
  });
});
