/** Missing ConfigMaps, Secrets and keys (reference §7.5.2, §7.7 recipe 5). */
import type { Snapshot } from '../../src/domain/snapshot.js';
import { container, event, podConditions, waiting } from './kube-builders.js';
import { snapshotOf, type SnapshotParts } from './snapshot-builder.js';
import { pendingPod, workload } from './workload-builder.js';

function configError(
  namespace: string,
  name: string,
  app: ReturnType<typeof container>,
  message: string,
  extra: SnapshotParts = {},
): Snapshot {
  const blocked = () => waiting(app.name, app.image!, 'CreateContainerConfigError', message);
  const pod = pendingPod(podConditions(false, app.name), blocked);
  const w = workload(namespace, name, [{ containers: [app], pods: [pod, pod] }]);
  return snapshotOf(namespace, {
    workloads: [w],
    events: w.pods.flatMap((p) => [
      event(
        { kind: 'Pod', name: p.metadata!.name! },
        'Normal',
        'Pulled',
        `Container image "${app.image}" already present on machine`,
        9,
        `spec.containers{${app.name}}`,
      ),
      event(
        { kind: 'Pod', name: p.metadata!.name! },
        'Warning',
        'Failed',
        `Error: ${message}`,
        9,
        `spec.containers{${app.name}}`,
      ),
    ]),
    ...extra,
  });
}

export function ledgerMissingConfigMap(): Snapshot {
  const app = container('app', 'registry.example.com/ledger:4.0.0', {
    env: [
      {
        name: 'DATABASE_URL',
        valueFrom: { configMapKeyRef: { name: 'ledger-config', key: 'DATABASE_URL' } },
      },
    ],
  });
  return configError('ledger', 'ledger', app, 'configmap "ledger-config" not found');
}

export function inventoryMissingSecretKey(): Snapshot {
  const app = container('app', 'registry.example.com/inventory:1.2.0', {
    env: [
      { name: 'DB_USER', valueFrom: { secretKeyRef: { name: 'inventory-db', key: 'username' } } },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'inventory-db', key: 'password' } } },
    ],
  });
  return configError(
    'inventory',
    'inventory',
    app,
    "couldn't find key password in Secret inventory/inventory-db",
    {
      secrets: [{ name: 'inventory-db', keys: ['username'], type: 'Opaque' }],
    },
  );
}
