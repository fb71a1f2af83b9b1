/**
 * Rollout progress predicates (`deploymentutil.DeploymentComplete`, `DeploymentProgressing`,
 * `DeploymentTimedOut`) and when a stuck rollout must be looked at again (`requeueStuckDeployment`).
 */
import type { Deployment } from '../../../kube/types.js';
import { parseTime } from '../../clock.js';
import { getCondition, PROGRESSING, REASONS } from './conditions.js';
import { desiredReplicas, progressDeadlineSeconds, type DeploymentStatus } from './spec.js';

/** Every replica updated and available, nothing old left, and the latest generation observed. */
export function deploymentComplete(deployment: Deployment, status: DeploymentStatus | undefined): boolean {
  const desired = desiredReplicas(deployment);
  return (
    (status?.updatedReplicas ?? 0) === desired &&
    (status?.replicas ?? 0) === desired &&
    (status?.availableReplicas ?? 0) === desired &&
    (status?.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 0)
  );
}

/** Progress since the stored status: more updated, ready or available pods, or fewer old ones. */
export function deploymentProgressing(deployment: Deployment, newStatus: DeploymentStatus): boolean {
  const old = deployment.status ?? {};
  const oldReplicasBefore = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const oldReplicasNow = (newStatus.replicas ?? 0) - (newStatus.updatedReplicas ?? 0);
  return (
    (newStatus.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    oldReplicasNow < oldReplicasBefore ||
    (newStatus.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (newStatus.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** No progress for progressDeadlineSeconds since the Progressing condition's lastUpdateTime (strictly after). */
export function deploymentTimedOut(
  deployment: Deployment,
  newStatus: DeploymentStatus,
  now: number,
): boolean {
  const deadline = progressDeadlineSeconds(deployment);
  if (deadline === undefined) return false;
  const condition = getCondition(newStatus, PROGRESSING);
  if (!condition) return false;
  if (condition.reason === REASONS.newReplicaSetAvailable) return false;
  if (condition.reason === REASONS.progressDeadlineExceeded) return true;
  const from = parseTime(condition.lastUpdateTime);
  return from !== undefined && from + deadline * 1000 < now;
}

/**
 * When the controller must re-check a rollout that shows no progress: the deadline plus a second, as the Go
 * controller re-queues (`after + time.Second`). Undefined for complete, timed-out or untracked rollouts.
 */
export function progressCheckAt(deployment: Deployment): number | undefined {
  const deadline = progressDeadlineSeconds(deployment);
  const condition = getCondition(deployment.status, PROGRESSING);
  if (deadline === undefined || !condition || deployment.spec?.paused) return undefined;
  if (
    deploymentComplete(deployment, deployment.status) ||
    condition.reason === REASONS.progressDeadlineExceeded
  ) {
    return undefined;
  }
  const from = parseTime(condition.lastUpdateTime);
  return from === undefined ? undefined : from + deadline * 1000 + 1000;
}
