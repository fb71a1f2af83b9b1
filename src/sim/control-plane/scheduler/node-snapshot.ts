/**
 * The scheduler's view of one node for a scheduling cycle (kube-scheduler's NodeInfo): what it can hold
 * (allocatable), what the non-terminal pods already bound to it request, and how many pods it runs. Binding a pod
 * in the same cycle adds to it, so two pending pods never both take the last free capacity.
 */
import type { Node, Pod } from '../../../kube/types.js';
import { nonZeroRequests, parseResource, podRequests, type ResourceAmounts } from './pod-resources.js';

export type NodeSnapshot = {
  readonly name: string;
  readonly node: Node;
  readonly allocatable: ResourceAmounts;
  readonly requested: ResourceAmounts;
  /** CPU / memory with the non-zero defaults, for least-allocated scoring. */
  nonZeroRequested: { milliCpu: number; memory: number };
  podCount: number;
};

export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

export function buildSnapshots(nodes: readonly Node[], pods: readonly Pod[]): Map<string, NodeSnapshot> {
  const snapshots = new Map<string, NodeSnapshot>();
  for (const node of nodes) {
    const name = node.metadata?.name;
    if (!name) continue;
    const allocatable: ResourceAmounts = new Map();
    for (const [resource, value] of Object.entries(node.status?.allocatable ?? node.status?.capacity ?? {})) {
      const amount = parseResource(resource, value);
      if (amount !== undefined) allocatable.set(resource, amount);
    }
    snapshots.set(name, {
      name,
      node,
      allocatable,
      requested: new Map(),
      nonZeroRequested: { milliCpu: 0, memory: 0 },
      podCount: 0,
    });
  }
  for (const pod of pods) {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || isTerminal(pod)) continue;
    const snapshot = snapshots.get(nodeName);
    if (snapshot) addPod(snapshot, pod);
  }
  return snapshots;
}

export function addPod(snapshot: NodeSnapshot, pod: Pod): void {
  for (const [resource, amount] of podRequests(pod)) {
    snapshot.requested.set(resource, (snapshot.requested.get(resource) ?? 0) + amount);
  }
  const nonZero = nonZeroRequests(pod);
  snapshot.nonZeroRequested.milliCpu += nonZero.milliCpu;
  snapshot.nonZeroRequested.memory += nonZero.memory;
  snapshot.podCount += 1;
}
