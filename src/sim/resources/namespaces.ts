import { defaultNamespace, namespaceFieldSelectors, validateNamespace } from '../kinds/namespace.js';
import { defineResource } from './define.js';
import { namespaceTable } from '../tables/namespace.js';

export const namespaces = defineResource({
  group: '',
  version: 'v1',
  resource: 'namespaces',
  kind: 'Namespace',
  singular: 'namespace',
  namespaced: false,
  shortNames: ['ns'],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: ['status'],
  statusSubresource: true,
  generation: 'none',
  table: namespaceTable,
  defaults: defaultNamespace,
  validate: validateNamespace,
  fieldSelectors: namespaceFieldSelectors,
});
