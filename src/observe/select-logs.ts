/**
 * Which container logs to read: only unhealthy containers, one representative per (workload, container,
 * failure) — replicas of one ReplicaSet fail the same way — and never more than `maxReads`, so the number
 * of requests does not grow with the number of pods.
 */
import type { Pod } from '../kube/types.js';

export type LogRead = { pod: string; container: string; previous: boolean };

export function selectLogReads(pods: Pod[], maxReads: number): LogRead[] {
  const reads: LogRead[] = [];
  const seen = new Set<string>();
  for (const pod of [...pods].sort(byUnhealthiest)) {
    const owner = pod.metadata?.ownerReferences?.[0]?.name ?? pod.metadata?.name ?? '';
    for (const status of pod.status?.containerStatuses ?? []) {
      if (status.ready && status.restartCount === 0) continue;
      const waiting = status.state?.waiting?.reason;
      // Containers that never started have nothing to log (image pulls, config errors, ContainerCreating).
      const hasCurrent = status.state?.running !== undefined || status.state?.terminated !== undefined;
      const hasPrevious = status.lastState?.terminated !== undefined;
      if (!hasCurrent && !hasPrevious) continue;
      const key = `${owner}/${status.name}/${waiting ?? status.lastState?.terminated?.reason ?? 'unready'}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (hasPrevious && reads.length < maxReads)
        reads.push({ pod: pod.metadata!.name!, container: status.name, previous: true });
      if (hasCurrent && reads.length < maxReads)
        reads.push({ pod: pod.metadata!.name!, container: status.name, previous: false });
      if (reads.length >= maxReads) return reads;
    }
  }
  return reads;
}

function unhealthiness(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce(
    (total, status) => total + (status.ready ? 0 : 10) + (status.restartCount ?? 0),
    0,
  );
}

function byUnhealthiest(a: Pod, b: Pod): number {
  return unhealthiness(b) - unhealthiness(a);
}
