/**
 * PersistentVolumeClaim behaviour: volumeMode Filesystem, phase Pending, the default StorageClass when none is
 * named (DefaultStorageClass admission), and the required access modes and storage request.
 */
import type { KubeObject, PersistentVolumeClaim, StorageClass } from '../../kube/types.js';
import { type FieldError, fieldErrors } from '../errors.js';
import { type DefaultingContext, storageKey } from '../resources/descriptor.js';
import { isDefaultStorageClass } from '../tables/storageclass.js';
import { dns1123Subdomain, validateObjectName } from './names.js';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

/** The newest default class wins, as in the admission plugin when several are marked default. */
function defaultStorageClassName(context: DefaultingContext): string | undefined {
  const defaults = (context.store.list(storageKey('storage.k8s.io', 'storageclasses')) as StorageClass[])
    .filter(isDefaultStorageClass)
    .sort((a, b) => (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? ''));
  return defaults[0]?.metadata?.name;
}

export function defaultPersistentVolumeClaim(
  object: KubeObject,
  context: DefaultingContext,
  old: KubeObject | undefined,
): void {
  const claim = object as PersistentVolumeClaim;
  const spec = (claim.spec ??= {});
  spec.volumeMode ||= 'Filesystem';
  if (old) return;
  const annotatedClass = claim.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (spec.storageClassName === undefined && annotatedClass === undefined) {
    const name = defaultStorageClassName(context);
    if (name) spec.storageClassName = name;
  }
  const status = (claim.status ??= {});
  status.phase ||= 'Pending';
}

export function validatePersistentVolumeClaim(object: KubeObject): FieldError[] {
  const claim = object as PersistentVolumeClaim;
  const errors = validateObjectName(claim, dns1123Subdomain);
  const modes = claim.spec?.accessModes ?? [];
  if (modes.length === 0)
    errors.push(fieldErrors.required('spec.accessModes', 'at least 1 access mode is required'));
  for (const mode of modes) {
    if (!ACCESS_MODES.includes(mode))
      errors.push(fieldErrors.notSupported('spec.accessModes', mode, ACCESS_MODES));
  }
  if (claim.spec?.resources?.requests?.['storage'] === undefined) {
    errors.push(fieldErrors.required('spec.resources[storage]'));
  }
  return errors;
}
