/**
 * Finding or creating the new ReplicaSet (`getNewReplicaSet`, `getAllReplicaSetsAndSyncRevision`): the
 * ReplicaSet whose template equals the Deployment's. An existing one (including an old one re-used by a
 * rollback) gets its annotations brought up to date and gives the Deployment its revision; otherwise one is
 * created as `<deployment>-<pod-template-hash>` with revision max(old)+1, and `Scaled up replica set … to N`.
 */
import type { ReplicaSet } from '../../../kube/types.js';
import { ApiError } from '../../errors.js';
import type { LabelSelector } from '../../kinds/label-selector.js';
import { newControllerRef, isControlledBy } from '../shared/owner-references.js';
import {
  maxRevision,
  REVISION_ANNOTATION,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  sortedKeys,
} from './annotations.js';
import { newCondition, getCondition, PROGRESSING, REASONS, setCondition } from './conditions.js';
import type { DeploymentSync } from './deployment-sync.js';
import { newReplicaSetReplicas } from './new-replica-count.js';
import { computePodTemplateHash, equalIgnoreHash, POD_TEMPLATE_HASH_LABEL } from './pod-template-hash.js';
import { findNewReplicaSet } from './replica-set-lists.js';
import { hasProgressDeadline, minReadySeconds, podTemplate } from './spec.js';

export type ReplicaSetsOfDeployment = { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] };

export function getAllReplicaSetsAndSyncRevision(
  sync: DeploymentSync,
  replicaSets: readonly ReplicaSet[],
  createIfNotExisted: boolean,
): ReplicaSetsOfDeployment {
  const existingNew = findNewReplicaSet(sync.deployment, replicaSets);
  const oldRSs = replicaSets.filter((rs) => rs !== existingNew);
  const newRS = getNewReplicaSet(sync, existingNew, oldRSs, createIfNotExisted);
  return { newRS, oldRSs };
}

function getNewReplicaSet(
  sync: DeploymentSync,
  existing: ReplicaSet | undefined,
  oldRSs: readonly ReplicaSet[],
  createIfNotExisted: boolean,
): ReplicaSet | undefined {
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) return syncExistingNewReplicaSet(sync, existing, newRevision);
  if (!createIfNotExisted) return undefined;
  return createNewReplicaSet(sync, oldRSs, newRevision);
}

function syncExistingNewReplicaSet(
  sync: DeploymentSync,
  existing: ReplicaSet,
  newRevision: number,
): ReplicaSet {
  const deployment = sync.deployment;
  const copy = structuredClone(existing);
  const annotationsUpdated = setNewReplicaSetAnnotations(deployment, copy, newRevision, true);
  const minReady = minReadySeconds(deployment);
  if (annotationsUpdated || (copy.spec?.minReadySeconds ?? 0) !== minReady) {
    copy.spec = { ...copy.spec!, minReadySeconds: minReady === 0 ? undefined : minReady };
    // The Deployment's revision follows on the next sync, from the ReplicaSet as stored.
    return sync.updateReplicaSet(copy);
  }
  let needsUpdate = setDeploymentRevision(
    deployment,
    copy.metadata?.annotations?.[REVISION_ANNOTATION] ?? '',
  );
  // A Deployment without a Progressing condition starts measuring progress from here.
  if (hasProgressDeadline(deployment) && !getCondition(deployment.status, PROGRESSING)) {
    const message = `Found new replica set "${copy.metadata?.name}"`;
    deployment.status ??= {};
    setCondition(
      deployment.status,
      newCondition(PROGRESSING, 'True', REASONS.foundNewReplicaSet, message, sync.nowTime()),
    );
    needsUpdate = true;
  }
  if (needsUpdate) sync.updateStatus();
  return copy;
}

function withHashLabel(selector: LabelSelector | undefined, hash: string): LabelSelector {
  const copy = structuredClone(selector ?? {});
  copy.matchLabels = sortedKeys({ ...copy.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash });
  return copy;
}

function createNewReplicaSet(
  sync: DeploymentSync,
  oldRSs: readonly ReplicaSet[],
  newRevision: number,
): ReplicaSet {
  const deployment = sync.deployment;
  const template = structuredClone(podTemplate(deployment));
  const hash = computePodTemplateHash(template, deployment.status?.collisionCount);
  const labels = sortedKeys({ ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash });
  template.metadata = { ...template.metadata, labels };
  const minReady = minReadySeconds(deployment);
  const replicaSet: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${sync.name}-${hash}`,
      namespace: sync.namespace,
      labels,
      ownerReferences: [newControllerRef(deployment)],
    },
    spec: {
      replicas: 0,
      ...(minReady > 0 ? { minReadySeconds: minReady } : {}),
      selector: withHashLabel(deployment.spec?.selector, hash),
      template,
    },
  };
  const replicas = newReplicaSetReplicas(deployment, [...oldRSs, replicaSet], replicaSet);
  replicaSet.spec!.replicas = replicas;
  setNewReplicaSetAnnotations(deployment, replicaSet, newRevision, false);

  let created: ReplicaSet;
  let alreadyExisted = false;
  try {
    created = sync.createReplicaSet(replicaSet);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const reused = error.code === 409 ? adoptableExisting(sync, replicaSet.metadata!.name!) : undefined;
    if (!reused) {
      if (error.code === 409) recordHashCollision(sync);
      else reportCreateFailure(sync, replicaSet.metadata!.name!, error);
      throw error;
    }
    created = reused;
    alreadyExisted = true;
  }

  const name = created.metadata?.name ?? '';
  if (!alreadyExisted && replicas > 0)
    sync.normalEvent('ScalingReplicaSet', `Scaled up replica set ${name} to ${replicas}`);
  let needsUpdate = setDeploymentRevision(deployment, String(newRevision));
  if (!alreadyExisted && hasProgressDeadline(deployment)) {
    deployment.status ??= {};
    const message = `Created new replica set "${name}"`;
    setCondition(
      deployment.status,
      newCondition(PROGRESSING, 'True', REASONS.newReplicaSetCreated, message, sync.nowTime()),
    );
    needsUpdate = true;
  }
  if (needsUpdate) sync.updateStatus();
  return created;
}

/** A ReplicaSet of that name that is ours and has our template: a stale view, not a collision. */
function adoptableExisting(sync: DeploymentSync, name: string): ReplicaSet | undefined {
  const existing = sync.findReplicaSet(name);
  if (!existing || !isControlledBy(existing, sync.uid)) return undefined;
  return equalIgnoreHash(existing.spec?.template, podTemplate(sync.deployment)) ? existing : undefined;
}

/** Another template hashed to the same name: bump collisionCount so the next sync computes a different hash. */
function recordHashCollision(sync: DeploymentSync): void {
  const status = (sync.deployment.status ??= {});
  status.collisionCount = (status.collisionCount ?? 0) + 1;
  sync.updateStatus();
}

function reportCreateFailure(sync: DeploymentSync, name: string, error: ApiError): void {
  // Creates in a terminating namespace all fail; the namespace controller is removing everything anyway.
  if (error.message.includes('because it is being terminated')) return;
  const message = `Failed to create new replica set "${name}": ${error.message}`;
  if (hasProgressDeadline(sync.deployment)) {
    sync.deployment.status ??= {};
    setCondition(
      sync.deployment.status,
      newCondition(PROGRESSING, 'False', REASONS.replicaSetCreateError, message, sync.nowTime()),
    );
    sync.updateStatus();
  }
  sync.warningEvent(REASONS.replicaSetCreateError, message);
}
