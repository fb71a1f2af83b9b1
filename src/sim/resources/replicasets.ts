import { defaultReplicaSet, replicaSetFieldSelectors, validateReplicaSet } from '../kinds/replicaset.js';
import { defineResource } from './define.js';
import { replicaSetTable } from '../tables/replicaset.js';

export const replicaSets = defineResource({
  group: 'apps',
  version: 'v1',
  resource: 'replicasets',
  kind: 'ReplicaSet',
  singular: 'replicaset',
  namespaced: true,
  shortNames: ['rs'],
  categories: ['all'],
  subresources: ['status', 'scale'],
  statusSubresource: true,
  table: replicaSetTable,
  defaults: defaultReplicaSet,
  validate: validateReplicaSet,
  fieldSelectors: replicaSetFieldSelectors,
});
