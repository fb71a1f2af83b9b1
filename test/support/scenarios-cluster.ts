/** Failures around the pods: scheduling, quota, storage, scaling, service selectors — and a healthy namespace. */
import type { Snapshot } from '../../src/domain/snapshot.js';
import { TIME, container, event, running, service, unschedulableCondition } from './kube-builders.js';
import { snapshotOf } from './snapshot-builder.js';
import { pendingPod, readyPod, workload } from './workload-builder.js';

const NO_MEMORY =
  '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..';

export function searchUnschedulable(): Snapshot {
  const app = container('search', 'registry.example.com/search:7.1.0', {
    resources: { requests: { cpu: '1', memory: '32Gi' }, limits: { memory: '32Gi' } },
  });
  const pending = pendingPod(unschedulableCondition(NO_MEMORY));
  const w = workload('search', 'search', [{ containers: [app], pods: [pending, pending] }]);
  return snapshotOf('search', {
    workloads: [w],
    events: w.pods.map((p) =>
      event({ kind: 'Pod', name: p.metadata!.name! }, 'Warning', 'FailedScheduling', NO_MEMORY, 5),
    ),
  });
}

export function cartScaledToZero(): Snapshot {
  const app = container('app', 'registry.example.com/cart:1.0.3', { ports: [{ containerPort: 8080 }] });
  const w = workload('cart', 'cart', [{ containers: [app], pods: [], desiredReplicas: 0 }], { replicas: 0 });
  const rs = w.replicaSets[0]!.metadata!.name!;
  return snapshotOf('cart', {
    workloads: [w],
    services: [service('cart', 'cart', { app: 'cart' })],
    events: [
      event(
        { kind: 'Deployment', name: 'cart' },
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${rs} to 3`,
        1,
      ),
      event(
        { kind: 'Deployment', name: 'cart' },
        'Normal',
        'ScalingReplicaSet',
        `Scaled down replica set ${rs} to 0 from 3`,
        1,
      ),
    ],
  });
}

export function webSelectorMismatch(): Snapshot {
  const image = 'nginx:1.25';
  const web = container('web', image, { ports: [{ containerPort: 80, name: 'http' }] });
  const ok = readyPod(() => running('web', image));
  const w = workload('web', 'web', [{ containers: [web], pods: [ok, ok] }], {
    labels: { app: 'web', tier: 'frontend' },
  });
  const other = workload('web', 'redis', [
    { containers: [container('redis', 'redis:7.2')], pods: [readyPod(() => running('redis', 'redis:7.2'))] },
  ]);
  return snapshotOf('web', {
    workloads: [w, other],
    services: [
      service('web', 'web', { app: 'web-frontend' }, 'http'),
      service('web', 'redis', { app: 'redis' }, 6379),
    ],
  });
}

export function quotaExceeded(): Snapshot {
  const app = container('app', 'registry.example.com/reports:1.0.0', {
    resources: { requests: { memory: '512Mi' }, limits: { memory: '512Mi' } },
  });
  const w = workload('reports', 'reports', [{ containers: [app], pods: [] }], { replicas: 2 });
  const rs = w.replicaSets[0]!;
  rs.spec!.replicas = 2;
  const message = `pods "${rs.metadata!.name!}-" is forbidden: exceeded quota: compute-quota, requested: limits.memory=512Mi, used: limits.memory=1536Mi, limited: limits.memory=2Gi`;
  w.deployment.status!.conditions!.push({
    type: 'ReplicaFailure',
    status: 'True',
    reason: 'FailedCreate',
    message,
    lastUpdateTime: TIME,
    lastTransitionTime: TIME,
  });
  return snapshotOf('reports', {
    workloads: [w],
    events: [
      event(
        { kind: 'ReplicaSet', name: rs.metadata!.name! },
        'Warning',
        'FailedCreate',
        `Error creating: ${message}`,
        6,
      ),
    ],
    resourceQuotas: [
      {
        metadata: { name: 'compute-quota' },
        spec: { hard: { 'limits.memory': '2Gi' } },
        status: { hard: { 'limits.memory': '2Gi' }, used: { 'limits.memory': '1536Mi' } },
      },
    ],
  });
}

export function pvcPending(): Snapshot {
  const message =
    '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
  const app = container('db', 'postgres:16', {
    volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
  });
  const w = workload('db', 'postgres', [
    {
      containers: [app],
      pods: [pendingPod(unschedulableCondition(message))],
      spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'postgres-data' } }] },
    },
  ]);
  return snapshotOf('db', {
    workloads: [w],
    persistentVolumeClaims: [
      {
        metadata: { name: 'postgres-data', namespace: 'db' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'fast-ssd',
          resources: { requests: { storage: '10Gi' } },
        },
        status: { phase: 'Pending' },
      },
    ],
    events: [
      event({ kind: 'Pod', name: w.pods[0]!.metadata!.name! }, 'Warning', 'FailedScheduling', message, 4),
      event(
        { kind: 'PersistentVolumeClaim', name: 'postgres-data' },
        'Warning',
        'ProvisioningFailed',
        'storageclass.storage.k8s.io "fast-ssd" not found',
        8,
      ),
    ],
  });
}

/** Two revisions, the second fully rolled out; the replaced revision's pods had warnings, long gone now. */
export function healthy(): Snapshot {
  const v1 = container('app', 'registry.example.com/shop:1.0.0', {
    ports: [{ containerPort: 8080, name: 'http' }],
    readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
  });
  const v2 = { ...v1, image: 'registry.example.com/shop:1.1.0' };
  const ok = readyPod(() => running('app', 'registry.example.com/shop:1.1.0'));
  const w = workload(
    'shop',
    'shop',
    [
      { containers: [v1], pods: [] },
      { containers: [v2], pods: [ok, ok, ok] },
    ],
    { replicas: 3 },
  );
  const [old, current] = w.replicaSets.map((rs) => rs.metadata!.name!);
  return snapshotOf('shop', {
    workloads: [w],
    services: [service('shop', 'shop', { app: 'shop' }, 'http')],
    configMaps: [
      { name: 'kube-root-ca.crt', keys: ['ca.crt'] },
      { name: 'shop-config', keys: ['FEATURE_FLAGS'] },
    ],
    events: [
      event(
        { kind: 'Deployment', name: 'shop' },
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${current} to 3 from 1`,
        1,
      ),
      event(
        { kind: 'Deployment', name: 'shop' },
        'Normal',
        'ScalingReplicaSet',
        `Scaled down replica set ${old} to 0 from 3`,
        1,
      ),
      event(
        { kind: 'Pod', name: `${old}-x2x9q` },
        'Warning',
        'Unhealthy',
        'Readiness probe failed: HTTP probe failed with statuscode: 503',
        3,
        'spec.containers{app}',
      ),
      event(
        { kind: 'Pod', name: `${old}-x2x9q` },
        'Warning',
        'BackOff',
        `Back-off restarting failed container app in pod ${old}-x2x9q_shop(1d2c)`,
        2,
        'spec.containers{app}',
      ),
    ],
    logs: w.pods.map((p) => ({
      pod: p.metadata!.name!,
      container: 'app',
      previous: false,
      lines: ['shop 1.1.0 listening on :8080', 'WARN: OPTIONAL_CACHE_URL is not set, caching disabled'],
    })),
  });
}
