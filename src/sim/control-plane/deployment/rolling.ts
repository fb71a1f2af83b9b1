/**
 * The RollingUpdate strategy (`rolloutRolling`, kubernetes `pkg/controller/deployment/rolling.go`): one step
 * per sync — grow the new ReplicaSet within maxSurge, else shrink old ones within maxUnavailable (unhealthy
 * old replicas first) — then the rollout status. Counting uses spec.replicas for sizes and status
 * availableReplicas for what may be taken away, exactly as upstream.
 */
import type { ReplicaSet } from '../../../kube/types.js';
import { cleanupDeployment } from './cleanup.js';
import type { DeploymentSync } from './deployment-sync.js';
import { maxUnavailable } from './fenceposts.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set.js';
import { newReplicaSetReplicas } from './new-replica-count.js';
import { deploymentComplete } from './progress.js';
import {
  activeReplicaSets,
  availableReplicaCount,
  byCreationTimestamp,
  specReplicaCount,
} from './replica-set-lists.js';
import { scaleReplicaSetIfNeeded } from './scale.js';
import { desiredReplicas, replicaSetReplicas } from './spec.js';
import { syncRolloutStatus } from './status.js';

export function rolloutRolling(sync: DeploymentSync, replicaSets: readonly ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(sync, replicaSets, true);
  const allRSs = [...oldRSs, ...(newRS ? [newRS] : [])];
  const stepTaken =
    (newRS !== undefined && reconcileNewReplicaSet(sync, allRSs, newRS)) ||
    reconcileOldReplicaSets(sync, allRSs, activeReplicaSets(oldRSs), newRS);
  if (!stepTaken && deploymentComplete(sync.deployment, sync.deployment.status))
    cleanupDeployment(sync, oldRSs);
  finishWithRolloutStatus(sync);
}

/** Status from the ReplicaSets as they stand after this step's writes. */
export function finishWithRolloutStatus(sync: DeploymentSync): void {
  const current = sync.ownedReplicaSets();
  const { newRS } = getAllReplicaSetsAndSyncRevision(sync, current, false);
  syncRolloutStatus(sync, current, newRS);
}

function reconcileNewReplicaSet(
  sync: DeploymentSync,
  allRSs: readonly ReplicaSet[],
  newRS: ReplicaSet,
): boolean {
  const desired = desiredReplicas(sync.deployment);
  const size = replicaSetReplicas(newRS);
  if (size === desired) return false;
  if (size > desired) return scaleReplicaSetIfNeeded(sync, newRS, desired);
  return scaleReplicaSetIfNeeded(sync, newRS, newReplicaSetReplicas(sync.deployment, allRSs, newRS));
}

function reconcileOldReplicaSets(
  sync: DeploymentSync,
  allRSs: readonly ReplicaSet[],
  oldActive: ReplicaSet[],
  newRS: ReplicaSet | undefined,
): boolean {
  if (specReplicaCount(oldActive) === 0) return false;
  const minAvailable = desiredReplicas(sync.deployment) - maxUnavailable(sync.deployment);
  const newUnavailable = newRS ? replicaSetReplicas(newRS) - (newRS.status?.availableReplicas ?? 0) : 0;
  // Pods that may go without dropping below minAvailable, not counting new pods that are not available yet.
  const maxScaledDown = specReplicaCount(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;

  const { remaining, scaledDown: cleaned } = cleanupUnhealthyReplicas(sync, oldActive, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSets(
    sync,
    [...remaining, ...(newRS ? [newRS] : [])],
    remaining,
    minAvailable,
  );
  return cleaned + scaledDown > 0;
}

/** Old replicas that are not available go first: they would otherwise block the rollout forever. */
function cleanupUnhealthyReplicas(
  sync: DeploymentSync,
  oldRSs: ReplicaSet[],
  maxCleanup: number,
): { remaining: ReplicaSet[]; scaledDown: number } {
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  let total = 0;
  const remaining = sorted.map((replicaSet) => {
    const size = replicaSetReplicas(replicaSet);
    const available = replicaSet.status?.availableReplicas ?? 0;
    if (total >= maxCleanup || size === 0 || size === available) return replicaSet;
    const count = Math.min(maxCleanup - total, size - available);
    scaleReplicaSetIfNeeded(sync, replicaSet, size - count);
    total += count;
    return sync.findReplicaSet(replicaSet.metadata?.name ?? '') ?? replicaSet;
  });
  return { remaining, scaledDown: total };
}

/** Then available old replicas, as long as availability stays at or above minAvailable. */
function scaleDownOldReplicaSets(
  sync: DeploymentSync,
  allRSs: readonly ReplicaSet[],
  oldRSs: ReplicaSet[],
  minAvailable: number,
): number {
  const available = availableReplicaCount(allRSs);
  if (available <= minAvailable) return 0;
  const target = available - minAvailable;
  let total = 0;
  for (const replicaSet of [...oldRSs].sort(byCreationTimestamp)) {
    if (total >= target) break;
    const size = replicaSetReplicas(replicaSet);
    if (size === 0) continue;
    const count = Math.min(size, target - total);
    scaleReplicaSetIfNeeded(sync, replicaSet, size - count);
    total += count;
  }
  return total;
}
