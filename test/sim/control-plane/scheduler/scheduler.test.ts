import { describe, expect, it } from 'vitest';
import type { Node } from '../../../../src/kube/types.js';
import { defaultNode } from '../../../../src/sim/bootstrap.js';
import { eventsK8sIo } from '../../../../src/sim/resources/events-k8s-io.js';
import { nodes } from '../../../../src/sim/resources/nodes.js';
import { persistentVolumeClaims } from '../../../../src/sim/resources/persistentvolumeclaims.js';
import { pods } from '../../../../src/sim/resources/pods.js';
import {
  createPod,
  failedScheduling,
  getPod,
  NS,
  newCluster,
  podScheduled,
  schedulerEvents,
  updateNode,
} from './harness.js';

const NO_VICTIMS = (n: number, total = 3) =>
  `preemption: 0/${total} nodes are available: ${n} No preemption victims found for incoming pod..`;
const NOT_HELPFUL = (n: number, total = 3) =>
  `preemption: 0/${total} nodes are available: ${n} Preemption is not helpful for scheduling..`;

describe('scheduler: binding', () => {
  it('binds a pending pod: spec.nodeName, PodScheduled True, a Scheduled event with action Binding', () => {
    const cluster = newCluster();
    createPod(cluster, 'web');
    const pod = getPod(cluster, 'web');
    expect(pod.spec?.nodeName).toBe('node-1');
    expect(podScheduled(cluster, 'web')).toMatchObject({
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: '2026-01-01T00:00:00Z',
    });
    const [event] = schedulerEvents(cluster, 'web');
    expect(event).toMatchObject({
      type: 'Normal',
      reason: 'Scheduled',
      message: 'Successfully assigned demo/web to node-1',
      action: 'Binding',
      reportingComponent: 'default-scheduler',
      source: {},
    });
    expect(event?.eventTime).toMatch(/^2026-01-01T00:00:00\.000000Z$/);
    // Also visible through events.k8s.io/v1, where new-style events live.
    const viaNewApi = cluster.api
      .list(eventsK8sIo, NS)
      .items.find((e) => e.metadata?.name === event?.metadata?.name);
    expect(viaNewApi).toMatchObject({ reason: 'Scheduled', action: 'Binding' });
  });

  it('spreads pods over the least allocated nodes, and counts pods bound in the same round', () => {
    const cluster = newCluster();
    for (const name of ['a', 'b', 'c', 'd']) {
      cluster.api.create(pods, NS, {
        metadata: { name },
        spec: {
          containers: [{ name: 'app', image: 'nginx:1.25', resources: { requests: { memory: '10Gi' } } }],
        },
      });
    }
    cluster.settle();
    expect(['a', 'b', 'c'].map((name) => getPod(cluster, name).spec?.nodeName)).toEqual([
      'node-1',
      'node-2',
      'node-3',
    ]);
    expect(getPod(cluster, 'd').spec?.nodeName).toBeUndefined();
    expect(failedScheduling(cluster, 'd')).toBe(
      `0/3 nodes are available: 3 Insufficient memory. ${NO_VICTIMS(3)}`,
    );
  });

  it('leaves pods of other schedulers, and pods being deleted, alone', () => {
    const cluster = newCluster();
    createPod(cluster, 'other', { schedulerName: 'my-scheduler' });
    expect(getPod(cluster, 'other').spec?.nodeName).toBeUndefined();
    expect(schedulerEvents(cluster, 'other')).toEqual([]);

    // A pending pod held by a finalizer is only marked by a delete; it must not be bound afterwards.
    cluster.api.create(pods, NS, {
      metadata: { name: 'leaving', finalizers: ['example.com/hold'] },
      spec: { nodeSelector: { pool: 'later' }, containers: [{ name: 'app', image: 'nginx:1.25' }] },
    });
    cluster.settle();
    cluster.api.delete(pods, NS, 'leaving');
    updateNode(cluster, 'node-1', (node) => {
      node.metadata = { ...node.metadata, labels: { ...node.metadata?.labels, pool: 'later' } };
    });
    cluster.advance(30_000);
    expect(getPod(cluster, 'leaving').metadata?.deletionTimestamp).toBeDefined();
    expect(getPod(cluster, 'leaving').spec?.nodeName).toBeUndefined();
  });
});

