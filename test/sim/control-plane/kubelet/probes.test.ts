import { describe, expect, it } from 'vitest';
import type { Probe } from '../../../../src/kube/types.js';
import {
  advanceUntil,
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

const http = (path: string, port: number | string, extra: Partial<Probe> = {}): Probe => ({
  httpGet: { path, port },
  ...extra,
});

describe('kubelet: readiness probes', () => {
  it('keeps a container unready on 404s outside http-ok-paths: Running, Ready False, Unhealthy counted per period', () => {
    const cluster = newCluster();
    createPod(cluster, 'web', {
      behaviour: { 'http-ok-paths': '/healthz' },
      spec: {
        containers: [
          container({
            ports: [{ name: 'http', containerPort: 8080 }],
            readinessProbe: http('/ready', 'http'),
          }),
        ],
      },
    });
    advanceUntil(cluster, () => stateOf(cluster, 'web') === 'running', 10);
    cluster.advance(35_000);
    expect(getPod(cluster, 'web').status?.phase).toBe('Running');
    expect(status(cluster, 'web')).toMatchObject({ ready: false, started: true });
    expect(condition(cluster, 'web', 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [web]',
    });
    expect(condition(cluster, 'web', 'ContainersReady').status).toBe('False');
    expect(
      eventCount(
        cluster,
        'web',
        'Unhealthy',
        'Readiness probe failed: HTTP probe failed with statuscode: 404',
      ),
    ).toBe(4);
    expect(status(cluster, 'web').restartCount).toBe(0);
  });

  it('refuses connections on the pod IP until startup-seconds have passed, then turns Ready', () => {
    const cluster = newCluster();
    createPod(cluster, 'slow', {
      behaviour: { 'startup-seconds': '20' },
      spec: { containers: [container({ readinessProbe: http('/healthz', 8080, { periodSeconds: 5 }) })] },
    });
    advanceUntil(cluster, () => stateOf(cluster, 'slow') === 'running', 10);
    const podIp = getPod(cluster, 'slow').status?.podIP;
    const readyAfter = advanceUntil(cluster, () => status(cluster, 'slow').ready === true, 60);
    expect(readyAfter).toBeGreaterThanOrEqual(20);
    expect(readyAfter).toBeLessThanOrEqual(25);
    expect(condition(cluster, 'slow', 'Ready').status).toBe('True');
    expect(eventLines(cluster, 'slow')).toContain(
      `Warning Unhealthy: Readiness probe failed: Get "http://${podIp}:8080/healthz": dial tcp ${podIp}:8080: connect: connection refused`,
    );
  });

  it('reports tcpSocket and gRPC failures in their own words, and passes exec probes', () => {
    const cluster = newCluster();
    createPod(cluster, 'probes', {
      behaviour: { listen: '9000' },
      spec: {
        containers: [
          container({ name: 'tcp', readinessProbe: { tcpSocket: { port: 5432 } } }),
          container({ name: 'grpc', readinessProbe: { grpc: { port: 9090 } } }),
          container({ name: 'exec', readinessProbe: { exec: { command: ['cat', '/tmp/ready'] } } }),
          container({ name: 'ok', readinessProbe: { tcpSocket: { port: 9000 } } }),
        ],
      },
    });
    cluster.advance(15_000);
    const ip = getPod(cluster, 'probes').status?.podIP;
    const lines = eventLines(cluster, 'probes');
    expect(lines).toContain(
      `Warning Unhealthy: Readiness probe failed: dial tcp ${ip}:5432: connect: connection refused`,
    );
    expect(lines).toContain(
      `Warning Unhealthy: Readiness probe failed: timeout: failed to connect service "${ip}:9090" within 1s`,
    );
    expect(status(cluster, 'probes', 'exec').ready).toBe(true);
    expect(status(cluster, 'probes', 'ok').ready).toBe(true);
    expect(condition(cluster, 'probes', 'Ready').message).toBe('containers with unready status: [tcp grpc]');
  });
});

describe('kubelet: liveness and startup probes', () => {
  it('kills a container failing liveness failureThreshold times and restarts it (exit 137)', () => {
    const cluster = newCluster();
    createPod(cluster, 'web', {
      spec: {
        containers: [
          container({ livenessProbe: http('/healthz', 8081, { periodSeconds: 5, failureThreshold: 3 }) }),
        ],
      },
    });
    advanceUntil(cluster, () => stateOf(cluster, 'web') === 'running', 10);
    const ip = getPod(cluster, 'web').status?.podIP;
    advanceUntil(cluster, () => stateOf(cluster, 'web') !== 'running', 30);
    expect(status(cluster, 'web').state?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    const unhealthy = `Liveness probe failed: Get "http://${ip}:8081/healthz": dial tcp ${ip}:8081: connect: connection refused`;
    expect(eventCount(cluster, 'web', 'Unhealthy', unhealthy)).toBe(3);
    expect(eventLines(cluster, 'web').at(-1)).toBe(
      'Normal Killing: Container web failed liveness probe, will be restarted',
    );
    advanceUntil(cluster, () => stateOf(cluster, 'web') === 'running', 5);
    expect(status(cluster, 'web').restartCount).toBe(1);
    expect(status(cluster, 'web').lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  it('does not run liveness before the startup probe succeeds; started turns true with it', () => {
    const cluster = newCluster();
    createPod(cluster, 'slow', {
      behaviour: { 'startup-seconds': '15' },
      spec: {
        containers: [
          container({
            startupProbe: http('/healthz', 8080, { periodSeconds: 5, failureThreshold: 10 }),
            livenessProbe: http('/healthz', 8080, { periodSeconds: 5, failureThreshold: 1 }),
          }),
        ],
      },
    });
    advanceUntil(cluster, () => stateOf(cluster, 'slow') === 'running', 10);
    expect(status(cluster, 'slow')).toMatchObject({ started: false, ready: false });
    advanceUntil(cluster, () => status(cluster, 'slow').started === true, 30);
    expect(status(cluster, 'slow').ready).toBe(true);
    cluster.advance(60_000);
    expect(status(cluster, 'slow').restartCount).toBe(0);
    expect(eventLines(cluster, 'slow').some((line) => line.includes('Liveness probe failed'))).toBe(false);
    expect(eventLines(cluster, 'slow').some((line) => line.includes('Startup probe failed'))).toBe(true);
  });

  it('kills a container whose startup probe keeps failing', () => {
    const cluster = newCluster();
    createPod(cluster, 'never', {
      behaviour: { 'http-ok-paths': '/other' },
      spec: {
        containers: [
          container({ startupProbe: http('/healthz', 8080, { periodSeconds: 2, failureThreshold: 2 }) }),
        ],
      },
    });
    advanceUntil(
      cluster,
      () =>
        eventLines(cluster, 'never').includes(
          'Normal Killing: Container web failed startup probe, will be restarted',
        ),
      30,
    );
    expect(
      eventCount(
        cluster,
        'never',
        'Unhealthy',
        'Startup probe failed: HTTP probe failed with statuscode: 404',
      ),
    ).toBe(2);
  });
});
