/**
 * The VolumeBinding PreFilter: a pod whose PersistentVolumeClaims are missing, being deleted, or not yet bound
 * (with an Immediate binding mode) fits no node at all. The message replaces the per-node reasons in
 * FailedScheduling (`0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. …`).
 */
import type { PersistentVolumeClaim, Pod, StorageClass } from '../../../kube/types.js';
import type { ClusterApi } from '../../api/cluster-api.js';
import { persistentVolumeClaims } from '../../resources/persistentvolumeclaims.js';
import { storageClasses } from '../../resources/storageclasses.js';

const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

function storageClassOf(api: ClusterApi, claim: PersistentVolumeClaim): StorageClass | undefined {
  const name = claim.spec?.storageClassName;
  if (name) return api.find(storageClasses, undefined, name) as StorageClass | undefined;
  if (name === '') return undefined;
  return (api.list(storageClasses, undefined).items as StorageClass[]).find(
    (candidate) => candidate.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true',
  );
}

/** WaitForFirstConsumer claims are bound after scheduling, so being unbound does not block the pod. */
function waitsForFirstConsumer(api: ClusterApi, claim: PersistentVolumeClaim): boolean {
  return storageClassOf(api, claim)?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** The PreFilter rejection message, or undefined when the pod's claims allow scheduling. */
export function volumeBindingRejection(api: ClusterApi, pod: Pod): string | undefined {
  const namespace = pod.metadata?.namespace;
  const claims: PersistentVolumeClaim[] = [];
  for (const volume of pod.spec?.volumes ?? []) {
    const claimName = volume.persistentVolumeClaim?.claimName;
    if (!claimName) continue;
    const claim = api.find(persistentVolumeClaims, namespace, claimName) as PersistentVolumeClaim | undefined;
    if (!claim) return `persistentvolumeclaim "${claimName}" not found`;
    if (claim.metadata?.deletionTimestamp) return `persistentvolumeclaim "${claimName}" is being deleted`;
    claims.push(claim);
  }
  const unboundImmediate = claims.some(
    (claim) => claim.status?.phase !== 'Bound' && !waitsForFirstConsumer(api, claim),
  );
  return unboundImmediate ? 'pod has unbound immediate PersistentVolumeClaims' : undefined;
}
