/** Compact views of cluster-scoped objects: the snapshot needs a few fields, not whole Nodes. */
import type { NodeSummary, StorageClassSummary } from '../domain/snapshot.js';
import type { Node, StorageClass } from '../kube/types.js';

export function summarizeNode(node: Node): NodeSummary {
  return {
    name: node.metadata?.name ?? '',
    ready:
      node.status?.conditions?.some(
        (condition) => condition.type === 'Ready' && condition.status === 'True',
      ) ?? false,
    unschedulable: node.spec?.unschedulable ?? false,
    labels: node.metadata?.labels ?? {},
    taints: node.spec?.taints ?? [],
    allocatable: node.status?.allocatable ?? {},
  };
}

export function summarizeStorageClass(storageClass: StorageClass): StorageClassSummary {
  const annotations = storageClass.metadata?.annotations ?? {};
  return {
    name: storageClass.metadata?.name ?? '',
    provisioner: storageClass.provisioner,
    isDefault:
      annotations['storageclass.kubernetes.io/is-default-class'] === 'true' ||
      annotations['storageclass.beta.kubernetes.io/is-default-class'] === 'true',
  };
}
