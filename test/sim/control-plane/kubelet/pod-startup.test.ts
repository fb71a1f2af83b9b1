import { describe, expect, it } from 'vitest';
import type { Node } from '../../../../src/kube/types.js';
import { nodes } from '../../../../src/sim/resources/nodes.js';
import { pods } from '../../../../src/sim/resources/pods.js';
import {
  advanceUntil,
  at,
  condition,
  container,
  createPod,
  eventCount,
  eventLines,
  getPod,
  newCluster,
  stateOf,
  status,
} from './harness.js';

describe('kubelet: starting a pod', () => {
  it('reports the first status at once: ContainerCreating, IPs from the node, start time, conditions in 1.32 order', () => {
    const cluster = newCluster();
    createPod(cluster, 'web');
    const pod = getPod(cluster, 'web');

    expect(pod.spec?.nodeName).toBe('node-1');
    expect(pod.status?.phase).toBe('Pending');
    expect(pod.status?.hostIP).toBe('10.0.0.1');
    expect(pod.status?.hostIPs).toEqual([{ ip: '10.0.0.1' }]);
    expect(pod.status?.podIP).toBe('10.244.1.2');
    expect(pod.status?.podIPs).toEqual([{ ip: '10.244.1.2' }]);
    expect(pod.status?.startTime).toBe(at(0));
    expect(pod.status?.qosClass).toBe('BestEffort');
    expect(pod.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=False',
      'ContainersReady=False',
      'PodScheduled=True',
    ]);
    expect(condition(cluster, 'web', 'Ready')).toMatchObject({
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [web]',
    });
    expect(pod.status?.containerStatuses).toEqual([
      {
        name: 'web',
        state: { waiting: { reason: 'ContainerCreating' } },
        lastState: {},
        ready: false,
        restartCount: 0,
        image: 'nginx:1.25',
        imageID: '',
        started: false,
      },
    ]);
    expect(eventLines(cluster, 'web')).toEqual([
      'Normal Scheduled: Successfully assigned demo/web to node-1',
      'Normal Pulling: Pulling image "nginx:1.25"',
    ]);
  });

  it('starts the container once the image is pulled: Pulled (time, size), Created, Started, Running and Ready', () => {
    const cluster = newCluster();
    createPod(cluster, 'web');
    const seconds = advanceUntil(cluster, () => stateOf(cluster, 'web') === 'running', 10);
    expect(seconds).toBeGreaterThanOrEqual(1);

    const lines = eventLines(cluster, 'web');
    expect(lines.slice(2)).toEqual([
      expect.stringMatching(
        /^Normal Pulled: Successfully pulled image "nginx:1\.25" in (\d+(?:\.\d+)?m?s) \(\1 including waiting\)\. Image size: \d+ bytes\.$/,
      ),
      'Normal Created: Created container web',
      'Normal Started: Started container web',
    ]);
    const pod = getPod(cluster, 'web');
    expect(pod.status?.phase).toBe('Running');
    const web = status(cluster, 'web');
    expect(web.state?.running?.startedAt).toBe(at(seconds));
    expect(web).toMatchObject({
      ready: true,
      started: true,
      restartCount: 0,
      image: 'docker.io/library/nginx:1.25',
    });
    expect(web.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(web.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(condition(cluster, 'web', 'Ready')).toEqual({
      type: 'Ready',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: at(seconds),
    });
    expect(condition(cluster, 'web', 'ContainersReady').status).toBe('True');
  });

  it('finds the image already present on the node the second time, and pulls again with imagePullPolicy Always', () => {
    const cluster = newCluster();
    const onNode1 = { nodeSelector: { 'kubernetes.io/hostname': 'node-1' } };
    createPod(cluster, 'first', { spec: onNode1 });
    advanceUntil(cluster, () => stateOf(cluster, 'first') === 'running', 10);

    createPod(cluster, 'second', { spec: onNode1 });
    expect(stateOf(cluster, 'second')).toBe('running');
    expect(eventLines(cluster, 'second').slice(1)).toEqual([
      'Normal Pulled: Container image "nginx:1.25" already present on machine',
      'Normal Created: Created container web',
      'Normal Started: Started container web',
    ]);

    createPod(cluster, 'always', {
      spec: { ...onNode1, containers: [container({ imagePullPolicy: 'Always' })] },
    });
    expect(stateOf(cluster, 'always')).toBe('waiting:ContainerCreating');
    advanceUntil(cluster, () => stateOf(cluster, 'always') === 'running', 10);
    expect(eventCount(cluster, 'always', 'Pulling', 'Pulling image "nginx:1.25"')).toBe(1);
    expect(eventLines(cluster, 'always')).toContainEqual(
      expect.stringMatching(
        /^Normal Pulled: Successfully pulled image "nginx:1\.25" in \d+ms \(\d+ms including waiting\)/,
      ),
    );
  });

  it('hands out pod IPs sequentially from the node podCIDR', () => {
    const cluster = newCluster();
    const onNode2 = { nodeSelector: { 'kubernetes.io/hostname': 'node-2' } };
    createPod(cluster, 'a', { spec: onNode2 });
    createPod(cluster, 'b', { spec: onNode2 });
    expect(getPod(cluster, 'a').status?.podIP).toBe('10.244.2.2');
    expect(getPod(cluster, 'b').status?.podIP).toBe('10.244.2.3');
    expect(getPod(cluster, 'b').status?.hostIP).toBe('10.0.0.2');
    createPod(cluster, 'host', { spec: { ...onNode2, hostNetwork: true } });
    expect(getPod(cluster, 'host').status?.podIP).toBe('10.0.0.2');
  });

  it('writes the status only when something changed (no timestamp churn)', () => {
    const cluster = newCluster();
    createPod(cluster, 'web');
    advanceUntil(cluster, () => stateOf(cluster, 'web') === 'running', 10);
    const before = getPod(cluster, 'web').metadata?.resourceVersion;
    cluster.advance(10 * 60_000);
    expect(getPod(cluster, 'web').metadata?.resourceVersion).toBe(before);
  });

  it('keeps the QoS class computed from the requests and limits', () => {
    const cluster = newCluster();
    const resources = { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '100m', memory: '64Mi' } };
    createPod(cluster, 'guaranteed', { spec: { containers: [container({ resources })] } });
    expect(getPod(cluster, 'guaranteed').status?.qosClass).toBe('Guaranteed');
    expect(cluster.api.list(pods, 'demo').items).toHaveLength(1);
  });

  it('leaves pods on a NotReady node alone (its kubelet is down) and picks them up when it comes back', () => {
    const cluster = newCluster();
    const setReady = (status: 'True' | 'False') => {
      const node = structuredClone(cluster.api.get(nodes, undefined, 'node-3')) as Node;
      node.status!.conditions = node.status!.conditions!.map((c) =>
        c.type === 'Ready' ? { ...c, status } : c,
      );
      cluster.api.replace(nodes, undefined, 'node-3', node, {}, 'status');
      cluster.settle();
    };
    setReady('False');
    createPod(cluster, 'stuck', { spec: { nodeName: 'node-3' } });
    cluster.advance(30_000);
    expect(getPod(cluster, 'stuck').status?.containerStatuses).toBeUndefined();
    setReady('True');
    advanceUntil(cluster, () => stateOf(cluster, 'stuck') === 'running', 10);
  });
});
