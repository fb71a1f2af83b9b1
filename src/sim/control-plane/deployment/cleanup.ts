/**
 * Revision history cleanup (`cleanupDeployment`): old ReplicaSets beyond revisionHistoryLimit are deleted,
 * lowest revision first — only those already scaled to 0, with no pods left and their spec observed.
 */
import type { ReplicaSet } from '../../../kube/types.js';
import type { DeploymentSync } from './deployment-sync.js';
import { byRevision } from './replica-set-lists.js';
import { replicaSetReplicas, revisionHistoryLimit } from './spec.js';

export function cleanupDeployment(sync: DeploymentSync, oldRSs: readonly ReplicaSet[]): void {
  const limit = revisionHistoryLimit(sync.deployment);
  if (limit === undefined) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp);
  const excess = cleanable.length - limit;
  if (excess <= 0) return;
  for (const replicaSet of [...cleanable].sort(byRevision).slice(0, excess)) {
    const idle =
      (replicaSet.status?.replicas ?? 0) === 0 &&
      replicaSetReplicas(replicaSet) === 0 &&
      (replicaSet.metadata?.generation ?? 0) <= (replicaSet.status?.observedGeneration ?? 0);
    if (idle) sync.deleteReplicaSet(replicaSet);
  }
}