describe('scheduler: unschedulable pods', () => {
  it('reports insufficient memory with the double period, keeps the pod Pending without container statuses', () => {
    const cluster = newCluster();
    createPod(cluster, 'big', {}, { memory: '20Gi' });
    const message = `0/3 nodes are available: 3 Insufficient memory. ${NO_VICTIMS(3)}`;
    expect(podScheduled(cluster, 'big')).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
      message,
      lastProbeTime: null,
    });
    const pod = getPod(cluster, 'big');
    expect(pod.status?.phase).toBe('Pending');
    expect(pod.status?.containerStatuses).toBeUndefined();
    const [event] = schedulerEvents(cluster, 'big');
    expect(event).toMatchObject({
      type: 'Warning',
      reason: 'FailedScheduling',
      message,
      action: 'Scheduling',
    });
    expect(cluster.components.podLogs.read(NS, 'big', {})).toBe('');
  });

  it("counts each node's reasons and sorts them, with preemption split between resolvable and not", () => {
    const cluster = newCluster();
    createPod(cluster, 'hog', { nodeSelector: { 'kubernetes.io/hostname': 'node-1' } }, { cpu: '2' });
    updateNode(cluster, 'node-3', (node) => {
      node.spec = { ...node.spec, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] };
    });
    createPod(cluster, 'big', {}, { cpu: '3', memory: '20Gi' });
    expect(failedScheduling(cluster, 'big')).toBe(
      '0/3 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient memory. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..',
    );
  });

  it('reports untolerated taints (PreferNoSchedule does not count) and schedules pods that tolerate them', () => {
    const cluster = newCluster();
    for (const name of ['node-1', 'node-2', 'node-3']) {
      updateNode(cluster, name, (node) => {
        node.spec = {
          ...node.spec,
          taints: [
            { key: 'soft', effect: 'PreferNoSchedule' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
        };
      });
    }
    createPod(cluster, 'web');
    expect(failedScheduling(cluster, 'web')).toBe(
      `0/3 nodes are available: 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. ${NOT_HELPFUL(3)}`,
    );
    createPod(cluster, 'tolerant', {
      tolerations: [
        { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
      ],
    });
    expect(getPod(cluster, 'tolerant').spec?.nodeName).toBeDefined();
  });

  it('reports node selectors and required node affinity that no node matches', () => {
    const cluster = newCluster();
    createPod(cluster, 'ssd', { nodeSelector: { disktype: 'ssd' } });
    const mismatch = `0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. ${NOT_HELPFUL(3)}`;
    expect(failedScheduling(cluster, 'ssd')).toBe(mismatch);
    createPod(cluster, 'zone', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a'] },
                ],
              },
            ],
          },
        },
      },
    });
    expect(failedScheduling(cluster, 'zone')).toBe(mismatch);

    // Labelling a node is a change the scheduler retries on (after its 1 s back-off).
    updateNode(cluster, 'node-2', (node) => {
      node.metadata = {
        ...node.metadata,
        labels: { ...node.metadata?.labels, disktype: 'ssd', 'topology.kubernetes.io/zone': 'eu-west-1a' },
      };
    });
    cluster.advance(2000);
    expect(getPod(cluster, 'ssd').spec?.nodeName).toBe('node-2');
    expect(getPod(cluster, 'zone').spec?.nodeName).toBe('node-2');
  });

  it('keeps pods off nodes whose Ready condition is False (the not-ready taint)', () => {
    const cluster = newCluster();
    for (const name of ['node-1', 'node-2', 'node-3']) {
      const node = structuredClone(cluster.api.get(nodes, undefined, name)) as Node;
      node.status!.conditions = node.status!.conditions!.map((c) =>
        c.type === 'Ready' ? { ...c, status: 'False' } : c,
      );
      cluster.api.replace(nodes, undefined, name, node, {}, 'status');
    }
    cluster.settle();
    createPod(cluster, 'web');
    expect(failedScheduling(cluster, 'web')).toBe(
      `0/3 nodes are available: 3 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. ${NOT_HELPFUL(3)}`,
    );
  });

  it('reports cordoned nodes', () => {
    const cluster = newCluster();
    for (const name of ['node-1', 'node-2', 'node-3']) {
      updateNode(cluster, name, (node) => {
        node.spec = { ...node.spec, unschedulable: true };
      });
    }
    createPod(cluster, 'web');
    expect(failedScheduling(cluster, 'web')).toBe(
      `0/3 nodes are available: 3 node(s) were unschedulable. ${NOT_HELPFUL(3)}`,
    );
  });

  it('reports unbound and missing PersistentVolumeClaims before looking at nodes', () => {
    const cluster = newCluster();
    cluster.api.create(persistentVolumeClaims, NS, {
      metadata: { name: 'data' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'no-such-class',
        resources: { requests: { storage: '1Gi' } },
      },
    });
    cluster.settle();
    createPod(cluster, 'db', { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] });
    expect(failedScheduling(cluster, 'db')).toBe(
      `0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. ${NOT_HELPFUL(3)}`,
    );
    createPod(cluster, 'lost', { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'gone' } }] });
    expect(failedScheduling(cluster, 'lost')).toBe(
      `0/3 nodes are available: persistentvolumeclaim "gone" not found. ${NOT_HELPFUL(3)}`,
    );
  });

  it('reports a node that runs as many pods as it may (Too many pods)', () => {
    const cluster = newCluster({ withoutDefaultNodes: true });
    const small = defaultNode('small', 1, cluster.clock.nowTime());
    small.status = { ...small.status, allocatable: { ...small.status?.allocatable, pods: '1' } };
    cluster.api.create(nodes, undefined, small);
    cluster.settle();
    createPod(cluster, 'first');
    createPod(cluster, 'second');
    expect(getPod(cluster, 'first').spec?.nodeName).toBe('small');
    expect(failedScheduling(cluster, 'second')).toBe(
      `0/1 nodes are available: 1 Too many pods. ${NO_VICTIMS(1, 1)}`,
    );
  });

  it('says so when there are no nodes at all', () => {
    const cluster = newCluster({ withoutDefaultNodes: true });
    createPod(cluster, 'web');
    expect(podScheduled(cluster, 'web')).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
      message: 'no nodes available to schedule pods',
    });
  });

  it('honours preemptionPolicy Never in the message', () => {
    const cluster = newCluster();
    createPod(cluster, 'big', { preemptionPolicy: 'Never' }, { memory: '20Gi' });
    expect(failedScheduling(cluster, 'big')).toBe(
      '0/3 nodes are available: 3 Insufficient memory. preemption: not eligible due to preemptionPolicy=Never..',
    );
  });
});

