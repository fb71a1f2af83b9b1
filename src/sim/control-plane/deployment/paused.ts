/**
 * `checkPausedConditions`: pausing or resuming a Deployment sets Progressing to Unknown with DeploymentPaused /
 * DeploymentResumed, which also restarts the progress clock on resume. A rollout that already timed out keeps
 * its ProgressDeadlineExceeded condition.
 */
import { getCondition, newCondition, PROGRESSING, REASONS, setCondition } from './conditions.js';
import type { DeploymentSync } from './deployment-sync.js';
import { hasProgressDeadline } from './spec.js';

export function checkPausedConditions(sync: DeploymentSync): void {
  const deployment = sync.deployment;
  if (!hasProgressDeadline(deployment)) return;
  const current = getCondition(deployment.status, PROGRESSING);
  if (current?.reason === REASONS.progressDeadlineExceeded) return;
  const paused = deployment.spec?.paused === true;
  const pausedConditionExists = current?.reason === REASONS.paused;
  let condition;
  if (paused && !pausedConditionExists) {
    condition = newCondition(PROGRESSING, 'Unknown', REASONS.paused, 'Deployment is paused', sync.nowTime());
  } else if (!paused && pausedConditionExists) {
    condition = newCondition(
      PROGRESSING,
      'Unknown',
      REASONS.resumed,
      'Deployment is resumed',
      sync.nowTime(),
    );
  } else {
    return;
  }
  deployment.status ??= {};
  setCondition(deployment.status, condition);
  sync.updateStatus();
}
