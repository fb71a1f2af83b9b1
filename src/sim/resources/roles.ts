import { defaultTable } from '../tables/default.js';
import { defineResource } from './define.js';
import { validateRole } from '../kinds/rbac.js';

export const roles = defineResource({
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  resource: 'roles',
  kind: 'Role',
  singular: 'role',
  namespaced: true,
  generation: 'none',
  table: defaultTable,
  validate: validateRole,
});
