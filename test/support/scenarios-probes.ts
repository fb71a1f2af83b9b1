/** Probe failures (reference §7.5.4, §7.7 recipes 6 and 7). */
import type { Snapshot } from '../../src/domain/snapshot.js';
import { container, event, running, service } from './kube-builders.js';
import { snapshotOf } from './snapshot-builder.js';
import { failingPod, readyPod, workload } from './workload-builder.js';

export function apiReadinessPort(): Snapshot {
  const image = 'registry.example.com/api:5.2.0';
  const api = container('api', image, {
    ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
    readinessProbe: {
      httpGet: { path: '/ready', port: 8081, scheme: 'HTTP' },
      periodSeconds: 5,
      failureThreshold: 3,
      timeoutSeconds: 1,
    },
  });
  const notReady = () => running('api', image, { ready: false });
  const w = workload('api', 'api', [
    { containers: [api], pods: [failingPod(notReady), failingPod(notReady)] },
  ]);
  return snapshotOf('api', {
    workloads: [w],
    services: [service('api', 'api', { app: 'api' }, 'http')],
    events: w.pods.map((p, i) =>
      event(
        { kind: 'Pod', name: p.metadata!.name! },
        'Warning',
        'Unhealthy',
        `Readiness probe failed: Get "http://10.244.1.${7 + i}:8081/ready": dial tcp 10.244.1.${7 + i}:8081: connect: connection refused`,
        24,
        'spec.containers{api}',
      ),
    ),
  });
}

export function workerLivenessEarly(): Snapshot {
  const image = 'registry.example.com/worker:1.9.0';
  const worker = container('worker', image, {
    ports: [{ containerPort: 8080, protocol: 'TCP' }],
    livenessProbe: {
      httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
      initialDelaySeconds: 5,
      periodSeconds: 5,
      failureThreshold: 3,
      timeoutSeconds: 1,
    },
  });
  const killed = () =>
    running('worker', image, {
      ready: false,
      restartCount: 3,
      lastState: {
        terminated: {
          exitCode: 137,
          reason: 'Error',
          startedAt: '2025-01-10T10:05:00Z',
          finishedAt: '2025-01-10T10:05:20Z',
        },
      },
    });
  const w = workload('worker', 'worker', [{ containers: [worker], pods: [failingPod(killed)] }]);
  const pod = { kind: 'Pod', name: w.pods[0]!.metadata!.name! };
  const field = 'spec.containers{worker}';
  return snapshotOf('worker', {
    workloads: [w],
    events: [
      event(
        pod,
        'Warning',
        'Unhealthy',
        'Liveness probe failed: Get "http://10.244.2.9:8080/healthz": dial tcp 10.244.2.9:8080: connect: connection refused',
        9,
        field,
      ),
      event(pod, 'Normal', 'Killing', 'Container worker failed liveness probe, will be restarted', 3, field),
      event(pod, 'Normal', 'Started', 'Started container worker', 4, field),
    ],
  });
}

/** Readiness answers 404 on /readyz while the liveness probe's /healthz works. */
export function readinessWrongPath(): Snapshot {
  const image = 'registry.example.com/catalog:0.8.1';
  const app = container('app', image, {
    ports: [{ containerPort: 8080, name: 'http' }],
    readinessProbe: { httpGet: { path: '/readyz', port: 'http' }, periodSeconds: 5 },
    livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 },
  });
  const notReady = () => running('app', image, { ready: false });
  const w = workload('catalog', 'catalog', [{ containers: [app], pods: [failingPod(notReady)] }]);
  return snapshotOf('catalog', {
    workloads: [w],
    events: [
      event(
        { kind: 'Pod', name: w.pods[0]!.metadata!.name! },
        'Warning',
        'Unhealthy',
        'Readiness probe failed: HTTP probe failed with statuscode: 404',
        30,
        'spec.containers{app}',
      ),
    ],
  });
}

/** A ready pod that failed a couple of readiness probes while starting: normal, not a finding. */
export function transientReadiness(): Snapshot {
  const image = 'registry.example.com/api:5.2.0';
  const api = container('api', image, {
    ports: [{ containerPort: 8080, name: 'http' }],
    readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
  });
  const w = workload('api', 'api', [{ containers: [api], pods: [readyPod(() => running('api', image))] }]);
  return snapshotOf('api', {
    workloads: [w],
    events: [
      event(
        { kind: 'Pod', name: w.pods[0]!.metadata!.name! },
        'Warning',
        'Unhealthy',
        'Readiness probe failed: Get "http://10.244.1.7:8080/ready": dial tcp 10.244.1.7:8080: connect: connection refused',
        2,
        'spec.containers{api}',
      ),
    ],
  });
}
