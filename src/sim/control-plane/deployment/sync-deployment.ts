/**
 * One Deployment's sync (`syncDeployment`, kubernetes `pkg/controller/deployment/deployment_controller.go`):
 * claim ReplicaSets; a Deployment being deleted only gets its status; pause conditions; a paused Deployment or a
 * replica-count change is only scaled; otherwise one step of its strategy.
 */
import { isEmptySelector } from '../../kinds/label-selector.js';
import { claimReplicaSets } from './claim.js';
import { cleanupDeployment } from './cleanup.js';
import type { DeploymentSync } from './deployment-sync.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set.js';
import { checkPausedConditions } from './paused.js';
import { rolloutRecreate } from './recreate.js';
import { rolloutRolling } from './rolling.js';
import { isScalingEvent, scale } from './scale.js';
import { isRecreate } from './spec.js';
import { syncDeploymentStatus } from './status.js';

export function syncDeployment(sync: DeploymentSync): void {
  const deployment = sync.deployment;
  if (!deployment.spec?.selector || isEmptySelector(deployment.spec.selector)) {
    rejectEmptySelector(sync);
    return;
  }
  const claimed = claimReplicaSets(sync);
  if (deployment.metadata?.deletionTimestamp) {
    const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(sync, claimed, false);
    syncDeploymentStatus(sync, [...oldRSs, ...(newRS ? [newRS] : [])], newRS);
    return;
  }
  checkPausedConditions(sync);
  if (deployment.spec.paused || isScalingEvent(sync, claimed)) {
    scaleOnly(sync);
    return;
  }
  if (isRecreate(deployment)) rolloutRecreate(sync, sync.ownedReplicaSets());
  else rolloutRolling(sync, sync.ownedReplicaSets());
}

/** `sync()`: resize, clean up old revisions while paused, and report status — no rollout step. */
function scaleOnly(sync: DeploymentSync): void {
  const before = getAllReplicaSetsAndSyncRevision(sync, sync.ownedReplicaSets(), false);
  scale(sync, before.newRS, before.oldRSs);
  if (sync.deployment.spec?.paused) cleanupDeployment(sync, before.oldRSs);
  const current = sync.ownedReplicaSets();
  const { newRS } = getAllReplicaSetsAndSyncRevision(sync, current, false);
  syncDeploymentStatus(sync, current, newRS);
}

/** An empty selector would select every pod: the controller refuses, but still observes the generation. */
function rejectEmptySelector(sync: DeploymentSync): void {
  const deployment = sync.deployment;
  const generation = deployment.metadata?.generation ?? 0;
  if ((deployment.status?.observedGeneration ?? 0) >= generation) return;
  sync.warningEvent(
    'SelectingAll',
    'This deployment is selecting all pods. A non-empty selector is required.',
  );
  deployment.status = { ...deployment.status, observedGeneration: generation };
  sync.updateStatus();
}
