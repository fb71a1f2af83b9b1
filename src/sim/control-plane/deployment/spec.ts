/**
 * A Deployment's spec with the API defaults applied (apps/v1 `SetDefaults_Deployment`), so the controller works
 * the same whether or not the object went through defaulting: replicas 1, RollingUpdate 25%/25%,
 * revisionHistoryLimit 10, progressDeadlineSeconds 600.
 */
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../../../kube/types.js';

export type DeploymentStatus = NonNullable<Deployment['status']>;
export type DeploymentCondition = NonNullable<DeploymentStatus['conditions']>[number];
export type IntOrPercent = number | string;

/** `math.MaxInt32` means "no progress deadline" / "keep every revision" in apps/v1. */
const MAX_INT32 = 2_147_483_647;
const DEFAULT_REVISION_HISTORY_LIMIT = 10;
const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;
const DEFAULT_SURGE_AND_UNAVAILABLE = '25%';

export function desiredReplicas(deployment: Deployment): number {
  return deployment.spec?.replicas ?? 1;
}

export function replicaSetReplicas(replicaSet: ReplicaSet): number {
  return replicaSet.spec?.replicas ?? 1;
}

export function minReadySeconds(deployment: Deployment): number {
  return deployment.spec?.minReadySeconds ?? 0;
}

export function podTemplate(deployment: Deployment): PodTemplateSpec {
  return deployment.spec?.template ?? {};
}

export function isRecreate(deployment: Deployment): boolean {
  return deployment.spec?.strategy?.type === 'Recreate';
}

export function isRollingUpdate(deployment: Deployment): boolean {
  return !isRecreate(deployment);
}

export function rollingUpdateParameters(deployment: Deployment): {
  maxSurge: IntOrPercent;
  maxUnavailable: IntOrPercent;
} {
  const rollingUpdate = deployment.spec?.strategy?.rollingUpdate;
  return {
    maxSurge: rollingUpdate?.maxSurge ?? DEFAULT_SURGE_AND_UNAVAILABLE,
    maxUnavailable: rollingUpdate?.maxUnavailable ?? DEFAULT_SURGE_AND_UNAVAILABLE,
  };
}

/** `HasRevisionHistoryLimit`: undefined when every old ReplicaSet is kept. */
export function revisionHistoryLimit(deployment: Deployment): number | undefined {
  const limit = deployment.spec?.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT;
  return limit === MAX_INT32 ? undefined : limit;
}

/** `HasProgressDeadline`: undefined when progress is not tracked. */
export function progressDeadlineSeconds(deployment: Deployment): number | undefined {
  const deadline = deployment.spec?.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_SECONDS;
  return deadline === MAX_INT32 ? undefined : deadline;
}

export function hasProgressDeadline(deployment: Deployment): boolean {
  return progressDeadlineSeconds(deployment) !== undefined;
}
