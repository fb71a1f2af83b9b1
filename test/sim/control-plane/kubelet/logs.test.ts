import { describe, expect, it } from 'vitest';
import type { SimCluster } from '../../../../src/sim/cluster.js';
import { advanceUntil, container, createPod, logs, NS, newCluster, stateOf } from './harness.js';

const BANNER = 'line one\nline two\nline three';

function runningPod(cluster: SimCluster) {
  createPod(cluster, 'web', { behaviour: { logs: BANNER } });
  advanceUntil(cluster, () => stateOf(cluster, 'web') === 'running', 10);
}

describe('kubelet: pod logs', () => {
  it('validates the container like the API server does', () => {
    const cluster = newCluster();
    createPod(cluster, 'two', { spec: { containers: [container({ name: 'a' }), container({ name: 'b' })] } });
    expect(logs(cluster, 'two')).toBe(
      'ERROR 400: a container name must be specified for pod two, choose one of: [a b]',
    );
    expect(logs(cluster, 'two', { container: 'c' })).toBe('ERROR 400: container c is not valid for pod two');
    expect(logs(cluster, 'two', { container: 'a' })).toBe(
      'ERROR 400: container "a" in pod "two" is waiting to start: ContainerCreating',
    );
    expect(logs(cluster, 'two', { container: 'a', previous: true })).toBe(
      'ERROR 400: previous terminated container "a" in pod "two" not found',
    );
  });

  it('answers empty for a pod not yet on a node, and 404 for a pod that does not exist', () => {
    const cluster = newCluster();
    createPod(cluster, 'pending', { spec: { nodeSelector: { 'no-such': 'label' } } });
    expect(logs(cluster, 'pending')).toBe('');
    expect(logs(cluster, 'ghost')).toBe('ERROR 404: pods "ghost" not found');
  });

  it('applies tailLines, sinceSeconds, sinceTime, timestamps and limitBytes', () => {
    const cluster = newCluster();
    runningPod(cluster);
    expect(logs(cluster, 'web')).toBe(`${BANNER}\n`);
    expect(logs(cluster, 'web', { tailLines: 2 })).toBe('line two\nline three\n');
    expect(logs(cluster, 'web', { tailLines: 0 })).toBe('');
    expect(logs(cluster, 'web', { limitBytes: 6 })).toBe('line o');
    const stamped = logs(cluster, 'web', { timestamps: true }).split('\n');
    expect(stamped[0]).toMatch(/^2026-01-01T00:00:0\d\.000000000Z line one$/);
    expect(stamped[1]).toMatch(/^2026-01-01T00:00:0\d\.001000000Z line two$/);
    const firstLineAt = stamped[0]!.split(' ')[0]!;
    expect(logs(cluster, 'web', { sinceTime: firstLineAt.replace('.000000000Z', '.001Z') })).toBe(
      'line two\nline three\n',
    );
    cluster.advance(60_000);
    expect(logs(cluster, 'web', { sinceSeconds: 30 })).toBe('');
    expect(logs(cluster, 'web', { sinceSeconds: 120 })).toBe(`${BANNER}\n`);
  });

  it('follows a running container until it stops: nothing is sent twice, and the stream ends when it exits', () => {
    const cluster = newCluster();
    createPod(cluster, 'job', { behaviour: { logs: 'boot', 'exit-code': '3', 'exit-after-seconds': '20' } });
    advanceUntil(cluster, () => stateOf(cluster, 'job') === 'running', 10);
    const received: string[] = [];
    let ended = false;
    cluster.components.podLogs.follow!(
      NS,
      'job',
      {},
      (text) => received.push(text),
      () => (ended = true),
    );
    cluster.advance(10_000);
    expect(ended).toBe(false);
    advanceUntil(cluster, () => stateOf(cluster, 'job') !== 'running', 20);
    expect(ended).toBe(true);
    expect(received).toEqual([]);
  });

  it('ends a follow at once when the container shown has already exited (CrashLoopBackOff)', () => {
    const cluster = newCluster();
    createPod(cluster, 'crash', { behaviour: { logs: 'boot', 'exit-code': '3' } });
    advanceUntil(cluster, () => stateOf(cluster, 'crash') === 'waiting:CrashLoopBackOff', 20);
    expect(logs(cluster, 'crash')).toBe('boot\n');
    let ended = false;
    const stop = cluster.components.podLogs.follow!(
      NS,
      'crash',
      {},
      () => undefined,
      () => (ended = true),
    );
    expect(ended).toBe(true);
    stop();
  });

  it('stops notifying a follower that unsubscribed', () => {
    const cluster = newCluster();
    createPod(cluster, 'job', { behaviour: { 'exit-code': '0', 'exit-after-seconds': '5' } });
    advanceUntil(cluster, () => stateOf(cluster, 'job') === 'running', 10);
    let ended = false;
    const stop = cluster.components.podLogs.follow!(
      NS,
      'job',
      {},
      () => undefined,
      () => (ended = true),
    );
    stop();
    cluster.advance(10_000);
    expect(ended).toBe(false);
  });
});
