import { defineResource } from './define.js';
import { roleBindingTable } from '../tables/rolebinding.js';
import { validateRoleBinding, defaultBinding } from '../kinds/rbac.js';

export const roleBindings = defineResource({
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  resource: 'rolebindings',
  kind: 'RoleBinding',
  singular: 'rolebinding',
  namespaced: true,
  generation: 'none',
  table: roleBindingTable,
  validate: validateRoleBinding,
  defaults: defaultBinding,
});
