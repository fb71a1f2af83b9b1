/**
 * Which surplus pods a ReplicaSet deletes first (`controller.ActivePodsWithRanks`, kubernetes 1.32 with the
 * default PodDeletionCost and LogarithmicScaleDown gates): unscheduled < scheduled; Pending < Unknown <
 * Running; not ready < ready; lower `controller.kubernetes.io/pod-deletion-cost`; more related pods on the same
 * node; ready more recently (log2 buckets of the age, ties broken by uid); more restarts; created more recently.
 */
import type { Pod } from '../../../kube/types.js';
import { parseTime } from '../../clock.js';
import { isPodReady, podReadySince } from '../shared/pod-state.js';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

type RankedPod = { pod: Pod; colocated: number };

const deletionCost = (pod: Pod): number => {
  const value = Number.parseInt(pod.metadata?.annotations?.[DELETION_COST_ANNOTATION] ?? '0', 10);
  return Number.isNaN(value) ? 0 : value;
};

const maxRestarts = (pod: Pod): number =>
  Math.max(0, ...(pod.status?.containerStatuses ?? []).map((status) => status.restartCount ?? 0));

/** log2 of the age in nanoseconds, as `logarithmicRankDiff` buckets it; -1 for "not in the past". */
const ageBucket = (time: number, now: number): number => {
  const ageNanoseconds = (now - time) * 1e6;
  return ageNanoseconds > 0 ? Math.floor(Math.log2(ageNanoseconds)) : -1;
};

/** Compares two timestamps the way both steps 6 and 8 do: zero/unknown first, then the more recent first. */
function compareRecency(
  a: RankedPod,
  b: RankedPod,
  timeA: number | undefined,
  timeB: number | undefined,
  now: number,
): number {
  if (timeA === timeB) return 0;
  if (timeA === undefined || timeB === undefined) return timeA === undefined ? -1 : 1;
  const bucketDifference = ageBucket(timeA, now) - ageBucket(timeB, now);
  if (bucketDifference !== 0) return bucketDifference;
  const uidA = a.pod.metadata?.uid ?? '';
  const uidB = b.pod.metadata?.uid ?? '';
  return uidA < uidB ? -1 : uidA > uidB ? 1 : 0;
}

function compare(a: RankedPod, b: RankedPod, now: number): number {
  const nodeA = a.pod.spec?.nodeName ?? '';
  const nodeB = b.pod.spec?.nodeName ?? '';
  if (nodeA !== nodeB && (nodeA === '' || nodeB === '')) return nodeA === '' ? -1 : 1;
  const phaseA = PHASE_ORDER[a.pod.status?.phase ?? ''] ?? 0;
  const phaseB = PHASE_ORDER[b.pod.status?.phase ?? ''] ?? 0;
  if (phaseA !== phaseB) return phaseA - phaseB;
  const readyA = isPodReady(a.pod);
  if (readyA !== isPodReady(b.pod)) return readyA ? 1 : -1;
  if (deletionCost(a.pod) !== deletionCost(b.pod)) return deletionCost(a.pod) - deletionCost(b.pod);
  if (a.colocated !== b.colocated) return b.colocated - a.colocated;
  if (readyA) {
    const byReady = compareRecency(a, b, podReadySince(a.pod), podReadySince(b.pod), now);
    if (byReady !== 0) return byReady;
  }
  if (maxRestarts(a.pod) !== maxRestarts(b.pod)) return maxRestarts(b.pod) - maxRestarts(a.pod);
  const createdA = parseTime(a.pod.metadata?.creationTimestamp);
  const createdB = parseTime(b.pod.metadata?.creationTimestamp);
  return compareRecency(a, b, createdA, createdB, now);
}

/**
 * `pods` ordered most-deletable first. `relatedPods` are the active pods of every ReplicaSet under the same
 * owner (the Deployment): a pod sharing its node with more of them is deleted first, to spread what remains.
 */
export function rankForDeletion(pods: readonly Pod[], relatedPods: readonly Pod[], now: number): Pod[] {
  const perNode = new Map<string, number>();
  for (const pod of relatedPods) {
    const node = pod.spec?.nodeName ?? '';
    perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  return pods
    .map((pod) => ({ pod, colocated: perNode.get(pod.spec?.nodeName ?? '') ?? 0 }))
    .sort((a, b) => compare(a, b, now))
    .map(({ pod }) => pod);
}
