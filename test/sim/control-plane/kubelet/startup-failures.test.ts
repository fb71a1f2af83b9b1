import { describe, expect, it } from 'vitest';
import { configMaps } from '../../../../src/sim/resources/configmaps.js';
import { endpoints } from '../../../../src/sim/resources/endpoints.js';
import { services } from '../../../../src/sim/resources/services.js';
import {
  advanceUntil,
  condition,
  container,
  createPod,
  eventCount,
  eventLines,
  getPod,
  logs,
  NS,
  newCluster,
  stateOf,
  status,
} from './harness.js';

const RUNC =
  'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process';

describe('kubelet: volumes that cannot be mounted', () => {
  it('keeps the pod in ContainerCreating without a sandbox (no IP) and reports FailedMount until the ConfigMap exists', () => {
    const cluster = newCluster();
    createPod(cluster, 'web', {
      spec: {
        volumes: [{ name: 'config', configMap: { name: 'web-config' } }],
        containers: [container({ volumeMounts: [{ name: 'config', mountPath: '/etc/web' }] })],
      },
    });
    const message = 'MountVolume.SetUp failed for volume "config" : configmap "web-config" not found';
    expect(eventLines(cluster, 'web')).toContain(`Warning FailedMount: ${message}`);
    cluster.advance(60_000);
    expect(stateOf(cluster, 'web')).toBe('waiting:ContainerCreating');
    expect(getPod(cluster, 'web').status?.podIP).toBeUndefined();
    expect(condition(cluster, 'web', 'PodReadyToStartContainers').status).toBe('False');
    // Retried with the volume manager's exponential back-off: 1, 2, 4, 8, 16, 32 s.
    expect(eventCount(cluster, 'web', 'FailedMount', message)).toBe(6);

    cluster.api.create(configMaps, NS, { metadata: { name: 'web-config' }, data: { 'web.conf': 'x' } });
    advanceUntil(cluster, () => stateOf(cluster, 'web') === 'running', 120);
    expect(getPod(cluster, 'web').status?.podIP).toBe('10.244.1.2');
    expect(condition(cluster, 'web', 'PodReadyToStartContainers').status).toBe('True');
  });

  it('names missing Secrets and missing keys, and mounts optional volumes regardless', () => {
    const cluster = newCluster();
    cluster.api.create(configMaps, NS, { metadata: { name: 'present' }, data: { a: '1' } });
    createPod(cluster, 'secret', {
      spec: { volumes: [{ name: 'creds', secret: { secretName: 'db-creds' } }] },
    });
    createPod(cluster, 'key', {
      spec: {
        volumes: [
          { name: 'config', configMap: { name: 'present', items: [{ key: 'app.yaml', path: 'app.yaml' }] } },
        ],
      },
    });
    createPod(cluster, 'optional', {
      spec: { volumes: [{ name: 'extra', configMap: { name: 'absent', optional: true } }] },
    });
    cluster.advance(10_000);
    expect(eventLines(cluster, 'secret')).toContain(
      'Warning FailedMount: MountVolume.SetUp failed for volume "creds" : secret "db-creds" not found',
    );
    expect(eventLines(cluster, 'key')).toContain(
      'Warning FailedMount: MountVolume.SetUp failed for volume "config" : configmap references non-existent config key: app.yaml',
    );
    expect(stateOf(cluster, 'optional')).toBe('running');
  });
});

describe('kubelet: executables missing from the image', () => {
  it("fails the start with runc's message: RunContainerError, lastState StartError 128, then CrashLoopBackOff", () => {
    const cluster = newCluster();
    createPod(cluster, 'web', {
      behaviour: { entrypoints: '/app/server,python' },
      spec: { containers: [container({ command: ['/app/serve'] })] },
    });
    advanceUntil(cluster, () => stateOf(cluster, 'web') === 'waiting:RunContainerError', 10);
    const message = `${RUNC}: exec: "/app/serve": stat /app/serve: no such file or directory: unknown`;
    const web = status(cluster, 'web');
    expect(web.state?.waiting?.message).toBe(message);
    expect(web.lastState?.terminated).toMatchObject({
      exitCode: 128,
      reason: 'StartError',
      message,
      startedAt: '1970-01-01T00:00:00Z',
    });
    expect(web.restartCount).toBe(0);
    expect(eventLines(cluster, 'web').slice(-2)).toEqual([
      'Normal Created: Created container web',
      `Warning Failed: Error: ${message}`,
    ]);
    advanceUntil(cluster, () => stateOf(cluster, 'web') === 'waiting:CrashLoopBackOff', 10);
    expect(logs(cluster, 'web')).toBe('');
  });

  it('looks bare commands up on $PATH, and accepts the executables the image has', () => {
    const cluster = newCluster();
    createPod(cluster, 'bare', {
      behaviour: { entrypoints: '/app/server' },
      spec: { containers: [container({ command: ['server'] })] },
    });
    createPod(cluster, 'ok', {
      behaviour: { entrypoints: '/app/server,python' },
      spec: { containers: [container({ command: ['python', 'app.py'] })] },
    });
    cluster.advance(5000);
    expect(
      status(cluster, 'bare').state?.waiting?.message ??
        status(cluster, 'bare').lastState?.terminated?.message,
    ).toBe(`${RUNC}: exec: "server": executable file not found in $PATH: unknown`);
    expect(stateOf(cluster, 'ok')).toBe('running');
  });
});

describe('kubelet: dependencies (depends-on)', () => {
  const dependent = { 'depends-on': 'db:5432' };

  it('logs a DNS error when the Service does not exist, and exits 1', () => {
    const cluster = newCluster();
    createPod(cluster, 'api', { behaviour: dependent });
    advanceUntil(cluster, () => stateOf(cluster, 'api') === 'terminated:Error:1', 10);
    expect(logs(cluster, 'api')).toBe(
      'Error: failed to connect to db:5432: dial tcp: lookup db on 10.96.0.10:53: no such host\n',
    );
  });

  it('logs connection refused while the Service has no ready endpoints, and runs once it has', () => {
    const cluster = newCluster();
    cluster.api.create(services, NS, {
      metadata: { name: 'db' },
      spec: { clusterIP: '10.96.20.5', clusterIPs: ['10.96.20.5'], ports: [{ port: 5432, protocol: 'TCP' }] },
    });
    cluster.settle();
    createPod(cluster, 'api', { behaviour: dependent });
    advanceUntil(cluster, () => stateOf(cluster, 'api') === 'terminated:Error:1', 10);
    expect(logs(cluster, 'api')).toBe(
      'Error: failed to connect to db:5432: dial tcp 10.96.20.5:5432: connect: connection refused\n',
    );

    cluster.api.create(endpoints, NS, {
      metadata: { name: 'db' },
      subsets: [{ addresses: [{ ip: '10.244.2.9' }], ports: [{ port: 5432, protocol: 'TCP' }] }],
    });
    advanceUntil(
      cluster,
      () => stateOf(cluster, 'api') === 'running' && status(cluster, 'api').restartCount >= 1,
      60,
    );
    cluster.advance(60_000);
    expect(stateOf(cluster, 'api')).toBe('running');
  });
});