describe('scheduler: retries', () => {
  it('retries after its back-off when the cluster changes, folding repeats into the event series', () => {
    const cluster = newCluster();
    createPod(cluster, 'big', {}, { memory: '20Gi' });
    const [first] = schedulerEvents(cluster, 'big');
    expect(first?.series).toBeUndefined();

    // Nothing changed: no retry before the 5-minute flush.
    cluster.advance(60_000);
    expect(schedulerEvents(cluster, 'big')[0]?.series).toBeUndefined();
    cluster.advance(4 * 60_000);
    expect(schedulerEvents(cluster, 'big')[0]?.series?.count).toBe(2);

    // A node that is still too small is a change: retried within the back-off, with a new message (0/4).
    cluster.api.create(nodes, undefined, defaultNode('node-4', 4, cluster.clock.nowTime(), '4', '8Gi'));
    cluster.advance(10_000);
    expect(schedulerEvents(cluster, 'big').map((e) => e.message)).toEqual([
      `0/3 nodes are available: 3 Insufficient memory. ${NO_VICTIMS(3)}`,
      `0/4 nodes are available: 4 Insufficient memory. ${NO_VICTIMS(4, 4)}`,
    ]);
    // Another change that does not help: the same message again, folded into that event's series.
    updateNode(cluster, 'node-4', (node) => {
      node.metadata = { ...node.metadata, labels: { ...node.metadata?.labels, spare: 'true' } };
    });
    cluster.advance(10_000);
    expect(schedulerEvents(cluster, 'big')[1]?.series?.count).toBe(2);
    expect(podScheduled(cluster, 'big').message).toBe(
      `0/4 nodes are available: 4 Insufficient memory. ${NO_VICTIMS(4, 4)}`,
    );
  });

  it('binds the pod once capacity frees up, within the 10 s maximum back-off', () => {
    const cluster = newCluster();
    for (const name of ['node-1', 'node-2', 'node-3']) {
      createPod(
        cluster,
        `hog-${name}`,
        { nodeSelector: { 'kubernetes.io/hostname': name } },
        { memory: '12Gi' },
      );
    }
    createPod(cluster, 'web', {}, { memory: '8Gi' });
    for (let i = 0; i < 6; i += 1) cluster.advance(5000);
    expect(getPod(cluster, 'web').spec?.nodeName).toBeUndefined();
    cluster.api.delete(pods, NS, 'hog-node-2', { gracePeriodSeconds: 0 });
    cluster.settle();
    cluster.advance(10_000);
    expect(getPod(cluster, 'web').spec?.nodeName).toBe('node-2');
    expect(podScheduled(cluster, 'web').status).toBe('True');
    expect(schedulerEvents(cluster, 'web').map((e) => e.reason)).toEqual(['FailedScheduling', 'Scheduled']);
  });
});
