/**
 * Owner references as the controllers and the garbage collector use them (apimachinery `metav1.GetControllerOf`,
 * `NewControllerRef`). `kubectl describe deploy` and `rollout undo` find a Deployment's ReplicaSets by the
 * controller reference's uid, so every object a controller creates carries one.
 */
import type { KubeObject, OwnerReference } from '../../../kube/types.js';

/** The ownerReference marked `controller: true`, if any. */
export function controllerRefOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata?.ownerReferences?.find((reference) => reference.controller === true);
}

export function isControlledBy(object: KubeObject, ownerUid: string | undefined): boolean {
  return ownerUid !== undefined && controllerRefOf(object)?.uid === ownerUid;
}

/** `metav1.NewControllerRef`: blockOwnerDeletion so foreground deletion of the owner waits for this object. */
export function newControllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion ?? '',
    kind: owner.kind ?? '',
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** A copy of `object` without the ownerReferences whose uid is in `ownerUids` (the field is dropped when empty). */
export function withoutOwnerRefs<T extends KubeObject>(object: T, ownerUids: ReadonlySet<string>): T {
  const copy = structuredClone(object);
  const metadata = (copy.metadata ??= {});
  const kept = (metadata.ownerReferences ?? []).filter((reference) => !ownerUids.has(reference.uid));
  if (kept.length > 0) metadata.ownerReferences = kept;
  else delete metadata.ownerReferences;
  return copy;
}

/** A copy of `object` that also names `reference` as an owner (adoption by a controller). */
export function withOwnerRef<T extends KubeObject>(object: T, reference: OwnerReference): T {
  const copy = structuredClone(object);
  const metadata = (copy.metadata ??= {});
  metadata.ownerReferences = [...(metadata.ownerReferences ?? []), reference];
  return copy;
}
