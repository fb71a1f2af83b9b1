/**
 * Orderings, filters and counts over a Deployment's ReplicaSets (kubernetes `controller` ReplicaSetsBy* sorts
 * and `deploymentutil` Get*ReplicaCountForReplicaSets, FindNewReplicaSet, FindActiveOrLatest, IsSaturated).
 */
import type { Deployment, ReplicaSet } from '../../../kube/types.js';
import { parseTime } from '../../clock.js';
import { annotatedReplicas, DESIRED_REPLICAS_ANNOTATION, revisionOf } from './annotations.js';
import { equalIgnoreHash } from './pod-template-hash.js';
import { desiredReplicas, podTemplate, replicaSetReplicas } from './spec.js';

type Order = (a: ReplicaSet, b: ReplicaSet) => number;

const nameOf = (replicaSet: ReplicaSet): string => replicaSet.metadata?.name ?? '';
const createdAt = (replicaSet: ReplicaSet): number => parseTime(replicaSet.metadata?.creationTimestamp) ?? 0;

/** Oldest first; equal timestamps (second precision) by name. */
export const byCreationTimestamp: Order = (a, b) =>
  createdAt(a) !== createdAt(b)
    ? createdAt(a) - createdAt(b)
    : nameOf(a) < nameOf(b)
      ? -1
      : nameOf(a) > nameOf(b)
        ? 1
        : 0;

/** Largest first; among equals the newest first (scaling up favours new ReplicaSets). */
export const bySizeNewer: Order = (a, b) =>
  replicaSetReplicas(a) !== replicaSetReplicas(b)
    ? replicaSetReplicas(b) - replicaSetReplicas(a)
    : byCreationTimestamp(b, a);

/** Largest first; among equals the oldest first (scaling down takes from old ReplicaSets). */
export const bySizeOlder: Order = (a, b) =>
  replicaSetReplicas(a) !== replicaSetReplicas(b)
    ? replicaSetReplicas(b) - replicaSetReplicas(a)
    : byCreationTimestamp(a, b);

/** Lowest revision first (cleanup deletes the oldest revisions). */
export const byRevision: Order = (a, b) =>
  revisionOf(a) !== revisionOf(b) && revisionOf(a) !== 0 && revisionOf(b) !== 0
    ? revisionOf(a) - revisionOf(b)
    : byCreationTimestamp(a, b);

export function activeReplicaSets(replicaSets: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return replicaSets.filter((rs): rs is ReplicaSet => rs !== undefined && replicaSetReplicas(rs) > 0);
}

const sum = (
  replicaSets: readonly (ReplicaSet | undefined)[],
  count: (rs: ReplicaSet) => number | undefined,
): number => replicaSets.reduce((total, rs) => total + (rs ? (count(rs) ?? 0) : 0), 0);

/** Σ spec.replicas: the pods the ReplicaSets are asked for. */
export const specReplicaCount = (replicaSets: readonly (ReplicaSet | undefined)[]): number =>
  sum(replicaSets, (rs) => replicaSetReplicas(rs));
/** Σ status.replicas: the pods that exist (not terminating). */
export const actualReplicaCount = (replicaSets: readonly (ReplicaSet | undefined)[]): number =>
  sum(replicaSets, (rs) => rs.status?.replicas);
export const readyReplicaCount = (replicaSets: readonly (ReplicaSet | undefined)[]): number =>
  sum(replicaSets, (rs) => rs.status?.readyReplicas);
export const availableReplicaCount = (replicaSets: readonly (ReplicaSet | undefined)[]): number =>
  sum(replicaSets, (rs) => rs.status?.availableReplicas);

/** The oldest ReplicaSet whose template equals the Deployment's (ignoring pod-template-hash). */
export function findNewReplicaSet(
  deployment: Deployment,
  replicaSets: readonly ReplicaSet[],
): ReplicaSet | undefined {
  const template = podTemplate(deployment);
  return [...replicaSets]
    .sort(byCreationTimestamp)
    .find((rs) => equalIgnoreHash(rs.spec?.template, template));
}

/**
 * When at most one ReplicaSet has replicas, the one to scale: the active one, or (none active) the new one, or
 * the newest old one. Undefined when several are active (proportional scaling takes over).
 */
export function findActiveOrLatest(
  newRS: ReplicaSet | undefined,
  oldRSs: readonly ReplicaSet[],
): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreationTimestamp(b, a));
  const active = activeReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** The new ReplicaSet already runs every replica, all available, at the Deployment's current size. */
export function isSaturated(deployment: Deployment, replicaSet: ReplicaSet | undefined): boolean {
  if (!replicaSet) return false;
  const desired = desiredReplicas(deployment);
  return (
    replicaSetReplicas(replicaSet) === desired &&
    annotatedReplicas(replicaSet, DESIRED_REPLICAS_ANNOTATION) === desired &&
    (replicaSet.status?.availableReplicas ?? 0) === desired
  );
}
