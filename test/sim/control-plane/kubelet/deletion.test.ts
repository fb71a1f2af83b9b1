import { describe, expect, it } from 'vitest';
import { pods } from '../../../../src/sim/resources/pods.js';
import {
  advanceUntil,
  condition,
  createPod,
  eventLines,
  findPod,
  getPod,
  NS,
  newCluster,
  stateOf,
  status,
} from './harness.js';

describe('kubelet: graceful pod deletion', () => {
  it('stops the running containers (Killing), reports them terminated, then removes the pod a second later', () => {
    const cluster = newCluster();
    createPod(cluster, 'web');
    advanceUntil(cluster, () => stateOf(cluster, 'web') === 'running', 10);
    cluster.api.delete(pods, NS, 'web');
    cluster.settle();

    const pod = getPod(cluster, 'web');
    expect(pod.metadata?.deletionTimestamp).toBeDefined();
    expect(pod.metadata?.deletionGracePeriodSeconds).toBe(30);
    expect(eventLines(cluster, 'web').at(-1)).toBe('Normal Killing: Stopping container web');
    expect(stateOf(cluster, 'web')).toBe('terminated:Completed:0');
    expect(status(cluster, 'web').ready).toBe(false);
    expect(condition(cluster, 'web', 'Ready').status).toBe('False');

    cluster.advance(1000);
    expect(findPod(cluster, 'web')).toBeUndefined();
  });

  it('removes a crash-looping pod too, without restarting its container meanwhile', () => {
    const cluster = newCluster();
    createPod(cluster, 'api', { behaviour: { 'exit-code': '1' } });
    advanceUntil(cluster, () => stateOf(cluster, 'api') === 'waiting:CrashLoopBackOff', 30);
    const restarts = status(cluster, 'api').restartCount;
    cluster.api.delete(pods, NS, 'api');
    cluster.settle();
    expect(eventLines(cluster, 'api')).not.toContain('Normal Killing: Stopping container web');
    expect(status(cluster, 'api').restartCount).toBe(restarts);
    cluster.advance(1000);
    expect(findPod(cluster, 'api')).toBeUndefined();
  });

  it('forgets a removed pod: a new pod of the same name starts from scratch', () => {
    const cluster = newCluster();
    createPod(cluster, 'web', { behaviour: { 'exit-code': '1' } });
    advanceUntil(cluster, () => (status(cluster, 'web').restartCount ?? 0) >= 2, 60);
    cluster.api.delete(pods, NS, 'web', { gracePeriodSeconds: 0 });
    cluster.settle();
    createPod(cluster, 'web');
    advanceUntil(cluster, () => stateOf(cluster, 'web') === 'running', 10);
    expect(status(cluster, 'web').restartCount).toBe(0);
    cluster.advance(60_000);
    expect(stateOf(cluster, 'web')).toBe('running');
  });
});
