/**
 * `kubectl get storageclasses`: NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE, the name
 * suffixed ` (default)` for the default class.
 */
import type { KubeObject, StorageClass } from '../../kube/types.js';
import type { TableConverter } from '../resources/descriptor.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from './columns.js';

const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

/** `storageutil.IsDefaultAnnotation`: either annotation set to exactly `true`. */
export function isDefaultStorageClass(storageClass: StorageClass): boolean {
  const annotations = storageClass.metadata?.annotations ?? {};
  return DEFAULT_CLASS_ANNOTATIONS.some((key) => annotations[key] === 'true');
}

export const storageClassTable: TableConverter = {
  columns: [
    nameColumn(),
    column('Provisioner', 'provisioner indicates the type of the provisioner.'),
    column(
      'ReclaimPolicy',
      'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.',
    ),
    column(
      'VolumeBindingMode',
      'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature.',
    ),
    column(
      'AllowVolumeExpansion',
      'allowVolumeExpansion shows whether the storage class allow volume expand.',
    ),
    ageColumn(),
  ],
  cells(object: KubeObject, now: number): unknown[] {
    const storageClass = object as StorageClass;
    const name = nameOf(storageClass) + (isDefaultStorageClass(storageClass) ? ' (default)' : '');
    return [
      name,
      storageClass.provisioner ?? '',
      storageClass.reclaimPolicy ?? 'Delete',
      storageClass.volumeBindingMode ?? 'Immediate',
      storageClass.allowVolumeExpansion ?? false,
      ageOf(storageClass, now),
    ];
  },
};
