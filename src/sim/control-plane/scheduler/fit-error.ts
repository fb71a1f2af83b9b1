/**
 * The FailedScheduling message, built like kube-scheduler's `FitError.Error()`:
 * `0/N nodes are available:` + ` <prefilter message>.` or ` <sorted "count reason" list>.` + ` <post-filter>.`
 * The post-filter (preemption) message is itself a FitError ending in a period, hence the famous double period:
 * `0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..`
 */
import type { NodeRejection } from './filters.js';

export const NO_NODES_MESSAGE = 'no nodes available to schedule pods';
const NO_VICTIMS = 'No preemption victims found for incoming pod';
const NOT_HELPFUL = 'Preemption is not helpful for scheduling';

function countedReasons(reasons: Iterable<string>): string {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  // Go sorts the rendered "<count> <reason>" strings, count included.
  const rendered = [...counts].map(([reason, count]) => `${count} ${reason}`);
  return rendered.sort().join(', ');
}

function nodesAvailable(nodeCount: number, detail: string): string {
  return `0/${nodeCount} nodes are available:${detail ? ` ${detail}.` : ''}`;
}

export type FitFailure = {
  nodeCount: number;
  /** Set when a PreFilter plugin rejected the pod outright (every node gets the same, unresolvable status). */
  preFilterMessage?: string;
  rejections: readonly NodeRejection[];
  preemptionPolicy?: string;
};

/**
 * DefaultPreemption's PostFilter message. The sim never finds victims (every pod has the same priority unless a
 * scenario says otherwise, and preemption is not modelled), so nodes short of resources report "No preemption
 * victims found" and every other node "Preemption is not helpful".
 */
function preemptionMessage(failure: FitFailure): string {
  if (failure.preemptionPolicy === 'Never') return 'preemption: not eligible due to preemptionPolicy=Never.';
  const outcomes = failure.preFilterMessage
    ? Array.from({ length: failure.nodeCount }, () => NOT_HELPFUL)
    : failure.rejections.map((rejection) => (rejection.resolvable ? NO_VICTIMS : NOT_HELPFUL));
  return `preemption: ${nodesAvailable(failure.nodeCount, countedReasons(outcomes))}`;
}

export function fitErrorMessage(failure: FitFailure): string {
  const detail =
    failure.preFilterMessage ?? countedReasons(failure.rejections.flatMap((rejection) => rejection.reasons));
  return `${nodesAvailable(failure.nodeCount, detail)} ${preemptionMessage(failure)}.`;
}
