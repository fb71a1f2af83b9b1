import { defineResource } from './define.js';
import { resourceQuotaTable } from '../tables/resourcequota.js';
import { validateSubdomainName } from '../kinds/simple.js';

export const resourceQuotas = defineResource({
  group: '',
  version: 'v1',
  resource: 'resourcequotas',
  kind: 'ResourceQuota',
  singular: 'resourcequota',
  namespaced: true,
  shortNames: ['quota'],
  subresources: ['status'],
  statusSubresource: true,
  generation: 'none',
  table: resourceQuotaTable,
  validate: validateSubdomainName,
});
