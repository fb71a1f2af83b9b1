/**
 * The PodScheduled condition the scheduler owns. `lastTransitionTime` only moves when the status flips, so a
 * retry that fails the same way leaves the condition (and the pod's resourceVersion) alone.
 */
import type { Pod } from '../../../kube/types.js';

export type PodCondition = {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastProbeTime: null;
  lastTransitionTime: string;
};

type StoredCondition = { type?: string; status?: string; lastTransitionTime?: string };

export function withPodScheduled(
  pod: Pod,
  status: 'True' | 'False',
  now: string,
  reason?: string,
  message?: string,
): Pod {
  const next = structuredClone(pod);
  const existing = (next.status?.conditions ?? []) as StoredCondition[];
  const previous = existing.find((condition) => condition.type === 'PodScheduled');
  const condition: PodCondition = {
    type: 'PodScheduled',
    status,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
    lastProbeTime: null,
    lastTransitionTime:
      previous?.status === status && previous.lastTransitionTime ? previous.lastTransitionTime : now,
  };
  const others = existing.filter((c) => c.type !== 'PodScheduled');
  next.status = {
    ...next.status,
    conditions: [...others, condition] as unknown as NonNullable<Pod['status']>['conditions'],
  };
  return next;
}
