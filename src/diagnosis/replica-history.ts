/** The largest replica count a Deployment is known to have had: spec, status, ReplicaSets and scaling events. */
import type { Snapshot } from '../domain/snapshot.js';
import type { Deployment } from '../kube/types.js';
import { eventsFor } from '../analyzers/support/events.js';
import { revisionHistory } from '../analyzers/support/revisions.js';

const SCALING = /^Scaled (?:up|down) replica set \S+ to (\d+)(?: from (\d+))?$/;

export function maxReplicasSeen(snapshot: Snapshot, deployment: Deployment): number {
  const counts = [deployment.spec?.replicas ?? 0, deployment.status?.replicas ?? 0];
  for (const revision of revisionHistory(snapshot, deployment)) {
    counts.push(
      revision.replicaSet.spec?.replicas ?? 0,
      revision.replicaSet.status?.replicas ?? 0,
      revision.desiredReplicas ?? 0,
    );
  }
  for (const event of eventsFor(snapshot, 'Deployment', deployment.metadata?.name ?? '')) {
    const match = SCALING.exec(event.message);
    if (match) counts.push(Number(match[1] ?? 0), Number(match[2] ?? 0));
  }
  return Math.max(...counts);
}
