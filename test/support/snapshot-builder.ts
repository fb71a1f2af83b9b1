/** A Snapshot as the observer would hand it to the analyzers, with the sim's default three 4 CPU / 16Gi nodes. */
import type { NodeSummary, Snapshot } from '../../src/domain/snapshot.js';
import type { Workload } from './workload-builder.js';

export function node(name: string, cpu = '4', memory = '16Gi'): NodeSummary {
  return {
    name,
    ready: true,
    unschedulable: false,
    labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' },
    taints: [],
    allocatable: { cpu, memory, pods: '110', 'ephemeral-storage': '100Gi' },
  };
}

export const DEFAULT_NODES: readonly NodeSummary[] = [node('node-1'), node('node-2'), node('node-3')];

export type SnapshotParts = Partial<Omit<Snapshot, 'namespace'>> & { workloads?: Workload[] };

export function snapshotOf(namespace: string, parts: SnapshotParts = {}): Snapshot {
  const { workloads = [], ...rest } = parts;
  return {
    namespace,
    target: null,
    observedAt: '2025-01-10T10:10:00Z',
    deployments: workloads.map((w) => w.deployment),
    replicaSets: workloads.flatMap((w) => w.replicaSets),
    pods: workloads.flatMap((w) => w.pods),
    events: [],
    services: [],
    endpoints: [],
    configMaps: [{ name: 'kube-root-ca.crt', keys: ['ca.crt'] }],
    secrets: [],
    persistentVolumeClaims: [],
    storageClasses: [{ name: 'standard', provisioner: 'rancher.io/local-path', isDefault: true }],
    resourceQuotas: [],
    nodes: [...DEFAULT_NODES],
    logs: [],
    gaps: [],
    apiRequests: 12,
    ...rest,
  };
}

/** The same snapshot as observed for `diagnose NAMESPACE/DEPLOYMENT`. */
export function targeted(snapshot: Snapshot, target: string): Snapshot {
  return { ...snapshot, target };
}
