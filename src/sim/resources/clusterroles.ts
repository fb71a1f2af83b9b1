import { defaultTable } from '../tables/default.js';
import { defineResource } from './define.js';
import { validateClusterRole } from '../kinds/rbac.js';

export const clusterRoles = defineResource({
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  resource: 'clusterroles',
  kind: 'ClusterRole',
  singular: 'clusterrole',
  namespaced: false,
  generation: 'none',
  table: defaultTable,
  validate: validateClusterRole,
});
