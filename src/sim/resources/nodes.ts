import { defaultNode, nodeFieldSelectors, validateNode } from '../kinds/node.js';
import { defineResource } from './define.js';
import { nodeTable } from '../tables/node.js';

export const nodes = defineResource({
  group: '',
  version: 'v1',
  resource: 'nodes',
  kind: 'Node',
  singular: 'node',
  namespaced: false,
  shortNames: ['no'],
  subresources: ['status'],
  statusSubresource: true,
  generation: 'none',
  table: nodeTable,
  defaults: defaultNode,
  validate: validateNode,
  fieldSelectors: nodeFieldSelectors,
});
