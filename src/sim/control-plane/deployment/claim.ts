/**
 * `ClaimReplicaSets` (controller_ref_manager.go): a Deployment owns the ReplicaSets with its controller
 * reference that still match its selector, adopts matching orphans (e.g. left by `delete --cascade=orphan`) and
 * releases owned ones that stopped matching. A Deployment being deleted neither adopts nor releases.
 */
import type { ReplicaSet } from '../../../kube/types.js';
import { replicaSets } from '../../resources/replicasets.js';
import {
  controllerRefOf,
  newControllerRef,
  withOwnerRef,
  withoutOwnerRefs,
} from '../shared/owner-references.js';
import { labelSelectorMatcher } from '../../selectors.js';
import type { DeploymentSync } from './deployment-sync.js';

export function claimReplicaSets(sync: DeploymentSync): ReplicaSet[] {
  const deployment = sync.deployment;
  const uid = sync.uid ?? '';
  const matches = labelSelectorMatcher(deployment.spec?.selector);
  const deleting = Boolean(deployment.metadata?.deletionTimestamp);
  const owned: ReplicaSet[] = [];
  const candidates = sync.context.api.list(replicaSets, sync.namespace).items as ReplicaSet[];
  for (const replicaSet of candidates) {
    const reference = controllerRefOf(replicaSet);
    const labels = replicaSet.metadata?.labels;
    if (reference) {
      if (reference.uid !== uid) continue;
      if (matches(labels)) owned.push(replicaSet);
      else if (!deleting) sync.updateReplicaSet(withoutOwnerRefs(replicaSet, new Set([uid])));
    } else if (matches(labels) && !deleting && !replicaSet.metadata?.deletionTimestamp) {
      owned.push(sync.updateReplicaSet(withOwnerRef(replicaSet, newControllerRef(deployment))));
    }
  }
  return owned;
}
