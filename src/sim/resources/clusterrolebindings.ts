import { clusterRoleBindingTable } from '../tables/rolebinding.js';
import { defineResource } from './define.js';
import { validateRbacName } from '../kinds/simple.js';

export const clusterRoleBindings = defineResource({
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  resource: 'clusterrolebindings',
  kind: 'ClusterRoleBinding',
  singular: 'clusterrolebinding',
  namespaced: false,
  generation: 'none',
  table: clusterRoleBindingTable,
  validate: validateRbacName,
});
