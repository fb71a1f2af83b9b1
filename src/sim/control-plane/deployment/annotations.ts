/**
 * The revision bookkeeping annotations (`deploymentutil.SetNewReplicaSetAnnotations` and friends). `kubectl
 * rollout history/undo` read `deployment.kubernetes.io/revision` on the ReplicaSets, `describe` and the
 * proportional scaler read desired/max-replicas, and `kubernetes.io/change-cause` travels from the Deployment.
 */
import type { Deployment, ReplicaSet } from '../../../kube/types.js';
import { maxSurge } from './fenceposts.js';
import { desiredReplicas } from './spec.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
const DEPRECATED_ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';

/** Copying these from the Deployment would overwrite the ReplicaSet's own bookkeeping. */
const NOT_COPIED_TO_REPLICA_SETS = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  DEPRECATED_ROLLBACK_TO_ANNOTATION,
]);

/** The revision-history annotation is capped at this many characters (kube-controller-manager's default). */
const MAX_REVISION_HISTORY_CHARACTERS = 2000;

/** A ReplicaSet's revision; 0 when absent or not a number (as `deploymentutil.Revision` + MaxRevision treat it). */
export function revisionOf(replicaSet: ReplicaSet): number {
  const revision = Number.parseInt(replicaSet.metadata?.annotations?.[REVISION_ANNOTATION] ?? '', 10);
  return Number.isNaN(revision) ? 0 : revision;
}

export function maxRevision(replicaSets: readonly ReplicaSet[]): number {
  return replicaSets.reduce((max, replicaSet) => Math.max(max, revisionOf(replicaSet)), 0);
}

export function annotatedReplicas(replicaSet: ReplicaSet, annotation: string): number | undefined {
  const value = replicaSet.metadata?.annotations?.[annotation];
  if (value === undefined || !/^-?\d+$/.test(value)) return undefined;
  return Number(value);
}

/** Maps are serialised with sorted keys by the Go API server; keep ours the same so `-o yaml` looks alike. */
export function sortedKeys(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function annotationsOf(replicaSet: ReplicaSet): Record<string, string> {
  const metadata = (replicaSet.metadata ??= {});
  return (metadata.annotations ??= {});
}

function copyDeploymentAnnotations(deployment: Deployment, replicaSet: ReplicaSet): boolean {
  const annotations = annotationsOf(replicaSet);
  let changed = false;
  for (const [key, value] of Object.entries(deployment.metadata?.annotations ?? {})) {
    if (NOT_COPIED_TO_REPLICA_SETS.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(replicaSet: ReplicaSet, desired: number, max: number): boolean {
  const annotations = replicaSet.metadata?.annotations ?? {};
  return (
    annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired) ||
    annotations[MAX_REPLICAS_ANNOTATION] !== String(max)
  );
}

export function setReplicasAnnotations(replicaSet: ReplicaSet, desired: number, max: number): boolean {
  if (!replicasAnnotationsNeedUpdate(replicaSet, desired, max)) return false;
  const annotations = annotationsOf(replicaSet);
  annotations[DESIRED_REPLICAS_ANNOTATION] = String(desired);
  annotations[MAX_REPLICAS_ANNOTATION] = String(max);
  replicaSet.metadata!.annotations = sortedKeys(annotations);
  return true;
}

/** The desired/max-replicas pair the Deployment asks for now. */
export function deploymentReplicasAnnotations(deployment: Deployment): { desired: number; max: number } {
  const desired = desiredReplicas(deployment);
  return { desired, max: desired + maxSurge(deployment) };
}

/**
 * Brings the new ReplicaSet's annotations up to date: the Deployment's annotations (minus the skip list), the
 * revision raised to `newRevision` when lower — a re-used old ReplicaSet (rollback) then records its previous
 * revision in revision-history — and, for a ReplicaSet about to be created, desired/max-replicas.
 * Returns whether anything changed.
 */
export function setNewReplicaSetAnnotations(
  deployment: Deployment,
  replicaSet: ReplicaSet,
  newRevision: number,
  exists: boolean,
): boolean {
  let changed = copyDeploymentAnnotations(deployment, replicaSet);
  const annotations = annotationsOf(replicaSet);
  const oldRevisionText = annotations[REVISION_ANNOTATION];
  let oldRevision = 0;
  if (oldRevisionText !== undefined && oldRevisionText !== '') {
    if (!/^-?\d+$/.test(oldRevisionText)) return false;
    oldRevision = Number(oldRevisionText);
  }
  if (oldRevision < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (oldRevisionText !== undefined) appendRevisionHistory(annotations, oldRevisionText);
  }
  replicaSet.metadata!.annotations = sortedKeys(annotations);
  if (!exists) {
    const { desired, max } = deploymentReplicasAnnotations(deployment);
    if (setReplicasAnnotations(replicaSet, desired, max)) changed = true;
  }
  return changed;
}

function appendRevisionHistory(annotations: Record<string, string>, oldRevision: string): void {
  const history = annotations[REVISION_HISTORY_ANNOTATION] ?? '';
  if (history === '') {
    annotations[REVISION_HISTORY_ANNOTATION] = oldRevision;
    return;
  }
  const revisions = history.split(',');
  // Drop the oldest entries until the new one fits in the character budget.
  let totalLength = history.length + oldRevision.length + 1;
  let start = 0;
  while (totalLength > MAX_REVISION_HISTORY_CHARACTERS && start < revisions.length) {
    totalLength -= (revisions[start]?.length ?? 0) + 1;
    start += 1;
  }
  if (totalLength <= MAX_REVISION_HISTORY_CHARACTERS) {
    annotations[REVISION_HISTORY_ANNOTATION] = [...revisions.slice(start), oldRevision].join(',');
  }
}

/** `SetDeploymentRevision`: the Deployment's revision annotation follows its new ReplicaSet's. */
export function setDeploymentRevision(deployment: Deployment, revision: string): boolean {
  const metadata = (deployment.metadata ??= {});
  const annotations = (metadata.annotations ??= {});
  if (annotations[REVISION_ANNOTATION] === revision) return false;
  annotations[REVISION_ANNOTATION] = revision;
  metadata.annotations = sortedKeys(annotations);
  return true;
}
