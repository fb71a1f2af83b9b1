import { defaultService, validateService } from '../kinds/service.js';
import { defineResource } from './define.js';
import { serviceTable } from '../tables/service.js';

export const services = defineResource({
  group: '',
  version: 'v1',
  resource: 'services',
  kind: 'Service',
  singular: 'service',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  subresources: ['status'],
  statusSubresource: true,
  generation: 'none',
  table: serviceTable,
  defaults: defaultService,
  validate: validateService,
});
