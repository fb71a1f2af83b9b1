import { defineResource } from './define.js';
import { storageClassTable } from '../tables/storageclass.js';
import { validateSubdomainName } from '../kinds/simple.js';

export const storageClasses = defineResource({
  group: 'storage.k8s.io',
  version: 'v1',
  resource: 'storageclasses',
  kind: 'StorageClass',
  singular: 'storageclass',
  namespaced: false,
  shortNames: ['sc'],
  generation: 'none',
  table: storageClassTable,
  validate: validateSubdomainName,
});
