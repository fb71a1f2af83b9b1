import { describe, expect, it } from 'vitest';
import {
  advanceUntil,
  condition,
  container,
  createPod,
  getPod,
  newCluster,
  stateOf,
  status,
} from './harness.js';

const withInit = { initContainers: [container({ name: 'migrate', image: 'busybox:1.36' })] };

describe('kubelet: init containers', () => {
  it('runs init containers to completion first; app containers wait in PodInitializing', () => {
    const cluster = newCluster();
    createPod(cluster, 'web', { spec: withInit });
    expect(stateOf(cluster, 'web')).toBe('waiting:PodInitializing');
    expect(condition(cluster, 'web', 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [migrate]',
    });
    advanceUntil(cluster, () => stateOf(cluster, 'web') === 'running', 20);
    expect(stateOf(cluster, 'web', 'migrate')).toBe('terminated:Completed:0');
    expect(condition(cluster, 'web', 'Initialized').status).toBe('True');
    expect(getPod(cluster, 'web').status?.phase).toBe('Running');
  });

  it('restarts a failing init container with back-off (the pod stays Pending), or fails the pod under Never', () => {
    const cluster = newCluster();
    const failing = { 'exit-code.migrate': '1' };
    createPod(cluster, 'retry', { behaviour: failing, spec: withInit });
    createPod(cluster, 'never', { behaviour: failing, spec: { ...withInit, restartPolicy: 'Never' } });
    cluster.advance(30_000);
    expect(stateOf(cluster, 'retry', 'migrate')).toBe('waiting:CrashLoopBackOff');
    expect(status(cluster, 'retry', 'migrate').restartCount).toBeGreaterThanOrEqual(1);
    expect(stateOf(cluster, 'retry')).toBe('waiting:PodInitializing');
    expect(getPod(cluster, 'retry').status?.phase).toBe('Pending');
    expect(getPod(cluster, 'never').status?.phase).toBe('Failed');
    expect(stateOf(cluster, 'never', 'migrate')).toBe('terminated:Error:1');
  });

  it('starts a sidecar (restartPolicy Always) before the app containers and keeps it running and restarting', () => {
    const cluster = newCluster();
    createPod(cluster, 'meshed', {
      behaviour: { 'exit-code.proxy': '1', 'exit-after-seconds.proxy': '30' },
      spec: {
        initContainers: [
          container({ name: 'migrate', image: 'busybox:1.36' }),
          container({ name: 'proxy', image: 'envoyproxy/envoy:v1.31', restartPolicy: 'Always' }),
        ],
      },
    });
    advanceUntil(cluster, () => stateOf(cluster, 'meshed') === 'running', 30);
    expect(stateOf(cluster, 'meshed', 'proxy')).toBe('running');
    expect(status(cluster, 'meshed', 'proxy')).toMatchObject({ started: true, ready: true });
    expect(condition(cluster, 'meshed', 'Initialized').status).toBe('True');
    expect(condition(cluster, 'meshed', 'Ready').status).toBe('True');

    // The sidecar exits after 30 s: it is restarted, the pod stays initialized and the app keeps running.
    advanceUntil(cluster, () => (status(cluster, 'meshed', 'proxy').restartCount ?? 0) >= 1, 60);
    expect(condition(cluster, 'meshed', 'Initialized').status).toBe('True');
    expect(stateOf(cluster, 'meshed')).toBe('running');
    expect(getPod(cluster, 'meshed').status?.initContainerStatuses?.map((s) => s.name)).toEqual([
      'migrate',
      'proxy',
    ]);
  });

  it('lists an unready sidecar in the Ready condition', () => {
    const cluster = newCluster();
    createPod(cluster, 'meshed', {
      behaviour: { 'http-ok-paths.proxy': '/ready' },
      spec: {
        initContainers: [
          container({
            name: 'proxy',
            restartPolicy: 'Always',
            readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
          }),
        ],
      },
    });
    cluster.advance(30_000);
    expect(stateOf(cluster, 'meshed')).toBe('running');
    expect(condition(cluster, 'meshed', 'Ready')).toMatchObject({
      status: 'False',
      message: 'containers with unready status: [proxy]',
    });
  });
});
