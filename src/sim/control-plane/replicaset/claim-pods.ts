/**
 * `ClaimPods` (controller_ref_manager.go): a ReplicaSet owns the active pods with its controller reference that
 * still match its selector, adopts matching orphans, and releases owned pods whose labels no longer match (the
 * `kubectl label pod … app-` quarantine trick: the pod keeps running, the ReplicaSet replaces it).
 */
import type { KubeObject, Pod, ReplicaSet } from '../../../kube/types.js';
import { pods as podsResource } from '../../resources/pods.js';
import type { ControllerContext } from '../controller.js';
import { CONTROLLER_USERS } from '../shared/controller-users.js';
import {
  controllerRefOf,
  newControllerRef,
  withOwnerRef,
  withoutOwnerRefs,
} from '../shared/owner-references.js';
import type { LabelMatcher } from '../../selectors.js';

const WRITE = { user: CONTROLLER_USERS.replicaSet };

export function claimPods(
  context: ControllerContext,
  replicaSet: ReplicaSet,
  matches: LabelMatcher,
  activePods: readonly Pod[],
): Pod[] {
  const uid = replicaSet.metadata?.uid ?? '';
  const deleting = Boolean(replicaSet.metadata?.deletionTimestamp);
  const namespace = replicaSet.metadata?.namespace;
  const write = (pod: Pod): Pod =>
    context.api.replace(podsResource, namespace, pod.metadata?.name ?? '', pod, WRITE);
  const claimed: Pod[] = [];
  for (const pod of activePods) {
    const reference = controllerRefOf(pod);
    const labels = pod.metadata?.labels;
    if (reference) {
      if (reference.uid !== uid) continue;
      if (matches(labels)) claimed.push(pod);
      else if (!deleting) write(withoutOwnerRefs(pod, new Set([uid])));
    } else if (matches(labels) && !deleting) {
      claimed.push(write(withOwnerRef(pod, newControllerRef(replicaSet as KubeObject))));
    }
  }
  return claimed;
}
