import { clusterRoleBindingTable } from '../tables/rolebinding.js';
import { defineResource } from './define.js';
import { validateClusterRoleBinding, defaultBinding } from '../kinds/rbac.js';

export const clusterRoleBindings = defineResource({
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  resource: 'clusterrolebindings',
  kind: 'ClusterRoleBinding',
  singular: 'clusterrolebinding',
  namespaced: false,
  generation: 'none',
  table: clusterRoleBindingTable,
  validate: validateClusterRoleBinding,
  defaults: defaultBinding,
});
