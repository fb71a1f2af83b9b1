/**
 * Walks every container status of every pod with what the analyzers need next to it: the owning Deployment and
 * the container's spec. Analyzers group these per workload and container, so three crash-looping replicas make
 * one finding (about the worst pod), not three.
 */
import type { Container, ContainerStatus, Pod } from '../../kube/types.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { deploymentNameOfPod, desiredContainer, groupBy, podName } from './workloads.js';

export type ContainerInstance = {
  pod: Pod;
  podName: string;
  /** The owning Deployment's name, when there is one. */
  workload: string | undefined;
  status: ContainerStatus;
  /** The spec a fix would change (Deployment template first, pod spec otherwise). */
  spec: Container | undefined;
};

export function containerInstances(snapshot: Snapshot): ContainerInstance[] {
  return snapshot.pods
    .filter((pod) => pod.metadata?.deletionTimestamp === undefined)
    .flatMap((pod) =>
      (pod.status?.containerStatuses ?? []).map((status) => ({
        pod,
        podName: podName(pod),
        workload: deploymentNameOfPod(snapshot, pod),
        status,
        spec: desiredContainer(snapshot, pod, status.name),
      })),
    );
}

/** One group per (workload or bare pod, container), worst instance (most restarts) first. */
export function groupByWorkloadContainer(instances: readonly ContainerInstance[]): ContainerInstance[][] {
  return groupBy(instances, (i) => `${i.workload ?? `pod:${i.podName}`}/${i.status.name}`).map((group) =>
    [...group].sort((a, b) => b.status.restartCount - a.status.restartCount),
  );
}

/** How the container's most recent run ended: the current terminated state, else the last one. */
export function lastTermination(status: ContainerStatus) {
  return status.state?.terminated ?? status.lastState?.terminated;
}

/** `2 of 3 pods` (or `pod web-…` for a bare pod), for messages. */
export function affectedCount(snapshot: Snapshot, group: readonly ContainerInstance[]): string {
  const workload = group[0]?.workload;
  if (workload === undefined) return `pod ${group[0]?.podName ?? '?'}`;
  const total = snapshot.pods.filter((pod) => deploymentNameOfPod(snapshot, pod) === workload).length;
  const affected = new Set(group.map((instance) => instance.podName)).size;
  return `${affected} of ${Math.max(total, affected)} pods`;
}
