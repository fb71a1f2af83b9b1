/**
 * Rolling-update bounds (`deploymentutil.ResolveFenceposts`, `intstr.GetScaledValueFromIntOrPercent`): a
 * percentage maxSurge rounds up, a percentage maxUnavailable rounds down, and when both come out 0
 * maxUnavailable becomes 1 so the rollout can move at all. Defaults 25%/25% give 1→(1,0), 3→(1,0), 4→(1,1),
 * 10→(3,2).
 */
import type { Deployment } from '../../../kube/types.js';
import { desiredReplicas, isRollingUpdate, rollingUpdateParameters, type IntOrPercent } from './spec.js';

export function scaledValue(value: IntOrPercent, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const percent = /^(\d+)%$/.exec(value.trim());
  if (!percent) {
    // A plain number sent as a string; validation rejects anything else before it gets here.
    const number = Number(value);
    return Number.isFinite(number) ? number : 0;
  }
  const scaled = (Number(percent[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

export function resolveFenceposts(deployment: Deployment): { maxSurge: number; maxUnavailable: number } {
  const desired = desiredReplicas(deployment);
  const parameters = rollingUpdateParameters(deployment);
  const maxSurge = scaledValue(parameters.maxSurge, desired, true);
  let maxUnavailable = scaledValue(parameters.maxUnavailable, desired, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** `deploymentutil.MaxSurge`: 0 for Recreate. */
export function maxSurge(deployment: Deployment): number {
  return isRollingUpdate(deployment) ? resolveFenceposts(deployment).maxSurge : 0;
}

/** `deploymentutil.MaxUnavailable`: 0 for Recreate or 0 replicas, never more than the replica count. */
export function maxUnavailable(deployment: Deployment): number {
  const desired = desiredReplicas(deployment);
  if (!isRollingUpdate(deployment) || desired === 0) return 0;
  return Math.min(resolveFenceposts(deployment).maxUnavailable, desired);
}
