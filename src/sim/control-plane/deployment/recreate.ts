/**
 * The Recreate strategy (`rolloutRecreate`, kubernetes `pkg/controller/deployment/recreate.go`): scale every
 * old ReplicaSet to 0, wait until none of their pods is left (terminating ones included), then create or scale
 * the new ReplicaSet to the full count in one step.
 */
import type { Pod, ReplicaSet } from '../../../kube/types.js';
import { pods } from '../../resources/pods.js';
import { controllerRefOf } from '../shared/owner-references.js';
import { isPodTerminal } from '../shared/pod-state.js';
import { labelSelectorMatcher } from '../../selectors.js';
import { cleanupDeployment } from './cleanup.js';
import type { DeploymentSync } from './deployment-sync.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set.js';
import { deploymentComplete } from './progress.js';
import { activeReplicaSets, actualReplicaCount } from './replica-set-lists.js';
import { finishWithRolloutStatus } from './rolling.js';
import { scaleReplicaSetIfNeeded } from './scale.js';
import { desiredReplicas } from './spec.js';

export function rolloutRecreate(sync: DeploymentSync, replicaSets: readonly ReplicaSet[]): void {
  let { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(sync, replicaSets, false);
  let scaledDown = false;
  for (const old of activeReplicaSets(oldRSs))
    scaledDown = scaleReplicaSetIfNeeded(sync, old, 0) || scaledDown;
  if (scaledDown || oldPodsRunning(sync, newRS, oldRSs, replicaSets)) {
    finishWithRolloutStatus(sync);
    return;
  }
  if (!newRS) ({ newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(sync, sync.ownedReplicaSets(), true));
  if (newRS) scaleReplicaSetIfNeeded(sync, newRS, desiredReplicas(sync.deployment));
  if (deploymentComplete(sync.deployment, sync.deployment.status)) cleanupDeployment(sync, oldRSs);
  finishWithRolloutStatus(sync);
}

/** Old ReplicaSets still report pods, or a pod of theirs has not finished (even while terminating). */
function oldPodsRunning(
  sync: DeploymentSync,
  newRS: ReplicaSet | undefined,
  oldRSs: readonly ReplicaSet[],
  replicaSets: readonly ReplicaSet[],
): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  const matches = labelSelectorMatcher(sync.deployment.spec?.selector);
  const ownedUids = new Set(replicaSets.map((rs) => rs.metadata?.uid));
  ownedUids.delete(newRS?.metadata?.uid);
  const candidates = sync.context.api.list(pods, sync.namespace).items as Pod[];
  return candidates.some((pod) => {
    const owner = controllerRefOf(pod)?.uid;
    return (
      owner !== undefined && ownedUids.has(owner) && matches(pod.metadata?.labels) && !isPodTerminal(pod)
    );
  });
}
