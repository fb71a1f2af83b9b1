import {
  defaultPersistentVolumeClaim,
  validatePersistentVolumeClaim,
} from '../kinds/persistentvolumeclaim.js';
import { defineResource } from './define.js';
import { persistentVolumeClaimTable } from '../tables/persistentvolumeclaim.js';

export const persistentVolumeClaims = defineResource({
  group: '',
  version: 'v1',
  resource: 'persistentvolumeclaims',
  kind: 'PersistentVolumeClaim',
  singular: 'persistentvolumeclaim',
  namespaced: true,
  shortNames: ['pvc'],
  subresources: ['status'],
  statusSubresource: true,
  generation: 'none',
  table: persistentVolumeClaimTable,
  defaults: defaultPersistentVolumeClaim,
  validate: validatePersistentVolumeClaim,
});
