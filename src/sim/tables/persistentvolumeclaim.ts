/**
 * `kubectl get pvc`: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE, wide
 * VOLUMEMODE. Capacity and access modes are only shown once the claim is bound to a volume.
 */
import type { KubeObject, PersistentVolumeClaim } from '../../kube/types.js';
import type { TableConverter } from '../resources/descriptor.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from './columns.js';

const ACCESS_MODE_ABBREVIATIONS: [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** `GetAccessModesAsString`: `RWO,RWX` in this fixed order, whatever the order in the object. */
export function accessModesString(modes: readonly string[] | undefined): string {
  const present = new Set(modes ?? []);
  return ACCESS_MODE_ABBREVIATIONS.filter(([mode]) => present.has(mode))
    .map(([, short]) => short)
    .join(',');
}

/** `GetPersistentVolumeClaimClass`: the beta annotation wins over `spec.storageClassName`. */
function storageClassOf(claim: PersistentVolumeClaim): string {
  return (
    claim.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ??
    claim.spec?.storageClassName ??
    ''
  );
}

export const persistentVolumeClaimTable: TableConverter = {
  columns: [
    nameColumn(),
    column('Status', 'phase represents the current phase of PersistentVolumeClaim.'),
    column('Volume', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
    column('Capacity', 'capacity represents the actual resources of the underlying volume.'),
    column(
      'Access Modes',
      'accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1',
    ),
    column('StorageClass', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'VolumeAttributesClass of the pvc'),
    ageColumn(),
    column(
      'VolumeMode',
      'volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.',
      { priority: 1 },
    ),
  ],
  cells(object: KubeObject, now: number): unknown[] {
    const claim = object as PersistentVolumeClaim;
    const deleting =
      claim.metadata?.deletionTimestamp !== undefined && claim.metadata.deletionTimestamp !== null;
    const volumeName = claim.spec?.volumeName ?? '';
    const bound = volumeName !== '';
    return [
      nameOf(claim),
      deleting ? 'Terminating' : (claim.status?.phase ?? ''),
      volumeName,
      bound ? (claim.status?.capacity?.['storage'] ?? '0') : '',
      bound ? accessModesString(claim.status?.accessModes) : '',
      storageClassOf(claim),
      claim.spec?.volumeAttributesClassName ?? '<unset>',
      ageOf(claim, now),
      claim.spec?.volumeMode ?? '<unset>',
    ];
  },
};
