/**
 * Pod predicates shared by the workload and endpoints controllers (kubernetes `pkg/api/v1/pod` util and
 * `controller.FilterActivePods`). Readiness is the kubelet's Ready condition; availability adds minReadySeconds.
 */
import type { Pod } from '../../../kube/types.js';
import { parseTime } from '../../clock.js';

export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Counted by a ReplicaSet: not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata?.deletionTimestamp;
}

export function isPodReady(pod: Pod): boolean {
  return (
    pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ??
    false
  );
}

/** When the Ready condition last turned True (ms), for minReadySeconds and the deletion ranking. */
export function podReadySince(pod: Pod): number | undefined {
  const ready = pod.status?.conditions?.find(
    (condition) => condition.type === 'Ready' && condition.status === 'True',
  );
  return parseTime(ready?.lastTransitionTime);
}

/**
 * `podutil.IsPodAvailable`: ready, and ready for strictly longer than minReadySeconds (Go's `Before(now)`).
 * A Ready condition without a transition time counts as available only when minReadySeconds is 0.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podReadySince(pod);
  return since !== undefined && since + minReadySeconds * 1000 < now;
}

/** The first instant at which a ready pod that is not yet available becomes available; undefined otherwise. */
export function podAvailableAt(pod: Pod, minReadySeconds: number, now: number): number | undefined {
  if (minReadySeconds <= 0 || !isPodReady(pod) || isPodAvailable(pod, minReadySeconds, now)) return undefined;
  const since = podReadySince(pod);
  return since === undefined ? undefined : since + minReadySeconds * 1000 + 1;
}
