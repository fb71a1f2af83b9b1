/**
 * Scaling ReplicaSets (`scaleReplicaSet`, `scale`, `isScalingEvent` in kubernetes
 * `pkg/controller/deployment/sync.go`): every resize also refreshes desired/max-replicas and records
 * `Scaled up|down replica set <rs> to <new> from <old>`. When the Deployment itself was resized mid-rollout, the
 * extra (or missing) replicas are spread over the active ReplicaSets in proportion to their size.
 */
import type { ReplicaSet } from '../../../kube/types.js';
import {
  annotatedReplicas,
  deploymentReplicasAnnotations,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  replicasAnnotationsNeedUpdate,
  setReplicasAnnotations,
} from './annotations.js';
import type { DeploymentSync } from './deployment-sync.js';
import { maxSurge } from './fenceposts.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set.js';
import {
  activeReplicaSets,
  bySizeNewer,
  bySizeOlder,
  findActiveOrLatest,
  isSaturated,
  specReplicaCount,
} from './replica-set-lists.js';
import { desiredReplicas, isRollingUpdate, replicaSetReplicas } from './spec.js';

/** Resizes `replicaSet` (and refreshes its replica annotations); returns whether the size changed. */
export function scaleReplicaSet(sync: DeploymentSync, replicaSet: ReplicaSet, newScale: number): boolean {
  const { desired, max } = deploymentReplicasAnnotations(sync.deployment);
  const oldScale = replicaSetReplicas(replicaSet);
  const sizeNeedsUpdate = oldScale !== newScale;
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(replicaSet, desired, max)) return false;
  const copy = structuredClone(replicaSet);
  copy.spec = { ...copy.spec!, replicas: newScale };
  setReplicasAnnotations(copy, desired, max);
  const updated = sync.updateReplicaSet(copy);
  if (!sizeNeedsUpdate) return false;
  const direction = oldScale < newScale ? 'up' : 'down';
  sync.normalEvent(
    'ScalingReplicaSet',
    `Scaled ${direction} replica set ${updated.metadata?.name} to ${newScale} from ${oldScale}`,
  );
  return true;
}

/** `scaleReplicaSetAndRecordEvent`: nothing at all when the size is already right. */
export function scaleReplicaSetIfNeeded(
  sync: DeploymentSync,
  replicaSet: ReplicaSet,
  newScale: number,
): boolean {
  if (replicaSetReplicas(replicaSet) === newScale) return false;
  return scaleReplicaSet(sync, replicaSet, newScale);
}

/** A ReplicaSet's share of `toAdd` (`GetReplicaSetProportion`), bounded by what is still left to add. */
function proportion(sync: DeploymentSync, replicaSet: ReplicaSet, toAdd: number, added: number): number {
  if (replicaSetReplicas(replicaSet) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(sync, replicaSet);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(sync: DeploymentSync, replicaSet: ReplicaSet): number {
  const deployment = sync.deployment;
  const size = replicaSetReplicas(replicaSet);
  if (desiredReplicas(deployment) === 0) return -size;
  const maxReplicas = desiredReplicas(deployment) + maxSurge(deployment);
  let maxReplicasBefore = annotatedReplicas(replicaSet, MAX_REPLICAS_ANNOTATION) ?? 0;
  // Annotation edited away: fall back to the Deployment's last observed size.
  if (maxReplicasBefore === 0) maxReplicasBefore = deployment.status?.replicas ?? 0;
  if (maxReplicasBefore === 0) return 0;
  // Go's integer.RoundToInt32 rounds half away from zero.
  const scaled = (size * maxReplicas) / maxReplicasBefore;
  return Math.sign(scaled) * Math.round(Math.abs(scaled)) - size;
}

/** `scale()`: the Deployment's replica count changed (or it is paused) — resize without rolling. */
export function scale(
  sync: DeploymentSync,
  newRS: ReplicaSet | undefined,
  oldRSs: readonly ReplicaSet[],
): void {
  const deployment = sync.deployment;
  const desired = desiredReplicas(deployment);
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (replicaSetReplicas(activeOrLatest) !== desired)
      scaleReplicaSetIfNeeded(sync, activeOrLatest, desired);
    return;
  }
  if (isSaturated(deployment, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) scaleReplicaSetIfNeeded(sync, old, 0);
    return;
  }
  if (!isRollingUpdate(deployment)) return;

  const allRSs = activeReplicaSets([...oldRSs, newRS]);
  const allowedSize = desired > 0 ? desired + maxSurge(deployment) : 0;
  const toAdd = allowedSize - specReplicaCount(allRSs);
  if (toAdd > 0) allRSs.sort(bySizeNewer);
  else if (toAdd < 0) allRSs.sort(bySizeOlder);

  let added = 0;
  const sizes = new Map<ReplicaSet, number>();
  for (const replicaSet of allRSs) {
    const share = proportion(sync, replicaSet, toAdd, added);
    sizes.set(replicaSet, replicaSetReplicas(replicaSet) + share);
    added += share;
  }
  allRSs.forEach((replicaSet, index) => {
    let size = sizes.get(replicaSet) ?? 0;
    // Rounding leftovers go to (or come from) the largest ReplicaSet.
    if (index === 0 && toAdd !== 0) size = Math.max(size + toAdd - added, 0);
    scaleReplicaSet(sync, replicaSet, size);
  });
}

/** Some active ReplicaSet was sized for a different replica count than the Deployment now asks for. */
export function isScalingEvent(sync: DeploymentSync, replicaSets: readonly ReplicaSet[]): boolean {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(sync, replicaSets, false);
  const desired = desiredReplicas(sync.deployment);
  return activeReplicaSets([...oldRSs, newRS]).some((replicaSet) => {
    const annotated = annotatedReplicas(replicaSet, DESIRED_REPLICAS_ANNOTATION);
    return annotated !== undefined && annotated !== desired;
  });
}
