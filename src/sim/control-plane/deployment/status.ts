/**
 * The Deployment's status (`calculateStatus`, `syncRolloutStatus`, `syncDeploymentStatus` in kubernetes
 * `pkg/controller/deployment`): counts summed over its ReplicaSets, the Available condition, and — during a
 * rollout — the Progressing condition and the ReplicaFailure condition copied from a failing ReplicaSet.
 * Written through the status subresource only when something differs.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Deployment, ReplicaSet } from '../../../kube/types.js';
import { normalize } from '../../store.js';
import {
  AVAILABLE,
  getCondition,
  newCondition,
  PROGRESSING,
  REASONS,
  removeCondition,
  REPLICA_FAILURE,
  setCondition,
} from './conditions.js';
import type { DeploymentSync } from './deployment-sync.js';
import { maxUnavailable } from './fenceposts.js';
import { deploymentComplete, deploymentProgressing, deploymentTimedOut } from './progress.js';
import {
  actualReplicaCount,
  availableReplicaCount,
  readyReplicaCount,
  specReplicaCount,
} from './replica-set-lists.js';
import {
  desiredReplicas,
  hasProgressDeadline,
  type DeploymentCondition,
  type DeploymentStatus,
} from './spec.js';

/** Go's `omitempty`: DeploymentStatus drops zero counts from the JSON. */
const nonZero = (value: number): number | undefined => (value === 0 ? undefined : value);

export function calculateStatus(
  deployment: Deployment,
  allRSs: readonly ReplicaSet[],
  newRS: ReplicaSet | undefined,
  now: string,
): DeploymentStatus {
  const available = availableReplicaCount(allRSs);
  // Pods asked for (spec) minus pods available: what `kubectl describe` shows as "unavailable".
  const unavailable = Math.max(specReplicaCount(allRSs) - available, 0);
  const status: DeploymentStatus = {
    observedGeneration: nonZero(deployment.metadata?.generation ?? 0),
    replicas: nonZero(actualReplicaCount(allRSs)),
    updatedReplicas: nonZero(actualReplicaCount([newRS])),
    readyReplicas: nonZero(readyReplicaCount(allRSs)),
    availableReplicas: nonZero(available),
    unavailableReplicas: nonZero(unavailable),
    conditions: structuredClone(deployment.status?.conditions ?? []),
    collisionCount: deployment.status?.collisionCount,
  };
  if (available >= desiredReplicas(deployment) - maxUnavailable(deployment)) {
    setCondition(
      status,
      newCondition(
        AVAILABLE,
        'True',
        REASONS.minimumReplicasAvailable,
        'Deployment has minimum availability.',
        now,
      ),
    );
  } else {
    setCondition(
      status,
      newCondition(
        AVAILABLE,
        'False',
        REASONS.minimumReplicasUnavailable,
        'Deployment does not have minimum availability.',
        now,
      ),
    );
  }
  return status;
}

/** Writes `newStatus` unless it equals the stored one. */
function writeStatus(sync: DeploymentSync, newStatus: DeploymentStatus): void {
  const next = normalize(newStatus);
  if (isDeepStrictEqual(normalize(sync.deployment.status ?? {}), next)) return;
  sync.deployment.status = next;
  sync.updateStatus();
}

/** Status outside a rollout (scaling, paused, being deleted): counts and Available only. */
export function syncDeploymentStatus(
  sync: DeploymentSync,
  allRSs: readonly ReplicaSet[],
  newRS: ReplicaSet | undefined,
): void {
  writeStatus(sync, calculateStatus(sync.deployment, allRSs, newRS, sync.nowTime()));
}

/** Status during a rollout: also Progressing (complete / progressing / timed out) and ReplicaFailure. */
export function syncRolloutStatus(
  sync: DeploymentSync,
  allRSs: readonly ReplicaSet[],
  newRS: ReplicaSet | undefined,
): void {
  const deployment = sync.deployment;
  const now = sync.nowTime();
  const newStatus = calculateStatus(deployment, allRSs, newRS, now);
  if (!hasProgressDeadline(deployment)) removeCondition(newStatus, PROGRESSING);

  const current = getCondition(deployment.status, PROGRESSING);
  const alreadyComplete =
    newStatus.replicas === newStatus.updatedReplicas && current?.reason === REASONS.newReplicaSetAvailable;
  if (hasProgressDeadline(deployment) && !alreadyComplete) {
    const subject = newRS ? `ReplicaSet "${newRS.metadata?.name}"` : `Deployment "${sync.name}"`;
    if (deploymentComplete(deployment, newStatus)) {
      setCondition(
        newStatus,
        newCondition(
          PROGRESSING,
          'True',
          REASONS.newReplicaSetAvailable,
          `${subject} has successfully progressed.`,
          now,
        ),
      );
    } else if (deploymentProgressing(deployment, newStatus)) {
      // Progress refreshes lastUpdateTime even when the reason stays the same (unlike setCondition).
      const condition = newCondition(
        PROGRESSING,
        'True',
        REASONS.replicaSetUpdated,
        `${subject} is progressing.`,
        now,
      );
      if (current) {
        if (current.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
        removeCondition(newStatus, PROGRESSING);
      }
      setCondition(newStatus, condition);
    } else if (deploymentTimedOut(deployment, newStatus, sync.now())) {
      setCondition(
        newStatus,
        newCondition(
          PROGRESSING,
          'False',
          REASONS.progressDeadlineExceeded,
          `${subject} has timed out progressing.`,
          now,
        ),
      );
    }
  }

  const failure = replicaFailure(allRSs, newRS);
  if (failure) setCondition(newStatus, failure);
  else removeCondition(newStatus, REPLICA_FAILURE);
  writeStatus(sync, newStatus);
}

/** The ReplicaFailure condition of the new ReplicaSet, else of any old one, as a Deployment condition. */
function replicaFailure(
  allRSs: readonly ReplicaSet[],
  newRS: ReplicaSet | undefined,
): DeploymentCondition | undefined {
  for (const replicaSet of [newRS, ...allRSs]) {
    const condition = replicaSet?.status?.conditions?.find((c) => c.type === REPLICA_FAILURE);
    if (condition) {
      return {
        type: REPLICA_FAILURE,
        status: condition.status,
        lastUpdateTime: condition.lastTransitionTime,
        lastTransitionTime: condition.lastTransitionTime,
        reason: condition.reason,
        message: condition.message,
      };
    }
  }
  return undefined;
}
