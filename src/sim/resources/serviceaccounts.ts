import { defineResource } from './define.js';
import { serviceAccountTable } from '../tables/serviceaccount.js';
import { validateSubdomainName } from '../kinds/simple.js';

export const serviceAccounts = defineResource({
  group: '',
  version: 'v1',
  resource: 'serviceaccounts',
  kind: 'ServiceAccount',
  singular: 'serviceaccount',
  namespaced: true,
  shortNames: ['sa'],
  generation: 'none',
  table: serviceAccountTable,
  validate: validateSubdomainName,
});
