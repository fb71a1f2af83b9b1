import { defineResource } from './define.js';
import { endpointsTable } from '../tables/endpoints.js';
import { validateSubdomainName } from '../kinds/simple.js';

export const endpoints = defineResource({
  group: '',
  version: 'v1',
  resource: 'endpoints',
  kind: 'Endpoints',
  singular: 'endpoints',
  namespaced: true,
  shortNames: ['ep'],
  generation: 'none',
  table: endpointsTable,
  validate: validateSubdomainName,
});
