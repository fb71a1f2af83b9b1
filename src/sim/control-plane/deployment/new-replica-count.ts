/**
 * `deploymentutil.NewRSNewReplicas`: how far the new ReplicaSet may grow in this step. Rolling updates stay
 * within replicas + maxSurge pods in total (counting every ReplicaSet's spec.replicas); Recreate goes straight
 * to the full count.
 */
import type { Deployment, ReplicaSet } from '../../../kube/types.js';
import { maxSurge } from './fenceposts.js';
import { specReplicaCount } from './replica-set-lists.js';
import { desiredReplicas, isRecreate, replicaSetReplicas } from './spec.js';

export function newReplicaSetReplicas(
  deployment: Deployment,
  allRSs: readonly ReplicaSet[],
  newRS: ReplicaSet,
): number {
  const desired = desiredReplicas(deployment);
  if (isRecreate(deployment)) return desired;
  const current = specReplicaCount(allRSs);
  const maxTotal = desired + maxSurge(deployment);
  const newReplicas = replicaSetReplicas(newRS);
  if (current >= maxTotal) return newReplicas;
  return newReplicas + Math.min(maxTotal - current, desired - newReplicas);
}
