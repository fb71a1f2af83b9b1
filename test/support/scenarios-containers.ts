/**
 * Failures inside containers, as a 1.32 cluster shows them (reference §7.5, §7.7). Names of objects are
 * arbitrary: the analyzers must read statuses, events and logs, never these names.
 */
import type { Snapshot } from '../../src/domain/snapshot.js';
import { container, crashLooping, event, running, service, waiting } from './kube-builders.js';
import { snapshotOf } from './snapshot-builder.js';
import { failingPod, readyPod, workload } from './workload-builder.js';

const BACKOFF = (pod: string, c: string) =>
  event(
    { kind: 'Pod', name: pod },
    'Warning',
    'BackOff',
    `Back-off restarting failed container ${c} in pod ${pod}_demo(0c3e5d1a-8b1f-4f5e-9d7a-2c6b1e0f4a3d)`,
    7,
    `spec.containers{${c}}`,
  );

export function paymentsMissingEnv(): Snapshot {
  const image = 'registry.example.com/payments:1.4.2';
  const app = container('app', image, {
    ports: [{ containerPort: 8080, protocol: 'TCP' }],
    env: [{ name: 'LOG_LEVEL', value: 'info' }],
  });
  const crash = (pod: string) => crashLooping('app', image, pod, { exitCode: 1, restartCount: 5 });
  const w = workload('payments', 'payments', [
    { containers: [app], pods: [failingPod(crash), failingPod(crash)] },
  ]);
  const pods = w.pods.map((p) => p.metadata!.name!);
  return snapshotOf('payments', {
    workloads: [w],
    services: [service('payments', 'payments', { app: 'payments' })],
    configMaps: [
      { name: 'kube-root-ca.crt', keys: ['ca.crt'] },
      { name: 'payments-config', keys: ['LOG_LEVEL', 'REQUIRED_CONFIG'] },
    ],
    events: pods.map((pod) => BACKOFF(pod, 'app')),
    logs: pods.map((pod) => ({
      pod,
      container: 'app',
      previous: true,
      lines: ['payments 1.4.2 starting', 'Error: environment variable REQUIRED_CONFIG is not set'],
    })),
  });
}

export function appCrash(): Snapshot {
  const image = 'registry.example.com/billing:3.1.0';
  const app = container('app', image);
  const crash = (pod: string) => crashLooping('app', image, pod, { exitCode: 2, restartCount: 3 });
  const w = workload('billing', 'billing', [{ containers: [app], pods: [failingPod(crash)] }]);
  const pod = w.pods[0]!.metadata!.name!;
  return snapshotOf('billing', {
    workloads: [w],
    events: [BACKOFF(pod, 'app')],
    logs: [
      {
        pod,
        container: 'app',
        previous: true,
        lines: ['loading ledger', 'panic: runtime error: index out of range [3] with length 3'],
      },
    ],
  });
}

export function checkoutOom(): Snapshot {
  const image = 'registry.example.com/checkout:2.0.1';
  const resources = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } };
  const app = container('app', image, { resources });
  const oom = (pod: string) =>
    crashLooping('app', image, pod, { exitCode: 137, reason: 'OOMKilled', restartCount: 3 });
  const w = workload('checkout', 'checkout', [
    { containers: [app], pods: [failingPod(oom), failingPod(oom)] },
  ]);
  return snapshotOf('checkout', {
    workloads: [w],
    services: [service('checkout', 'checkout', { app: 'checkout' })],
    events: w.pods.map((p) => BACKOFF(p.metadata!.name!, 'app')),
  });
}

export function frontendBadImage(): Snapshot {
  const good = container('web', 'nginx:1.25', { ports: [{ containerPort: 80, name: 'http' }] });
  const bad = { ...good, image: 'nginx:1.25-doesnotexist' };
  const cri =
    'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.25-doesnotexist": failed to resolve reference "docker.io/library/nginx:1.25-doesnotexist": docker.io/library/nginx:1.25-doesnotexist: not found';
  const pulling = () =>
    waiting(
      'web',
      'nginx:1.25-doesnotexist',
      'ImagePullBackOff',
      `Back-off pulling image "nginx:1.25-doesnotexist": ErrImagePull: ${cri}`,
    );
  const w = workload(
    'frontend',
    'frontend',
    [
      {
        containers: [good],
        pods: [readyPod(() => running('web', 'nginx:1.25')), readyPod(() => running('web', 'nginx:1.25'))],
      },
      { containers: [bad], pods: [failingPod(pulling)] },
    ],
    { replicas: 2 },
  );
  const pod = { kind: 'Pod', name: w.pods[2]!.metadata!.name! };
  const field = 'spec.containers{web}';
  return snapshotOf('frontend', {
    workloads: [w],
    services: [service('frontend', 'frontend', { app: 'frontend' }, 'http')],
    events: [
      event(pod, 'Normal', 'Pulling', 'Pulling image "nginx:1.25-doesnotexist"', 4, field),
      event(pod, 'Warning', 'Failed', `Failed to pull image "nginx:1.25-doesnotexist": ${cri}`, 4, field),
      event(pod, 'Warning', 'Failed', 'Error: ErrImagePull', 4, field),
      event(pod, 'Normal', 'BackOff', 'Back-off pulling image "nginx:1.25-doesnotexist"', 6, field),
      event(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', 6, field),
    ],
  });
}

export function ordersBadCommand(): Snapshot {
  const image = 'registry.example.com/orders:2.3.0';
  const good = container('app', image, { command: ['orders-server'], args: ['--port=8080'] });
  const bad = { ...good, command: ['order-server'] };
  const message =
    'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "order-server": executable file not found in $PATH: unknown';
  const failing = (pod: string) =>
    crashLooping('app', image, pod, { exitCode: 128, reason: 'StartError', message, restartCount: 2 });
  const w = workload(
    'orders',
    'orders',
    [
      {
        containers: [good],
        pods: [readyPod(() => running('app', image)), readyPod(() => running('app', image))],
      },
      { containers: [bad], pods: [failingPod(failing)] },
    ],
    { replicas: 2 },
  );
  const pod = w.pods[2]!.metadata!.name!;
  return snapshotOf('orders', {
    workloads: [w],
    events: [
      event({ kind: 'Pod', name: pod }, 'Warning', 'Failed', `Error: ${message}`, 3, 'spec.containers{app}'),
      BACKOFF(pod, 'app'),
    ],
  });
}
